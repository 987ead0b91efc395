"""What a narrative amount names when its subject is a 科目 chain, resolved to a table row.

The 情况说明 of the function-classification tables names its subjects as a chain of 类, 款
and 项: ``公共安全支出（204类）司法（06款）行政运行（01项）1,234.56万元`` or, in quotes,
``“一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元``. The last name alone
(行政运行) is printed under almost every 款, so the label index cannot name the row; the
chain can. Layout rules that hold across the templates:

- The chain ends right before the figure, or before a few connecting words only
  (``”``, ``科目``, ``支出``, ``预算``, ``为``, ``:``): then the figure is the row's.
- A final-accounts item whose title is the chain
  (``5、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。…支出决算为12.34万元``)
  makes the chain the subject of the item's 决算 figure (``支出决算为``, ``决算数为``), down to
  the next chain. Its 预算 figures (全年预算, 年初预算) are another column: not resolved.
- Codes, when printed (``204类`` ``06款`` ``01项``), name the row by its code path;
  otherwise the names do, each level matched to the row of the code's prefix.
- The figure is the row's whole (its side's primary column) in every function-classification
  expenditure table that prints the row; when those tables disagree (all funds against
  一般公共预算), or when a table prints every name of the chain but its path could not be
  read there (levels by name that the figures do not resolve), the chain resolves to
  nothing and the rules stay silent.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from budgetlint.analysis.facts import Fact
from budgetlint.analysis.narrative import AmountClaim, Narrative
from budgetlint.analysis.rowlevels import Node, resolve_levels
from budgetlint.analysis.tablekinds import TableKind
from budgetlint.analysis.tablemodel import Side, TableModel
from budgetlint.model.nodes import Document
from budgetlint.model.numbers import Figure
from budgetlint.model.text import PRINTED_PARAGRAPH_NUMBERING, normalize_width, row_match_key

#: A character of a level's name.
_NAME_CHAR = r"[^\s()\d,.;:，。；：、!?“”\"]"
#: One level of a chain: a name, then （类） / （204类） / （06款） / （01项）.
_LEVEL = "(" + _NAME_CHAR + r"+?)\((\d{2,3})?\s*{kind}\)"
#: A chain starts where a run of name characters starts: the name ends at the run's first
#: bracket wherever it starts, so a match from inside the run is the one from its start, and
#: trying every character of a long run without a bracket scanned the rest of it each time.
_CHAIN = re.compile(
    "(?<!"
    + _NAME_CHAR
    + ")"
    + _LEVEL.replace("{kind}", "类")
    + _LEVEL.replace("{kind}", "款")
    + "(?:"
    + _LEVEL.replace("{kind}", "项")
    + ")?"
)
#: Words allowed between a chain and the figure it names.
_CONNECTOR = re.compile(r"^[\"“”]?(?:科目)?(?:支出)?(?:为|:)?$")
#: Labels of a final-accounts item's 决算 figure, whose subject is the item's title.
_FINAL_LABELS = ("支出决算", "决算", "决算数", "决算支出")
#: Tables whose rows are 功能分类 科目 with expenditure figures.
_EXPENDITURE_KINDS = frozenset(
    {
        TableKind.EXPENDITURE,
        TableKind.FISCAL_EXPENDITURE,
        TableKind.GENERAL_EXPENDITURE,
        TableKind.GOVERNMENT_FUND,
        TableKind.STATE_CAPITAL,
    }
)


class Chain(NamedTuple):
    """A 科目 chain as printed: the names outer → inner and the codes when printed."""

    names: tuple[str, ...]
    codes: tuple[str, ...]  # ("204", "06", "01") or () when not every level prints its code
    end: int  # offset just after the chain in the (width-normalized) flow text

    @property
    def shown(self) -> str:
        codes = self.codes or ("",) * len(self.names)
        kinds = ("类", "款", "项")[: len(self.names)]
        return "".join(f"{n}（{c}{k}）" for n, c, k in zip(self.names, codes, kinds, strict=True))


class ChainClaim(NamedTuple):
    """An amount whose subject is a chain, with the table figure the chain names."""

    claim: AmountClaim
    chain: Chain
    fact: Fact


@lru_cache(maxsize=8)
def _chains(text: str) -> tuple[Chain, ...]:
    """The chains of a flow's text, in order; computed once per flow (every amount asks)."""
    chains = []
    for match in _CHAIN.finditer(text):
        groups = match.groups()
        names = tuple(g for g in groups[0::2] if g)
        codes = tuple(g for g in groups[1::2] if g)
        chains.append(Chain(names, codes if len(codes) == len(names) else (), match.end()))
    return tuple(chains)


