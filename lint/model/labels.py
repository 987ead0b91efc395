"""What a table cell's text says it is: a 科目编码, or the label of a total row.

Both the parser (to type rows while it builds a table) and the table model (to read
sides and hierarchies) ask these questions, so they belong to neither: one answer,
shared, keeps a row a total row everywhere.
"""

from __future__ import annotations

from budgetlint.model.text import squash

_TOTAL_WORDS = ("合计", "总计", "小计")


def is_code(text: str) -> bool:
    """A 科目编码 of 3, 5 or 7 digits (类/款/项) — ``text`` already stripped."""
    return len(text) in (3, 5, 7) and text.isdecimal()


def is_total_label(label: str) -> bool:
    """合计 / 总计 / 小计 rows and their variants (本年收入合计, 收入总计, 部门合计 …):
    at most 12 characters before the total word, which ends the label."""
    core = squash(label)
    return len(core) <= 14 and core.endswith(_TOTAL_WORDS) and "其中" not in core
