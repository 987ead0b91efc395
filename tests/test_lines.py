"""The line grammar classifies each line by itself, whatever surrounds it.

The grammar lexes a run of table rows as one token and skips blank lines (fewer tokens
for the parser); these tests pin that this is only an optimization: every line gets the
kind it gets alone, at its own line number, and blank or whitespace-only lines none.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.model.numbers import normalize_width
from budgetlint.parsing.lines import LineKind, classify_lines

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: Pieces that make lines of every kind: cells, leaders, numbering, titles, blanks. Tabs,
#: leaders and page numbers are frequent: a 目录 entry with a tab right after table rows
#: is the case the row-run token must not swallow.
PIECES = [
    "\t",
    "\t",
    "\t",
    " ",
    "\f",
    "表",
    "目录",
    "注:",
    "单位:",
    "一、",
    "(一)",
    "1.",
    "第一部分",
    "仅供内部审核",
    "……",
    "...",
    "...",
    "---",
    "·",
    "3",
    "3",
    "12",
    "140.30",
    "合计",
    "续表",
    "预算公开表1",
    "支出",
    "x",
    "x",
]


def alone(lines: list[str]) -> list[tuple[LineKind, int]]:
    """Each line classified in a document of its own."""
    kinds = []
    for number, line in enumerate(lines, start=1):
        kinds += [(parsed.kind, number) for parsed in classify_lines(line + "\n")]
    return kinds


def together(lines: list[str]) -> list[tuple[LineKind, int]]:
    return [(parsed.kind, parsed.number) for parsed in classify_lines("\n".join(lines) + "\n")]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=5).map("".join), max_size=30))
def test_a_line_is_classified_as_it_is_alone(lines: list[str]) -> None:
    assert together(lines) == alone(lines)


def test_examples_lines_are_classified_as_they_are_alone() -> None:
    for path in sorted(EXAMPLES.glob("*.txt")):
        lines = normalize_width(path.read_text(encoding="utf-8")).split("\n")
        assert together(lines) == alone(lines), path.name


def test_a_toc_entry_with_a_tab_ends_a_run_of_rows() -> None:
    lines = ["项目\t金额", "x\t...\t3", "合计\t1.00", "支出 \t……\t12"]
    assert (
        together(lines)
        == alone(lines)
        == [(LineKind.ROW, 1), (LineKind.TOC_ENTRY, 2), (LineKind.ROW, 3), (LineKind.TOC_ENTRY, 4)]
    )


def test_blank_lines_are_not_lines_and_rows_keep_their_numbers() -> None:
    text = "收支总表\n\n项目\t金额\n \t \n合计\t1.00\n\t\n注:无\n"
    assert together(text.rstrip("\n").split("\n")) == [
        (LineKind.TABLE_TITLE, 1),
        (LineKind.ROW, 3),
        (LineKind.ROW, 5),
        (LineKind.NOTE, 7),
    ]
