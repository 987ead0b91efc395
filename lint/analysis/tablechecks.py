"""Every arithmetic identity of a document's tables, checked once.

The identities come from :mod:`budgetlint.analysis.tablemodel`: column totals (BL201), row
totals and 其中 subsets (BL202), the 科目 hierarchy (BL203), balances (BL204)
and the same quantity in two tables (BL301). Each is compared with
:func:`~budgetlint.model.numbers.compare_sum` and recorded as an :class:`Identity`
with its verdict, so the rule of each family reports its MISMATCH findings and
BL205 reports every ROUNDING one; EXACT identities are dropped. Computed once
per document (``DocumentContext.table_identities``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from budgetlint.analysis.crosstables import cross_table_identities
from budgetlint.analysis.identities import Identity
from budgetlint.analysis.tablekinds import TableKind
from budgetlint.analysis.tablemodel import ColumnGroup, Side, SideRow, TableModel, is_economic_class
from budgetlint.model.nodes import Document
from budgetlint.model.numbers import Comparison, Figure, Verdict, compare_sum, format_figure

# -- formatting ------------------------------------------------------------------------


def _fmt(value: Decimal, decimals: int, commas: bool) -> str:
    text = format_figure(value, decimals)
    if commas:
        sign = "-" if text.startswith("-") else ""
        body = text.lstrip("-")
        whole, _, frac = body.partition(".")
        text = sign + f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text


def _decimals(figures: Iterable[Figure]) -> int:
    return max((f.decimals for f in figures if not f.exact), default=0)


def _messages(
    comparison: Comparison,
    left_zh: str,
    left_en: str,
    left: str,
    right_zh: str,
    right_en: str,
    right: str,
    decimals: int,
    commas: bool,
) -> tuple[str, str]:
    diff = _fmt(comparison.difference, decimals, commas)
    if comparison.verdict is Verdict.ROUNDING:
        tail_zh, tail_en = f"（差 {diff}，在四舍五入误差内）", f" (difference {diff}, within rounding)"
    else:
        tail_zh, tail_en = f"（差 {diff}）", f" (difference {diff})"
    return (f"{left_zh} {left} ≠ {right_zh} {right}{tail_zh}", f"{left_en} {left} ≠ {right_en} {right}{tail_en}")


def _title(side: Side) -> str:
    return side.table.title or "表格"


def _row_name(row: SideRow) -> str:
    return row.label or row.code or f"第{row.row.span.line}行"


def _exact(total: Figure, parts: Sequence[Figure]) -> bool:
    """The identity holds exactly (compare_sum would say EXACT): the common case, made cheap."""
    summed = Decimal(0)
    for part in parts:
        summed += part.value
    return total.value == summed


class _Collector:
    def __init__(self, exact: bool) -> None:
        self.found: list[Identity] = []
        self.exact = exact  # the run's rounding = "exact"

    def sum_identity(
        self,
        code: str,
        side: Side,
        total_row: SideRow,
        column: int,
        parts: Sequence[SideRow],
        what_zh: str,
        what_en: str,
    ) -> None:
        """``total_row[column] = Σ parts[column]`` inside one side."""
        position = side.position(column)
        total_cell = total_row.cells[position]
        if total_cell is None or total_cell.figure is None:
            return
        figures = []
        for part in parts:
            cell = part.cells[position]
            if cell is None or cell.figure is None:
                return  # a non-numeric cell: BL206's business
            figures.append(cell.figure)
        if _exact(total_cell.figure, figures):
            return
        comparison = compare_sum(total_cell.figure, figures, exact=self.exact)
        commas = "," in total_cell.text
        decimals = _decimals([total_cell.figure, *figures])
        column_name = side.column_name(column)
        name = _row_name(total_row)
        zh, en = _messages(
            comparison,
            f"“{_title(side)}”{name}（{column_name}）",
            f"'{_title(side)}' {name} ({column_name})",
            total_cell.text,
            what_zh,
            what_en,
            _fmt(comparison.expected, decimals, commas),
            decimals,
            commas,
        )
        self.found.append(Identity(code, comparison.verdict, total_cell.span, zh, en))


# -- BL202 row totals -------------------------------------------------------------------


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
    figures: list[Figure] = []
    for position in parts:
        cell = cells[position]
        if cell is None or cell.figure is None:
            return
        figures.append(cell.figure)
    if _exact(total_cell.figure, figures):
        return
    comparison = compare_sum(total_cell.figure, figures, exact=out.exact)
    if comparison.verdict is Verdict.EXACT:
        return
    commas = "," in total_cell.text
    decimals = _decimals([total_cell.figure, *figures])
    names = "+".join(side.column_name(c) for c in group.parts)
    label = _row_name(row)
    zh, en = _messages(
        comparison,
        f"“{_title(side)}”{label}：{side.column_name(total[0])}",
        f"'{_title(side)}' {label}: {side.column_name(total[0])}",
        total_cell.text,
        names,
        names,
        _fmt(comparison.expected, decimals, commas),
        decimals,
        commas,
    )
    out.found.append(Identity("BL202", comparison.verdict, total_cell.span, zh, en))


def _row_subsets(
    side: Side, row: SideRow, whole_column: tuple[int, int], subsets: list[tuple[int, int]], out: _Collector
) -> None:
    """No 其中 cell of ``row`` exceeds the cell it belongs to; columns come as (column, cell position)."""
    whole = row.cells[whole_column[1]]
    if whole is None or whole.figure is None:
        return
    for column, position in subsets:
        cell = row.cells[position]
        if cell is None or cell.figure is None or cell.figure.value <= whole.figure.value:
            continue
        comparison = compare_sum(whole.figure, [cell.figure], exact=out.exact)
        if comparison.verdict is not Verdict.MISMATCH:
            continue
        decimals = _decimals([whole.figure, cell.figure])
        commas = "," in whole.text
        diff = _fmt(comparison.difference, decimals, commas)
        label = _row_name(row)
        sub, whole_name = side.column_name(column), side.column_name(whole_column[0])
        out.found.append(
            Identity(
                "BL202",
                Verdict.MISMATCH,
                cell.span,
                f"“{_title(side)}”{label}：{sub} {cell.text} 大于 {whole_name} {whole.text}（差 {diff}）",
                f"'{_title(side)}' {label}: subset {sub} {cell.text} exceeds {whole_name} {whole.text} (difference {diff})",
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
            if cell.figure.value <= other.figure.value:
                continue
            comparison = compare_sum(other.figure, [cell.figure], exact=out.exact)
            if comparison.verdict is not Verdict.MISMATCH:
                continue
            decimals = _decimals([cell.figure, other.figure])
            diff = _fmt(comparison.difference, decimals, "," in cell.text)
            out.found.append(
                Identity(
                    "BL202",
                    Verdict.MISMATCH,
                    cell.span,
                    f"“{_title(side)}”{row.label} {cell.text} 大于其所属的{whole.label} {other.text}（差 {diff}）",
                    f"'{_title(side)}' {row.label} {cell.text} exceeds {whole.label} {other.text} it is part of (difference {diff})",
                )
            )


# -- BL201 / BL203 / BL204 row structure ---------------------------------------------------------


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
            out.sum_identity("BL203", side, parent, column, children, "所属明细合计", "the sum of its items")


def _structure(model: TableModel, side: Side, out: _Collector) -> None:
    columns = _checked_columns(side)
    if not columns:
        return
    rows = side.rows
    totals = [i for i, r in enumerate(rows) if r.is_total]
    kind = model.kind
    # Column totals, and balances between successive totals.
    previous: int | None = None
    for number, index in enumerate(totals):
        total_row = rows[index]
        if previous is None:
            content_before = [r for r in rows[:index] if not r.is_total]
            if not any(not r.is_blank() or r.label for r in content_before):
                following = totals[number + 1] if number + 1 < len(totals) else len(rows)
                candidates = [r for r in rows[index + 1 : following] if not r.is_total]
            else:
                candidates = content_before
            top = _top_rows(side, candidates, kind)
            if top is not None and (top or not total_row.is_blank()):
                for column in columns:
                    out.sum_identity("BL201", side, total_row, column, top, "各行合计", "the sum of its rows")
            if not side.coded:
                _label_hierarchy(side, candidates, kind, columns, out)
        else:
            between = [r for r in rows[previous + 1 : index] if not r.is_total]
            prior = rows[previous]
            top = _top_rows(side, between, kind) if between else []
            # Only a balance (总计 = 本年合计 + 结转/结余) is checked: a run of 小计 rows is not
            # necessarily cumulative, and guessing would raise false errors.
            balance = "总计" in total_row.label or any("结" in r.label for r in between)
            if top is not None and balance:
                name = _row_name(prior)
                for column in columns:
                    out.sum_identity(
                        "BL204",
                        side,
                        total_row,
                        column,
                        [prior, *top],
                        f"{name}与其后各项之和",
                        f"{name} plus the rows after it",
                    )
            if balance and not side.coded:
                _label_hierarchy(side, between, kind, columns, out)
        previous = index
    if side.coded:
        _code_hierarchy(side, columns, out)


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
        if len(code) not in (3, 5, 7):
            out.found.append(
                Identity(
                    "BL203",
                    Verdict.MISMATCH,
                    row.row.span,
                    f"“{_title(side)}”{_row_name(row)}的科目编码 {code} 不是类（3 位）、款（5 位）或项（7 位）编码",
                    f"'{_title(side)}' {_row_name(row)}: code {code} is not a 3/5/7-digit 类/款/项 code",
                )
            )
            continue
        if len(code) > 3 and (len(code) - 2) in lengths and code[:-2] not in counts:
            out.found.append(
                Identity(
                    "BL203",
                    Verdict.MISMATCH,
                    row.row.span,
                    f"“{_title(side)}”{_row_name(row)}的科目编码 {code} 不属于表中任何上级科目（无 {code[:-2]}）",
                    f"'{_title(side)}' {_row_name(row)}: code {code} extends no parent row (no {code[:-2]})",
                )
            )
        kids = children.get(code)
        if kids and counts.get(code) == 1 and all(counts.get(k.code or "") == 1 for k in kids):
            for column in columns:
                out.sum_identity("BL203", side, row, column, kids, "下级科目合计", "the sum of its sub-items")


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
    comparison = compare_sum(b.figure, [a.figure], exact=out.exact)
    if comparison.verdict is Verdict.EXACT:
        return
    decimals = _decimals([a.figure, b.figure])
    commas = "," in a.text
    zh, en = _messages(
        comparison,
        f"“{_title(side_out)}”{last_out.label}",
        f"'{_title(side_out)}' {last_out.label}",
        b.text,
        last_in.label,
        last_in.label,
        a.text,
        decimals,
        commas,
    )
    out.found.append(Identity("BL204", comparison.verdict, b.span, zh, en))


# -- entry point -----------------------------------------------------------------------


def table_identities(doc: Document, models: Sequence[TableModel], exact: bool) -> tuple[Identity, ...]:
    """Every identity of the document's tables that does not hold exactly.

    ``DocumentContext.table_identities`` computes it once per document; ``exact`` is the
    run's ``rounding = "exact"``.
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
    return tuple(out.found)


def identity_findings(identities: Iterable[Identity], code: str, verdict: Verdict = Verdict.MISMATCH) -> list[Identity]:
    """The identities owned by ``code`` with ``verdict`` (what a BL2xx/BL3xx rule reports)."""
    return [i for i in identities if i.code == code and i.verdict is verdict]
