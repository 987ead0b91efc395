"""Which standard disclosure table a table is, from its title.

The 143号 templates (and their provincial, MOE and final-accounts variants) publish
the same handful of tables under slightly different titles: 收支总表 /
财务收支预算总表 / 收入支出决算总表 / 高等学校收支决算总表 all mean the summary
table. Cross-table checks, narrative checks and profiles need to find
"the 支出总表" whatever its wording, so the identification lives here, once,
and works on the normalized title alone (never on a table's position).

API: :func:`table_kind` (one table), :func:`tables_of_kind` (a document's tables
of one kind, in order) and :class:`TableKind` (with ``by_function`` for tables
classified by 功能分类 codes).
"""

from __future__ import annotations

import enum
import re
from functools import lru_cache

from budgetlint.model.nodes import Document, Table
from budgetlint.model.text import normalize_width


class TableKind(str, enum.Enum):
    """The standard tables of 预算/决算 disclosures."""

    SUMMARY = "收支总表"
    INCOME = "收入总表"
    EXPENDITURE = "支出总表"
    FISCAL_SUMMARY = "财政拨款收支总表"
    FISCAL_EXPENDITURE = "财政拨款支出表"  # MOE: 财政拨款支出预算表/决算表 (all 财政拨款, by function)
    GENERAL_EXPENDITURE = "一般公共预算支出表"
    BASIC_ECONOMIC = "基本支出经济科目表"
    GOVERNMENT_FUND = "政府性基金预算表"
    STATE_CAPITAL = "国有资本经营预算表"
    THREE_PUBLIC = "三公经费表"
    OPERATING_COSTS = "机关运行经费表"
    PROJECT = "项目支出表"
    PERFORMANCE = "绩效目标表"
    OTHER = "其他"

    @property
    def by_function(self) -> bool:
        """Tables whose rows are 功能分类 科目 (类/款/项 codes)."""
        return self in _FUNCTION_KINDS


_FUNCTION_KINDS = frozenset(
    {
        TableKind.INCOME,
        TableKind.EXPENDITURE,
        TableKind.FISCAL_EXPENDITURE,
        TableKind.GENERAL_EXPENDITURE,
        TableKind.GOVERNMENT_FUND,
        TableKind.STATE_CAPITAL,
    }
)

# Stripped before matching: years, "表 1：" labels, issuer names ending in a unit word,
# parenthesised qualifiers are kept (（上年结转） distinguishes project tables but not kinds).
_PREFIX = re.compile(r"^(?:表\s*\d+[:：]?)?\s*(?:(?:19|20)\d\d年度?)?")
_SPACES = re.compile(r"\s+")
_TRAILER = re.compile(r"(?:[（(][^（()）]*[)）])+$")  # （不含上年结转） after 表


def normalize_title(title: str) -> str:
    """Title without spaces, width variants, a leading "表 N：" or year."""
    text = _SPACES.sub("", normalize_width(title))
    return _PREFIX.sub("", text)


@lru_cache(maxsize=1024)
def kind_of_title(title: str) -> TableKind:
    """The :class:`TableKind` a (raw) table title names; OTHER when unsure."""
    t = normalize_title(title)
    if not t or not _TRAILER.sub("", t).endswith("表"):
        return TableKind.OTHER
    if "绩效" in t:
        return TableKind.PERFORMANCE
    if "三公" in t:
        return TableKind.THREE_PUBLIC
    if "机关运行经费" in t:
        return TableKind.OPERATING_COSTS
    if "项目支出" in t:
        return TableKind.PROJECT
    if "政府性基金" in t:
        return TableKind.GOVERNMENT_FUND
    if "国有资本经营" in t:
        return TableKind.STATE_CAPITAL
    two_sided = "收支" in t or "收入支出" in t
    if "财政拨款" in t and two_sided and "总表" in t:
        return TableKind.FISCAL_SUMMARY
    if two_sided and "总表" in t:
        return TableKind.SUMMARY
    if "基本支出" in t and ("经济" in t or "决算表" in t):
        return TableKind.BASIC_ECONOMIC
    if "一般公共预算" in t and "支出" in t and not two_sided:
        return TableKind.GENERAL_EXPENDITURE
    if "财政拨款" in t and "支出" in t and not two_sided:
        return TableKind.FISCAL_EXPENDITURE
    if "收入" in t and "支出" not in t:
        return TableKind.INCOME
    if "支出" in t and "收入" not in t:
        return TableKind.EXPENDITURE
    return TableKind.OTHER


def table_kind(table: Table) -> TableKind:
    """The kind of ``table``, from its title."""
    return kind_of_title(table.title or "")


def tables_of_kind(doc: Document, kind: TableKind) -> list[Table]:
    """The document's tables of ``kind``, in document order."""
    return [t for t in doc.tables if table_kind(t) is kind]
