"""``--format full`` (the default): each finding's headline, its marked source line and
the first 12 digits of its fingerprint (what ``budgetlint accept`` takes).

Written document by document as results arrive; the closing line counts the run.
"""

from __future__ import annotations

from budgetlint.model.fingerprint import fingerprint
from budgetlint.output.terminal import TerminalWriter, headline, origin_of, snippet
from budgetlint.run.runner import LintResult


class FullWriter(TerminalWriter):
    def add(self, result: LintResult) -> None:
        out: list[str] = []
        for d in result.diagnostics:
            out.append(headline(d, self.style, origin_of(d, result)))
            out.extend(snippet(d, result.source_lines, self.style))
            out.append(f"{' ' * len(str(d.line))} = fingerprint {fingerprint(d, result.source_lines)[:12]}")
            out.append("")
        self.sink("".join(line + "\n" for line in out))
