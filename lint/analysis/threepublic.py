"""The figures of the 三公 table, by item, and the narrative amounts that quote them.

The 三公 paragraph (“三公”经费预算数为237.92万元…因公出国（境）费201.80万元…公务接待费
8.12万元) quotes the 三公 table, and only it: the basic-expenditure economic table's
公务接待费 row excludes project spending, so the label index, which sees both, finds the
label ambiguous and checks nothing. Layout rules that hold across the templates:

- The 三公 table prints its items as columns (合计 | 因公出国(境)费 | 公务接待费 |
  公务用车购置及运行费 : 小计 | 购置费 | 运行费) over one figure row, or over a 合计 row
  followed by one row per unit; or as rows (“三公”经费 / 其中：因公出国（境）支出 / …) with
  the amount in the first amount column. Rows by year or several figure rows without a
  合计 name no single figure: nothing is read.
- A column group or label naming 预算数 or 决算数 is that stage's figure; a narrative
  amount names its stage the same way, and an amount that names none matches only a
  table with one stage.
- An amount is a 三公 figure when its label names a 三公 item and it stands in the 三公
  paragraph: 三公 is written before it in its paragraph or in the heading above it, and
  it is no part of a list whose whole is something else (公用经费…其中：公务接待费).
  Amounts of another year (上年, 2025年 in a 2026 document) are not the table's.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from budgetlint.analysis.facts import Fact
from budgetlint.analysis.narrative import AmountClaim, Narrative
from budgetlint.analysis.tablekinds import TableKind, table_kind
from budgetlint.model.nodes import ColumnRole, Document, Row, Table
from budgetlint.model.numbers import Figure
from budgetlint.model.text import TO_WAN, normalize_width, squash

TOTAL = "三公经费"
_STAGES = ("决算", "预算")
_SKIPPED = ("小计", "合计", "总计", "预算数", "决算数", "金额")
_OTHER_YEAR = re.compile(r"上年|去年|上一年|(\d{4})\s*年")


def item_name(text: str, parent: str = "") -> str | None:
    """The 三公 item a header or label names: 三公经费, 因公出国(境)费, 公务接待费,
    公务用车购置及运行费, 公务用车购置费 or 公务用车运行费; None for anything else.

    ``parent`` is the header above (购置费 under 公务用车购置及运行费 is 公务用车购置费)."""
    t = squash(normalize_width(text)).replace("“", "").replace("”", "").replace('"', "")
    if "因公出国" in t:
        return "因公出国(境)费"
    if "公务接待" in t:
        return "公务接待费"
    car = "公务用车" in t or "公务车" in t or "公务用车" in squash(normalize_width(parent))
    if car and "购置" in t and "运行" in t:
        return "公务用车购置及运行费"
    if car and "购置" in t:
        return "公务用车购置费"
    if car and "运行" in t:
        return "公务用车运行费"
    if "三公" in t and "机关运行" not in t:
        return TOTAL
    return None


def _stage(text: str) -> str:
    return next((s for s in _STAGES if s in text), "")


class ThreePublic(NamedTuple):
    """The 三公 table's figures by (item, stage); stage "" when the table prints one stage."""

    facts: dict[tuple[str, str], Fact]
    stages: frozenset[str]

    def get(self, item: str, stage: str) -> Fact | None:
        if stage:
            return self.facts.get((item, stage)) or (self.facts.get((item, "")) if not self.stages else None)
        if len(self.stages) > 1:
            return None  # 预算数 and 决算数 both printed: the amount must say which
        return next((f for (i, _), f in self.facts.items() if i == item), None)


def _figure_row(table: Table) -> Row | None:
    """The row holding the table's figures: its 合计 row, else its only row with a figure."""
    totals = [r for r in table.rows if r.is_total]
    if len(totals) == 1:
        return totals[0]
    filled = [r for r in table.rows if any(c.figure is not None for c in r.cells)]
    return filled[0] if len(filled) == 1 and not totals else None


