"""BL206: a cell in an amount column that is not a number."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.text import excerpt
from budgetlint.plugins.rule import Rule


class NonNumericAmount(Rule):
    """Reports a cell of an amount column whose text is not a number.

    ## What it does
    In the budget tables (not the performance forms), every cell of a column
    whose header names an amount (合计, 基本支出, 预算数 …) must be a number, blank
    or a dash (``-``, ``—``: zero). Thousands separators and full-width digits are
    numbers. Columns without a resolved header are skipped.

    ## Why is this bad?
    Text in an amount cell (``1 33.31``, ``133.3l``, ``见附表``) cannot be added up:
    the table's totals cannot be checked and readers cannot use the figure.

    ## Example
    ::

        科目编码	科目名称	合计
        208	社会保障和就业支出	133.3l      ← BL206

    ## Source
    财预〔2016〕143号 table templates (amounts in 万元 or 元); RULES.md BL206.
    """

    code = "BL206"
    name = "non-numeric-amount"
    severity = Severity.ERROR
    summary_zh = "金额列中的单元格不是数字"
    summary_en = "A cell in an amount column is not a number"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for found in ctx.amount_cells:
            if found.cell.figure is not None or found.cell.text.endswith(("%", "％")):
                continue  # a share in a mixed column is a number of another kind
            title = found.model.table.title or "表格"
            label = found.row.label or found.row.code or ""
            column = found.side.column_name(found.column)
            shown = excerpt(found.cell.text)
            yield self.report(
                doc,
                found.cell.span,
                f"“{title}”{label}的“{column}”不是数字：“{shown}”",
                f"'{title}' {label}: '{column}' is not a number: '{shown}'",
            )
