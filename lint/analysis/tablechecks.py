"""Every arithmetic identity of a document's tables, checked once.

The identities come from :mod:`budgetlint.analysis.tablemodel`: column totals, row totals
and 其中 subsets, the 科目 hierarchy (by code, by label numbering, or — for a list printed
by name only — by the figures, :mod:`budgetlint.analysis.rowlevels`), balances between
successive totals and between the two sides of a summary table, and the same quantity in
two tables (:mod:`budgetlint.analysis.crosstables`). Each is compared with
:func:`~budgetlint.model.numbers.compare_sum`; what does not hold exactly is recorded as an
:class:`~budgetlint.analysis.identities.Identity` (kind, figures, verdict) for the rules to
report and word. Computed once per document (``DocumentContext.table_identities``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from budgetlint.analysis.crosstables import cross_table_identities
from budgetlint.analysis.identities import Identity, IdentityKind, Operand, RowRef, Unresolved
from budgetlint.analysis.rowlevels import Levels, Node, resolve_levels, split_groups
from budgetlint.analysis.tablekinds import TableKind
from budgetlint.analysis.tablemodel import (
    ColumnGroup,
    Side,
    SideRow,
    TableModel,
    is_economic_class,
    is_function_class,
)
from budgetlint.model.diagnostics import Span
from budgetlint.model.nodes import Cell, Document
from budgetlint.model.numbers import Comparison, Figure, Verdict, compare_sum

# -- recording ---------------------------------------------------------------------------


def _row_ref(row: SideRow) -> RowRef:
    return RowRef(row.label, row.code, row.row.span.line)


def _operand(side: Side, row: SideRow, column: int, cell: Cell, figure: Figure) -> Operand:
    """``figure`` (the figure of ``cell``, a cell of ``row`` in ``column``) with where it stands."""
    return Operand(figure, cell.text, cell.span, side.table.title, _row_ref(row), side.column_name(column))


def _exact(total: Figure, parts: Sequence[Figure]) -> bool:
    """The identity holds exactly (compare_sum would say EXACT): the common case, made cheap."""
    summed = Decimal(0)
    for part in parts:
        summed += part.value
    return total.value == summed


#: How many identities of one kind could be checked in one table (keyed by the table's span).
CheckedCounts = Counter[tuple[Span, IdentityKind]]


class TableChecks(NamedTuple):
    """The identities that do not hold, and how many of each kind were checked per table.

    The counts let :mod:`budgetlint.analysis.structuregate` tell a typo (one failure among
    many checks) from a misread table (most checks of one kind fail).
    """

    identities: tuple[Identity, ...]
    checked: CheckedCounts
    #: Totals not checked because their rows are a nested list the figures do not resolve.
    unresolved: tuple[Unresolved, ...] = ()


class _Collector:
    def __init__(self, exact: bool) -> None:
        self.found: list[Identity] = []
        self.exact = exact  # the run's rounding = "exact"
        self.checked: CheckedCounts = Counter()
        self.unresolved: list[Unresolved] = []

    def count(self, side: Side, kind: IdentityKind) -> None:
        """One identity of ``kind`` had all its figures in ``side``'s table: it was checked."""
        self.checked[(side.table.span, kind)] += 1

    def add(self, kind: IdentityKind, comparison: Comparison, whole: Operand, parts: Sequence[Operand]) -> None:
        """Record an identity reported at its whole figure."""
        self.found.append(Identity(kind, comparison.verdict, whole.span, whole.table, whole, tuple(parts), comparison))

    def sum_identity(
        self, kind: IdentityKind, side: Side, total_row: SideRow, column: int, parts: Sequence[SideRow]
    ) -> None:
        """``total_row[column] = Σ parts[column]`` inside one side."""
        position = side.position(column)
        total_cell = total_row.cells[position]
        if total_cell is None or total_cell.figure is None:
            return
        cells: list[tuple[Cell, Figure]] = []
        for part in parts:
            cell = part.cells[position]
            if cell is None or cell.figure is None:
                return  # a non-numeric cell: no identity to check (reported as such elsewhere)
            cells.append((cell, cell.figure))
        self.count(side, kind)
        figures = [figure for _, figure in cells]
        if _exact(total_cell.figure, figures):
            return
        comparison = compare_sum(total_cell.figure, figures, exact=self.exact)
        self.add(
            kind,
            comparison,
            _operand(side, total_row, column, total_cell, total_cell.figure),
            [_operand(side, part, column, *cell) for part, cell in zip(parts, cells, strict=True)],
        )