@lru_cache(maxsize=8)
def _chain_ends(text: str) -> tuple[int, ...]:
    return tuple(c.end for c in _chains(text))


def chain_of(claim: AmountClaim, text: str) -> Chain | None:
    """The chain that names ``claim``'s figure in its flow's (width-normalized) ``text``."""
    if claim.start < 0:
        return None
    chains = _chains(text)
    # The last chain that ends before the figure (a chain holds no figure: its names no digit).
    before = bisect_right(_chain_ends(text), claim.start)
    if not before:
        return None
    chain = chains[before - 1]
    between = text[chain.end : claim.start].strip()
    if _CONNECTOR.match(between):
        return chain
    if claim.label not in _FINAL_LABELS:
        return None
    # "…（项）支出决算为2.22万元", or the item title: the chain closes its sentence.
    if _CONNECTOR.match(between.replace(claim.label, "", 1)) or text[chain.end : chain.end + 1] in ("。", "."):
        return chain
    return None


def is_final(claim: AmountClaim) -> bool:
    """Is the claim a 决算 figure (支出决算为…), which only a 决算 table's row can state?"""
    return claim.label in _FINAL_LABELS


class SubjectIndex:
    """Rows of the function-classification expenditure tables by code path and name path."""

    def __init__(self, models: Iterable[TableModel]) -> None:
        self._rows: list[tuple[tuple[str, ...], str, Figure, str, int]] = []  # names, code, figure, title, line
        self._printed: dict[str, set[str]] = {}  # table title → every row name it prints
        for model in models:
            if model.kind not in _EXPENDITURE_KINDS or model.factor is None or "项目" in model.table.title:
                continue
            for side in model.sides:
                self._printed.setdefault(model.table.title, set()).update(row_match_key(r.name) for r in side.rows)
                self._add_side(model, side)
        # Lookups by code and by the path's inner names, so that each chain reads only the rows
        # it may name (a scan of every row for every chain grew with the square of the document).
        self._keys = [tuple(row_match_key(p) for p in path) for path, *_ in self._rows]
        self._by_code: dict[str, list[int]] = {}
        self._by_tail: dict[tuple[str, ...], list[int]] = {}  # (level count, inner names…) → rows
        self._uncoded_by_tail: dict[tuple[str, ...], list[int]] = {}
        for index, ((_, row_code, *_), keys) in enumerate(zip(self._rows, self._keys, strict=True)):
            tail = (str(len(keys)), *keys[1:])
            self._by_tail.setdefault(tail, []).append(index)
            if row_code:
                self._by_code.setdefault(row_code, []).append(index)
            else:
                self._uncoded_by_tail.setdefault(tail, []).append(index)

    def _add_side(self, model: TableModel, side: Side) -> None:
        primary = side.primary
        if primary is None or model.factor is None:
            return
        position = side.position(primary)
        if side.coded:
            self._add_coded(model, side, position)
        else:
            self._add_named(model, side, position)

    def _add_coded(self, model: TableModel, side: Side, position: int) -> None:
        """Rows with 科目编码: the names of a 项's 类 and 款 are those of its code's prefixes."""
        factor = model.factor or Decimal(1)
        names = {row.code: row.name for row in side.rows if row.code}
        for row in side.rows:
            figure = row.figure(position) if row.code else None
            if figure is None or row.code is None or len(row.code) not in (5, 7):
                continue
            prefixes = [row.code[:n] for n in (3, 5, 7) if n <= len(row.code)]
            path = tuple(names.get(p, "") for p in prefixes)
            self._rows.append((path, row.code, figure.scaled(factor), model.table.title, row.row.span.line))

    def _add_named(self, model: TableModel, side: Side, position: int) -> None:
        """Rows by name only (类, 款 and 项 one under the other): the levels the figures read
        (a parent is the sum of the rows below it, :func:`resolve_levels`), when they read
        as 类 over 款 over 项 and add up to the 合计. Any other reading names no path."""
        factor = model.factor or Decimal(1)
        totals = [r for r in side.rows if r.is_total]
        rows = [r for r in side.rows if not r.is_total and not r.is_subset]
        if len(totals) != 1 or not rows or totals[0].figure(position) is None:
            return
        figures = [r.figure(position) or Figure(Decimal(0), exact=True) for r in rows]
        if any(r.figure(position) is None and not r.is_blank() for r in rows):
            return  # a figure that does not parse: the reading would guess
        total = totals[0].figure(position)
        assert total is not None
        resolution = resolve_levels(
            [f.value for f in figures], [f.half_width for f in figures], total.value, total.half_width
        )
        if resolution.levels is None:
            return
        stack: list[tuple[Node, tuple[str, ...]]] = [(node, ()) for node in resolution.levels.top]
        while stack:
            node, above = stack.pop()
            path = (*above, rows[node.index].name)
            if len(path) in (2, 3):
                row = rows[node.index]
                self._rows.append((path, "", figures[node.index].scaled(factor), model.table.title, row.row.span.line))
            stack.extend((child, path) for child in node.children)

    def get(self, chain: Chain, final: bool = False) -> Fact | None:
        """The figure every table that prints the chain's row agrees on; None if none or they differ.

        A ``final`` (决算) figure is looked up in 决算 tables only. The outermost name may carry
        the words before it ("主要用于一般公共服务支出（类）…"): it must end with the row's name."""
        code = "".join(chain.codes)
        wanted = tuple(row_match_key(normalize_width(n)) for n in chain.names)
        tail = (str(len(wanted)), *wanted[1:])
        if code:  # a coded row by its code, an uncoded one by its path
            candidates = sorted(self._by_code.get(code, []) + self._uncoded_by_tail.get(tail, []))
        else:
            candidates = self._by_tail.get(tail, [])
        found = []
        for index in candidates:
            _, row_code, figure, title, line = self._rows[index]
            if final and "决算" not in title:
                continue
            if row_code == code if code and row_code else _same_keys(self._keys[index], wanted):
                found.append((figure, title, line))
        if not found or self._unread(wanted, {title for _, title, _ in found}, final):
            return None
        first = found[0][0]
        if any(abs(f.value - first.value) > f.half_width + first.half_width for f, _, _ in found):
            return None
        best = max(found, key=lambda v: v[0].decimals)
        return Fact(best[0], tuple((t, line) for _, t, line in found))

    def _unread(self, wanted: tuple[str, ...], read: set[str], final: bool) -> bool:
        """Does a table print every name of the chain without its path being read there?

        Then its figure is unknown (the levels of a table by name may not resolve), and it may
        be the one the sentence quotes (the 一般公共预算 table, not the 支出总表 of all funds)."""
        for title, names in self._printed.items():
            if title in read or (final and "决算" not in title):
                continue
            # The outermost name may carry words before it: one of its endings is a printed name.
            if all(any(w[i:] in names for i in range(len(w))) if k == 0 else w in names for k, w in enumerate(wanted)):
                return True
        return False


