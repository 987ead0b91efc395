"""BL207: a negative figure where amounts cannot be negative."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule

#: Columns that may legitimately be negative: changes and differences.
_SIGNED = ("增减", "增长", "变动", "差额", "差异", "比上年", "较上年", "增幅")


class NegativeAmount(Rule):
    """Reports a negative figure in an amount column of a budget table.

    ## What it does
    Budget and final-accounts amounts (收入, 支出, 基本支出, 结转 …) are never
    negative. A negative figure is reported, except in columns of changes
    (增减, 比上年增长, 差额 …).

    ## Why is this bad?
    A negative amount is almost always a sign typed by mistake or a difference
    pasted into the wrong column.

    ## Example
    ::

        科目编码	科目名称	合计
        221	住房保障支出	-4.47      ← BL207

    ## Source
    财预〔2016〕143号 table templates; RULES.md BL207.
    """

    code = "BL207"
    name = "negative-amount"
    severity = Severity.WARNING
    summary_zh = "金额为负数"
    summary_en = "A negative figure where amounts cannot be negative"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for found in ctx.amount_cells:
            figure = found.cell.figure
            if figure is None or figure.value >= 0:
                continue
            path = found.side.paths[found.side.position(found.column)]
            if any(word in "".join(path) for word in _SIGNED):
                continue
            title = found.model.table.title or "表格"
            label = found.row.label or found.row.code or ""
            column = found.side.column_name(found.column)
            yield self.report(
                doc,
                found.cell.span,
                f"“{title}”{label}的“{column}”为负数 {found.cell.text}",
                f"'{title}' {label}: '{column}' is negative: {found.cell.text}",
            )
