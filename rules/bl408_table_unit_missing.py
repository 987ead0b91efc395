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