# -- row totals and 其中 -------------------------------------------------------------------


def _row_totals(side: Side, out: _Collector) -> None:
    for group in side.groups:
        # A group is either a sum (total = Σ parts) or 其中 subsets of a whole. The cell
        # positions of its columns are the same for every row: looked up once.
        if group.total is not None:
            total = (group.total, side.position(group.total))
            parts = [side.position(c) for c in group.parts]
            for row in side.rows:
                if not row.blank:
                    _row_total(side, group, row, total, parts, out)
        elif group.whole is not None:
            whole = (group.whole, side.position(group.whole))
            subsets = [(column, side.position(column)) for column in group.subsets]
            for row in side.rows:
                if not row.blank:
                    _row_subsets(side, row, whole, subsets, out)


def _row_total(
    side: Side, group: ColumnGroup, row: SideRow, total: tuple[int, int], parts: list[int], out: _Collector
) -> None:
    """``row[group.total] = Σ row[group.parts]``; ``total`` is (column, cell position), ``parts`` positions."""
    cells = row.cells
    total_cell = cells[total[1]]
    if total_cell is None or total_cell.figure is None:
        return
    part_cells: list[tuple[Cell, Figure]] = []
    for position in parts:
        cell = cells[position]
        if cell is None or cell.figure is None:
            return
        part_cells.append((cell, cell.figure))
    out.count(side, IdentityKind.ROW_TOTAL)
    figures = [figure for _, figure in part_cells]
    if _exact(total_cell.figure, figures):
        return
    comparison = compare_sum(total_cell.figure, figures, exact=out.exact)
    if comparison.verdict is Verdict.EXACT:
        return
    out.add(
        IdentityKind.ROW_TOTAL,
        comparison,
        _operand(side, row, total[0], total_cell, total_cell.figure),
        [_operand(side, row, column, *cell) for column, cell in zip(group.parts, part_cells, strict=True)],
    )


def _row_subsets(
    side: Side, row: SideRow, whole_column: tuple[int, int], subsets: list[tuple[int, int]], out: _Collector
) -> None:
    """No 其中 cell of ``row`` exceeds the cell it belongs to; columns come as (column, cell position)."""
    whole = row.cells[whole_column[1]]
    if whole is None or whole.figure is None:
        return
    for column, position in subsets:
        cell = row.cells[position]
        if cell is None or cell.figure is None:
            continue
        out.count(side, IdentityKind.SUBSET_COLUMN)
        if cell.figure.value <= whole.figure.value:
            continue
        comparison = compare_sum(whole.figure, [cell.figure], exact=out.exact)
        if comparison.verdict is not Verdict.MISMATCH:
            continue
        subset = _operand(side, row, column, cell, cell.figure)
        out.found.append(
            Identity(
                IdentityKind.SUBSET_COLUMN,
                Verdict.MISMATCH,
                cell.span,
                side.table.title,
                _operand(side, row, whole_column[0], whole, whole.figure),
                (subset,),
                comparison,
            )
        )


def _subset_rows(side: Side, out: _Collector) -> None:
    """A 其中 row never exceeds the row it belongs to (the nearest row above that is not 其中)."""
    whole: SideRow | None = None
    for row in side.rows:
        if not row.is_subset:
            whole = None if row.is_total else row
            continue
        if whole is None:
            continue
        for position, cell in enumerate(row.cells):
            other = whole.cells[position]
            if cell is None or other is None or cell.figure is None or other.figure is None:
                continue
            out.count(side, IdentityKind.SUBSET_ROW)
            if cell.figure.value <= other.figure.value:
                continue
            comparison = compare_sum(other.figure, [cell.figure], exact=out.exact)
            if comparison.verdict is not Verdict.MISMATCH:
                continue
            column = side.amount[position]
            out.found.append(
                Identity(
                    IdentityKind.SUBSET_ROW,
                    Verdict.MISMATCH,
                    cell.span,
                    side.table.title,
                    _operand(side, whole, column, other, other.figure),
                    (_operand(side, row, column, cell, cell.figure),),
                    comparison,
                )
            )


