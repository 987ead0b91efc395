"""BL207: a negative figure where amounts cannot be negative."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule

#: Columns — and rows — that may legitimately be negative: changes and differences.
#: The 三公 table of Shenzhen prints the change as a row under the two years' rows
#: (2025年 | 2026年 | 增减变化金额), so a row label is read with the same words.
_SIGNED = ("增减", "增长", "变动", "差额", "差异", "比上年", "较上年", "增幅")


def _is_signed(text: str) -> bool:
    """A header or row label that names a change or a difference (增减变化金额, 比上年增长 …)."""
    return any(word in text for word in _SIGNED)


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
    doc_zh = """报告预算表金额列中的负数。

    ## 作用
    预算和决算金额（收入、支出、基本支出、结转 …）从不为负。负数会被报告，增减列（增减、
    比上年增长、差额 …）除外。

    ## 为什么有问题？
    负的金额几乎总是误输入的负号，或粘贴到错误列中的差额。

    ## 示例
    ::

        科目编码    科目名称    合计
        221     住房保障支出  -4.47      ← BL207

    ## 依据
    财预〔2016〕143号表格模板；RULES.md BL207。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for found in ctx.amount_cells:
            figure = found.cell.figure
            if figure is None or figure.value >= 0:
                continue
            path = found.side.paths[found.side.position(found.column)]
            if _is_signed("".join(path)) or _is_signed(found.row.label):
                continue  # a change: 2026年 − 2025年 may well be negative
            title = found.model.table.title or "表格"
            label = found.row.label or found.row.code or ""
            column = found.side.column_name(found.column)
            yield self.report(
                doc,
                found.cell.span,
                f"“{title}”{label}的“{column}”为负数 {found.cell.text}",
                f"'{title}' {label}: '{column}' is negative: {found.cell.text}",
            )
