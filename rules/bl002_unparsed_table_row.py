"""BL002: lines inside a table that do not fit the table's columns, one finding per table."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.tablekinds import TableKind, table_kind
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.model.nodes import RowKind, Table
from budgetlint.plugins.rule import Rule, cite_lines

#: From this many unparsed lines on, a table is a form or merged-cell grid that budgetlint does
#: not read row by row, not a read table with a broken row: one ``info`` says so.
GRID_UNPARSED_LINES = 3


def unparsed_spans(table: Table) -> list[Span]:
    """Where ``table`` has a line that fits none of its columns, in document order.

    Two shapes: a line between rows that is no row at all (``table.unknown``), and a row whose
    filled cells go beyond the last column of the header (the span covers the extra cells).
    """
    spans = [unknown.span for unknown in table.unknown]
    header = [r for r in table.header_rows if r.kind is RowKind.HEADER]
    if header:
        width = max(len(r.cells) for r in header)
        for row in table.rows:
            extra = [c for c in row.cells[width:] if not c.is_blank]
            if extra:
                spans.append(Span(row.span.line, extra[0].span.column, row.span.line, extra[-1].span.end_column))
    return sorted(spans, key=lambda s: (s.line, s.column))


class UnparsedTableRow(Rule):
    """Reports, once per table, the table lines that fit no column of their table.

    ## What it does
    Counts, per table, the lines between its rows that are not rows (no tab separated
    cells, not a page number, watermark, note or repeated title) and the rows with filled
    cells beyond the last column of the header. An isolated broken row (one or two) in a
    standard table that is otherwise read (收支总表 … 项目支出表) is a warning at the first
    such line, with the count. A table with three or more such lines, a performance-target
    form, or a table of no known kind (an untitled block, a 部门职责 grid) is one that
    budgetlint does not read row by row: one ``info`` says so, with the count, and nothing
    else.

    ## Why is this bad?
    An isolated broken row (a cell pasted on its own line, an extra cell shifted right)
    means the figures checked by the arithmetic rules may not be the figures the reader
    sees. Hundreds of warnings for a grid budgetlint does not understand would drown every
    real finding: it says so once.

    ## Example
    ::

        科目编码	科目名称	合计
        208	社会保障和就业支出	133.31
        住房保障支出 4.47          ← BL002 (warning): 1 line fits no column
        221	住房保障支出	4.47

    ## Source
    budgetlint parsing contract (RULES.md, BL0xx); issue 14 item 3 (say so once).
    """

    code = "BL002"
    name = "unparsed-table-row"
    severity = Severity.WARNING
    summary_zh = "表格中有无法对应到列的行"
    summary_en = "Lines inside a table do not fit the table's columns"
    doc_zh = """每张表只报告一次：不属于表中任何一列的表格行。

    ## 作用
    按表统计表格行之间那些不是表格行的行（没有制表符分隔的单元格，也不是页码、水印、注释或
    重复的表题），以及在表头最后一列之后还有内容的行。标准表（收支总表 … 项目支出表）其余部分
    读取正常、只有孤立的一两行异常时，在第一处报告警告（warning）并给出行数。有三行或以上异常的
    表、绩效目标表，或类型不明的表（无标题的块、部门职责表格）不逐行读取：只给一条提示（info）
    说明这一点和行数，不再报告其他内容。

    ## 为什么有问题？
    孤立的异常行（单元格被粘贴到单独一行、多出的单元格右移）意味着算术规则检查的数字可能不是
    读者看到的数字。对 budgetlint 读不懂的表格报告上百条警告会淹没真正的问题，所以只说一次。

    ## 示例
    ::

        科目编码    科目名称    合计
        208     社会保障和就业支出       133.31
        住房保障支出 4.47          ← BL002（警告）：1 行不属于任何列
        221     住房保障支出  4.47

    ## 依据
    budgetlint 解析约定（RULES.md，BL0xx）；issue 14 第 3 项（只说一次）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for table in doc.tables:
            spans = unparsed_spans(table)
            if not spans:
                continue
            name = table.title or "表格"
            count = len(spans)
            lines = cite_lines(doc, [s.line for s in spans], "zh")
            lines_en = cite_lines(doc, [s.line for s in spans], "en")
            kind = table_kind(table)
            if count >= GRID_UNPARSED_LINES or kind in (TableKind.PERFORMANCE, TableKind.OTHER):
                yield self.report(
                    doc,
                    spans[0],
                    f"“{name}”有 {count} 行无法对应到表头的列（{lines}）：此表按表单或合并单元格排版，"
                    "budgetlint 未逐行读取，不检查这些行",
                    f"{count} line(s) of table '{name}' fit none of its header's columns ({lines_en}): "
                    "the table is laid out as a form or merged-cell grid that budgetlint does not read "
                    "row by row; those lines are not checked",
                    severity=Severity.INFO,
                )
            else:
                yield self.report(
                    doc,
                    spans[0],
                    f"“{name}”中有 {count} 行无法对应到表头的列（{lines}），可能是断行或错列",
                    f"{count} line(s) of table '{name}' fit none of its header's columns ({lines_en}): "
                    "a broken or shifted row",
                )