# -- column totals, hierarchies, balances ---------------------------------------------------------


def _checked_columns(side: Side) -> list[int]:
    return [c for c, path in zip(side.amount, side.paths, strict=False) if path]


def _top_rows(side: Side, candidates: Sequence[SideRow], kind: TableKind) -> list[SideRow] | None:
    """The rows a total adds up (the outermost level of ``candidates``), or None if unclear."""
    rows = [r for r in candidates if not r.is_subset and not (r.is_blank() and not r.label and not r.code)]
    if not rows:
        return []
    if side.coded:
        coded = [r for r in rows if r.code]
        if any(r.code is None and not r.is_blank() for r in rows):
            return None
        if not coded:
            return []
        top_length = min(len(r.code or "") for r in coded)
        if top_length not in (3, 5, 7):
            return None
        return [r for r in coded if len(r.code or "") == top_length]
    economic = kind is TableKind.BASIC_ECONOMIC
    unlabeled = [r for r in rows if not r.label]
    if unlabeled:
        # A figure whose label is missing (or wrapped away) counts where the list is flat;
        # in a hierarchy its level is unknown.
        labeled = [r for r in rows if r.label]
        flat = len({r.numbering for r in labeled}) <= 1 and not economic
        return rows if flat and kind is not TableKind.OTHER and not kind.by_function else None
    # Economic class names (转移性支出, 债务还本支出 …) are also function class names:
    # they mark a hierarchy only in the economic table.
    classes = [r for r in rows if is_economic_class(r.name)] if economic else []
    if classes:
        if any(a.name == b.name for a, b in zip(rows, rows[1:], strict=False)):
            return None
        return classes if is_economic_class(rows[0].name) else None
    if kind.by_function or kind is TableKind.OTHER:
        return None  # rows without codes in a 科目 table, or a table of unknown layout: no guessing
    unnumbered = [r for r in rows if r.numbering == 0]
    if unnumbered and len(unnumbered) < len(rows):
        return unnumbered if rows[0].numbering == 0 else None
    lowest = min(r.numbering for r in rows)
    return [r for r in rows if r.numbering == lowest]


def _children_groups(side: Side, candidates: Sequence[SideRow], kind: TableKind) -> list[tuple[SideRow, list[SideRow]]]:
    """Parents and their children where the hierarchy is in the labels (uncoded sides).

    A parent whose items include a 其中 row is skipped: its list of items is not
    exhaustive. Two adjacent rows of the same name (a class and its 其他 item
    printed alike) make the hierarchy ambiguous: nothing is returned.
    """
    rows = list(candidates)
    plain = [r for r in rows if not r.is_subset]
    if not plain or any(a.name == b.name for a, b in zip(plain, plain[1:], strict=False)):
        return []
    uses_classes = kind is TableKind.BASIC_ECONOMIC and any(is_economic_class(r.name) for r in plain)
    levels = {r.numbering for r in plain}
    if not uses_classes and (len(levels) < 2 or kind.by_function or kind is TableKind.OTHER):
        return []
    # Parents: economic classes; else the outermost numbering (unnumbered rows above ①②,
    # 一、 above 1、), each followed by its items.
    top = 0 if 0 in levels else min(levels)
    groups: list[tuple[SideRow, list[SideRow]]] = []
    current: tuple[SideRow, list[SideRow]] | None = None
    for row in rows:
        is_parent = not row.is_subset and (is_economic_class(row.name) if uses_classes else row.numbering == top)
        if is_parent:
            current = (row, [])
            groups.append(current)
        elif current is not None:
            current[1].append(row)
        elif not row.is_subset:
            return []
    result = []
    for parent, children in groups:
        if not children or any(c.is_subset for c in children):
            continue
        if not uses_classes:
            lowest = min(c.numbering for c in children)
            children = [c for c in children if c.numbering == lowest]
        result.append((parent, children))
    return result


def _label_hierarchy(side: Side, rows: Sequence[SideRow], kind: TableKind, columns: list[int], out: _Collector) -> None:
    for parent, children in _children_groups(side, rows, kind):
        for column in columns:
            out.sum_identity(IdentityKind.ITEM_HIERARCHY, side, parent, column, children)


