"""BL408: a table that declares no unit."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.tablekinds import TableKind, table_kind
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule


class TableUnitMissing(Rule):
    """Reports a budget table without a 单位 line.

    ## What it does
    Every standard table (收支总表 … 项目支出表) must say its unit: 单位：万元 or
    单位：元. The unit is found where publishers print it: a 单位 line, the end of
    the issuer's line between title and rows (``部门：无锡市发展和改革委员会 单位：万元``,
    ``507-湖州市卫生健康委员会 单位：万元``), the title line itself, a short row, or a
    header cell of its own (``金额单位：万元``). Performance forms and tables of
    unknown kind are not checked.

    ## Why is this bad?
    The same document often mixes 万元 tables and 元 forms; without a unit a
    figure can be read ten thousand times too large or too small, and it cannot
    be compared with the other tables.

    ## Example
    ::

        西南大学收入预算表        ← BL408: no 单位：万元
        科目编码	科目名称	本年收入合计

    ## Source
    财预〔2016〕143号 table templates (单位：万元); RULES.md BL408.
    """

    code = "BL408"
    name = "table-unit-missing"
    severity = Severity.WARNING
    summary_zh = "表格没有注明单位"
    summary_en = "A table declares no unit"
    doc_zh = """报告没有“单位”行的预算表。

    ## 作用
    每张标准表（收支总表 … 项目支出表）都必须写明金额单位：单位：万元 或 单位：元。在发布单位
    通常印出单位的位置查找：单位行、表题与表格行之间的编制单位行末尾（``部门：无锡市发展和改革
    委员会 单位：万元``、``507-湖州市卫生健康委员会 单位：万元``）、表题行本身、短行，或单独的表头
    单元格（``金额单位：万元``）。绩效目标表和类型不明的表不检查。

    ## 为什么有问题？
    同一份文档常常既有万元表又有元表；没有单位，数字可能被读大或读小一万倍，也无法与其他表比较。

    ## 示例
    ::

        西南大学收入预算表        ← BL408：没有“单位：万元”
        科目编码    科目名称    本年收入合计

    ## 依据
    财预〔2016〕143号表格模板（单位：万元）；RULES.md BL408。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for table in doc.tables:
            if table.unit or not table.amount_columns:
                continue
            if table_kind(table) in (TableKind.OTHER, TableKind.PERFORMANCE):
                continue
            title = table.title or "表格"
            yield self.report(
                doc,
                table.title_span,
                f"“{title}”没有注明单位（单位：万元/元）",
                f"table '{title}' declares no unit (单位：万元 / 元)",
            )
