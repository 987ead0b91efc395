"""``--format csv``: one row per finding, UTF-8 with a byte-order mark so Excel reads the Chinese.

Written document by document as results arrive; rows end in CRLF (the CSV convention).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from budgetlint.model.diagnostics import Diagnostic
from budgetlint.output.writer import Counts, Sink, Style
from budgetlint.run.batch import DocumentRenderer
from budgetlint.run.runner import LintResult

CSV_FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message")


def csv_header() -> str:
    """The byte-order mark and the header row."""
    return "\ufeff" + _csv_rows([CSV_FIELDS])


def csv_rows(diagnostics: Sequence[Diagnostic]) -> str:
    return _csv_rows([[*d[:7], d.severity.value, d.message] for d in diagnostics])


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
        self.sink(csv_rows(result.diagnostics))

    def finish(self, counts: Counts) -> None:
        """Nothing after the rows."""
