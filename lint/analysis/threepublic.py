"""The figures of the 三公 table, by item, and the narrative amounts that quote them.

The 三公 paragraph (“三公”经费预算数为237.92万元…因公出国（境）费201.80万元…公务接待费
8.12万元) quotes the 三公 table, and only it: the basic-expenditure economic table's
公务接待费 row excludes project spending, so the label index, which sees both, finds the
label ambiguous and checks nothing. Layout rules that hold across the templates:

- The 三公 table prints its items as columns (合计 | 因公出国(境)费 | 公务接待费 |
  公务用车购置及运行费 : 小计 | 购置费 | 运行费) over one figure row, or over a 合计 row
  followed by one row per unit; or as rows (“三公”经费 / 其中：因公出国（境）支出 / …) with
  the amount in the first amount column; or with its header left in the body (rows of
  names above one row of figures): each column is named by its names in those rows. Rows by year or several figure rows without a
  合计 name no single figure: nothing is read.
- Rows by year (2025年 | 2026年 | 增减变化金额, in a 年度 column): the latest year's row holds
  the figures and the row of the year before it the previous year's, which the changes of
  the paragraph (较2025年年初预算减少5.21万元) are checked against. A year printed on more
  than one row (one pair of rows per unit) names no single row: nothing is read.
- An item over fund columns (因公出国(境)费 : 一般公共预算 | 政府性基金预算 | 国有资本经营预算)
  is the sum of its funds; it is read only when at most one of them is not zero, since a sum
  of rounded figures is no printed figure. A top-level 总计/合计 column is the 三公 total
  unless the table also prints 会议费, 培训费 or 机关运行经费 (whose 合计 includes them).
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
from budgetlint.analysis.narrative import AmountClaim, ChangeClaim, Narrative
from budgetlint.analysis.tablekinds import TableKind, table_kind
from budgetlint.model.nodes import ColumnRole, Document, Row, Table
from budgetlint.model.numbers import Figure, try_parse_amount
from budgetlint.model.text import TO_WAN, normalize_width, squash

TOTAL = "三公经费"
_STAGES = ("决算", "预算")
_SKIPPED = ("小计", "合计", "总计", "预算数", "决算数", "金额")
_OTHER_YEAR = re.compile(r"上年|去年|上一年|(\d{4})\s*年")
_YEAR_CELL = re.compile(r"^(\d{4})年度?$")
_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")
_CLAUSE_END = re.compile(r"[,:;。]")
#: A label that names no subject: a year, a stage, 安排/为 (2026 年预算数, 2026年安排).
_SUBJECTLESS = re.compile(r"(?:\d{4}年度?)?(?:年初|全年)?(?:预算|决算|安排|支出)*数?(?:为|是)?")
#: The longest item title (3.公务用车购置和运行维护费) a sentence of its own may be.
_TITLE_LENGTH = 20
#: Comparisons with another stage than the previous year's budget the 三公 table prints.
_OTHER_STAGES = ("执行", "决算", "调整", "实际", "完成")
#: Spending a 三公 table may print beside the 三公 items: its 合计 column then includes them.
_OTHER_SPENDING = ("会议", "培训", "机关运行")


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
    """The 三公 table's figures by (item, stage); stage "" when the table prints one stage.

    ``prior``: the previous year's figures by item, when the table prints a row for it."""

    facts: dict[tuple[str, str], Fact]
    stages: frozenset[str]
    prior: dict[str, Fact]

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


def _year_rows(table: Table) -> dict[int, Row]:
    """Rows by the year a text cell of theirs names (2025年 | 2026年); a year on two rows names neither."""
    found: dict[int, list[Row]] = {}
    for row in table.rows:
        years = set()
        for cell in row.cells:
            match = _YEAR_CELL.match(squash(normalize_width(cell.text))) if cell.figure is None else None
            if match:
                years.add(int(match.group(1)))
        if len(years) == 1:
            found.setdefault(years.pop(), []).append(row)
    return {year: rows[0] for year, rows in found.items() if len(rows) == 1}


