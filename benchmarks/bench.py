"""Benchmark budgetlint: cold CLI start, warm parse+lint, and scaling with document size.

Run:  python benchmarks/bench.py [--runs N] [--baseline CHECKOUT] [--cold-only]
Prints medians; the figures in README.md come from this script. Not a test:
timings depend on the machine. The cold start is timed interleaved with the
previous release (the checkout given by --baseline, with its own .venv) and with
``python -c "import click, lark, pluggy"``, the floor of any program built on them.
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


#: The previous release's checkout, whose virtual environment the cold start is compared with.
BASELINE = Path("/work/wt-baseline")
#: The floor any click + Lark + pluggy program pays: the target is budgetlint within 1.5x of it.
FLOOR_IMPORTS = "import click, lark, pluggy"
TARGET_RATIO = 1.5


def budgetlint_executable(python: Path) -> str:
    """The ``budgetlint`` console script installed beside interpreter ``python``."""
    exe = python.with_name("budgetlint")
    if exe.exists():
        return str(exe)
    return shutil.which("budgetlint") or str(exe)


def cold_starts(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Wall times of each command, run interleaved (one of each per round), so a change in
    the machine's load during the benchmark (shared VMs vary a lot) hits every command alike.

    As on a user's machine: bytecode caching on (some shells set PYTHONDONTWRITEBYTECODE,
    which makes every start recompile), and one untimed run of each first to write the
    .pyc files and budgetlint's cache (analysed grammars, parsed profiles).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in commands.values():
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
            times[label].append(time.perf_counter() - start)
    return times


def report_cold_starts(runs: int, baseline: Path) -> None:
    """Print the cold-start medians of this checkout, the previous release and the floor."""
    commands = {"this branch": [budgetlint_executable(Path(sys.executable)), str(SAMPLE)]}
    baseline_python = baseline / ".venv" / "bin" / "python"
    if baseline_python.exists():
        commands["previous release"] = [budgetlint_executable(baseline_python), str(SAMPLE)]
    else:
        print(f"(no previous release to compare: {baseline_python} is missing)")
    commands["floor"] = [sys.executable, "-c", FLOOR_IMPORTS]
    times = cold_starts(commands, runs)
    medians = {label: statistics.median(values) for label, values in times.items()}
    floor = medians["floor"]
    print(f"cold start, {runs} interleaved runs each (median, min):")
    for label, values in times.items():
        shown = "python -c '" + FLOOR_IMPORTS + "'" if label == "floor" else f"budgetlint {SAMPLE.name}"
        ratio = "" if label == "floor" else f" = {medians[label] / floor:.2f}x the floor"
        print(f"  {label:<16} {shown}: {medians[label] * 1000:.0f} ms, {min(values) * 1000:.0f} ms{ratio}")
    if "previous release" in medians:
        change = medians["this branch"] / medians["previous release"]
        print(f"  this branch / previous release: {change:.2f}x")
    verdict = "met" if medians["this branch"] <= TARGET_RATIO * floor else "missed"
    print(f"  target (<= {TARGET_RATIO}x the floor): {verdict}")


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
    parser.add_argument(
        "--baseline", type=Path, default=BASELINE, help="checkout of the previous release (with its .venv)"
    )
    parser.add_argument("--cold-only", action="store_true", help="measure only the cold start")
    args = parser.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}")
    report_cold_starts(args.runs, args.baseline)
    if args.cold_only:
        return
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
