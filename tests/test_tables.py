"""Table rows, header paths and cell spans: behaviour pinned while their code was made faster."""

from __future__ import annotations

from decimal import Decimal

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Span
from budgetlint.model.nodes import ColumnRole, RowKind
from budgetlint.parsing.document import parse

TABLE = (
    "收支预算表\n单位：万元\n"
    "项目\t金额\t\t备注\n"
    "\t基本支出\t项目支出\t\n"
    " 1 \t2\t\t3\n"  # an index row: blanks around its numbers, one cell empty
    "合计\t 3.00\t\t\n"
    "一、工资\t1.00\t2.00\t\n"
    "1 2\t3\t4\t5\n"  # digits split by a blank: a label, not an index row
)


def test_heading_merged_across_sub_columns() -> None:
    table = parse(TABLE).tables[0]
    assert [c.path for c in table.columns] == [("项目",), ("金额", "基本支出"), ("金额", "项目支出"), ("备注",)]
    assert [c.role for c in table.columns] == [ColumnRole.LABEL] + [ColumnRole.AMOUNT] * 3


def test_blank_heading_inherits_only_from_a_heading_with_sub_columns() -> None:
    # 合计 has nothing below it (merged downwards): the blank cell to its right keeps its own sub-heading.
    table = parse("收支预算表\n单位：万元\n项目\t合计\t\t\n\t\t小计\t\n合计\t1\t1\t\n").tables[0]
    assert [c.path for c in table.columns] == [("项目",), ("合计",), ("小计",), ()]


def test_index_rows_and_digit_labels() -> None:
    table = parse(TABLE).tables[0]
    assert [r.kind for r in table.header_rows] == [RowKind.HEADER, RowKind.HEADER, RowKind.INDEX]
    assert [(r.label, r.is_total) for r in table.rows] == [("合计", True), ("一、工资", False), ("1 2", False)]


def test_cell_and_row_spans() -> None:
    row = parse(TABLE).tables[0].rows[0]
    assert row.span == Span(6, 1, 6, 11)
    assert [c.text for c in row.cells] == ["合计", "3.00", "", ""]
    assert [c.span for c in row.cells] == [Span(6, 1, 6, 3), Span(6, 5, 6, 9), Span(6, 10, 6, 11), Span(6, 11, 6, 12)]
    assert row.cells[1].figure is not None and row.cells[1].figure.value == Decimal("3.00")
    assert row.cells[2].figure is not None and row.cells[2].figure.exact  # a blank amount cell is an exact zero


def test_amount_cells_can_be_walked_again() -> None:
    ctx = DocumentContext(parse(TABLE.replace("收支预算表", "2023年预算支出总表")))
    first = [found.cell.text for found in ctx.amount_cells]
    assert first == ["3.00", "1.00", "2.00", "3", "4", "5"]
    assert [found.cell.text for found in ctx.amount_cells] == first
