"""An index from the names the narrative uses to the figures the tables print.

The narrative says "社会保障和就业支出133.31万元", "基本支出57.3万元",
"一般公共预算拨款收入140.30万元"; the tables print those figures in rows
(八、社会保障和就业支出 | 133.31), in total rows under a column (合计 row,
基本支出 column), or in the income side of a two-sided table. The index maps
normalized labels to the figure (in 万元) and the places it was read from. A
label whose tables disagree maps to nothing: rules then stay silent.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from budgetlint.model.nodes import ColumnRole, Document, Row, Table
from budgetlint.model.numbers import Figure
from budgetlint.model.text import TO_WAN, fact_lookup_key

#: Total-row columns whose header names a figure the narrative quotes by that name.
COLUMN_FACTS = ("基本支出", "项目支出", "人员经费", "公用经费")
#: Narrative wording → the label the tables use (after normalization).
SYNONYMS = {
    "收入总计": ("预算收入总计", "收入预算总计", "收入总预算", "预算收入", "收入预算", "收入合计总计"),
    "支出总计": (
        "预算支出总计",
        "支出预算总计",
        "支出总预算",
        "预算支出",
        "支出预算",
        "单位预算支出总计",
        "部门预算支出总计",
        "单位支出总计",
        "部门支出总计",
    ),
    "本年收入合计": ("本年收入", "本年收入预算", "本年预算收入", "本年收入总计"),
    "本年支出合计": ("本年支出", "本年预算安排", "本年支出预算", "本年预算支出", "本年支出总计"),
    "一般公共预算": (
        "一般公共预算拨款收入",
        "一般公共预算拨款",
        "一般公共预算财政拨款",
        "一般公共预算财政拨款收入",
        "一般公共预算收入",
        "一般公共预算资金",
    ),
    "政府性基金预算": (
        "政府性基金预算拨款收入",
        "政府性基金预算拨款",
        "政府性基金预算财政拨款",
        "政府性基金拨款",
        "政府性基金",
        "政府性基金收入",
    ),
    "国有资本经营预算": (
        "国有资本经营预算拨款收入",
        "国有资本经营预算拨款",
        "国有资本经营预算财政拨款",
        "国有资本经营预算收入",
    ),
    "财政专户管理资金": ("财政专户管理资金收入",),
}
_ALIASES = {alias: canonical for canonical, aliases in SYNONYMS.items() for alias in aliases}


class Fact(NamedTuple):
    """A figure the tables agree on, in 万元, with where it was read (table title, line)."""

    figure: Figure
    sources: tuple[tuple[str, int], ...]


def lookup_keys(label: str) -> list[str]:
    """Keys under which a narrative label may be indexed, most specific first."""
    key = fact_lookup_key(label)
    keys = [key]
    # "本年基本支出" is the 基本支出 of the tables; but "本年收入" is not 收入总计
    # (总计 includes 上年结转), so 本年 is dropped only before the column facts.
    if key.startswith("本年") and key[2:] in COLUMN_FACTS:
        keys.append(key[2:])
    if key in _ALIASES:
        keys.append(_ALIASES[key])
    return keys


def _in_wan(figure: Figure, unit: str | None) -> Figure:
    return figure.scaled(TO_WAN.get(unit or "万元", Decimal(1)))


def _label_amount_columns(table: Table) -> list[tuple[int, int]]:
    """(label column, first amount column after it) for each label column with one before the
    next label column: two-sided tables give two pairs. The same for every row of the table."""
    pairs = []
    columns = table.columns
    for column in columns:
        if column.role is not ColumnRole.LABEL:
            continue
        for nxt in columns[column.index + 1 :]:
            if nxt.role is ColumnRole.LABEL:
                break
            if nxt.role is ColumnRole.AMOUNT:
                pairs.append((column.index, nxt.index))
                break
    return pairs


def _label_amount_pairs(row: Row, columns: list[tuple[int, int]]) -> list[tuple[str, Figure]]:
    """(label, amount) of the row for each of the table's (label, amount) ``columns``."""
    pairs = []
    for label_column, amount_column in columns:
        cell = row.cell(label_column)
        if cell is None or cell.is_blank:
            continue
        amount = row.cell(amount_column)
        if amount is not None and amount.figure is not None:
            pairs.append((cell.text, amount.figure))
    return pairs


