"""What a table's figures mean: logical sides, column groups, row hierarchy and units.

:mod:`budgetlint.parsing.tables` resolves header paths and row codes; this module adds the
semantics the arithmetic identities within and across tables need:

- **Sides.** A two-sided table (收入 | 支出 side by side, or the economic table
  printed in two halves) is split into logical :class:`Side` s at every label or
  code column that follows an amount column.
- **Column groups.** From the header paths alone: a total column (合计, 小计,
  本年收入合计, 2023年合计 …) and its component columns (siblings under the same
  header), where a component with sub-columns counts through its own total or
  the sum of its leaves. 其中 columns are *subsets*: never summed, only compared
  with their whole. 备注 columns and columns without a header are ignored.
- **Rows.** Each row of a side gets its label, 科目编码 (from code columns or from
  the label, e.g. 公共安全支出（204类）), level (类 1 / 款 2 / 项 3), whether it is a
  total, a 其中 subset, and its numbering level (一、 （一） 1. ①).
- **Units.** ``factor`` converts a side's figures to 万元 (元 × 0.0001).

Everything is computed once per document (``DocumentContext.table_models``).
When a table cannot be understood (headerless amount columns, mixed rows), the
model says so (``groups`` empty, ``coded`` False …) and the rules stay silent.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): typing.NamedTuple
# compiles every string annotation into a ForwardRef when it creates the class, about a third
# of the cost of creating this module's named tuples at every start.
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from budgetlint.analysis.codeshapes import CodeReader, split_levels
from budgetlint.analysis.tablekinds import TableKind, table_kind
from budgetlint.model.labels import is_code, is_total_label, leading_bracket_code
from budgetlint.model.nodes import Cell, Column, ColumnRole, Document, Row, Table
from budgetlint.model.numbers import Figure
from budgetlint.model.text import NUMBERING_LEVELS, TO_WAN, code_in_label, normalize_width, row_match_key, squash

#: ``_new_tuple(SideRow, fields)`` builds a row without the keyword-parsing ``__new__`` NamedTuple
#: generates: a quarter of the cost of the model (one SideRow per row and side).
_new_tuple = tuple.__new__

_TOTAL_COLUMN_ENDINGS = ("合计", "小计", "总计")
_NOISE_PATH_STARTS = ("编制单位", "单位名称", "单位:", "单位：", "金额单位")
_SUBSET = "其中"
_INDEX_LABELS = frozenset({"栏次", "行次", "序号", "栏号"})

#: 类 names of the 部门预算 and 政府预算 支出经济分类: parents in an economic table that prints
#: no codes. Matched as prefixes of a normalized label (资本性支出（一） → 资本性支出一).
ECONOMIC_CLASSES = (
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "对个人和家庭补助",
    "资本性支出",
    "对企业补助",
    "对企业资本性支出",
    "对事业单位经常性补助",
    "对事业单位资本性补助",
    "对社会保障基金补助",
    "债务利息及费用支出",
    "债务还本支出",
    "转移性支出",
    "预备费及预留",
    "机关工资福利支出",
    "机关商品和服务支出",
    "机关资本性支出",
)


#: 类 names of the 政府收支分类 支出功能分类 (201–234), with the names earlier years printed:
#: the outermost rows of a 支出 list that prints names without codes. Matched whole.
FUNCTION_CLASSES = frozenset(
    {
        "一般公共服务支出",
        "外交支出",
        "国防支出",
        "公共安全支出",
        "教育支出",
        "科学技术支出",
        "文化旅游体育与传媒支出",
        "文化体育与传媒支出",
        "社会保障和就业支出",
        "社会保险基金支出",
        "卫生健康支出",
        "医疗卫生与计划生育支出",
        "医疗卫生支出",
        "节能环保支出",
        "城乡社区支出",
        "城乡社区事务",
        "农林水支出",
        "交通运输支出",
        "资源勘探工业信息等支出",
        "资源勘探信息等支出",
        "资源勘探电力信息等支出",
        "商业服务业等支出",
        "金融支出",
        "援助其他地区支出",
        "自然资源海洋气象等支出",
        "国土海洋气象等支出",
        "住房保障支出",
        "粮油物资储备支出",
        "国有资本经营预算支出",
        "灾害防治及应急管理支出",
        "预备费",
        "其他支出",
        "转移性支出",
        "债务还本支出",
        "债务付息支出",
        "债务发行费用支出",
        "抗疫特别国债安排的支出",
    }
)


def is_function_class(name: str) -> bool:
    """A normalized label is the name of a 支出功能分类 类 (一般公共服务支出, 卫生健康支出 …)."""
    return name in FUNCTION_CLASSES


def is_economic_class(name: str) -> bool:
    """A normalized label names an economic 类 (工资福利支出, 资本性支出（一） …)."""
    return name.startswith(ECONOMIC_CLASSES)


class ColumnGroup(NamedTuple):
    """``total = Σ parts`` for every row; each of ``subsets`` (其中) ≤ ``whole``."""

    total: int | None
    parts: tuple[int, ...]
    subsets: tuple[int, ...] = ()
    whole: int | None = None  # the column the subsets belong to


class SideRow(NamedTuple):
    """A row as seen from one side of a table."""

    row: Row
    position: int  # index in the side's rows
    label: str  # as printed (numbering included)
    name: str  # normalized: no numbering, spaces or punctuation
    code: str | None
    is_total: bool
    is_subset: bool  # 其中：…
    numbering: int  # 0 none, 1 一、 2 （一） 3 1. 4 ①/(1)
    cells: tuple[Cell | None, ...]  # the side's amount cells, in ``Side.amount`` order
    blank: bool = False  # every amount cell empty

    @property
    def level(self) -> int | None:
        """1 类, 2 款, 3 项 (from the code's length)."""
        return None if self.code is None else (len(self.code) - 1) // 2

    def figure(self, position: int) -> Figure | None:
        cell = self.cells[position]
        return None if cell is None else cell.figure

    def is_blank(self) -> bool:
        return self.blank

    @property
    def has_amount(self) -> bool:
        """Some amount cell holds a figure other than zero."""
        return any(c is not None and c.figure is not None and c.figure.value != 0 for c in self.cells)


class Side(NamedTuple):
    """One logical table: label columns, amount columns and the rows restricted to them."""

    table: Table
    index: int  # type: ignore[assignment]  # 0 for the left (收入) side; shadows tuple.index()
    heading: str  # the label column's top header (收入 / 支出 / …), "" if none
    amount: tuple[int, ...]  # table column indices of the side's amount columns
    paths: tuple[tuple[str, ...], ...]  # cleaned header paths of ``amount``
    groups: tuple[ColumnGroup, ...]
    rows: tuple[SideRow, ...]
    coded: bool  # the side's rows carry 科目编码

    @property
    def understood(self) -> bool:
        """Every amount column has a resolved header (else the header was not understood)."""
        return all(self.paths)

    def position(self, column: int) -> int:
        return self.amount.index(column)

    @property
    def primary(self) -> int | None:
        """The amount column that holds the row's whole (the group total or the only column)."""
        nested = {c for g in self.groups for c in g.parts}
        for group in self.groups:
            if group.total is not None and group.total not in nested:
                return group.total
        if len(self.amount) == 1 and self.paths[0]:
            return self.amount[0]
        return None

    def column_name(self, column: int) -> str:
        path = self.paths[self.position(column)]
        return path[-1] if path else f"第{column + 1}列"


class TableModel(NamedTuple):
    table: Table
    kind: TableKind
    factor: Decimal | None  # to 万元; None when the table has no (known) unit
    sides: tuple[Side, ...]


def _numbering(normalized_label: str) -> int:
    """0 none, 1 一、 2 （一） 3 1. 4 ①/(1)."""
    match = NUMBERING_LEVELS.match(normalized_label.strip())
    return (match.lastindex or 0) if match else 0


class _LabelInfo(NamedTuple):
    name: str
    code: str | None
    is_total: bool
    is_subset: bool
    numbering: int
    index_row: bool


@lru_cache(maxsize=4096)
def _label_info(label: str) -> _LabelInfo:
    """Everything a row's label says, cached (tables repeat the same labels)."""
    if not label:
        return _LabelInfo("", None, False, False, 0, False)
    width = normalize_width(label)  # once, for everything read from the label
    squashed = squash(width)
    return _LabelInfo(
        row_match_key(width),
        code_in_label(width) or leading_bracket_code(width),
        is_total_label(label),
        squashed.startswith(_SUBSET),
        _numbering(width),
        squashed in _INDEX_LABELS,
    )


@lru_cache(maxsize=1024)
def _clean_path(path: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p for p in path if not p.startswith(_NOISE_PATH_STARTS))


def _is_subset_name(name: str) -> bool:
    return name.startswith(_SUBSET)


def _is_note_name(name: str) -> bool:
    return "备注" in name or "说明" in name


#: Headings of a column group that classifies the row's spending again (a memo), beside the
#: columns that make up its total: 支出总计 | 基本支出 | 项目支出 | 政府采购项目 (小计 | 其中 …).
_MEMO_HEADINGS = ("政府采购",)


def _is_memo_name(name: str) -> bool:
    """A sibling of a total column that restates part of the row (政府采购), not a component of it."""
    return any(word in name for word in _MEMO_HEADINGS)


# -- column groups -------------------------------------------------------------------


@lru_cache(maxsize=512)
def _groups(paths: tuple[tuple[int, tuple[str, ...]], ...]) -> tuple[ColumnGroup, ...]:
    """Column groups of the header tree formed by ``paths`` ((column, path) pairs).

    Cached: documents repeat the same headers from table to table.
    """
    found: list[ColumnGroup] = []
    if any(not p for _, p in paths):
        return ()  # a headerless amount column: the header was not understood
    _walk(list(paths), 0, found)
    return tuple(found)


def _walk(items: list[tuple[int, tuple[str, ...]]], depth: int, found: list[ColumnGroup]) -> list[int] | None:
    """Record the groups under this node; return the columns whose sum is the node's value."""
    if len(items) == 1 and len(items[0][1]) <= depth:
        return [items[0][0]]
    children: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for column, path in items:
        if len(path) <= depth:
            return None  # a leaf and a subtree at the same node: ambiguous
        children.setdefault(path[depth], []).append((column, path))
    names = list(children)
    values: dict[str, list[int] | None] = {name: _walk(children[name], depth + 1, found) for name in names}
    subsets = [n for n in names if _is_subset_name(n)]
    plain = [n for n in names if not _is_subset_name(n) and not _is_note_name(n)]
    totals = [n for n in plain if n.endswith(_TOTAL_COLUMN_ENDINGS) and len(children[n]) == 1]
    if len(totals) > 1:
        return None
    total = totals[0] if totals else None
    if total is None and subsets and len(plain) == 1 and len(children[plain[0]]) == 1:
        total = plain[0]  # 事业收入 | 金额 | 其中：教育收费
    total_column = children[total][0][0] if total else None
    # A memo group beside the total is never a part of it, unless the total itself is the
    # memo's (政府采购 合计 | 货物 | 工程 | 服务).
    memo = total is not None and not _is_memo_name(total)
    parts = [n for n in plain if n != total and not (memo and _is_memo_name(n))]
    subset_columns = tuple(c for n in subsets for c, _ in children[n] if len(children[n]) == 1)
    if total_column is not None:
        part_columns: list[int] = []
        for name in parts:
            value = values[name]
            if value is None:
                part_columns = []
                break
            part_columns.extend(value)
        if part_columns:
            found.append(ColumnGroup(total_column, tuple(part_columns)))
        if subset_columns:
            found.append(ColumnGroup(None, (), subset_columns, total_column))
        return [total_column]
    result: list[int] = []
    for name in plain:
        value = values[name]
        if value is None:
            return None
        result.extend(value)
    if subset_columns and len(result) == 1:
        found.append(ColumnGroup(None, (), subset_columns, result[0]))
    return result or None


# -- sides and rows -----------------------------------------------------------------

_IGNORED_ROLES = frozenset({ColumnRole.ROW_NUMBER, ColumnRole.UNIT_CODE, ColumnRole.PERCENT, ColumnRole.QUANTITY})


def _segments(table: Table) -> list[tuple[list[int], list[int]]]:
    """(label columns, amount columns) of each side, split at a label after amounts."""
    segments: list[tuple[list[int], list[int]]] = []
    labels: list[int] = []
    amounts: list[int] = []
    for column in table.columns:
        if column.role in _IGNORED_ROLES:
            continue  # 行次, 单位编码, 增长率, 数量: neither a side's labels nor its amounts
        if column.role is ColumnRole.AMOUNT:
            amounts.append(column.index)
        else:
            if amounts:
                segments.append((labels, amounts))
                labels, amounts = [], []
            labels.append(column.index)
    if amounts or labels:
        segments.append((labels, amounts))
    return [s for s in segments if s[1]]


def _picker(columns: list[int]) -> Callable[[tuple[Cell, ...]], tuple[Cell, ...]]:
    """The cells of ``columns`` as a tuple, picked in C (``itemgetter`` of one column returns the bare item)."""
    if len(columns) == 1:
        column = columns[0]
        return lambda cells: (cells[column],)
    return itemgetter(*columns)


def _side(table: Table, index: int, label_columns: list[int], amount_columns: list[int], first: bool) -> Side:
    columns = table.columns
    all_code_columns = [c for c in label_columns if columns[c].role is ColumnRole.CODE]
    code_columns = _first_run(columns, all_code_columns)
    text_columns = [c for c in label_columns if columns[c].role is not ColumnRole.CODE]
    paths = tuple(_clean_path(columns[c].path) for c in amount_columns)
    label_path = _clean_path(columns[text_columns[0]].path) if text_columns else ()
    heading = label_path[0] if label_path else ""  # 收入 / 支出 over a two-sided table
    groups = _groups(tuple(zip(amount_columns, paths, strict=False)))
    pick = _picker(amount_columns)
    last_amount = max(amount_columns)
    levels = split_levels([columns[c].path[-1] if columns[c].path else "" for c in code_columns])
    reader = CodeReader(levels, _prints_sections(table, code_columns))
    rows: list[SideRow] = []
    for row in table.rows:
        cells = row.cells
        width = len(cells)
        label = ""
        for c in text_columns:
            if c < width:
                text = cells[c].text
                if text and not is_code(text):
                    label = text
                    break
        if not label:  # 合计 printed in the 科目编码 column
            for c in code_columns:
                if c < width:
                    text = cells[c].text
                    if text and not text.isdigit():
                        label = text
                        break
        code: str | None = None
        if code_columns:
            parts = [cells[c].text if c < width else "" for c in code_columns]
            joined = "".join(parts)
            code = reader.split(parts) if levels else reader.single(joined) if joined.isdigit() else None
            if code is not None and not is_code(code):
                code = None
            if code is None:
                code = joined if is_code(joined) else None
            if code is None and levels and not parts[0]:
                pass  # a child row whose parents are on an earlier page: its code is not known
            elif code is None and joined.isdigit():
                code = joined  # a misprinted code (7 | 11 | 02): kept so the code-hierarchy check can name it
        elif first and row.code:
            code = row.code
        if not label and not text_columns and first and row.label and row.label != row.code:
            label = row.label
        info = _label_info(label)
        if code is None and info.code:
            code = info.code
        amount_cells = (
            pick(cells) if width > last_amount else tuple([cells[c] if c < width else None for c in amount_columns])
        )
        blank = True
        for cell in amount_cells:
            if cell is not None and cell.text:
                blank = False
                break
        if not label and not code and blank:
            continue
        if info.index_row:
            continue  # 栏次 | 1 | 栏次 | 2: the column-number row of MOE tables
        # row, position, label, name, code, is_total, is_subset, numbering, cells, blank
        rows.append(
            _new_tuple(
                SideRow,
                (
                    row,
                    len(rows),
                    label,
                    info.name,
                    code,
                    info.is_total and not code,
                    info.is_subset,
                    info.numbering,
                    amount_cells,
                    blank,
                ),
            )
        )
    content = [r for r in rows if not r.is_total and not r.is_subset and not r.is_blank()]
    coded = bool(content) and sum(1 for r in content if r.code) >= max(1, len(content) * 0.8)
    return Side(table, index, heading, tuple(amount_columns), paths, groups, tuple(rows), coded)


def _first_run(columns: tuple[Column, ...], code_columns: list[int]) -> list[int]:
    """The first run of adjacent code columns that spell one code: parts headed 类/款/项
    under one heading, or one code merged over several cells (the same path).

    A second run after a name column (部门经济科目编码 | 名称 | 政府经济科目编码 | 名称), or
    under another heading (部门预算支出经济科目编码 类|款 then 政府预算支出经济科目编码 类|款),
    is another classification, not more digits of the first.
    """
    run = code_columns[:1]
    for column in code_columns[1:]:
        if column != run[-1] + 1 or not _same_code(columns[run[-1]].path, columns[column].path):
            break
        run.append(column)
    return run


def _same_code(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    if left == right:
        return True
    levels = ("类", "款", "项")
    return bool(left) and bool(right) and left[:-1] == right[:-1] and left[-1] in levels and right[-1] in levels


def _prints_sections(table: Table, code_columns: list[int]) -> bool:
    """Some row prints a full 5-digit 款 code in the single code column (then a 2-digit code is a 项)."""
    if len(code_columns) != 1:
        return False
    column = code_columns[0]
    return any(
        len(row.cells) > column and len(row.cells[column].text) == 5 and row.cells[column].text.isdecimal()
        for row in table.rows
    )


def build_model(table: Table) -> TableModel:
    factor = TO_WAN.get(table.unit or "")
    kind = table_kind(table)
    if kind is TableKind.PERFORMANCE:
        return TableModel(table, kind, factor, ())  # forms, not tables of figures
    segments = _segments(table)
    sides = tuple(_side(table, i, labels, amounts, i == 0) for i, (labels, amounts) in enumerate(segments))
    return TableModel(table, kind, factor, _shared_totals(sides))


def _shared_totals(sides: tuple[Side, ...]) -> tuple[Side, ...]:
    """Give a total printed across two sides of one heading its figure on both.

    A 支出 side split into two classifications (功能分类 名称 | 金额 | 支出用途 名称 | 金额)
    prints 当年支出小计 once, its label merged over both groups and its figure in the last
    金额 cell: the first group's cell reads blank and the second group's row has no label.
    Only then is the figure shared: a total with its own label on the next side
    (收入总计 | (blank) | 支出总计 | 195,774,300) is a total left blank, not a merged cell.
    """
    result = list(sides)
    for index in range(len(result) - 1):
        left, right = result[index], result[index + 1]
        if not left.heading or left.heading != right.heading or len(left.amount) != len(right.amount):
            continue
        by_row = {r.row.span.line: r for r in right.rows}
        shared: dict[int, tuple[SideRow, SideRow]] = {}
        for row in left.rows:
            other = by_row.get(row.row.span.line)
            if row.is_total and row.blank and other is not None and not other.label and not other.code:
                if not other.blank:
                    shared[row.position] = (row, other)
        if not shared:
            continue
        left_rows = [
            r if r.position not in shared else r._replace(cells=shared[r.position][1].cells, blank=False)
            for r in left.rows
        ]
        moved = {other.position: row for row, other in shared.values()}
        right_rows = [
            r
            if r.position not in moved
            else r._replace(label=moved[r.position].label, name=moved[r.position].name, is_total=True)
            for r in right.rows
        ]
        result[index] = left._replace(rows=tuple(left_rows))
        result[index + 1] = right._replace(rows=tuple(right_rows))
    return tuple(result)


def _continues(first: Table, table: Table) -> bool:
    """``table`` is ``first`` continued after a page break: the page repeats its title and
    header, and its first row is not a total of its own (a second unit's table would open
    with its 合计)."""
    if not first.rows or not table.rows or squash(table.title or "") != squash(first.title or ""):
        return False
    if [c.path for c in table.columns] != [c.path for c in first.columns]:
        return False
    opening = table.rows[0]
    return not is_total_label(opening.label) and not any(is_total_label(c.text) for c in opening.cells[:4])


def table_models(doc: Document) -> tuple[TableModel, ...]:
    """The model of every table of ``doc``, in document order.

    A table continued over pages under a repeated title and header is read as one: its
    first part's model holds every row (the 合计 on the first page is the sum of rows on
    all of them, and a 项 on the next page completes the 款 above it); each continuation
    gets a model without sides, so no row is checked twice.
    Rules read it through ``DocumentContext.table_models``, which builds it once per document.
    """
    tables = doc.tables
    models: list[TableModel] = []
    start = 0
    while start < len(tables):
        first = tables[start]
        end = start + 1
        while end < len(tables) and _continues(first, tables[end]):
            end += 1
        if end == start + 1:
            models.append(build_model(first))
        else:
            rows = tuple(row for t in tables[start:end] for row in t.rows)
            models.append(build_model(first._replace(rows=rows)))
            for part in tables[start + 1 : end]:
                models.append(TableModel(part, table_kind(part), TO_WAN.get(part.unit or ""), ()))
        start = end
    return tuple(models)


# -- helpers shared by the compliance rules (empty tables, 功能/经济 classification) -------


def has_nonzero_figure(model: TableModel) -> bool:
    """True when an understood amount column holds a figure other than zero."""
    for side in model.sides:
        if not side.understood:
            continue
        for row in side.rows:
            for cell in row.cells:
                if cell is not None and cell.figure is not None and cell.figure.value != 0:
                    return True
    return False


class AmountCell(NamedTuple):
    model: TableModel
    side: Side
    row: SideRow
    column: int  # table column index
    cell: Cell


def amount_cells(models: Iterable[TableModel]) -> tuple[AmountCell, ...]:
    """Every printed cell of an understood amount column of the budget tables (not forms).

    Several rules (non-numeric and negative amounts) walk the same cells: ``DocumentContext.amount_cells``
    lists them once per document.
    """
    found: list[AmountCell] = []
    for model in models:
        if model.kind in (TableKind.PERFORMANCE, TableKind.OTHER):
            continue
        for side in model.sides:
            if not side.understood:
                continue
            for row in side.rows:
                for column, cell in zip(side.amount, row.cells, strict=False):
                    if cell is not None and cell.text:
                        found.append(_new_tuple(AmountCell, (model, side, row, column, cell)))
    return tuple(found)


def orphan_codes(side: Side) -> bool:
    """True when a code of the side is not 3/5/7 digits or extends no parent (a code-hierarchy defect)."""
    codes = {r.code for r in side.rows if r.code}
    lengths = {len(c) for c in codes}
    for code in codes:
        if len(code) not in (3, 5, 7):
            return True
        if len(code) > 3 and (len(code) - 2) in lengths and code[:-2] not in codes:
            return True
    return False
