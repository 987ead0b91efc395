"""Match the 目录 against the body, and relate headings to their parents.

Shared by the structure rules (BL101–BL105). Matching is tolerant in the way a
reader is: full/half-width, spaces, dot leaders, quotes, a leading year and the
unit's own name do not matter (``(一) 政府购买服务`` matches ``（一）政府购买服务``;
``一、单位主要职能`` matches ``上海市普陀区社会福利院主要职能``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from budgetlint.model.diagnostics import Span
from budgetlint.model.nodes import Document, Heading, HeadingKind, Table, TocEntry
from budgetlint.model.text import normalize_width, split_numbering, squash

_QUOTES = re.compile(r"[\s“”\"'‘’「」『』《》<>:：.。]")
_YEAR = re.compile(r"^(?:19|20)\d\d年度?")
#: A table label before (or instead of) a title, blanks and colons already removed: 部门公开表1,
#: 公开02表, 预算01表, 预算表3, 附表2, 表1-2. The 目录 names the table without it, or with another.
_TABLE_LABEL = re.compile(
    r"^(?:(?:部门|单位)?(?:预算|决算)?公开\d{1,2}表|(?:部门|单位)?(?:预算|决算)\d{1,2}表|(?:部门|单位)?(?:预算|决算)?(?:公开)?表\d{1,2}(?:-\d{1,2})?|附表\d{1,2})[、.-]?"
)
#: A printed page number (—7—, - 8 -, 9): page furniture between a table and its continuation.
_PAGE_NUMBER = re.compile(r"^[-—–~_第页]*\d{1,3}[-—–~_页]*$")
_TABLE_END = re.compile(r"表(?:\([^()]*\))?$")
#: An issuer's name before 部门/单位 (江苏省高级人民法院部门…), dropped when the unit name is unknown.
_OWNER = re.compile(r"^[^\d部单]{2,20}?(?:局|厅|院|委员会|委|办公室|办|中心|所|会)(?=部门|单位)")
_GENERIC_OWNER = ("本单位", "本部门", "单位", "部门")
_STRUCTURAL = (HeadingKind.PART, HeadingKind.LEVEL1, HeadingKind.LEVEL2, HeadingKind.LEVEL3, HeadingKind.TABLE)


def heading_key(text: str) -> str:
    """Normalized title: width, spaces, quotes and numbering removed."""
    return _numbering_and_key(text)[1]


@lru_cache(maxsize=4096)
def _numbering_and_key(text: str) -> tuple[str, str]:
    """(numbering, :func:`heading_key`) of ``text``, normalizing it once. Memoized: documents
    of a kind share most of their headings."""
    numbering, title = split_numbering(normalize_width(text).strip())
    return numbering.strip(), _TABLE_LABEL.sub("", _QUOTES.sub("", title), count=1)


def loose_key(text: str, unit_name: str | None) -> str:
    """:func:`heading_key` without a leading year, the unit's name or 本单位/部门."""
    return _loosen(heading_key(text), _unit_key(unit_name))


def _unit_key(unit_name: str | None) -> str:
    return _QUOTES.sub("", normalize_width(unit_name)) if unit_name else ""


def _loosen(key: str, unit_key: str) -> str:
    if unit_key:
        key = key.replace(unit_key, "")
    key = _YEAR.sub("", key)
    if not unit_key:
        key = _OWNER.sub("", key, count=1)  # the unit's name, when the document does not say it
    for owner in _GENERIC_OWNER:
        if key.startswith(owner):
            key = key[len(owner) :]
            break
    return _YEAR.sub("", key)


def _keys(text: str, unit_key: str) -> tuple[str, str, str]:
    """(:func:`heading_key`, :func:`loose_key`, numbering) of ``text``."""
    numbering, key = _numbering_and_key(text)
    return key, _loosen(key, unit_key), numbering


