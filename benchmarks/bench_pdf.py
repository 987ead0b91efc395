"""Benchmark the PDF reader: pages per second, against pdfplumber's own ``extract_text``.

Run:  python benchmarks/bench_pdf.py [--runs N] [PDF...]
For each PDF (default: tests/fixtures/pdf/*.pdf) prints the median seconds and pages
per second of (a) pdfplumber opening the file and calling ``page.extract_text()`` on
every page, (b) budgetlint's reader (tables, text lines, joins, source map) and (c)
the reader plus parse and lint. The reader must stay within 2x of (a). Not a test:
timings depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"


def pdfplumber_text(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        count = 0
        for page in pdf.pages:
            page.extract_text()
            page.close()
            count += 1
    return count


def budgetlint_reader(path: str) -> int:
    from budgetlint.read import read_pdf

    return len(read_pdf(path).text)


def budgetlint_lint(path: str) -> int:
    from budgetlint.run.options import Config
    from budgetlint.run.runner import lint_file

    return len(lint_file(path, Config()).diagnostics)


def median_seconds(function, path: str, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("pdfs", nargs="*")
    args = parser.parse_args()
    paths = args.pdfs or [str(p) for p in sorted(FIXTURES.glob("*.pdf"))]
    budgetlint_lint(paths[0])  # load plugins, compile the grammar, import pdfplumber
    print(f"Python {sys.version.split()[0]}; median of {args.runs} runs")
    print(f"{'file':<56} {'pages':>5} {'pdfplumber':>12} {'reader':>12} {'ratio':>6} {'reader+lint':>12}")
    totals = [0, 0.0, 0.0, 0.0]
    for path in paths:
        pages = pdfplumber_text(path)
        base = median_seconds(pdfplumber_text, path, args.runs)
        reader = median_seconds(budgetlint_reader, path, args.runs)
        linted = median_seconds(budgetlint_lint, path, args.runs)
        for i, value in enumerate((pages, base, reader, linted)):
            totals[i] += value
        print(
            f"{Path(path).name:<56} {pages:>5} {pages / base:>8.1f} p/s {pages / reader:>8.1f} p/s "
            f"{reader / base:>5.2f}x {pages / linted:>8.1f} p/s"
        )
    pages, base, reader, linted = totals
    print(
        f"{'all':<56} {pages:>5} {pages / base:>8.1f} p/s {pages / reader:>8.1f} p/s "
        f"{reader / base:>5.2f}x {pages / linted:>8.1f} p/s  (limit 2.00x)"
    )


if __name__ == "__main__":
    main()
