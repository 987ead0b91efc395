"""BL002: a line inside a table that does not fit the table's columns."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.model.nodes import RowKind
from budgetlint.plugins.rule import Rule


class UnparsedTableRow(Rule):
    """Reports table lines that fit no column of their table.

    ## What it does
    Reports a line between the rows of a table that is not a row (no tab
    separated cells, not a page number, watermark, note or repeated title), and
    a row with filled cells beyond the last column of the table's header.

    ## Why is this bad?
    Such a line is usually a broken row (a cell pasted on its own line, an extra
    cell shifted right), so the figures checked by the arithmetic rules may not
    be the figures the reader sees.

    ## Example
    ::

        科目编码	科目名称	合计
        208	社会保障和就业支出	133.31
        住房保障支出 4.47          ← BL002: no tab-separated cells

    ## Source
    budgetlint parsing contract (RULES.md, BL0xx).
    """

    code = "BL002"
    name = "unparsed-table-row"
    severity = Severity.WARNING
    summary_zh = "表格中有无法对应到列的行"
    summary_en = "A line inside a table does not fit the table's columns"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for table in doc.tables:
            name = table.title or "表格"
            for unknown in table.unknown:
                yield self.report(
                    doc,
                    unknown.span,
                    f"“{name}”中的这一行不是表格行，无法对应到任何列",
                    f"this line inside table '{name}' is not a table row and fits no column",
                )
            header = [r for r in table.header_rows if r.kind is RowKind.HEADER]
            if not header:
                continue
            width = max(len(r.cells) for r in header)
            for row in table.rows:
                extra = [c for c in row.cells[width:] if not c.is_blank]
                if extra:
                    first = extra[0]
                    span = Span(row.span.line, first.span.column, row.span.line, extra[-1].span.end_column)
                    yield self.report(
                        doc,
                        span,
                        f"“{name}”的这一行有 {len(extra)} 个单元格超出表头的 {width} 列",
                        f"this row of '{name}' has {len(extra)} filled cell(s) beyond the header's {width} columns",
                    )
