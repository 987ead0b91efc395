"""Benchmark budgetlint: cold CLI start, warm parse+lint, and scaling with document size.

Run:  python benchmarks/bench.py [--runs N]
Prints medians; the figures in README.md come from this script. Not a test:
timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "xinzhou-2023-unit-budget.txt"


def cold_cli(runs: int) -> tuple[list[float], list[float]]:
    """Wall times of the cold CLI on the sample, and of ``python -c "import click"`` run
    interleaved with it: the floor any click-based CLI pays, which shows how fast the
    machine is at the moment (it varies a lot on shared VMs)."""
    exe = str(Path(sys.executable).with_name("budgetlint"))
    if not Path(exe).exists():
        exe = shutil.which("budgetlint") or exe
    # As on a user's machine: bytecode caching on (some shells set PYTHONDONTWRITEBYTECODE),
    # and one untimed run first to write the .pyc files and budgetlint's cache (compiled grammars).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [exe, str(SAMPLE)]
    floor_command = [sys.executable, "-c", "import click"]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    times, floor = [], []
    for _ in range(runs):
        for target, cmd in ((times, command), (floor, floor_command)):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
            target.append(time.perf_counter() - start)
    return times, floor


def warm(text: str, runs: int) -> tuple[float, float]:
    """(median, minimum) seconds of parse+lint in a process that has linted before."""
    from budgetlint.run.options import Config
    from budgetlint.run.runner import lint_document_text

    config = Config()
    lint_document_text(text, "warm.txt", config)  # load plugins, compile grammar
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        lint_document_text(text, "warm.txt", config)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}")
    cold, floor = cold_cli(args.runs)
    print(
        f"cold `budgetlint {SAMPLE.name}` ({args.runs} runs): median {statistics.median(cold) * 1000:.0f} ms, "
        f"min {min(cold) * 1000:.0f} ms (python -c 'import click' alone: median "
        f"{statistics.median(floor) * 1000:.0f} ms, min {min(floor) * 1000:.0f} ms)"
    )
    one, one_min = warm(text, args.runs)
    print(
        f"warm parse+lint of the sample ({len(text.splitlines())} lines): median {one * 1000:.1f} ms, min {one_min * 1000:.1f} ms"
    )
    big = "\n".join([text] * 40)
    forty, forty_min = warm(big, max(3, args.runs // 5))
    print(
        f"warm parse+lint of 40x the sample: median {forty * 1000:.0f} ms = {forty / one:.1f}x the time; "
        f"min {forty_min * 1000:.0f} ms = {forty_min / one_min:.1f}x (limit 50x)"
    )


if __name__ == "__main__":
    main()
