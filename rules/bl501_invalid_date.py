"""BL501: a date that does not exist (2023年11月31日, 2月30日)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.plugins.rule import Rule, line_matches

# Each pattern starts with characters it consumes (the year's 19/20, the month's digit) and
# checks what precedes them with a look-behind placed just after: "(?:19|20)(?<!\d..)" is a
# year with no digit before it. A pattern that starts with a look-behind is tried at every
# position of the document; these let the regex engine skip to candidates (4× faster).
_YEAR = r"(?P<y>(?:19|20)(?<!\d..)\d\d)"
_DATES = (
    re.compile(_YEAR + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(r"(?P<y>(?:19|20)(?<![\d.]..)\d\d)(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.])"),
    re.compile(r"(?P<m>\d(?<![\d年].)\d?)\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(_YEAR + r"\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*日)"),
)


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    # Without a year, 2月29日 is allowed (a leap year may be meant).
    return 1 <= day <= days_in_month(year if year else 2024, month)


#: Days of each month (index 0 = January) in a common year.
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """Days of ``month`` (1–12) in Gregorian ``year``.

    Written out rather than taken from ``calendar.monthrange``: importing ``calendar``
    (and the ``locale`` it pulls in) cost about 2.5 ms of every cold start for one lookup.
    """
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]


class _ReadDates:
    """The dates already read, by line: does a new one start or end inside one of them?

    A scan of every date read for each new one took 65 s on 40,000 dates; sorted starts with
    the running maximum of their ends answer each question with one bisection."""

    def __init__(self, spans: list[Span]) -> None:
        by_line: dict[int, list[tuple[int, int]]] = {}
        for span in spans:
            by_line.setdefault(span.line, []).append((span.column, span.end_column))
        self._starts: dict[int, list[int]] = {}
        self._reach: dict[int, list[int]] = {}  # the farthest end of the dates up to each start
        for line, columns in by_line.items():
            columns.sort()
            reach, farthest = [], 0
            for _, end in columns:
                farthest = max(farthest, end)
                reach.append(farthest)
            self._starts[line] = [start for start, _ in columns]
            self._reach[line] = reach

    def overlaps(self, span: Span) -> bool:
        """Does ``span`` start inside a date read (start ≤ column < end) or end inside one
        (start < end column ≤ end)?"""
        starts = self._starts.get(span.line)
        if not starts:
            return False
        reach = self._reach[span.line]
        at = bisect_right(starts, span.column)  # dates that start at or before the column
        if at and reach[at - 1] > span.column:
            return True
        at = bisect_left(starts, span.end_column)  # dates that start before the end column
        return bool(at) and reach[at - 1] >= span.end_column


class InvalidDate(Rule):
    """Reports dates that do not exist.

    ## What it does
    Finds dates written as 2023年11月31日, 2023-11-31, 2023/11/31, 2023.11.31,
    11月31日 or 2023年13月 and reports those whose month or day does not exist
    (leap years considered; 2月29日 without a year is accepted).

    ## Why is this bad?
    An impossible date in a 绩效目标 (完成时间), a 填报日期 or a policy reference
    is a typing error that makes the commitment meaningless and signals that
    the document was not proof-read.

    ## Example
    ::

        时效指标	运维维护时间	2023年11月31日      ← BL501: November has 30 days

    ## Source
    Data hygiene; inspection practice for 预决算公开.
    """

    code = "BL501"
    name = "invalid-date"
    severity = Severity.ERROR
    summary_zh = "日期不存在"
    summary_en = "A date that does not exist"
    doc_zh = """报告不存在的日期。

    ## 作用
    查找写成 2023年11月31日、2023-11-31、2023/11/31、2023.11.31、11月31日 或 2023年13月 的日期，
    报告月或日不存在的日期（考虑闰年；不带年份的 2月29日 视为有效）。

    ## 为什么有问题？
    绩效目标（完成时间）、填报日期或政策引用中不可能的日期是录入错误，使承诺失去意义，也说明文档
    没有经过校对。

    ## 示例
    ::

        时效指标    运维维护时间  2023年11月31日      ← BL501：11 月只有 30 天

    ## 依据
    数据规范；预决算公开检查实践。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        taken: set[tuple[int, int]] = set()  # (line, column) of every date already read
        spans: list[Span] = []
        for pattern in _DATES:  # most specific form first: 2023年11月31日 before 11月31日
            # A form's own matches never overlap (one pass of finditer): each is checked only
            # against the dates the forms before it read, indexed once per form.
            earlier = _ReadDates(spans)
            for found in line_matches(ctx, pattern):
                span = found.span
                if earlier.overlaps(span):
                    continue
                spans.append(span)
                groups = found.match.groupdict()
                year = int(groups["y"]) if groups.get("y") else None
                day = int(groups["d"]) if groups.get("d") else None
                if (span.line, span.column) in taken or _valid(year, int(groups["m"]), day):
                    continue
                taken.add((span.line, span.column))
                yield self.report(doc, span, f"日期“{found.shown}”不存在", f"the date '{found.shown}' does not exist")
