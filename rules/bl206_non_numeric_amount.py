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
    doc_zh = """报告金额列中文字不是数字的单元格。

    ## 作用
    在预算表中（不含绩效目标表），表头为金额（合计、基本支出、预算数 …）的列的每个单元格必须是
    数字、空白或短横（``-``、``—``：零）。千分位分隔符和全角数字都算数字。没有解析出表头的列跳过。

    ## 为什么有问题？
    金额单元格中的文字（``1 33.31``、``133.3l``、``见附表``）无法相加：表的合计无法检查，读者也
    无法使用这个数字。

    ## 示例
    ::

        科目编码    科目名称    合计
        208     社会保障和就业支出       133.3l      ← BL206

    ## 依据
    财预〔2016〕143号表格模板（金额以万元或元为单位）；RULES.md BL206。
    """

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