def _from_columns(table: Table, found: dict[tuple[str, str], list[tuple[Figure, int]]]) -> None:
    row = _figure_row(table)
    if row is None:
        return
    for column in table.amount_columns:
        cell = row.cell(column.index)
        if cell is None or cell.figure is None:
            continue
        names = [p for p in column.path if p not in _SKIPPED]
        item = None
        for depth in range(len(names) - 1, -1, -1):
            item = item_name(names[depth], names[depth - 1] if depth else "")
            if item is not None:
                break
        if item is not None:
            found.setdefault((item, _stage(column.name)), []).append((cell.figure, row.span.line))


def _from_rows(table: Table, found: dict[tuple[str, str], list[tuple[Figure, int]]]) -> None:
    labels = [c.index for c in table.columns if c.role is ColumnRole.LABEL]
    amounts = table.amount_columns
    if len(labels) != 1 or not amounts:
        return
    first = amounts[0]
    previous = ""
    for row in table.rows:
        label = row.cell(labels[0])
        cell = row.cell(first.index)
        if label is None or cell is None or cell.figure is None:
            continue
        item = item_name(label.text, previous)
        if item is not None:
            found.setdefault((item, _stage(first.name)), []).append((cell.figure, row.span.line))
        if item == "公务用车购置及运行费":
            previous = label.text
    return


def three_public(doc: Document) -> ThreePublic:
    """The figures of the document's 三公 table (one table: two 三公 tables name no single figure)."""
    tables = [t for t in doc.tables if table_kind(t) is TableKind.THREE_PUBLIC and t.unit in TO_WAN]
    if len(tables) != 1:
        return ThreePublic({}, frozenset())
    table = tables[0]
    factor = TO_WAN[table.unit or "万元"]
    found: dict[tuple[str, str], list[tuple[Figure, int]]] = {}
    _from_columns(table, found)
    if not found:
        _from_rows(table, found)
    facts = {}
    for key, values in found.items():
        first = values[0][0]
        if all(f.value == first.value for f, _ in values):
            facts[key] = Fact(first.scaled(factor), tuple((table.title, line) for _, line in values))
    stages = frozenset(stage for _, stage in facts if stage)
    return ThreePublic(facts, stages)


class ThreePublicClaim(NamedTuple):
    claim: AmountClaim
    item: str
    fact: Fact


def three_public_claims(narrative: Narrative, doc: Document) -> tuple[ThreePublicClaim, ...]:
    """The narrative amounts of the 三公 paragraph that name a 三公 item, with its table figure."""
    table = three_public(doc)
    if not table.facts:
        return ()
    headings = sorted((h.span.line, normalize_width(h.text)) for h in doc.headings)
    whole_of = {id(part): b.whole for b in narrative.breakdowns for part in b.parts}
    found = []
    for claim in narrative.amounts:
        label = normalize_width(claim.raw_label)
        item = item_name(claim.label)
        if item is None or _other_year(label, doc.year):
            continue
        whole = whole_of.get(id(claim))
        if whole is not None and item_name(whole.label) is None:
            continue  # 公用经费…其中：公务接待费: the economic table's row, not the 三公 item
        if not _in_three_public_paragraph(claim, narrative, headings):
            continue
        fact = table.get(item, _stage(label))
        if fact is not None:
            found.append(ThreePublicClaim(claim, item, fact))
    return tuple(found)


def _other_year(label: str, year: int | None) -> bool:
    for match in _OTHER_YEAR.finditer(label):
        if match.group(1) is None or (year is not None and int(match.group(1)) != year):
            return True
    return False


def _in_three_public_paragraph(claim: AmountClaim, narrative: Narrative, headings: list[tuple[int, str]]) -> bool:
    flow = narrative.flows[claim.flow]
    if claim.start >= 0 and "三公" in normalize_width(flow.text)[: claim.start]:
        return True
    line = flow.segments[0][1]
    above = [text for at, text in headings if at < line]
    return bool(above) and "三公" in above[-1]
