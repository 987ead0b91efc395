"""``--format csv``: one row per finding, UTF-8 with a byte-order mark so Excel reads the Chinese.

Written document by document as results arrive; rows end in CRLF (the CSV convention).
After the JSON fields come ``origin`` (where the finding is in the published file: ``p17:L3``
of a PDF, ``T2:R3:C4`` of a Word table, ``表3!C7`` of a workbook) and ``page`` (the PDF page),
both empty for plain text: a reviewer with the PDF open needs the page, not a line of the
extracted text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from budgetlint.model.diagnostics import JSON_FIELDS, Diagnostic
from budgetlint.output.terminal import origin_of
from budgetlint.output.writer import Counts, Sink, Style
from budgetlint.run.batch import DocumentRenderer
from budgetlint.run.runner import LintResult

CSV_FIELDS = (*JSON_FIELDS, "origin", "page")


def csv_header() -> str:
    """The byte-order mark and the header row."""
    return "\ufeff" + _csv_rows([CSV_FIELDS])


def csv_rows(diagnostics: Sequence[Diagnostic], result: LintResult | None = None) -> str:
    """One row per finding; ``result`` (with its source map) fills ``origin`` and ``page``."""
    return _csv_rows([[*d.to_dict().values(), *_place(d, result)] for d in diagnostics])


def _place(d: Diagnostic, result: LintResult | None) -> tuple[str, str]:
    origin = origin_of(d, result) if result is not None else None
    if origin is None or not origin.label:
        return ("", "")
    return (origin.label, str(origin.page) if origin.page else "")


def _csv_rows(rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


class CsvWriter:
    document_renderer: DocumentRenderer | None = None

    def __init__(self, sink: Sink, lang: str, style: Style) -> None:
        self.sink = sink

    def start(self) -> None:
        self.sink(csv_header())

    def add(self, result: LintResult) -> None:
        self.sink(csv_rows(result.diagnostics, result))

    def finish(self, counts: Counts) -> None:
        """Nothing after the rows."""
