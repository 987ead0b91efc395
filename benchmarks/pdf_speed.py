"""Speed of the two PDF engines, stage by stage, in interleaved runs on the corpus PDFs.

Run:  nice -n 19 python benchmarks/pdf_speed.py [--runs N] [DIR|PDF ...]
(default: every PDF under ../shared/corpus, wide/ and its subfolders included).

Each run reads every PDF once with pdfplumber and once with PDFium, alternating the
order file by file so that a busy machine slows both alike, and times the stages:

- ``objects``: the page's characters, lines and rectangles (pdfminer's parsing and layout
  analysis; PDFium's parsing and this reader's conversion to pdfplumber's objects);
- ``layout``: pdfplumber's table finding, cell text and running-text lines (the reader's
  ``_read_page``: the same code for both engines, on the objects of the first stage);
- ``assemble``: headers and footers, wrapped sentences, the source map;
- ``lint``: budgetlint's parsing and every rule on the text (the same for both).

Prints pages per second for each engine, read only and end to end, the median over the
runs of each stage's total, and the speed-up. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
STAGES = ("objects", "layout", "assemble", "lint")


class Clock:
    """Seconds per stage of one engine's run."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._mark = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] += now - self._mark
        self._mark = now


def _page_stages(page: Any, clock: Clock) -> Any:
    """The reader's page reading, its objects first (pdfminer's layout; PDFium's are already given)."""
    from budgetlint.read import pdf

    page.objects  # noqa: B018 - computed once and cached on the page
    clock.lap("objects")
    read = pdf._read_page(page)
    clock.lap("layout")
    return read


def plumber_pages(path: str, clock: Clock) -> Iterator[Any]:
    import pdfplumber

    with pdfplumber.open(path) as document:
        for page in document.pages:
            clock.lap("objects")
            yield _page_stages(page, clock)
            page.close()


def pdfium_pages(path: str, clock: Clock) -> Iterator[Any]:
    import pypdfium2

    from budgetlint.read import pdfium

    document = pypdfium2.PdfDocument(path)
    try:
        doctop = 0.0
        for index in range(len(document)):
            page = pdfium._page(document, index, doctop)
            doctop += float(page.height)
            clock.lap("objects")
            yield _page_stages(page, clock)
    finally:
        document.close()


def run_engine(path: str, pages: Callable[[str, Clock], Iterator[Any]]) -> tuple[int, dict[str, float]]:
    from budgetlint.read import pdf
    from budgetlint.run.options import Config
    from budgetlint.run.runner import lint_document_text

    clock = Clock()
    read = list(pages(path, clock))
    document = pdf._assemble(read)
    clock.lap("assemble")
    lint_document_text(document.text, path, Config())
    clock.lap("lint")
    return len(read), dict(clock.seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    roots = [Path(p) for p in args.paths] or [CORPUS]
    pdfs = sorted({str(p) for root in roots for p in ([root] if root.is_file() else root.rglob("*.pdf"))})
    engines = {"pdfplumber": plumber_pages, "pdfium": pdfium_pages}
    from budgetlint.run.options import Config
    from budgetlint.run.runner import lint_document_text

    lint_document_text("一、收入预算\n", "warm-up", Config())  # grammars and profiles loaded before any timing
    totals: dict[str, list[dict[str, float]]] = {name: [] for name in engines}
    page_count = 0
    skipped: set[str] = set()
    for run in range(args.runs):
        run_totals = {name: defaultdict(float) for name in engines}
        page_count = 0
        for number, path in enumerate(pdfs):
            order = list(engines) if (number + run) % 2 == 0 else list(reversed(engines))
            for name in order:
                try:
                    pages, seconds = run_engine(path, engines[name])
                except Exception:  # noqa: BLE001 - a scan or a damaged file: not a speed sample
                    skipped.add(path)
                    continue
                if name == "pdfplumber":
                    page_count += pages
                for stage, value in seconds.items():
                    run_totals[name][stage] += value
        for name in engines:
            totals[name].append(dict(run_totals[name]))
    print(f"{len(pdfs) - len(skipped)} PDFs, {page_count} pages, {args.runs} interleaved runs (median)")
    if skipped:
        print(f"skipped (not read by an engine): {', '.join(sorted(Path(p).name for p in skipped))}")
    median = {
        name: {stage: statistics.median(run.get(stage, 0.0) for run in runs) for stage in STAGES}
        for name, runs in totals.items()
    }
    print(f"{'stage':<10}" + "".join(f"{name:>14}" for name in engines) + f"{'speed-up':>10}")
    for stage in STAGES:
        old, new = (median[name][stage] for name in engines)
        print(f"{stage:<10}{old:>13.2f}s{new:>13.2f}s{(old / new if new else 0):>9.1f}x")
    for label, stages in (("read", STAGES[:-1]), ("end to end", STAGES)):
        old, new = (sum(median[name][stage] for stage in stages) for name in engines)
        print(
            f"{label:<10}{old:>13.2f}s{new:>13.2f}s{old / new:>9.1f}x   "
            f"pages/s: pdfplumber {page_count / old:.1f}, pdfium {page_count / new:.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