def _structure(model: TableModel, side: Side, out: _Collector) -> None:
    columns = _checked_columns(side)
    if not columns:
        return
    rows = side.rows
    totals = [i for i, r in enumerate(rows) if r.is_total]
    kind = model.kind
    # Column totals, and balances between successive totals.
    previous: int | None = None
    items_end = 0  # the rows before this index are the items of a total printed above them
    for number, index in enumerate(totals):
        total_row = rows[index]
        if previous is None:
            content_before = [r for r in rows[:index] if not r.is_total]
            if not any(not r.is_blank() or r.label for r in content_before):
                following = totals[number + 1] if number + 1 < len(totals) else len(rows)
                items_end = _items_end(rows, index, following)
                candidates = [r for r in rows[index + 1 : items_end] if not r.is_total]
                # 收入总计 | 小计 | 公共财政拨款 … | 小计 …: the total heads groups that open with
                # their own 小计, whose items are not told apart from the 小计 rows: not checked.
                grouped = following == index + 1 and following < len(rows)
            else:
                candidates = content_before
                grouped = False
            top = None if grouped else _top_rows(side, candidates, kind)
            if top is not None and not side.coded and len(top) > 1 and _every_row(top, candidates):
                top = _resolved_top(side, total_row, top, columns, out)
            if (
                top is not None
                and (top or not total_row.is_blank())
                and not _printed_on_other_side(model, side, total_row)
            ):
                for column in columns:
                    out.sum_identity(IdentityKind.COLUMN_TOTAL, side, total_row, column, top)
            if not side.coded:
                _label_hierarchy(side, candidates, kind, columns, out)
        else:
            # The rows after the items of a total printed above them (一、本年支出合计 …
            # 二、年终结转结余 … 支出总计): the items are that total's, not the balance's.
            between = [r for r in rows[max(previous + 1, items_end) : index] if not r.is_total]
            prior = rows[previous]
            top = _top_rows(side, between, kind) if between else []
            # Only a balance (总计 = 本年合计 + 结转/结余) is checked: a run of 小计 rows is not
            # necessarily cumulative, and guessing would raise false errors.
            balance = "总计" in total_row.label or any("结" in r.label for r in between)
            if top is not None and balance:
                for column in columns:
                    out.sum_identity(IdentityKind.BALANCE, side, total_row, column, [prior, *top])
            if balance and not side.coded:
                _label_hierarchy(side, between, kind, columns, out)
        previous = index
    if side.coded:
        _code_hierarchy(side, columns, out)


def _items_end(rows: Sequence[SideRow], index: int, following: int) -> int:
    """Where the items of the total at ``index``, printed above them, end (before ``following``).

    A numbered total (一、本年支出合计) is followed by its items up to its next sibling
    (二、年终结转结余): a row numbered at its level or above.
    """
    level = rows[index].numbering
    if level == 0:
        return following
    for position in range(index + 1, following):
        numbering = rows[position].numbering
        if 0 < numbering <= level:
            return position
    return following


def _every_row(top: Sequence[SideRow], candidates: Sequence[SideRow]) -> bool:
    """The total was read as the sum of every row of its list (no level told apart)."""
    listed = [r for r in candidates if not r.is_subset and (r.label or r.code or not r.is_blank())]
    return len(top) == len(listed)


def _figure_or_zero(row: SideRow, position: int) -> Figure | None:
    """The row's figure in a column, a missing cell as zero; None for a cell that is not a number."""
    cell = row.cells[position]
    if cell is None:
        return Figure(Decimal(0), exact=True)
    return cell.figure


