"""``--format concise``: one headline per finding (``path:line:col: CODE [severity] message``).

Written document by document as results arrive; the closing line counts the run.
"""

from __future__ import annotations

from budgetlint.output.terminal import headline, origin_of, summary_line
from budgetlint.output.writer import Counts, Sink, Style
from budgetlint.run.batch import DocumentRenderer
from budgetlint.run.runner import LintResult


class ConciseWriter:
    document_renderer: DocumentRenderer | None = None

    def __init__(self, sink: Sink, lang: str, style: Style) -> None:
        self.sink = sink
        self.lang = lang
        self.style = style

    def start(self) -> None:
        """Nothing before the findings."""

    def add(self, result: LintResult) -> None:
        self.sink("".join(headline(d, self.style, origin_of(d, result)) + "\n" for d in result.diagnostics))

    def finish(self, counts: Counts) -> None:
        self.sink(summary_line(counts, self.lang) + "\n")
