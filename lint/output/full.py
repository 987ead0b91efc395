"""``--format full`` (the default): each finding's headline and its marked source line.

Written document by document as results arrive; the closing line counts the run.
"""

from __future__ import annotations

from budgetlint.output.terminal import TerminalWriter, headline, origin_of, snippet
from budgetlint.run.runner import LintResult


class FullWriter(TerminalWriter):
    def add(self, result: LintResult) -> None:
        out: list[str] = []
        for d in result.diagnostics:
            out.append(headline(d, self.style, origin_of(d, result)))
            out.extend(snippet(d, result.source_lines, self.style))
            out.append("")
        self.sink("".join(line + "\n" for line in out))