class FactIndex:
    """Label → figure, built once per document from every table with a unit."""

    def __init__(self) -> None:
        self._values: dict[str, list[tuple[Figure, str, int]]] = {}
        self._agreed: dict[str, Fact | None] = {}  # memo: narratives repeat the same labels

    def add(self, label: str, figure: Figure, table: str, line: int) -> None:
        key = fact_lookup_key(label)
        # A one-character label is the wrapped tail of another ("2.政府性基金预|算"), not a name.
        if len(key) >= 2 and key not in ("合计", "总计", "小计", "项目", "其中"):
            self._values.setdefault(key, []).append((figure, table, line))

    def get(self, label: str, keep: Callable[[str], bool] | None = None) -> Fact | None:
        """The figure the tables give for ``label``; None when unknown or ambiguous.

        Synonyms name one figure: when the tables print it under two of them (本年收入 in the
        财政拨款收支总表, 本年收入合计 in the 收支总表), every printing must agree. When they do
        not, ``keep`` (a test of a table title: the sentence's scope) chooses the tables: the
        收支总表 and the 财政拨款收支总表 both print 支出总计, and a sentence about 财政拨款
        names the second; the kept printings must then agree. Not for the column facts
        (基本支出 …): a header read one column off gives a table its own wrong figure, which
        only the disagreement of the other tables reveals.
        """
        keys = lookup_keys(label)
        for i, key in enumerate(keys):
            values = self._values.get(key)
            if values:
                same = [key] + [k for k in keys[i + 1 :] if _ALIASES.get(k, k) == _ALIASES.get(key, key)]
                memo = "|".join(same)
                if memo not in self._agreed:
                    self._agreed[memo] = _agreed([v for k in same for v in self._values.get(k, ())])
                agreed = self._agreed[memo]
                if agreed is None and keep is not None and key not in COLUMN_FACTS:
                    kept = [v for k in same for v in self._values.get(k, ()) if keep(v[1])]
                    return _agreed(kept) if kept else None
                return agreed
        return None

    def __contains__(self, label: str) -> bool:
        return any(key in self._values for key in lookup_keys(label))


def _agreed(values: list[tuple[Figure, str, int]]) -> Fact | None:
    """One figure when all printed (non-blank) values agree; blanks count only when all are blank."""
    printed = [v for v in values if not v[0].exact]
    chosen = printed or values
    first = chosen[0][0]
    if any(abs(f.value - first.value) > f.half_width + first.half_width for f, _, _ in chosen):
        return None
    best = max(chosen, key=lambda v: v[0].decimals)  # the most precise printing
    return Fact(best[0], tuple((t, line) for _, t, line in chosen))


def build_fact_index(doc: Document) -> FactIndex:
    """Table figures by normalized label (``DocumentContext.fact_index`` builds it once per document)."""
    index = FactIndex()
    for table in doc.tables:
        if table.unit is None or not table.title or "绩效" in table.title:
            continue
        columns = _label_amount_columns(table)
        for row in table.rows:
            for label, figure in _label_amount_pairs(row, columns):
                index.add(label, _in_wan(figure, table.unit), table.title, row.span.line)
            if row.is_total and fact_lookup_key(row.label) in ("合计", "总计"):
                for column in table.amount_columns:
                    # ("2023年预算数", "基本支出") or ("本年支出", "项目支出", "小计")
                    names = [p for p in column.path if p in COLUMN_FACTS]
                    cell = row.cell(column.index)
                    if (
                        names
                        and cell is not None
                        and cell.figure is not None
                        and column.path[-1] in (names[-1], "小计", "合计")
                    ):
                        index.add(names[-1], _in_wan(cell.figure, table.unit), table.title, row.span.line)
    return index
