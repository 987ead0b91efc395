"""Regex speed-ups in rules must not change what the patterns match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.rules import bl504_placeholder_text

#: Pieces of placeholders and their surroundings, mixed with ordinary text.
PIECES = [
    "X",
    "x",
    "×",
    "待填",
    "待",
    "补充",
    "此处填写",
    "请填写",
    "请输入",
    "【",
    "】",
    "单位名称",
    "{",
    "}",
    "金额",
    "增加",
    "减少",
    "增长",
    "下降",
    "上升",
    "持平",
    "减",
    "增",
    "(",
    ")",
    "/",
    " ",
    "a",
    "局",
    "12",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_placeholder_lookahead_only_skips_positions_no_placeholder_starts_at(text: str) -> None:
    plain = re.compile("|".join(f"(?:{p})" for p in bl504_placeholder_text._PATTERNS))
    assert [m.span() for m in bl504_placeholder_text.PLACEHOLDER.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]
