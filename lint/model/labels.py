"""What a table cell's text says it is: a 科目编码, or the label of a total row.

Both the parser (to type rows while it builds a table) and the table model (to read
sides and hierarchies) ask these questions, so they belong to neither: one answer,
shared, keeps a row a total row everywhere.
"""

from __future__ import annotations

import re

from budgetlint.model.text import squash

_TOTAL_WORDS = ("合计", "总计", "小计")


def is_code(text: str) -> bool:
    """A 科目编码 of 3, 5 or 7 digits (类/款/项) — ``text`` already stripped."""
    return len(text) in (3, 5, 7) and text.isdecimal()


#: A 科目编码 printed in square brackets before the name: ``[301]工资福利支出``,
#: ``[30101]基本工资`` (Guangzhou's economic-classification tables). Width-normalized text.
_LEADING_BRACKET_CODE = re.compile(r"\[\s*(\d{3}(?:\d{2}){0,2})\s*\]")


def leading_bracket_code(normalized_label: str) -> str | None:
    """The 类/款/项 code a label opens with in square brackets (``[30101]基本工资`` → ``30101``).

    Only at the start of the label: a bracketed number later in a name is part of the name.
    """
    match = _LEADING_BRACKET_CODE.match(normalized_label.strip())
    return match.group(1) if match else None


def is_total_label(label: str) -> bool:
    """合计 / 总计 / 小计 rows and their variants (本年收入合计, 收入总计, 部门合计 …):
    at most 12 characters before the total word, which ends the label."""
    core = squash(label)
    return len(core) <= 14 and core.endswith(_TOTAL_WORDS) and "其中" not in core


#: 功能分类 类 that the 政府收支分类科目 does not break down to 项: 219 援助其他地区支出 has
#: 款 only (21901 … 21999), 227 预备费 is a 类 alone. Their rows are complete as printed.
_CLASSES_WITHOUT_ITEMS = frozenset({"219", "227"})


def is_economic_code(code: str) -> bool:
    """A 支出经济分类 code (部门预算 301…399, 政府预算 501…599), not a 功能分类 one."""
    return code[:1] in ("3", "5")


def expects_items(code: str) -> bool:
    """The classification breaks this 功能分类 类 or 款 down to 7-digit 项 rows."""
    return not is_economic_code(code) and code[:3] not in _CLASSES_WITHOUT_ITEMS
