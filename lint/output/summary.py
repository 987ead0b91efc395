"""``--summary``: a table per document and a table per rule, for the terminal.

Reviewers who lint a bureau's hundreds of disclosures first want to know which
documents need attention and which problems are common; the findings themselves
come after. Only counts are kept per document, so a summary of tens of thousands
of documents costs a few megabytes at most.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from budgetlint.model.diagnostics import Severity
from budgetlint.output.terminal import display_width
from budgetlint.run.runner import LintResult

_HEADERS = {
    "zh": (("文档", "类型", "模板", "错误", "警告", "提示"), ("规则", "名称", "次数", "涉及文档"), "合计", "-"),
    "en": (
        ("document", "kind", "profile", "errors", "warnings", "infos"),
        ("rule", "name", "findings", "documents"),
        "total",
        "-",
    ),
}

#: The line on tables: how many had their arithmetic checked, how many were skipped (BL003).
_TABLES = {
    "zh": "表格：已检查算术 {checked} 张，结构未能识别而跳过 {skipped} 张（BL003）\n",
    "en": "tables: {checked} checked for arithmetic, {skipped} skipped as not understood (BL003)\n",
}


class DocumentCounts(NamedTuple):
    path: str
    kind: str | None
    profile: str | None
    errors: int
    warnings: int
    infos: int


@dataclass
class RuleCounts:
    """One rule's findings and the number of documents it was found in."""

    name: str
    findings: int = 0
    documents: int = 0


class Summary:
    """Accumulates per-document and per-rule counts as results stream by."""

    def __init__(self) -> None:
        self.documents: list[DocumentCounts] = []
        self.rules: dict[str, RuleCounts] = {}
        #: Tables checked and skipped by the structure gate; None until a document reports them.
        self.tables: list[int] | None = None

    def add(self, result: LintResult) -> None:
        diagnostics = result.diagnostics
        tables = getattr(result, "tables", None)  # a batch FileResult; None when the table rules did not run
        if tables is not None:
            if self.tables is None:
                self.tables = [0, 0]
            self.tables[0] += tables[0]
            self.tables[1] += tables[1]
        self.documents.append(
            DocumentCounts(
                result.path,
                getattr(result, "kind", None),
                getattr(result, "profile", None),
                sum(d.severity is Severity.ERROR for d in diagnostics),
                sum(d.severity is Severity.WARNING for d in diagnostics),
                sum(d.severity is Severity.INFO for d in diagnostics),
            )
        )
        seen: set[str] = set()
        for d in diagnostics:
            entry = self.rules.setdefault(d.code, RuleCounts(d.name))
            entry.findings += 1
            if d.code not in seen:
                seen.add(d.code)
                entry.documents += 1

    def render(self, lang: str = "zh") -> str:
        doc_headers, rule_headers, total, unknown = _HEADERS.get(lang, _HEADERS["zh"])
        rows = [
            (d.path, d.kind or unknown, d.profile or unknown, str(d.errors), str(d.warnings), str(d.infos))
            for d in self.documents
        ]
        rows.append(
            (
                total,
                "",
                "",
                str(sum(d.errors for d in self.documents)),
                str(sum(d.warnings for d in self.documents)),
                str(sum(d.infos for d in self.documents)),
            )
        )
        out = _table(doc_headers, rows, numeric=(3, 4, 5), total=True)
        if self.rules:
            rule_rows = [
                (code, entry.name, str(entry.findings), str(entry.documents))
                for code, entry in sorted(self.rules.items())
            ]
            out += "\n" + _table(rule_headers, rule_rows, numeric=(2, 3))
        if self.tables is not None:
            checked, skipped = self.tables
            out += "\n" + _TABLES.get(lang, _TABLES["zh"]).format(checked=checked, skipped=skipped)
        return out


def _table(
    headers: tuple[str, ...], rows: Sequence[tuple[str, ...]], numeric: tuple[int, ...], total: bool = False
) -> str:
    """A plain-text table aligned by display width (CJK characters take two columns).

    With ``total`` the last row is a total, set off by a rule.
    """
    widths = [max(display_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: tuple[str, ...]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - display_width(cell))
            parts.append(pad + cell if i in numeric else cell + pad)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    body = [line(r) for r in rows]
    if total and body:
        body.insert(len(body) - 1, rule)
    return "\n".join([line(headers), rule, *body]) + "\n"