def _ratio(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def _similar(a: str, b: str, threshold: float = 0.75) -> bool:
    return _ratio(a, b) >= threshold


#: Similarity at which two unnumbered table titles name the same table: 政府采购预算情况表
#: in the 目录, 政府采购预算表 in the body (0.875); 收入总表 / 支出总表 (0.75) stay apart.
_TABLE_SIMILARITY = 0.8


class TocMatch(NamedTuple):
    """For each 目录 entry, the body heading it names (or None)."""

    entries: tuple[TocEntry, ...]
    matches: tuple[Heading | None, ...]


def candidates(doc: Document) -> list[Heading]:
    """Body lines a 目录 entry may name: headings, table titles, short stand-alone lines."""
    seen: set[int] = set()
    found: list[Heading] = []
    for heading in list(doc.headings) + list(doc.numbered) + list(doc.short_lines):
        if heading.span.line not in seen:
            seen.add(heading.span.line)
            found.append(heading)
    found.sort(key=lambda h: h.span.line)
    return found


class _Keyed(NamedTuple):
    """A 目录 entry's or a body line's comparison keys."""

    key: str
    loose: str
    number: str
    kind: HeadingKind


def _tiers(entry: _Keyed, line: _Keyed) -> float:
    """How surely ``line`` is the heading ``entry`` names: 0 (not at all) to 6.

    The integer part is the kind of agreement — a part printed as its number alone
    (第二部分, its words on the lines below: a document has one part of each number) with the
    entry's number (6), the same title and number (5), the same
    title once year and owner are dropped (4), one title inside the other (3), a heading
    printed as its number alone with the entry's number (2), the same number and nearly the same words (1), two table titles of nearly the
    same words (1) — and the fraction how alike the words are, so that among several lines
    of one kind the closest wins rather than the first.
    """
    if not line.key and line.number and line.number == entry.number and line.kind is HeadingKind.PART:
        return 6.0  # 第二部分 alone: a document has one part of each number (its words follow)
    if entry.key == line.key and entry.key and (not entry.number or not line.number or line.number == entry.number):
        return 5.0
    if entry.loose and line.loose == entry.loose:
        return 4.0
    if len(entry.loose) >= 4 and len(line.loose) >= 4 and (entry.loose in line.loose or line.loose in entry.loose):
        return 3.0 + _ratio(entry.loose, line.loose) * 0.99
    if not line.key and line.number and line.number == entry.number and line.kind is entry.kind:
        return 2.0
    if entry.number and line.number == entry.number:
        ratio = _ratio(entry.loose, line.loose)
        if ratio >= 0.75:
            return 1.0 + ratio * 0.99
    if entry.loose.endswith("表") and line.loose.endswith("表") and not line.number:
        ratio = _ratio(entry.loose, line.loose)
        if ratio >= _TABLE_SIMILARITY:
            return 1.0 + ratio * 0.99
    return 0.0


def _same_shape(entry: _Keyed, line: _Keyed) -> bool:
    """Do both name a table (…表), or neither? 五、财政拨款支出预算表 names the table, not the
    section 五、财政拨款支出预算表情况说明 that explains it."""
    return _is_table(entry.loose) == _is_table(line.loose)


def _is_table(key: str) -> bool:
    """Does a key name a table: …表, or …表（功能科目） with a qualifier in brackets?"""
    return _TABLE_END.search(key) is not None


def _agree(a: str, b: str) -> int:
    """1 when two numberings are the same, -1 when both are printed and differ, else 0."""
    if not a or not b:
        return 0
    return 1 if a == b else -1


def match_toc(doc: Document) -> TocMatch:
    """Best-score, order-preferring matching of 目录 entries to body headings (each used once).

    Each entry takes the unused body line that agrees with it in the best way (the integer
    part of :func:`_tiers`); among those, a table title for a table entry, then one whose numbering agrees (第三部分 … 决算情况说明
    names 第三部分 … 决算情况, not 二、收入决算情况说明), then a line after the previous entry's
    match (a 目录 lists the body in order), then the most alike, the first on ties. Taking the first line that merely contains the entry's words would let
    收入预算表 claim 财政拨款收入预算表 when both are printed.

    Several rules read it: ``DocumentContext.toc_match`` computes it once per document.
    """
    if doc.toc is None:
        return TocMatch((), ())
    pool = candidates(doc)
    unit_key = _unit_key(doc.unit_name)
    lines = [_Keyed(*_keys(h.text, unit_key), h.kind) for h in pool]
    used: set[int] = set()
    claimed: set[int] = set()  # body lines taken, by line number
    printed = _line_keys(doc)
    index_of = {h.span.line: i for i, h in enumerate(pool)}
    matches: list[Heading | None] = []
    cursor = 0
    for toc_entry in doc.toc.entries:
        entry = _Keyed(*_keys(toc_entry.text, unit_key), toc_entry.kind)
        best, best_rank = None, (0, False, -1, False, 0.0)
        for i in list(range(cursor, len(pool))) + list(range(0, cursor)):
            if i in used:
                continue
            score = _tiers(entry, lines[i])
            # The kind of agreement first, then a table for a table, then agreeing numbers,
            # then a line after the previous match, then likeness.
            rank = (int(score), _same_shape(entry, lines[i]), _agree(entry.number, lines[i].number), i >= cursor, score)
            if score and rank > best_rank:
                best, best_rank = i, rank
                if score >= 6.0:
                    break
        found = _instead(doc, entry, printed, claimed, None if best is None else (lines[best], best_rank[0]))
        if found is not None or best is None:
            matches.append(found)
            if found is not None and found.span.line in index_of:
                used.add(index_of[found.span.line])  # a heading printed as a line: not a candidate again
            continue
        used.add(best)
        claimed.add(pool[best].span.line)
        cursor = best + 1
        matches.append(pool[best])
    return TocMatch(doc.toc.entries, tuple(matches))


def _instead(
    doc: Document, entry: _Keyed, printed: list[tuple[int, str]], claimed: set[int], best: tuple[_Keyed, int] | None
) -> Heading | None:
    """A printed body line that names the entry better than the best candidate ``best`` (its
    keys and the integer part of its :func:`_tiers`), or, with no candidate, any that names it.

    Two cases beat a candidate. A table entry names a table, not the section explaining it: a
    table title printed inside its grid (the file of tables of a disclosure published as two)
    wins over the 情况说明 heading of the same number and nearly the same words. And a line
    that is exactly the entry's title (收支预算总表 in the grid under its label 公开01表) wins over
    a heading that merely contains it (财政拨款收支预算总表, another table).
    """
    if best is None:
        return _printed_line(doc, entry, printed, claimed)
    line, tier = best
    if _is_table(entry.loose) and not _same_shape(entry, line):
        return _printed_line(doc, entry, printed, claimed, tables_only=True)
    if tier < 4:
        return _printed_line(doc, entry, printed, claimed, exact=True)
    return None


def _line_keys(doc: Document) -> list[tuple[int, str]]:
    """(line number, key) of every body line after the 目录: blanks, quotes and a label removed.
    The lines of a later 目录 (:attr:`Document.later_tocs`) list titles; they are not titles."""
    start = doc.toc.span.end_line if doc.toc is not None else 0
    listed = {n for toc in doc.later_tocs for n in range(toc.span.line, toc.span.end_line + 1)}
    return [
        (number, _TABLE_LABEL.sub("", _QUOTES.sub("", text), count=1))
        for number, text in enumerate(doc.normalized_lines[start:], start=start + 1)
        if text.strip() and number not in listed
    ]


#: How many characters may stand before a title's words on its line (财政拨款, 2018年度 …).
_QUALIFIER = 6


#: What follows a table's name in the heading of the section that explains the table
#: (收支预算总表情况说明, 财政拨款支出预算表说明): that line names the section, not the table.
_EXPLAINS = ("情况", "说明", "的说明")


def _names(words: str, key: str, tables_only: bool = False) -> bool:
    """Does a body line (its ``key``) start with the title ``words``? Either the words lead it,
    behind a short qualifier, or — for a table — the line's first ``…表`` is nearly the same title
    (政府采购支出预算表 / 政府采购预算表部门：… 单位：万元) or the same words in another order
    (政府性基金财政拨款支出预算表 / 财政拨款政府性基金支出预算表). With ``tables_only`` a line
    that goes on to explain the table (…表情况说明) does not name it."""
    head = key[: len(words) + _QUALIFIER]
    at = head.find(words)
    if at >= 0:
        return not (tables_only and key[at + len(words) :].startswith(_EXPLAINS))
    end = head.find("表")
    if not words.endswith("表") or end < 4:
        return False
    title = key[: end + 1]
    if tables_only and key[end + 1 :].startswith(_EXPLAINS):
        return False
    return _similar(words, title, _TABLE_SIMILARITY) or _reordered(words, title)


def _reordered(words: str, title: str) -> bool:
    """The same characters in another order, at least two words long (8 characters): a
    table title whose qualifiers were printed in another order."""
    return len(words) >= 8 and sorted(words) == sorted(title[-len(words) :])


def _printed_line(
    doc: Document,
    entry: _Keyed,
    printed: list[tuple[int, str]],
    claimed: set[int],
    tables_only: bool = False,
    exact: bool = False,
) -> Heading | None:
    """A body line that starts with the entry's words, when no heading or title matched.

    The parser does not take every title for one (a table whose title shares its cell with
    部门：… 单位：万元, a title inside a table grid); a 目录 entry printed at the start of a
    body line is nevertheless there, and saying it is missing would be a false alarm. A
    short title (收支总表) must fill its line (预算01表 收支总表, label dropped): as the start
    of a line it could be any sentence; with ``exact`` any title must.
    """
    words = entry.loose if len(entry.loose) >= 4 else ""
    if not words:
        return None
    for number, key in printed:
        if number in claimed:
            continue
        key = _YEAR.sub("", key)
        if (exact or len(words) < 6) and key != words:
            continue
        # The title leads its line, behind at most a year and a short qualifier (财政拨款…).
        if _names(words, key, tables_only):
            claimed.add(number)
            # The line may carry a heading the parser took from it (a table title with its
            # 部门/单位 labels dropped): the entry lists that heading, so the same object stands
            # for it in every 目录 rule.
            parsed = next((h for h in doc.headings if h.span.line == number), None)
            if parsed is not None:
                return parsed
            text = doc.lines[number - 1].strip()
            return Heading(HeadingKind.PLAIN, None, text, text, Span(number, 1, number, len(text) + 1))
    return None


def parent_indices(items: Sequence[HeadingKind]) -> list[int | None]:
    """Index of each item's parent: the nearest earlier non-table item of smaller depth.

    Tables hang under the nearest earlier non-table item. Linear time: a stack of
    open ancestors with strictly increasing depth.
    """
    parents: list[int | None] = []
    stack: list[tuple[int, int]] = []  # (depth, index) of open ancestors
    for i, kind in enumerate(items):
        if kind is HeadingKind.TABLE:
            parents.append(stack[-1][1] if stack else None)
            continue
        depth = kind.depth
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents.append(stack[-1][1] if stack else None)
        stack.append((depth, i))
    return parents


def structural(headings: Sequence[Heading], continued: frozenset[int] = frozenset()) -> list[Heading]:
    """The headings that make the outline. Left out: ``continued`` (:func:`continued_titles`), and
    a table label printed on a line of its own above the title (公开02表 / 收入总表)."""
    return [
        h
        for h in headings
        if h.kind in _STRUCTURAL
        and h.span.line not in continued
        and not (h.kind is HeadingKind.TABLE and not heading_key(h.text))  # a label alone: 公开02表
    ]


def continued_titles(doc: Document) -> frozenset[int]:
    """Lines of table titles that repeat the title of the table just before: one table continued.

    Many templates print a long table's title and header again on each page (烟台 公开表2
    收入总体情况表 over two pages). Such a title is not a second heading: it is the same
    table, so it must not be reported as a duplicate or as missing from the 目录. A title
    counts as repeated only when the table before has the same title and the same header
    rows, has no notes, and nothing but page furniture stands between the two: a table
    printed twice in earnest (a 说明 between them, another header) is still reported.
    """
    found: set[int] = set()
    starts = sorted(p.span.line for p in doc.paragraphs if not _PAGE_NUMBER.match(squash(p.text)))
    for before, table in zip(doc.tables, doc.tables[1:], strict=False):
        if not table.title or not before.title or before.notes:
            continue
        if heading_key(before.title) != heading_key(table.title) or _header(before) != _header(table):
            continue
        if _any_between(starts, before.span.end_line, table.title_span.line):
            continue
        found.add(table.title_span.line)
    return frozenset(found)


def _header(table: Table) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(squash(cell.text) for cell in row.cells) for row in table.header_rows)


