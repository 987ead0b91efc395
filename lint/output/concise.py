"""``--format concise``: one headline per finding (``path:line:col: CODE [severity] message``).

Written document by document as results arrive; the closing line counts the run.
"""

from __future__ import annotations

from budgetlint.output.terminal import TerminalWriter, headline, origin_of
from budgetlint.run.runner import LintResult


class ConciseWriter(TerminalWriter):
    def add(self, result: LintResult) -> None:
        self.sink("".join(headline(d, self.style, origin_of(d, result)) + "\n" for d in result.diagnostics))
