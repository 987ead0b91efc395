"""The long fuzz run: many budget-shaped documents (tests/budget_shapes.py), seeded, in parallel.

Run:  nice -n 19 python benchmarks/fuzz_long.py [--inputs 100000] [--seed 17] [--jobs 1]

Input i is generated from ``random.Random(f"{seed}-{i}")``, so any input the run reports is
rebuilt with ``--show I``. Checks each as the property suite does (no rule crashes, exit status
0 or 1, valid JSON) and prints the inputs run, the crashes (with their indices), the slowest
input and its time (also when stopped early with SIGINT). Exit status 1 when an input failed a
check. Not a test: it runs for an hour or more.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.budget_shapes import check_document, document  # noqa: E402


def generated(seed: int, index: int) -> str:
    return document(random.Random(f"{seed}-{index}"))


def _warm_up() -> None:
    """Load the grammars and profiles before the clock runs: the slowest input is an input's."""
    check_document(generated(0, 0))


def _run(work: tuple[int, int]) -> tuple[int, float, str | None, int]:
    seed, index = work
    text = generated(seed, index)
    checked = check_document(text, f"fuzz-{index}.txt")
    return index, checked.seconds, checked.problem, len(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1: leave a core free)")
    parser.add_argument("--show", type=int, metavar="I", help="print input I of the seed and exit")
    args = parser.parse_args()
    if args.show is not None:
        sys.stdout.write(generated(args.seed, args.show))
        return 0
    started = time.perf_counter()
    crashes: list[tuple[int, str]] = []
    slowest = (-1, 0.0, 0)
    characters = 0
    done = 0
    pool = multiprocessing.Pool(args.jobs, initializer=_warm_up)
    try:
        work = ((args.seed, i) for i in range(args.inputs))
        for index, seconds, problem, size in pool.imap_unordered(_run, work, chunksize=64):
            done += 1
            characters += size
            if problem is not None:
                crashes.append((index, problem))
                print(f"input {index}: {problem}", flush=True)
            if seconds > slowest[1]:
                slowest = (index, seconds, size)
            if done % 2000 == 0:
                print(
                    f"... {done} inputs, {len(crashes)} crashes, slowest {slowest[1] * 1000:.0f} ms (input"
                    f" {slowest[0]}), {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
    except KeyboardInterrupt:  # stopped early (Ctrl-C, SIGINT): the figures so far
        print("interrupted", flush=True)
    finally:
        pool.terminate()
    elapsed = time.perf_counter() - started
    print(f"inputs run: {done} (seed {args.seed}, {characters / max(done, 1):.0f} characters on average)")
    print(f"crashes: {len(crashes)}" + (f" (inputs {', '.join(str(i) for i, _ in crashes[:20])})" if crashes else ""))
    print(f"slowest input: {slowest[0]} ({slowest[2]} characters), {slowest[1] * 1000:.0f} ms CPU")
    print(f"wall time: {elapsed:.0f} s with {args.jobs} worker(s), {elapsed / max(done, 1) * 1000:.1f} ms per input")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