def _any_between(starts: Sequence[int], first: int, last: int) -> bool:
    """Does any of the sorted line numbers ``starts`` lie strictly between ``first`` and ``last``?"""
    from bisect import bisect_right

    index = bisect_right(starts, first)
    return index < len(starts) and starts[index] < last


def wrapped_paragraph_starts(doc: Document, headings: Sequence[Heading]) -> frozenset[int]:
    """Lines of ``headings`` that are the first line of a wrapped numbered paragraph.

    A narrow page wraps ``1.城乡社区支出（类）国有土地使用权出让收入安排的支出`` / ``（款）征地和
    拆迁补偿支出（项）支出 31,638 万元，…``: the first line, cut at the page width, reads as a
    heading, and the next items cut at the same place read as the same heading again. A
    heading line as long as the (unnumbered) line below it fills the page width: it is the
    start of a paragraph, not a title. Real titles are shorter than the text under them.
    """
    numbered = {h.span.line for h in doc.numbered} | {h.span.line for h in doc.headings}
    found = set()
    for heading in headings:
        line = heading.span.line
        if line >= len(doc.lines) or line + 1 in numbered:
            continue
        this, below = doc.lines[line - 1].strip(), doc.lines[line].strip()
        if below and len(this) >= _WRAP_SHARE * len(below) and len(this) >= _WRAP_MIN:
            found.add(line)
    return frozenset(found)


