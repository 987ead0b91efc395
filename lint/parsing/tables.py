"""Understand a table's rows: which are headers, what each column means, what each row is.

Published tables have multi-row headers with merged cells (exported as blank
cells), column-number rows (``1 2 3 4``), page breaks that repeat the header,
and 科目编码 in one column or spread over 类/款/项 columns. This module turns
the raw tab-separated rows of one table into resolved
:class:`~budgetlint.model.nodes.Column` paths and typed :class:`~budgetlint.model.nodes.Row` s.
It is pure: strings in, immutable nodes out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import zip_longest

from budgetlint.model.diagnostics import Span
from budgetlint.model.labels import is_code, is_total_label
from budgetlint.model.nodes import Cell, Column, ColumnRole, Row, RowKind
from budgetlint.model.numbers import ZERO, try_parse_normalized_amount
from budgetlint.model.text import LABEL_NUMBERING, squash

RawRow = tuple[int, list[str], list[str]]  # (line number, raw cells, width-normalized cells)

_HEADER_WORDS = ("项目", "科目", "编码", "名称", "功能分类", "经济分类", "收入", "支出", "单位")
_LABEL_ENDINGS = ("名称", "项目", "科目", "单位")
_AMOUNT_WORDS = (
    "合计",
    "小计",
    "总计",
    "金额",
    "预算数",
    "决算数",
    "执行数",
    "预算",
    "决算",
    "经费",
    "资金",
    "支出",
    "收入",
    "拨款",
)
_MAX_HEADER_ROWS = 5
#: A header drawn over more rows (a cell's words wrapped over three lines: 公务接 / 待费, 公务用车运
#: / 行维护费) may go on past ``_MAX_HEADER_ROWS`` with rows that can only be header: the first
#: cell blank, no figure, no code.
_MAX_WRAPPED_HEADER_ROWS = 8
_ROW_NUMBER_HEADERS = frozenset({"行次", "序号", "栏次", "栏号", "行号"})
_IDENTIFIER_ENDINGS = ("编码", "代码", "编号")
_QUANTITY_ENDINGS = ("数量", "单价")  # 政府采购 tables: counts and prices, not sums of money
_PERCENT_ENDINGS = ("增长率", "增减率", "增幅", "占比", "比重", "比例", "执行率")
#: ``_new_tuple(Cell, (text, span, figure))`` is ``Cell(text, span, figure)`` without the
#: Python-level ``__new__`` that NamedTuple generates: a third of the cost of building the
#: ~1,800 cells (and as many spans) of a document.
_new_tuple = tuple.__new__


def _is_split_code(text: str) -> bool:
    """One part of a code printed over 类/款/项 columns (``208`` | ``02`` | ``01``)."""
    return len(text) in (2, 3) and text.isdecimal()


def _is_year(text: str) -> bool:
    """A bare year (2023) in a header cell is not an amount."""
    return len(text) == 4 and text.startswith(("19", "20")) and text.isdecimal()


@lru_cache(maxsize=8192)
def _is_number(text: str) -> bool:
    stripped = text.strip()
    return (
        bool(stripped)
        and not _is_year(stripped)
        and try_parse_normalized_amount(stripped) is not None
        and any(ch.isdigit() for ch in stripped)
    )


#: Placeholders printed before the column numbers in the cells of label columns
#: (``** ** 1 2 3``, ``栏次 1 2 3``, ``甲 乙 1 2``): they do not make the row a data row.
_INDEX_MARKERS = frozenset({"栏次", "行次", "序号", "栏号", "甲", "乙", "丙", "丁", "a", "b", "c"})


def _is_index_marker(text: str) -> bool:
    return text in _INDEX_MARKERS or (bool(text) and set(text) <= {"*", "＊"})


def _is_index_row(cells: Sequence[str]) -> bool:
    """A column-number row: consecutive numbers from 1 (or 0), after any placeholder cells."""
    values = [c.strip() for c in cells if c.strip()]
    markers = 0
    while values and _is_index_marker(values[0]):
        values.pop(0)
        markers += 1
    # Three numbers make a numbering; fewer only after a placeholder (``** 1`` over a one-column table).
    if len(values) < (1 if markers else 3) or not all(v.isdigit() for v in values):
        return False
    numbers = [int(v) for v in values]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] <= 1


def _is_data_row(cells: Sequence[str]) -> bool:
    if any(_is_number(c) for c in cells[1:]):
        return True
    first_index = next((i for i, c in enumerate(cells) if c.strip()), None)
    if first_index is None:
        return False
    first = cells[first_index].strip()
    if is_code(first) or LABEL_NUMBERING.match(first):
        return True
    if first_index > 0:
        return False  # "\t\t小计\t一般公共预算…": the lower row of a merged header
    rest_blank = not any(c.strip() for c in cells[1:])
    return is_total_label(first) or (rest_blank and not any(word in first for word in _HEADER_WORDS))


#: Cells that stand for an empty figure (无, /): a row of them is no row of column names.
_PLACEHOLDER_CELLS = frozenset({"无", "/", "\\", "空"})


#: The bare name of a total column (blanks removed): 合计 | 基本支出 | 项目支出 … is a header row.
_TOTAL_WORDS = frozenset({"合计", "总计", "小计"})


def _is_total_header_row(cells: Sequence[str], below: Sequence[str] | None, under_header: bool) -> bool:
    """Is a row that opens with 合计 the (lowest) header row, not an empty 合计 data row?

    ``合计 | 因公出国(境)费 | 公务接待费 …`` names columns: its first cell is the bare word 合计
    and every other filled cell is a column name (:func:`_names_columns`). That alone does not
    tell a header from a data row, so the layout must confirm it: the row lies under a header
    row already read (``under_header``), or the row ``below`` it holds figures, each in a
    column that this row names — a header directly over its one data row.
    """
    if not cells or squash(cells[0]) not in _TOTAL_WORDS or not _names_columns(cells[1:]):
        return False
    if under_header:
        return True
    if below is None or not any(_is_number(c) for c in below):
        return False
    named = {c for c, text in enumerate(cells) if text.strip()}
    return all(c in named for c, text in enumerate(below) if text.strip())


def _names_columns(cells: Sequence[str]) -> bool:
    """Are the filled ``cells`` beside a 合计 column names (合计 | 基本支出 | 项目支出 …)?

    A one-row header that starts with the total column's own name: no cell is a figure
    (the caller has ruled them out), a code, a numbered label or another total, and each
    has words in it — a dash or placeholder (``合计 - -``, ``合计 无``) is an empty data row.
    """
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(
        any(ch.isalpha() for ch in text)
        and text not in _PLACEHOLDER_CELLS
        and not is_code(text)
        and not LABEL_NUMBERING.match(text)
        and not is_total_label(text)
        for text in filled
    )


def _next_cells(raw_rows: Sequence[RawRow], position: int) -> list[str] | None:
    """The normalized cells of the row after ``raw_rows[position]``, if any."""
    return raw_rows[position + 1][2] if position + 1 < len(raw_rows) else None


def _header_room(count: int, cells: Sequence[str]) -> bool:
    """May the row after ``count`` header rows still be a header row?

    Up to ``_MAX_HEADER_ROWS`` any row that is not data; beyond, only the lower row of a
    header wrapped over many lines (the label column blank, no figure in any cell).
    """
    if count < _MAX_HEADER_ROWS:
        return True
    return (
        count < _MAX_WRAPPED_HEADER_ROWS
        and bool(cells)
        and not cells[0].strip()
        and not any(_is_number(c) or is_code(c.strip()) for c in cells)
    )


def _resolve_paths(header: list[list[str]], width: int) -> list[tuple[str, ...]]:
    """Column paths from header rows where merged cells arrive as blanks.

    A blank cell inherits the text to its left in the same row when the rows
    below it are filled (a heading merged across sub-columns); otherwise it
    stays blank (a heading merged downwards, already taken from the row above).
    """
    grid = [[squash(text) for text in row[:width]] + [""] * (width - len(row)) for row in header]
    # filled_below[r][c]: some row below r has text in column c (one bottom-up pass).
    filled_below: list[list[bool]] = []
    below = [False] * width
    for row in reversed(grid):
        filled_below.append(below)
        below = [filled or bool(text) for filled, text in zip(below, row, strict=False)]
    filled_below.reverse()
    resolved = [list(row) for row in grid]
    for r, row in enumerate(grid):
        filled = filled_below[r]
        for c in range(1, width):
            if row[c] or not filled[c]:
                continue
            left = c - 1
            while left >= 0 and not row[left]:
                left -= 1
            if left >= 0 and filled[left]:
                resolved[r][c] = row[left]
    if not resolved:
        return [()] * width
    paths: list[tuple[str, ...]] = []
    for column in zip(*resolved, strict=False):
        path: list[str] = []
        for text in column:
            if text and (not path or path[-1] != text):
                path.append(text)
        paths.append(tuple(path))
    return paths


def _is_row_number_header(last: str) -> bool:
    """行次 / 序号 / 栏次 …: the column numbers the rows, it holds no amounts."""
    return last in _ROW_NUMBER_HEADERS


def _is_unit_code_header(last: str) -> bool:
    """单位编码 / 部门代码 …: the column identifies a unit, not a 科目."""
    return last.startswith(("单位", "部门", "预算单位")) and last.endswith(_IDENTIFIER_ENDINGS)


def _is_percent_header(last: str) -> bool:
    """增长率（%） / 比上年增减% / 占比: shares, which no total adds up."""
    return "%" in last or "％" in last or last.endswith(_PERCENT_ENDINGS)


def _is_identifier(text: str) -> bool:
    """An identifier cell: digits or placeholder stars, never a formatted amount."""
    return text.isdecimal() or _is_index_marker(text)


def _column_role(path: tuple[str, ...], values: Sequence[str], index: int) -> ColumnRole:
    """The role of one column from its header path and its data cells (``values``, stripped).

    Header text decides first where it names a non-amount column (行次, 单位编码, 增长率%, 数量),
    checked against the cells (a 行次 column holds small integers, a 单位编码 column digit
    strings): a numeric column is an amount only when nothing says otherwise.
    """
    last = path[-1] if path else ""
    joined = "".join(path)
    nonblank = [v for v in values if v]
    if _is_row_number_header(last) and all(v.isdecimal() and len(v) <= 3 for v in nonblank):
        return ColumnRole.ROW_NUMBER
    if _is_unit_code_header(last) and any(_is_identifier(v) for v in nonblank):
        if all(_is_identifier(v) or is_total_label(v) for v in nonblank):  # 合计 printed in the code cell
            return ColumnRole.UNIT_CODE
    if _is_percent_header(last):
        return ColumnRole.PERCENT
    if last.endswith(_QUANTITY_ENDINGS):
        return ColumnRole.QUANTITY
    numeric = sum(1 for v in nonblank if _is_number(v))
    if ("编码" in last or "代码" in last or last in ("类", "款", "项")) and sum(
        1 for v in nonblank if is_code(v) or _is_split_code(v)
    ) >= numeric * 0.8:
        return ColumnRole.CODE
    if last.endswith(_LABEL_ENDINGS) and not (last.startswith("其中") and nonblank and numeric >= len(nonblank) * 0.8):
        return ColumnRole.LABEL  # but 其中：专项资金列入部门预算项目 over figures is a subset of amounts
    if nonblank and numeric == 0:
        return ColumnRole.LABEL if index == 0 or not path else ColumnRole.OTHER
    if numeric and numeric >= len(nonblank) * 0.5:
        return ColumnRole.AMOUNT
    if path and any(word in joined for word in _AMOUNT_WORDS) and not nonblank:
        return ColumnRole.AMOUNT
    if index == 0:
        return ColumnRole.LABEL
    return ColumnRole.OTHER if nonblank else (ColumnRole.AMOUNT if path else ColumnRole.OTHER)


def _cells(
    number: int,
    raw: list[str],
    values: list[str],
    amount: frozenset[int],
    stored: frozenset[tuple[int, int]] = frozenset(),
) -> tuple[Cell, ...]:
    """The cells of one line with their spans; cells of ``amount`` columns also get their figure.

    ``values`` are the width-normalized cells, stripped (figures are parsed from them).
    Runs for every cell of every table (~1,800 a document), so it does only what
    each cell needs: the leading blanks are counted, not searched for, and only
    in a cell that has any.
    """
    cells: list[Cell] = []
    offset = 1
    for c, text in enumerate(raw):
        stripped = text.strip()
        if len(stripped) == len(text):
            start, end = offset, offset + (len(text) or 1)
        elif stripped:
            start = offset + len(text) - len(text.lstrip())
            end = start + len(stripped)
        else:
            start, end = offset, offset + 1
        figure = None
        if c in amount:
            figure = try_parse_normalized_amount(values[c]) if stripped else ZERO
            if stored and figure is not None and stripped and (number, c) in stored:
                figure = figure._replace(stored=True)
        cells.append(_new_tuple(Cell, (stripped, _new_tuple(Span, (number, start, number, end)), figure)))
        offset += len(text) + 1
    return tuple(cells)


def _row(
    kind: RowKind,
    cells: tuple[Cell, ...],
    number: int,
    raw: list[str],
    code: str | None = None,
    label: str = "",
    is_total: bool = False,
) -> Row:
    """A :class:`Row` spanning its whole line (the cells' lengths plus the tabs between them)."""
    length = sum(map(len, raw)) + len(raw) - 1
    return _new_tuple(Row, (kind, cells, _new_tuple(Span, (number, 1, number, length + 1)), code, label, is_total))


def build_table_parts(
    raw_rows: list[RawRow], stored: frozenset[tuple[int, int]] = frozenset()
) -> tuple[tuple[Column, ...], tuple[Row, ...], tuple[Row, ...]]:
    """Split rows into header and data, resolve columns, and type every row.

    ``stored`` (line, cell) positions hold exact numbers (see :func:`~budgetlint.parsing.document.parse`).

    Every normalized cell is stripped once, here: the row classification, the column
    roles, the figures and the row labels all read the same stripped texts.
    """
    header_raw: list[RawRow] = []
    index_raw: list[RawRow] = []
    data_raw: list[RawRow] = []
    data_values: list[list[str]] = []
    header_keys: set[str] = set()
    for position, item in enumerate(raw_rows):
        norm = item[2]
        key = squash("".join(norm))
        # An index row's cells are digits after placeholders: most rows are ruled out by the key's end.
        if key[-1:].isdigit() and _is_index_row(norm):
            index_raw.append(item)
            continue
        if (
            not data_raw
            and _header_room(len(header_raw), norm)
            and (
                not _is_data_row(norm) or _is_total_header_row(norm, _next_cells(raw_rows, position), bool(header_raw))
            )
        ):
            header_raw.append(item)
            header_keys.add(key)
            continue
        if data_raw and key in header_keys:
            continue  # header repeated after a page break
        data_raw.append(item)
        data_values.append([c.strip() for c in norm])

    width = max((len(r[2]) for r in raw_rows), default=0)
    paths = _resolve_paths([r[2] for r in header_raw], width)
    by_column = list(zip_longest(*data_values, fillvalue=""))
    blank_column = ("",) * len(data_values)
    roles = [_column_role(paths[c], by_column[c] if c < len(by_column) else blank_column, c) for c in range(width)]
    columns = tuple(Column(c, paths[c], roles[c]) for c in range(width))
    amount = frozenset(c for c, role in enumerate(roles) if role is ColumnRole.AMOUNT)
    code_columns = [c for c, role in enumerate(roles) if role is ColumnRole.CODE]
    label_columns = [c for c, role in enumerate(roles) if role is ColumnRole.LABEL]
    no_amounts: frozenset[int] = frozenset()

    header_rows = tuple(
        _row(kind, _cells(number, raw, norm, no_amounts), number, raw)
        for kind, part in ((RowKind.HEADER, header_raw), (RowKind.INDEX, index_raw))
        for number, raw, norm in part
    )
    rows: list[Row] = []
    for (number, raw, _), values in zip(data_raw, data_values, strict=False):
        code, label = _code_and_label(values, code_columns, label_columns)
        rows.append(
            _row(
                RowKind.DATA,
                _cells(number, raw, values, amount, stored),
                number,
                raw,
                code,
                label,
                is_total_label(label),
            )
        )
    return columns, header_rows, tuple(rows)


def _code_and_label(cells: list[str], code_columns: list[int], label_columns: list[int]) -> tuple[str | None, str]:
    """The row's 科目编码 (joined over 类/款/项 columns) and its label (the first label cell,
    else the first cell that is neither a number nor a code); ``cells`` are stripped."""
    width = len(cells)
    code: str | None = "".join(cells[c] for c in code_columns if c < width) or None
    if code is not None and not is_code(code):
        code = None
    label = ""
    for c in label_columns:
        if c < width:
            label = cells[c]
            if label:
                break
    if not label:
        label = next((t for t in cells if t and not _is_number(t) and not is_code(t)), "")
    if code is None:
        first = cells[0] if cells else ""
        if is_code(first) and label and label != first:
            code = first
    return code, label


def _cell_shape(text: str) -> str:
    """``code``, ``number`` or ``text``: what kind of content a (stripped) cell holds."""
    if is_code(text):
        return "code"
    return "number" if _is_number(text) else "text"


def respaced_cells(text: str, template: Sequence[str]) -> list[tuple[int, int] | None] | None:
    """Where the cells of a row printed with blanks instead of column gaps lie in ``text``.

    After a page break a PDF may give the first row as ``2210201 住房公积金 1,029.15``: one
    line with no cell gaps. It is read as a row when its blank-separated fields line up
    with the filled cells of ``template`` (the row before it, width-normalized cells): the
    same codes and figures, in the same order, around one label (which may hold blanks).
    Returns the (start, end) slice of ``text`` for each template cell (None where the
    template cell is blank), or None when the line does not read so.
    """
    filled = [(c, cell.strip()) for c, cell in enumerate(template) if cell.strip()]
    shapes = [_cell_shape(cell) for _, cell in filled]
    if shapes.count("text") != 1 or "number" not in shapes:
        return None
    label_at = shapes.index("text")
    before, after = shapes[:label_at], shapes[label_at + 1 :]
    fields = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    if len(fields) < len(shapes):
        return None
    head, label, tail = (
        fields[: len(before)],
        fields[len(before) : len(fields) - len(after)],
        fields[len(fields) - len(after) :],
    )
    if [_cell_shape(text[s:e]) for s, e in head + tail] != before + after:
        return None
    if any(_cell_shape(text[s:e]) != "text" for s, e in label):
        return None
    slices = [*head, (label[0][0], label[-1][1]), *tail]
    placed: list[tuple[int, int] | None] = [None] * len(template)
    for (column, _), where in zip(filled, slices, strict=True):
        placed[column] = where
    return placed