def _resolved_top(
    side: Side, total_row: SideRow, rows: Sequence[SideRow], columns: list[int], out: _Collector
) -> list[SideRow] | None:
    """The outermost of ``rows`` (a list without codes or numbering) that a total adds up.

    The rows are all taken as parts unless that fails and the figures read the list as
    levels (:func:`~budgetlint.analysis.rowlevels.resolve_levels`: 类/款/项 by name only,
    projects under their 资金使用单位): then the outermost rows are the parts, and each
    parent is checked against its children in every column. A nested list the figures do
    not resolve is not checked (None), and recorded once for the structure gate.
    """
    primary = side.primary if side.primary in columns else columns[0]
    position = side.position(primary)
    total = total_row.cells[position]
    figures = [_figure_or_zero(row, position) for row in rows]
    if total is None or total.figure is None or any(f is None for f in figures):
        return list(rows)
    parts = [f for f in figures if f is not None]
    if compare_sum(total.figure, parts, exact=out.exact).verdict is not Verdict.MISMATCH:
        return list(rows)
    values = [f.value for f in parts]
    halves = [f.half_width for f in parts]
    resolution = resolve_levels(values, halves, total.figure.value, total.figure.half_width)
    if resolution.levels is not None:
        _check_levels(side, rows, resolution.levels.top, columns, out)
        return [rows[node.index] for node in resolution.levels.top]
    if not resolution.nested:
        return list(rows)
    classes = _class_rows(rows)
    if classes is None:
        # Heads and their items (units above their projects) with one wrong figure.
        split = split_groups(values, halves, total.figure.value, total.figure.half_width)
        if split is not None and any(node.children for node in split):
            _check_levels(side, rows, split, columns, out)
            return [rows[node.index] for node in split]
        out.unresolved.append(Unresolved(side.table.span, side.table.title_span, side.table.title, _row_ref(total_row)))
        return None
    # The figures do not add up in any reading, but the 类 rows are known by name: the total
    # is their sum, and each 类 is checked against the 款 its rows resolve into.
    for number, start in enumerate(classes):
        end = classes[number + 1] if number + 1 < len(classes) else len(rows)
        _check_class(side, rows, start, end, parts, columns, out)
    return [rows[index] for index in classes]


def _class_rows(rows: Sequence[SideRow]) -> list[int] | None:
    """The positions of the 功能分类 类 rows of a list that opens with one, else None.

    A 类 appears once: a later row of the same name (其他支出 under 其他支出) is its 款 or 项.
    """
    found: list[int] = []
    seen: set[str] = set()
    for index, row in enumerate(rows):
        if is_function_class(row.name) and row.name not in seen:
            seen.add(row.name)
            found.append(index)
    return found if found and found[0] == 0 else None


def _check_class(
    side: Side,
    rows: Sequence[SideRow],
    start: int,
    end: int,
    figures: Sequence[Figure],
    columns: list[int],
    out: _Collector,
) -> None:
    """Check the 类 row at ``start`` against the rows up to ``end``, read as 款 and 项 by their figures.

    When no reading adds up, the rows are split into 款 and their 项 that hold but for one
    figure (:func:`~budgetlint.analysis.rowlevels.split_groups`), so a mistyped 类, 款 or 项
    is reported; when no such split is certain, nothing in that 类 is checked.
    """
    if end == start + 1:
        return
    values = [f.value for f in figures[start + 1 : end]]
    halves = [f.half_width for f in figures[start + 1 : end]]
    resolution = resolve_levels(values, halves, figures[start].value, figures[start].half_width, max_depth=2)
    top = resolution.levels.top if resolution.levels is not None else None
    if top is None:
        top = split_groups(values, halves, figures[start].value, figures[start].half_width)
        if top is None:
            return
    nodes = [node._replace(index=node.index + start + 1, children=_shift(node.children, start + 1)) for node in top]
    _check_levels(side, rows, (Node(start, tuple(nodes)),), columns, out)


def _shift(nodes: tuple[Node, ...], offset: int) -> tuple[Node, ...]:
    return tuple(Node(n.index + offset, _shift(n.children, offset)) for n in nodes)


def _check_levels(
    side: Side, rows: Sequence[SideRow], top: tuple[Node, ...], columns: list[int], out: _Collector
) -> None:
    """Every parent of a reading equals the sum of its children, in every column."""
    for parent in Levels(top).parents():
        children = [rows[child.index] for child in parent.children]
        for column in columns:
            out.sum_identity(IdentityKind.ITEM_HIERARCHY, side, rows[parent.index], column, children)


def _printed_on_other_side(model: TableModel, side: Side, row: SideRow) -> bool:
    """A total row blank on this side whose figure stands, unlabelled, on another side.

    ``当年支出小计 | (blank) | (no label) | 24,458.43``: the total of a 支出 side printed in a cell
    merged across the 功能分类 and 支出用途 halves, so this side states no total of its own.
    A figure beside the other side's own label (``收入总计 | (blank) | 支出总计 | 100``) is that
    side's total: the blank 收入总计 is still checked.
    """
    if not row.is_blank():
        return False
    for other in model.sides:
        if other.index == side.index:
            continue
        twin = next((r for r in other.rows if r.row is row.row), None)
        if twin is not None and not twin.label and not twin.code and twin.has_amount:
            return True
    return False