def _same_keys(keys: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    """Does a row whose path reads ``keys`` (match keys) have the chain's names ``wanted``?"""
    if len(keys) != len(wanted) or not all(keys):
        return False
    return wanted[0].endswith(keys[0]) and keys[1:] == wanted[1:]


def _title_chain(text: str) -> Chain | None:
    """The chain a flow consists of, when the flow is an item title ("1、X（类）Y（款）Z（项）。")."""
    chains = _chains(text)
    if not chains or text[chains[-1].end :].strip() not in ("", "。", "."):
        return None
    return chains[-1]


def _titles(narrative: Narrative, doc: Document) -> list[Chain | None]:
    """Per flow, the item title it belongs to: a numbered paragraph or heading that is a chain
    (a long title is often read as a heading), down to the next numbered paragraph or heading."""
    events = [(flow.segments[0][1], 0, i, normalize_width(flow.text)) for i, flow in enumerate(narrative.flows)]
    events += [(h.span.line, 1, -1, normalize_width(h.text)) for h in doc.headings]
    titles: list[Chain | None] = [None] * len(narrative.flows)
    title: Chain | None = None
    for _, is_heading, flow, text in sorted(events):
        if is_heading or PRINTED_PARAGRAPH_NUMBERING.match(text):
            title = _title_chain(text)
            continue
        titles[flow] = title
    return titles


def chain_claims(narrative: Narrative, models: Iterable[TableModel], doc: Document) -> tuple[ChainClaim, ...]:
    """Every narrative amount whose subject is a 科目 chain that names a table row.

    An item title printed as a paragraph (or heading) of its own is the subject of the 决算
    figures of the paragraphs after it, down to the next numbered paragraph or heading."""
    index = SubjectIndex(models)
    texts = [normalize_width(flow.text) for flow in narrative.flows]
    titles = _titles(narrative, doc)
    found = []
    for claim in narrative.amounts:
        chain = chain_of(claim, texts[claim.flow])
        inherited = titles[claim.flow]
        if chain is None and inherited is not None and is_final(claim) and not _chains(texts[claim.flow]):
            chain = inherited
        if chain is None:
            continue
        fact = index.get(chain, is_final(claim))
        if fact is not None:
            found.append(ChainClaim(claim, chain, fact))
    return tuple(found)
