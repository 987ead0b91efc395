"""Tables laid out with spaces instead of tabs, which the table reader does not read.

Why: a ``.txt`` typed or exported by hand often aligns its columns with runs of spaces.
budgetlint reads a table's columns from tab-separated cells (as the PDF, Word and Excel
readers write them); guessing columns from spaces would misplace cells whenever a label
holds a space, and a misread table is a flood of false errors. Such a table is not read —
and the user must be told so, not left to think it was checked: this analysis finds the
blocks, and BL003 says it once per document.

A line is a space-aligned row when it has no tab, splits on runs of two or more spaces
into two or more fields, has no sentence punctuation and ends in a number. A block is
three or more such lines in a row, at least one of them with an amount written with a
decimal point or thousands separators (so a 目录 whose page numbers are spaced out is not one).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from budgetlint.model.nodes import Document
from budgetlint.model.numbers import try_parse_amount

_GAP = re.compile(r" {2,}|\u3000+")
_SENTENCE = re.compile(r"[。，；！？]")
_AMOUNT_SHAPE = re.compile(r"\d\.\d|\d,\d{3}")
MIN_ROWS = 3


class SpaceAlignedBlock(NamedTuple):
    first_line: int
    last_line: int


def _row_fields(text: str) -> list[str] | None:
    if "\t" in text or _SENTENCE.search(text):
        return None
    fields = [f for f in _GAP.split(text.strip()) if f]
    if len(fields) < 2:
        return None
    last = fields[-1]
    if not any(ch.isdigit() for ch in last) or try_parse_amount(last) is None:
        return None
    return fields


def space_aligned_blocks(doc: Document) -> tuple[SpaceAlignedBlock, ...]:
    """The blocks of space-aligned table rows of ``doc``, in order."""
    found: list[SpaceAlignedBlock] = []
    start: int | None = None
    amounts = False
    lines = doc.normalized_lines
    for number, text in enumerate((*lines, ""), start=1):
        fields = _row_fields(text) if number <= len(lines) else None
        if fields is not None:
            if start is None:
                start, amounts = number, False
            amounts = amounts or any(_AMOUNT_SHAPE.search(f) for f in fields[1:])
            continue
        if start is not None and number - start >= MIN_ROWS and amounts:
            found.append(SpaceAlignedBlock(start, number - 1))
        start = None
    return tuple(found)