#: A heading line at least this share of the line below it (and this long) fills the width.
_WRAP_SHARE = 0.75
_WRAP_MIN = 20


#: An item number printed inside a line, after a sentence end or a colon: 注：1.采购组织形式…,
#: 其 中 ： 1., …协同发展指数。2. 按照… (a narrow table cell). Not 1.5 or 2、3 (a number).
_INLINE_ITEM = re.compile(r"[。；;：:]\s*(\d{1,2})(?:\.(?!\d)|、)")
#: What ends a line that is not cut off by the page width.
_LINE_END = ("。", "；", ";", "：", ":", "！", "？", "!", "?", "）", ")", "”")


def inline_items(doc: Document) -> list[Heading]:
    """Item numbers printed inside body lines rather than at their start (LEVEL3, ``1.``/``1、``).

    The parser takes only a line's leading number for an item; an item that a narrow cell, a
    ``注：`` prefix or a line wrap put mid-line is invisible to it, and the next item (2.) then
    looks like a gap. Numbering checks count these, but never report them: one mid-line is
    as likely a reference as an item. The 目录 is left out.
    """
    toc_lines = range(doc.toc.span.line, doc.toc.span.end_line + 1) if doc.toc is not None else range(0)
    found: list[Heading] = []
    for number, text in enumerate(doc.normalized_lines, start=1):
        if number in toc_lines or not any(mark in text for mark in "。；;：:"):
            continue
        for match in _INLINE_ITEM.finditer(text):
            item = match.group(1)
            column = match.start(1) + 1
            span = Span(number, column, number, column + len(item) + 1)
            found.append(Heading(HeadingKind.LEVEL3, int(item), text.strip(), text.strip(), span))
    return found


