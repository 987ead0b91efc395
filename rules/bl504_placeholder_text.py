"""BL504: template leftovers (XX局, ××, 待填, 【单位名称】, 增加（减少）)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.text import normalize_width
from budgetlint.plugins.rule import LineMatch, Rule, line_matches

_DIRECTIONS = "增加|减少|增长|下降|上升|降低|提高|持平|减|增"
_PATTERNS = (
    # XX / ×× not inside a word; the look-behind follows the first X (it checks the character
    # before it) so that the pattern does not start with a look-behind tried at every position.
    r"[Xx×](?<![A-Za-z].)[Xx×]+(?![A-Za-z])",
    r"待填(?:写|报|列)?|待补充|待完善|此处填写|请填写|请输入",
    r"【[^【】]{0,12}(?:名称|单位|部门|金额|数字|数额|年份|日期|内容|填写|原因)[^【】]{0,6}】",
    r"\{[^{}]{1,12}\}",
    rf"(?:{_DIRECTIONS})\s*(?:\(\s*(?:{_DIRECTIONS})\s*\)|/\s*(?:{_DIRECTIONS}))",
    # An amount left out before its unit: "支出预算万元，比上年增加万元". Only after the words a
    # figure follows in prose (…预算/决算/支出/收入/拨款 + 为/是/共计/合计/增加/减少…), so that a
    # table header "预算数（万元）" or "单位：万元" never matches.
    rf"(?<!单位)(?:[算出入款计为是达]|{_DIRECTIONS}) *万元(?=[，,。；;、）)])",
)
#: The characters a placeholder can start with, as a look-ahead in front of the union: the
#: regex engine then skips to them (a union of alternatives gets no such prefix; 0.64 →
#: 0.23 ms on the sample). Keep it in step with the first characters of _PATTERNS.
_FIRST_CHARACTERS = "Xx×待此请【{增减上下降提持算出入款计为是达"
PLACEHOLDER = re.compile(f"(?=[{_FIRST_CHARACTERS}])(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + ")")
_X_RUN = re.compile(r"[Xx×]+")
#: From this many placeholders of one kind on, the document is an unfilled template: one
#: finding with the count says it, a finding per XX would bury every other finding.
FLOOD = 10


#: A line that is nothing but a figure ("0.\t00"): the reader took it out of its sentence.
_BARE_FIGURE = re.compile(r"[\d,.\s]*\d[\d,.\s]*")
#: How many lines around a gap are searched for its displaced figure.
_NEAR = 2


def _figure_nearby(lines: tuple[str, ...], line: int) -> bool:
    """Is a bare figure printed near ``line`` (1-based)? Then "收入 万元" may be the reader's doing.

    A justified PDF line can come out as cells, with its figure on a line of its own next to the
    words ("0.\t00" / "事业单位经营服务收入 万元，"): that gap is not the document's.
    """
    low, high = max(0, line - 1 - _NEAR), min(len(lines), line + _NEAR)
    return any(_BARE_FIGURE.fullmatch(lines[i].strip()) for i in range(low, high))


#: The kind of every amount missing before its unit, whatever word precedes the gap.
_MISSING_AMOUNT = "万元"


def _kind(shown: str) -> str:
    """What a placeholder is, whatever its length: XX, XXX and ×× are one kind, and so is every
    gap before 万元 (预算万元, 增加万元 and 为万元 are one blank, not three kinds)."""
    if shown.endswith(_MISSING_AMOUNT):  # only the missing-amount pattern ends so
        return _MISSING_AMOUNT
    return _X_RUN.sub("XX", normalize_width(shown))


def _flooded(found: list[LineMatch]) -> dict[str, int]:
    """The kinds of placeholder printed at least :data:`FLOOD` times, with their counts."""
    counts = Counter(_kind(match.shown) for match in found)
    return {kind: n for kind, n in counts.items() if n >= FLOOD}


class PlaceholderText(Rule):
    """Reports template placeholders left in the text.

    ## What it does
    Finds the marks templates use for what the unit must fill in: XX / ×× (XX局,
    XX万元), 待填 / 待补充 / 请填写, bracketed fields such as 【单位名称】 or {金额},
    unresolved alternatives such as 增加（减少） or 增长/下降, and a unit whose
    amount was left out (支出预算万元，比上年增加万元). A kind of placeholder
    printed ten times or more (a blank template full of XX, or of amounts left out
    before 万元) is reported once, at its first place, with the count.

    ## Why is this bad?
    A placeholder in a published disclosure means a sentence was never
    completed: the reader cannot know the figure or whether spending rose or fell.

    ## Example
    ::

        比上年增加（减少）12.50万元，主要原因是XX。   ← BL504 twice
        一般公共预算支出预算万元。                     ← BL504: the amount is missing

    ## Source
    Inspection practice for 预决算公开 (templates must be completed).
    """

    code = "BL504"
    name = "placeholder-text"
    severity = Severity.ERROR
    summary_zh = "残留模板占位内容"
    summary_en = "Template placeholder left in the text"
    doc_zh = """报告文中遗留的模板占位符。

    ## 作用
    查找模板中表示需由单位填写的标记：XX / ××（XX局、XX万元），待填 / 待补充 / 请填写，【单位名称】
    或 {金额} 这类括起来的字段，未选定的二选一表述，如 增加（减少） 或 增长/下降，以及漏了金额的
    单位（支出预算万元，比上年增加万元）。同一类占位符出现十次或以上（满是 XX 的空白模板）时，只在
    第一处报告一次并给出次数。

    ## 为什么有问题？
    公开文件中的占位符说明某句话从未写完：读者无法知道数字是多少，也不知道支出是增是减。

    ## 示例
    ::

        比上年增加（减少）12.50万元，主要原因是XX。   ← BL504 两处
        一般公共预算支出预算万元。                     ← BL504：缺少金额

    ## 依据
    预决算公开检查实践（模板必须填写完整）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        # A gap before 万元 next to a figure alone on its line is the reader's: not a placeholder.
        found = [
            match
            for match in line_matches(ctx, PLACEHOLDER)
            if _kind(match.shown) != _MISSING_AMOUNT or not _figure_nearby(doc.lines, match.span.line)
        ]
        flooded = _flooded(found)
        reported: set[str] = set()
        for match in found:
            kind = _kind(match.shown)
            if kind in flooded:
                if kind not in reported:
                    reported.add(kind)
                    yield self._flood(ctx, match, kind, flooded[kind])
                continue
            if kind == _MISSING_AMOUNT:
                yield self.report(
                    doc,
                    match.span,
                    "“万元”前缺少金额，模板未填写完整",
                    "the amount before '万元' is missing: the template was not filled in",
                )
                continue
            yield self.report(
                doc,
                match.span,
                f"残留模板占位内容“{match.shown}”",
                f"template placeholder '{match.shown}' left in the text",
            )

    def _flood(self, ctx: DocumentContext, match: LineMatch, kind: str, count: int) -> Diagnostic:
        """One finding, at the first place, for a kind of placeholder printed ``count`` times."""
        if kind == _MISSING_AMOUNT:
            return self.report(
                ctx.doc,
                match.span,
                f"“万元”前缺少金额，模板未填写完整，同类共 {count} 处",
                f"the amount before '万元' is missing: the template was not filled in, {count} of its kind",
            )
        return self.report(
            ctx.doc,
            match.span,
            f"残留模板占位内容“{match.shown}”，同类共 {count} 处",
            f"template placeholder '{match.shown}' left in the text, {count} of its kind",
        )