def _column_item(path: tuple[str, ...], with_others: bool) -> tuple[str, str, str] | None:
    """(item, stage, fund) a figure column names: the deepest name of a 三公 item, the stage its
    names state, the fund its last level names ("" for none: 一般公共预算 names no stage); a bare
    top-level 总计/合计 is the total unless ``with_others`` (会议费/培训费/机关运行经费 printed too)."""
    names = list(path)
    fund = names.pop() if names and any(f in names[-1] for f in _FUNDS) else ""
    stage = _stage("/".join(names))
    names = [p for p in names if p not in _SKIPPED]
    for depth in range(len(names) - 1, -1, -1):
        item = item_name(names[depth], names[depth - 1] if depth else "")
        if item is not None:
            return item, stage, fund
    if not names and path and path[0] in ("总计", "合计") and not with_others:
        return TOTAL, stage, fund
    return None


def _body_header(table: Table) -> tuple[Row, dict[int, tuple[str, ...]]] | None:
    """The figure row and the column paths of a table whose header the reader left in its body
    (no column has a header path; rows of names, 合计 | 因公出国（境）费 | 公务用车购置及运行费 over
    小计 | 购置费 | 运行费, above one row of figures): each column is named by its names in those
    rows, top to bottom. None unless the only row with a printed figure is the last."""
    if any(c.path for c in table.columns) or len(table.rows) < 2:
        return None
    printed = [r for r in table.rows if any(c.figure is not None and not c.is_blank for c in r.cells)]
    if len(printed) != 1 or printed[0] is not table.rows[-1]:
        return None
    paths: dict[int, list[str]] = {}
    for row in table.rows[:-1]:
        for index, cell in enumerate(row.cells):
            if not cell.is_blank:
                paths.setdefault(index, []).append(squash(normalize_width(cell.text)))
    return printed[0], {column: tuple(path) for column, path in paths.items()}


def _from_columns(
    table: Table,
    row: Row | None,
    found: dict[tuple[str, str], list[tuple[Figure, int]]],
    paths: dict[int, tuple[str, ...]] | None = None,
) -> None:
    """The figures of ``row`` by the (item, stage) of their columns (``paths``: the column
    paths when the table's own are not its header)."""
    if row is None:
        return
    read_text = paths is not None  # the reader, not knowing the header, left some figures unread
    if paths is None:
        paths = {c.index: c.path for c in table.amount_columns}
    with_others = any(w in p for path in paths.values() for p in path for w in _OTHER_SPENDING)
    by_fund: dict[tuple[str, str], dict[str, Figure]] = {}
    for index, path in sorted(paths.items()):
        cell = row.cell(index)
        named = _column_item(path, with_others)
        figure = None if cell is None else cell.figure
        if figure is None and cell is not None and read_text:
            figure = try_parse_amount(cell.text)
        if figure is None or named is None:
            continue
        item, stage, fund = named
        key = (item, stage)
        if not fund:
            found.setdefault(key, []).append((figure, row.span.line))
        elif fund in by_fund.setdefault(key, {}):
            by_fund[key][""] = figure  # a fund twice under one item: not a fund breakdown
        else:
            by_fund[key][fund] = figure
    for key, funds in by_fund.items():
        non_zero = [f for f in funds.values() if f.value]
        if "" not in funds and len(non_zero) <= 1:
            figure = non_zero[0] if non_zero else next(iter(funds.values()))
            found.setdefault(key, []).append((figure, row.span.line))


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


def _agreed(table: Table, found: dict[tuple[str, str], list[tuple[Figure, int]]]) -> dict[tuple[str, str], Fact]:
    """The figures of ``found`` that every printing agrees on, in 万元."""
    factor = TO_WAN[table.unit or "万元"]
    facts = {}
    for key, values in found.items():
        first = values[0][0]
        if all(f.value == first.value for f, _ in values):
            facts[key] = Fact(first.scaled(factor), tuple((table.title, line) for _, line in values))
    return facts


