"""Benchmark a batch run: N sample-sized documents with ``--jobs J``, end to end.

Run:  python benchmarks/batch_bench.py [--documents 1000] [--jobs 2] [--runs 5] [--format concise] [--mixed]

Copies the sample document N times (``--mixed``: the six example documents in turn, which
share fewer titles and labels than copies do, so budgetlint's per-text memos help less)
into a temporary directory, runs the installed
``budgetlint`` CLI on the directory and reports wall time and peak memory: the sum of
the resident set sizes (RSS) of the CLI process and all its worker processes, sampled
every 10 ms from /proc (Linux), and the same sum in proportional set size (PSS, which
counts pages shared between the forked workers once). Times come from runs without the
sampler (reading /proc that often takes a share of the two cores the workers need and
added ~2 s to a 14 s run); memory from one more run with it. Several runs, best and
median: the machine may be shared. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "xinzhou-2023-unit-budget.txt"


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        current = stack.pop()
        pids.append(current)
        stack.extend(_children(current))
    return pids


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in kB of one process, 0 when it has gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def run_once(command: list[str], sample_memory: bool = False) -> tuple[float, float, float, float]:
    """(seconds, peak total RSS MB, peak total PSS MB, CPU seconds of all processes) of one run;
    the memory figures are 0 unless ``sample_memory``."""
    import resource

    peak = [0, 0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            totals = [0, 0]
            for pid in _tree(process.pid):
                rss, pss = _memory_kb(pid)
                totals[0] += rss
                totals[1] += pss
            peak[0], peak[1] = max(peak[0], totals[0]), max(peak[1], totals[1])
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    if sample_memory:
        sampler.start()
    process.wait()
    elapsed = time.perf_counter() - start
    done.set()
    if sample_memory:
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the CLI and, through it, its workers
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, peak[0] / 1024, peak[1] / 1024, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--format", default="concise")
    parser.add_argument("--mixed", action="store_true", help="all example documents in turn, not copies of the sample")
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("budgetlint"))
    if not Path(exe).exists():
        exe = shutil.which("budgetlint") or exe
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"load average before the runs {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory(prefix="budgetlint-bench-") as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        sources = sorted(SAMPLE.parent.glob("*.txt")) if args.mixed else [SAMPLE]
        contents = [source.read_bytes() for source in sources]
        for i in range(args.documents):
            (folder / f"doc-{i:05d}.txt").write_bytes(contents[i % len(contents)])
        command = [
            exe,
            "--jobs",
            str(args.jobs),
            "--format",
            args.format,
            "--output-file",
            str(Path(tmp) / f"out.{args.format}"),
            str(folder),
        ]
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)  # warm caches
        runs = [run_once(command) for _ in range(args.runs)]
        memory = run_once(command, sample_memory=True)
    times = [r[0] for r in runs]
    cpu = [r[3] for r in runs]
    what = f"the {len(sources)} examples in turn" if args.mixed else SAMPLE.name
    size = sum(len(c) for c in contents) // len(contents) // 1024
    print(
        f"{args.documents} x {what} ({size} KB on average), --jobs {args.jobs}, "
        f"--format {args.format}, {args.runs} runs"
    )
    print(
        f"  wall time: best {min(times):.2f} s, median {statistics.median(times):.2f} s "
        f"({args.documents / statistics.median(times):.0f} documents/s)"
    )
    print(
        f"  CPU time of all processes: best {min(cpu):.2f} s, median {statistics.median(cpu):.2f} s "
        f"({1000 * min(cpu) / args.documents:.1f} ms per document at best; on an otherwise idle machine "
        f"the wall time approaches CPU / jobs = {min(cpu) / args.jobs:.1f} s)"
    )
    print(
        f"  peak memory (one more run, sampled every 10 ms), sum of RSS of the CLI and its workers: "
        f"{memory[1]:.0f} MB; sum of PSS: {memory[2]:.0f} MB"
    )


if __name__ == "__main__":
    main()
