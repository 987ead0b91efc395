"""Mutation test of the table rules: every amount in the sample's tables is checked.

For each printed amount of the sample's budget tables, a copy of the document with
that amount changed by a clear margin (+1.00) must raise a new BL2xx or BL3xx
error, and so must a figure (5.00) written into a blank amount cell (every
fourth one, to keep the test fast); the unmodified sample raises none (only
BL205 info on 商品和服务支出).
"""

from __future__ import annotations

from decimal import Decimal

from budgetlint.analysis.tablekinds import TableKind, table_kind
from budgetlint.model.diagnostics import Severity
from budgetlint.model.nodes import ColumnRole
from budgetlint.model.numbers import format_figure
from budgetlint.parsing.document import parse
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

from .conftest import SAMPLE

TABLE_CODES = ("BL201", "BL202", "BL203", "BL204", "BL205", "BL206", "BL207", "BL301")
CONFIG = Config(select=TABLE_CODES)


def _errors(text: str) -> set[tuple[str, int, str]]:
    result = lint_document_text(text, "sample.txt", CONFIG)
    assert result.failures == []
    return {(d.code, d.line, d.message) for d in result.diagnostics if d.severity is not Severity.INFO}


def _amount_cells(text: str) -> list[tuple[int, int, int, str]]:
    """(line, start column, end column, text) of every printed amount of the budget tables."""
    doc = parse(text, str(SAMPLE))
    cells = []
    for table in doc.tables:
        if table_kind(table) in (TableKind.PERFORMANCE, TableKind.OTHER):
            continue
        amount = {c.index for c in table.columns if c.role is ColumnRole.AMOUNT}
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                if index in amount and cell.figure is not None and not cell.is_blank:
                    cells.append((cell.span.line, cell.span.column, cell.span.end_column, cell.text))
    return cells


def test_sample_has_no_table_errors(sample_text: str) -> None:
    result = lint_document_text(sample_text, "sample.txt", CONFIG)
    assert [d for d in result.diagnostics if d.severity is not Severity.INFO] == []
    infos = [d for d in result.diagnostics if d.code == "BL205"]
    assert infos and all("商品和服务支出" in d.message for d in infos)


def test_every_amount_is_checked(sample_text: str) -> None:
    lines = sample_text.split("\n")
    cells = _amount_cells(sample_text)
    assert len(cells) > 100
    missed = []
    for line, start, end, printed in cells:
        original = lines[line - 1]
        figure_text = printed.replace(",", "")
        decimals = len(figure_text.partition(".")[2])
        changed = format_figure(Decimal(figure_text) + 1, decimals)
        mutated = list(lines)
        mutated[line - 1] = original[: start - 1] + changed + original[end - 1 :]
        if not _errors("\n".join(mutated)):
            missed.append(f"line {line} col {start}: {printed} → {changed}")
    assert missed == []


def _blank_cells(text: str) -> list[tuple[int, int]]:
    """(line, cell index) of every blank amount cell of the budget tables."""
    doc = parse(text, str(SAMPLE))
    found = []
    for table in doc.tables:
        if table_kind(table) in (TableKind.PERFORMANCE, TableKind.OTHER):
            continue
        for row in table.rows:
            for column in table.amount_columns:
                cell = row.cell(column.index)
                if cell is None or cell.is_blank:
                    found.append((row.span.line, column.index))
    return found


def test_every_blank_amount_is_checked(sample_text: str) -> None:
    lines = sample_text.split("\n")
    blanks = _blank_cells(sample_text)[::4]
    assert len(blanks) > 50
    missed = []
    for line, index in blanks:
        cells = lines[line - 1].split("\t")
        cells += [""] * (index + 1 - len(cells))
        cells[index] = "5.00"
        mutated = list(lines)
        mutated[line - 1] = "\t".join(cells)
        if not _errors("\n".join(mutated)):
            missed.append(f"line {line} cell {index + 1}")
    assert missed == []


def test_filling_a_blank_cell_is_caught(sample_text: str) -> None:
    # The 收支总表 上年结转安排 column is blank: a figure on the 总计 row alone breaks its sums.
    lines = sample_text.split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("收入总计\t140.30\t支出总计"))
    lines[number] = lines[number] + "5.00"
    assert _errors("\n".join(lines))