def three_public(doc: Document) -> ThreePublic:
    """The figures of the document's 三公 table (one table: two 三公 tables name no single figure)."""
    tables = [t for t in doc.tables if table_kind(t) is TableKind.THREE_PUBLIC and t.unit in TO_WAN]
    if len(tables) != 1:
        return ThreePublic({}, frozenset(), {})
    table = tables[0]
    found: dict[tuple[str, str], list[tuple[Figure, int]]] = {}
    prior: dict[tuple[str, str], list[tuple[Figure, int]]] = {}
    years = _year_rows(table)
    latest = max(years, default=0)
    if len(years) >= 2:
        if doc.year in (None, latest):  # a table of other years names none of this year's figures
            _from_columns(table, years[latest], found)
            _from_columns(table, years.get(latest - 1), prior)
    else:
        _from_columns(table, _figure_row(table), found)
        header = None if found else _body_header(table)
        if header is not None:
            _from_columns(table, header[0], found, header[1])
        if not found and header is None:
            _from_rows(table, found)
    facts = _agreed(table, found)
    stages = frozenset(stage for _, stage in facts if stage)
    return ThreePublic(facts, stages, {item: fact for (item, _), fact in _agreed(table, prior).items()})


class ThreePublicClaim(NamedTuple):
    claim: AmountClaim
    item: str
    fact: Fact
    #: the item's previous-year figure, when the table prints a row for that year
    prior: Fact | None = None


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
        item = item_name(claim.label) or _named_before(claim, narrative)
        if item is None or _other_year(label, doc.year):
            continue
        whole = whole_of.get(id(claim))
        if whole is not None and item_name(whole.label) is None:
            continue  # 公用经费…其中：公务接待费: the economic table's row, not the 三公 item
        if not _in_three_public_paragraph(claim, narrative, headings):
            continue
        fact = table.get(item, _stage(label))
        if fact is not None:
            found.append(ThreePublicClaim(claim, item, fact, table.prior.get(item)))
    return tuple(found)


class ThreePublicChange(NamedTuple):
    """A change of the 三公 paragraph against the previous year, and the 三公 items it may be about
    (its amount, or a list's whole and its last part), each with the table's figures of both years."""

    change: ChangeClaim
    items: tuple[ThreePublicClaim, ...]


def three_public_changes(
    narrative: Narrative, claims: tuple[ThreePublicClaim, ...], year: int | None
) -> tuple[ThreePublicChange, ...]:
    """The changes whose sentence states no prior-year figure, that compare with the year the
    三公 table prints before this one (比上年 / 较2025年年初预算), all of whose amounts are 三公
    items with that year's figure. A comparison with another stage (上年执行数, 决算数, 调整预算)
    is not with the table's row: skipped."""
    with_prior = {id(c.claim): c for c in claims if c.prior is not None}
    found = []
    for change in narrative.changes:
        if change.prior is not None or change.subject is None or not _previous_year(change.compare, year):
            continue
        items = [with_prior.get(id(c)) for c in change.candidates or (change.subject,)]
        if all(item is not None for item in items):
            found.append(ThreePublicChange(change, tuple(i for i in items if i is not None)))
    return tuple(found)


def _previous_year(compare: str, year: int | None) -> bool:
    """Does the comparison name the previous year's budget (比上年, 较2025年年初预算 in 2026)?"""
    text = squash(normalize_width(compare))
    if not text or any(word in text for word in _OTHER_STAGES):
        return False
    years = [int(y) for y in re.findall(r"\d{4}", text)]
    if years:
        return year is not None and years == [year - 1]
    return any(word in text for word in ("上年", "去年", "上一年"))


def _named_before(claim: AmountClaim, narrative: Narrative) -> str | None:
    """The 三公 item of an amount whose label names no subject ("2026年预算数"): the item its
    clause names before the label (公务用车购置费 2026 年预算数 0.00 万元), else the item of
    the sentence before it when that sentence is an item's title (2.公务接待费。2026 年预算数…)."""
    if claim.start < 0:
        return None
    before = normalize_width(narrative.flows[claim.flow].text)[: claim.start]
    clause = _CLAUSE_END.split(before)[-1]
    if item_name(clause) is not None or not _SUBJECTLESS.fullmatch(squash(clause)):
        return item_name(clause)
    sentences = before.split("。")
    title = sentences[-2] if len(sentences) >= 2 else ""
    if len(squash(title)) > _TITLE_LENGTH or "万元" in title or _CLAUSE_END.search(title):
        return None
    return item_name(title)


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
    # The headings above, nearest first: an item's own heading (3.公务用车购置和运行维护费) is a
    # sub-heading of the 三公 section, which the first heading that names no item must name.
    for _, text in reversed([h for h in headings if h[0] < line]):
        if "三公" in text:
            return True
        if item_name(text) is None:
            return False
    return False