def wrapped_numbers(doc: Document) -> frozenset[int]:
    """Lines whose leading number continues the line above, cut by the page width.

    ``（二十八）加快轨道交通建设。加快协调推进西安地铁`` / ``5、6 号线、1 号线二期…``: the line above
    is prose (it holds a sentence end) and stops mid-sentence, so the number that starts the
    next line is a word of that sentence (地铁 5、6 号线), not an item. A heading above a list
    (（一）收入预算) holds no sentence end, and a sentence before a list ends with 。 or ：.
    Only Arabic numbers: a word of a sentence may be one, hardly ever a （八）.
    """
    found: set[int] = set()
    for item in doc.numbered:
        line = item.span.line
        if line < 2 or item.kind is not HeadingKind.LEVEL3:
            continue
        above = squash(doc.normalized_lines[line - 2])
        if len(above) >= _WRAP_MIN and "。" in above[:-1] and not above.endswith(_LINE_END):
            found.add(line)
    return frozenset(found)


#: A line saying the tables are attached after the text (2019 年度部门预算公开表附后。, 具体公开表样附后).
_ATTACHED = re.compile(r"表样?(?:见)?附后[。.]?$")


def attached_order(doc: Document, match: TocMatch) -> list[tuple[int, int]] | None:
    """Body positions of the matched 目录 entries when the tables are printed where the text says.

    A 第二部分 whose body is only ``…公开表附后`` hands its tables to an appendix — in a
    disclosure published as two files, the file of tables linted after the text. The 目录
    lists them in 第二部分's place, before 第三部分; read in the printed order they all look
    out of place. Here each table entry matched after every other matched entry stands at
    the 附后 line instead (in its own order). None when the body has no such line.
    Returns ``(position, line)`` per matched entry, in 目录 order.
    """
    anchor = _attached_line(doc)
    if anchor is None:
        return None
    pairs = [(e, h.span.line) for e, h in zip(match.entries, match.matches, strict=False) if h is not None]
    text_end = max((line for e, line in pairs if not _is_table(heading_key(e.text))), default=0)
    return [
        ((anchor, line) if line > max(text_end, anchor) and _is_table(heading_key(e.text)) else (line, 0))
        for e, line in pairs
    ]


def _attached_line(doc: Document) -> int | None:
    start = doc.toc.span.end_line if doc.toc is not None else 0
    for number, text in enumerate(doc.normalized_lines[start:], start=start + 1):
        squashed = squash(text)
        if len(squashed) <= 40 and _ATTACHED.search(squashed):
            return number
    return None
