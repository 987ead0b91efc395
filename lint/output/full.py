"""``--format full`` (the default): each finding's headline and its marked source line.

Written document by document as results arrive; the closing line counts the run.
"""

from __future__ import annotations

from budgetlint.output.terminal import headline, origin_of, snippet, summary_line
from budgetlint.output.writer import Counts, Sink, Style
from budgetlint.run.batch import DocumentRenderer
from budgetlint.run.runner import LintResult


class FullWriter:
    document_renderer: DocumentRenderer | None = None

    def __init__(self, sink: Sink, lang: str, style: Style) -> None:
        self.sink = sink
        self.lang = lang
        self.style = style

    def start(self) -> None:
        """Nothing before the findings."""

    def add(self, result: LintResult) -> None:
        out: list[str] = []
        for d in result.diagnostics:
            out.append(headline(d, self.style, origin_of(d, result)))
            out.extend(snippet(d, result.source_lines, self.style))
            out.append("")
        self.sink("".join(line + "\n" for line in out))

    def finish(self, counts: Counts) -> None:
        self.sink(summary_line(counts, self.lang) + "\n")
