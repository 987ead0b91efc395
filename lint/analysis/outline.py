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

from budgetlint.model.nodes import Document, Heading, HeadingKind, TocEntry
from budgetlint.model.text import normalize_width, split_numbering

_QUOTES = re.compile(r"[\s“”\"'‘’「」『』《》<>:：.。]")
_YEAR = re.compile(r"^(?:19|20)\d\d年度?")
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
    return numbering.strip(), _QUOTES.sub("", title)


def loose_key(text: str, unit_name: str | None) -> str:
    """:func:`heading_key` without a leading year, the unit's name or 本单位/部门."""
    return _loosen(heading_key(text), _unit_key(unit_name))


def _unit_key(unit_name: str | None) -> str:
    return _QUOTES.sub("", normalize_width(unit_name)) if unit_name else ""


def _loosen(key: str, unit_key: str) -> str:
    if unit_key:
        key = key.replace(unit_key, "")
    key = _YEAR.sub("", key)
    for owner in _GENERIC_OWNER:
        if key.startswith(owner):
            key = key[len(owner) :]
            break
    return _YEAR.sub("", key)


def _keys(text: str, unit_key: str) -> tuple[str, str, str]:
    """(:func:`heading_key`, :func:`loose_key`, numbering) of ``text``."""
    numbering, key = _numbering_and_key(text)
    return key, _loosen(key, unit_key), numbering


def _similar(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    return bool(a and b) and SequenceMatcher(None, a, b).ratio() >= 0.75


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


def match_toc(doc: Document) -> TocMatch:
    """Greedy, order-preferring matching of 目录 entries to body headings (each used once).

    Several rules read it: ``DocumentContext.toc_match`` computes it once per document.
    """
    if doc.toc is None:
        return TocMatch((), ())
    pool = candidates(doc)
    unit_key = _unit_key(doc.unit_name)
    keys, loose, numbers = zip(*(_keys(h.text, unit_key) for h in pool), strict=False) if pool else ((), (), ())
    used: set[int] = set()
    matches: list[Heading | None] = []
    cursor = 0
    for entry in doc.toc.entries:
        key, lkey, number = _keys(entry.text, unit_key)
        order = list(range(cursor, len(pool))) + list(range(0, cursor))
        found = None
        for test in (
            lambda i: keys[i] == key and (not number or not numbers[i] or numbers[i] == number),  # noqa: B023 - used within this iteration
            lambda i: bool(lkey) and loose[i] == lkey,  # noqa: B023 - used within this iteration
            lambda i: len(lkey) >= 4 and len(loose[i]) >= 4 and (lkey in loose[i] or loose[i] in lkey),  # noqa: B023 - used within this iteration
            # Same number, nearly the same words: 其他重要事项说明 / 其他重要事项的情况说明.  # noqa: B023 - used within this iteration
            lambda i: bool(number) and numbers[i] == number and _similar(lkey, loose[i]),  # noqa: B023 - used within this iteration
        ):
            found = next((i for i in order if i not in used and test(i)), None)
            if found is not None:
                break
        if found is None:
            matches.append(None)
            continue
        used.add(found)
        cursor = found + 1
        matches.append(pool[found])
    return TocMatch(doc.toc.entries, tuple(matches))


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


def structural(headings: Sequence[Heading]) -> list[Heading]:
    return [h for h in headings if h.kind in _STRUCTURAL]