def _code_hierarchy(side: Side, columns: list[int], out: _Collector) -> None:
    coded = [r for r in side.rows if r.code and not r.is_total]
    counts: dict[str, int] = {}
    for row in coded:
        counts[row.code or ""] = counts.get(row.code or "", 0) + 1
    children: dict[str, list[SideRow]] = {}
    for row in coded:
        code = row.code or ""
        if len(code) in (5, 7):
            children.setdefault(code[:-2], []).append(row)
    lengths = {len(c) for c in counts}
    for row in coded:
        code = row.code or ""
        out.count(side, IdentityKind.CODE_LENGTH)
        if len(code) not in (3, 5, 7):
            out.found.append(_code_defect(IdentityKind.CODE_LENGTH, side, row))
            continue
        if len(code) > 3 and (len(code) - 2) in lengths:
            out.count(side, IdentityKind.CODE_WITHOUT_PARENT)
        if len(code) > 3 and (len(code) - 2) in lengths and code[:-2] not in counts:
            out.found.append(_code_defect(IdentityKind.CODE_WITHOUT_PARENT, side, row))
        kids = children.get(code)
        if kids and counts.get(code) == 1 and all(counts.get(k.code or "") == 1 for k in kids):
            for column in columns:
                out.sum_identity(IdentityKind.CODE_HIERARCHY, side, row, column, kids)


def _two_sided_balance(side_in: Side, side_out: Side, out: _Collector) -> None:
    """收入总计 = 支出总计 across the two sides of a summary table."""
    totals_in = [r for r in side_in.rows if r.is_total]
    totals_out = [r for r in side_out.rows if r.is_total]
    if not totals_in or not totals_out:
        return
    last_in, last_out = totals_in[-1], totals_out[-1]
    grand = ("总计" in last_in.label and "总计" in last_out.label) or (len(totals_in) > 1 and len(totals_out) > 1)
    if not grand or side_in.primary is None or side_out.primary is None:
        return
    a = last_in.cells[side_in.position(side_in.primary)]
    b = last_out.cells[side_out.position(side_out.primary)]
    if a is None or b is None or a.figure is None or b.figure is None:
        return
    out.count(side_out, IdentityKind.TWO_SIDED_BALANCE)
    comparison = compare_sum(b.figure, [a.figure], exact=out.exact)
    if comparison.verdict is Verdict.EXACT:
        return
    out.add(
        IdentityKind.TWO_SIDED_BALANCE,
        comparison,
        _operand(side_out, last_out, side_out.primary, b, b.figure),
        [_operand(side_in, last_in, side_in.primary, a, a.figure)],
    )


def _code_defect(kind: IdentityKind, side: Side, row: SideRow) -> Identity:
    """A row whose 科目编码 is malformed or orphaned: reported on the row, no figures."""
    return Identity(kind, Verdict.MISMATCH, row.row.span, side.table.title, None, (), None, _row_ref(row))


# -- entry point -----------------------------------------------------------------------


def table_identities(doc: Document, models: Sequence[TableModel], exact: bool) -> tuple[Identity, ...]:
    """Every identity of the document's tables that does not hold exactly (see :func:`table_checks`)."""
    return table_checks(doc, models, exact).identities


def table_checks(doc: Document, models: Sequence[TableModel], exact: bool) -> TableChecks:
    """Every identity of the document's tables that does not hold exactly, and the counts checked.

    ``DocumentContext.table_checks`` computes it once per document; ``exact`` is the
    run's ``rounding = "exact"``. Cross-table identities are not counted: they belong to
    two tables, and the gate judges each table by its own arithmetic.
    """
    out = _Collector(exact)
    for model in models:
        if model.kind in (TableKind.PERFORMANCE,):
            continue
        for side in model.sides:
            _row_totals(side, out)
            _subset_rows(side, out)
            _structure(model, side, out)
        if len(model.sides) == 2 and model.kind in (TableKind.SUMMARY, TableKind.FISCAL_SUMMARY):
            _two_sided_balance(model.sides[0], model.sides[1], out)
    out.found.extend(cross_table_identities(doc, models, exact))
    return TableChecks(tuple(out.found), out.checked, tuple(out.unresolved))
