"""Time and peak memory of the readers on hostile binary inputs (issue 17, "Time and memory are bounded").

Run:  python benchmarks/reader_bounds.py [--python PYTHON] [--timeout S] [--only NAME]

Builds each input in a temporary folder (nothing is stored): a .docx whose zip directory
understates a member, a .docx table row claiming millions of grid columns, text boxes nested
in table cells, a .docx of millions of empty paragraphs, a 4.6 MB .xlsx of 1.8 million cells,
a PDF page of 10 million ``q``/``Q`` operators (40 KB compressed), a Flate bomb (about 600 KB
inflating to 1.2 GB) and a 200,000-page PDF. Each is read by budgetlint's reader in a child
process of ``PYTHON`` (default: this interpreter; give another checkout's venv for "before"):
prints the seconds, the child's peak RSS (``wait4``), and what the reader returned (the text's
size, or the BL001 reason). A child still running after ``--timeout`` seconds is killed.
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import hostile_inputs as hostile  # noqa: E402 - after the path set-up

_CHILD = """
import sys
from budgetlint.read import read_docx, read_pdf, read_xlsx
from budgetlint.read.base import ReaderError
reader = {"docx": read_docx, "xlsx": read_xlsx, "pdf": read_pdf}[sys.argv[1].rsplit(".", 1)[1]]
try:
    print(f"text {len(reader(sys.argv[1]).text.encode())} bytes")
except ReaderError as exc:
    print("BL001:", exc.reason_en[:90])
"""


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def inputs(folder: Path) -> dict[str, Callable[[], Path]]:
    """Name → builder of each hostile input, at the sizes the issue measured."""
    return {
        "understated-zip": lambda: hostile.understated_docx(folder / "understated.docx", real_bytes=1900 * 2**20),
        "wide-grid-docx": lambda: hostile.wide_grid_docx(folder / "grid.docx", rows=2000),
        "nested-docx": lambda: hostile.nested_docx(folder / "nested.docx", depth=80, cells=3000),
        "many-elements-docx": lambda: hostile.many_elements_docx(folder / "elements.docx", paragraphs=10_000_000),
        "big-xlsx": lambda: hostile.big_xlsx(folder / "big.xlsx", rows=90_000, columns=20),
        "q-Q-pdf": lambda: _write(folder / "qq.pdf", hostile.q_operators_pdf(5_000_000)),
        "flate-bomb-pdf": lambda: _write(folder / "bomb.pdf", hostile.flate_bomb_pdf(1200 * 2**20)),
        "200k-page-pdf": lambda: _write(folder / "pages.pdf", hostile.many_pages_pdf(200_000)),
    }


def measure(python: str, path: Path, timeout: float) -> tuple[float, int, str]:
    """(seconds, peak RSS in MB, the child's answer) of reading ``path`` in a child process."""
    start = time.monotonic()
    child = subprocess.Popen([python, "-c", _CHILD, str(path)], stdout=subprocess.PIPE, text=True)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            child.send_signal(signal.SIGKILL)
            pid, status, usage = os.wait4(child.pid, 0)
            return time.monotonic() - start, usage.ru_maxrss // 1024, f"killed after {timeout:.0f} s"
        time.sleep(0.05)
    elapsed = time.monotonic() - start
    answer = child.stdout.read().strip() if child.stdout else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss // 1024, answer or f"exit {child.returncode}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter with budgetlint installed")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", action="append", help="run only this input (repeatable)")
    parser.add_argument("--build", nargs=2, metavar=("NAME", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        print(inputs(Path(args.build[1]))[args.build[0]]())
        return
    with tempfile.TemporaryDirectory() as folder:
        for name in inputs(Path(folder)):
            if args.only and name not in args.only:
                continue
            # Built in a child of its own: the measured child is forked from this process, and
            # Linux counts the parent's memory at the fork in the child's peak RSS.
            built = subprocess.run(
                [sys.executable, __file__, "--build", name, folder], check=True, capture_output=True, text=True
            )
            path = Path(built.stdout.strip())
            seconds, rss, answer = measure(args.python, path, args.timeout)
            size = path.stat().st_size / 1024
            print(f"{name:20} {size:8.0f} KB {seconds:8.1f} s {rss:7d} MB  {answer}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
