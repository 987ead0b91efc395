"""The same quantity printed in two tables: cross-table identities.

Tables are found by kind (:mod:`budgetlint.analysis.tablekinds`), never by position, and
figures are converted to 万元 before comparing. Pairs checked:

- 收支总表 本年收入合计 ↔ 收入总表 合计; 本年支出合计 ↔ 支出总表 合计, and each 类
  row of the 支出 side ↔ the 支出总表 row of the same 类 name;
- 财政拨款收支总表 一般公共预算 column (total and 类 rows) ↔ 一般公共预算支出表;
- 基本支出经济科目表 合计 ↔ the 基本支出 column of the 一般公共预算支出表;
- 项目支出表(s) total ↔ the 项目支出 column of the 支出总表.

A pair is skipped when either table is missing, has no unit, or its rows or
columns cannot be identified without guessing. A pair that does not hold exactly is
recorded as an :class:`~budgetlint.analysis.identities.Identity` of a cross-table kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budgetlint.analysis.identities import Identity, IdentityKind, Operand, RowRef
from budgetlint.analysis.tablekinds import TableKind
from budgetlint.analysis.tablemodel import Side, SideRow, TableModel
from budgetlint.model.nodes import Document
from budgetlint.model.numbers import Figure, Verdict, compare_sum


def _factor(model: TableModel, default: Decimal | None) -> Decimal | None:
    return model.factor if model.factor is not None else default


def _first_total(side: Side) -> SideRow | None:
    return next((r for r in side.rows if r.is_total), None)


def _current_year_total(side: Side) -> SideRow | None:
    """A summary side's 本年收入合计/本年支出合计 row.

    Where the side prints only a grand total (收入总计), that total is the current
    year's only when no carry-over row (上年结转, 结余, 年终结转 …) holds an amount.
    """
    totals = [r for r in side.rows if r.is_total]
    current = [r for r in totals if "本年" in r.label]
    if current:
        return current[0]
    if len(totals) != 1:
        return None
    carry_over = any(("结转" in r.label or "结余" in r.label) and r.has_amount for r in side.rows if not r.is_total)
    return None if carry_over else totals[0]


def _column(side: Side, word: str) -> int | None:
    found = [c for c, p in zip(side.amount, side.paths, strict=False) if p and word in p[-1] and "其中" not in p[-1]]
    return found[0] if len(found) == 1 else None


def _point(
    model: TableModel, side: Side, row: SideRow | None, column: int | None, factor: Decimal | None
) -> Operand | None:
    """The figure of ``row`` in ``column``, converted to 万元 (None if any of them is unknown)."""
    if row is None or column is None or factor is None:
        return None
    cell = row.cells[side.position(column)]
    if cell is None or cell.figure is None:
        return None
    return Operand(
        cell.figure.scaled(factor),
        cell.text,
        cell.span,
        model.table.title,
        RowRef(row.label, row.code, row.row.span.line),
        side.column_name(column),
    )


def _compare(
    found: list[Identity],
    left: Operand | None,
    right: Operand | None,
    exact: bool,
    kind: IdentityKind = IdentityKind.CROSS_TABLE,
) -> None:
    """Record ``left = right`` unless it holds exactly (reported at ``left``)."""
    if left is None or right is None:
        return
    comparison = compare_sum(left.figure, [right.figure], exact=exact)
    if comparison.verdict is Verdict.EXACT:
        return
    found.append(Identity(kind, comparison.verdict, left.span, left.table, left, (right,), comparison))


def _only(models: Sequence[TableModel], kind: TableKind) -> TableModel | None:
    found = [m for m in models if m.kind is kind and m.sides]
    return found[0] if len(found) == 1 else None


def _class_rows(side: Side) -> dict[str, SideRow]:
    rows: dict[str, SideRow] = {}
    duplicate: set[str] = set()
    for row in side.rows:
        if row.code and len(row.code) == 3 and row.name:
            if row.name in rows:
                duplicate.add(row.name)
            rows[row.name] = row
    for name in duplicate:
        del rows[name]
    return rows


def _classes(
    found: list[Identity],
    summary: TableModel,
    s_side: Side,
    s_column: int | None,
    s_factor: Decimal | None,
    detail: TableModel,
    d_side: Side,
    d_column: int | None,
    d_factor: Decimal | None,
    exact: bool,
) -> None:
    """类 rows of a summary side (numbered 一、…) ↔ 3-digit rows of a detail table, by name."""
    if s_column is None or d_column is None or not d_side.coded:
        return
    classes = _class_rows(d_side)
    for row in s_side.rows:
        if row.is_total or row.numbering != 1 or row.name not in classes:
            continue
        _compare(
            found,
            _point(summary, s_side, row, s_column, s_factor),
            _point(detail, d_side, classes[row.name], d_column, d_factor),
            exact,
        )


def cross_table_identities(doc: Document, models: Sequence[TableModel], exact: bool) -> list[Identity]:
    """Every pair of figures of two tables that should agree and does not exactly."""
    found: list[Identity] = []
    units = {m.factor for m in models if m.factor is not None and m.kind is not TableKind.OTHER}
    default = next(iter(units)) if len(units) == 1 else None  # tables under one 单位 line for all

    summary = _only(models, TableKind.SUMMARY)
    income = _only(models, TableKind.INCOME)
    expenditure = _only(models, TableKind.EXPENDITURE)
    fiscal = _only(models, TableKind.FISCAL_SUMMARY)
    general = _only(models, TableKind.GENERAL_EXPENDITURE)
    economic = _only(models, TableKind.BASIC_ECONOMIC)

    if summary is not None and len(summary.sides) == 2:
        s_in, s_out = summary.sides
        s_factor = _factor(summary, default)
        if income is not None:
            side = income.sides[0]
            # A 收入总表 whose 合计 includes 上年结转 matches the summary's 收入总计, else 本年收入合计.
            with_carry_over = any(
                "结" in "".join(side.paths[side.position(c)])
                for g in side.groups
                if g.total == side.primary
                for c in g.parts
            )
            s_totals = [r for r in s_in.rows if r.is_total]
            s_row = (s_totals[-1] if s_totals else None) if with_carry_over else _current_year_total(s_in)
            _compare(
                found,
                _point(income, side, _first_total(side), side.primary, _factor(income, default)),
                _point(summary, s_in, s_row, s_in.primary, s_factor),
                exact,
            )
        if expenditure is not None:
            side = expenditure.sides[0]
            e_factor = _factor(expenditure, default)
            _compare(
                found,
                _point(expenditure, side, _first_total(side), side.primary, e_factor),
                _point(summary, s_out, _current_year_total(s_out), s_out.primary, s_factor),
                exact,
            )
            _classes(found, summary, s_out, s_out.primary, s_factor, expenditure, side, side.primary, e_factor, exact)

    if fiscal is not None and general is not None and len(fiscal.sides) == 2:
        f_out = fiscal.sides[1]
        f_column = _column(f_out, "一般公共预算")
        f_factor = _factor(fiscal, default)
        side = general.sides[0]
        g_factor = _factor(general, default)
        _compare(
            found,
            _point(general, side, _first_total(side), side.primary, g_factor),
            _point(fiscal, f_out, _current_year_total(f_out), f_column, f_factor),
            exact,
        )
        _classes(found, fiscal, f_out, f_column, f_factor, general, side, side.primary, g_factor, exact)

    if economic is not None and general is not None:
        g_side = general.sides[0]
        basic = _point(general, g_side, _first_total(g_side), _column(g_side, "基本支出"), _factor(general, default))
        e_factor = _factor(economic, default)
        points = [_point(economic, s, _first_total(s), s.primary, e_factor) for s in economic.sides]
        present = [p for p in points if p is not None]
        if basic is not None and present and len(present) == len(points):
            if len(present) == 1:
                _compare(found, present[0], basic, exact)
            else:  # 人员经费合计 | 公用经费合计 printed side by side: their sum
                figures = [p.figure for p in present]
                sides_total = Figure(sum((f.value for f in figures), Decimal(0)), max(f.decimals for f in figures))
                whole = Operand(sides_total, "", present[0].span, economic.table.title, None, None)
                _compare(found, whole, basic, exact, IdentityKind.CROSS_TABLE_SIDES_TOTAL)

    projects = [m for m in models if m.kind is TableKind.PROJECT]
    if projects and expenditure is not None:
        e_side = expenditure.sides[0]
        target = _point(
            expenditure, e_side, _first_total(e_side), _column(e_side, "项目支出"), _factor(expenditure, default)
        )
        total = Decimal(0)
        decimals = 0
        understood = target is not None
        for model in projects:
            project_side = model.sides[0] if len(model.sides) == 1 else None
            factor = _factor(model, default)
            if project_side is None or project_side.primary is None or factor is None:
                understood = False
                break
            position = project_side.position(project_side.primary)
            totals = [r for r in project_side.rows if r.is_total]
            rows = totals[:1] if totals else [r for r in project_side.rows if not r.is_subset and r.numbering == 0]
            for row in rows:
                figure = row.figure(position)
                if figure is None:
                    understood = False
                    break
                scaled = figure.scaled(factor)
                total += scaled.value
                decimals = max(decimals, scaled.decimals)
        if understood and target is not None:
            span = projects[0].table.title_span
            whole = Operand(Figure(total, decimals), "", span, None, None, None)
            _compare(found, whole, target, exact, IdentityKind.CROSS_TABLE_PROJECTS_TOTAL)
    return found
