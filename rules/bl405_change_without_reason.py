"""BL405: a year-on-year change stated with no reason in its item, its sub-items or its list."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.narrative import ChangeClaim, Flow, Narrative
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import Document, HeadingKind
from budgetlint.model.text import normalize_width
from budgetlint.plugins.rule import Rule

# "此项级科目为今年新增科目" explains a change from nothing as well as 主要原因是 does.
REASON = re.compile(r"原因|因为|由于|主要因|主要是|系因|缘于|为(?:今年|本年|当年)?新增(?:的)?(?:科目|项目)")
#: A reason the template announces and nobody wrote: "主要原因是：。" / "原因是；" / "由于。" /
#: "主要是：。" (every word of :data:`REASON` that opens a clause). A colon at the end of the
#: paragraph is not empty: the reasons follow as the next items.
EMPTY_REASON = re.compile(r"(?:原因(?:主要)?(?:是|为|在于)?|因为|由于|主要因|主要是|系因|缘于)\s*[：:，,]?\s*[。；;]")
#: Cuts explain a decrease, never an increase (支出增加，主要原因是压减10%): words of a cut…
_CUT = re.compile(r"压减|缩减|削减|压缩")
#: …in a reason that names nothing that rises (新增/增加/提高 … make a mixed reason plausible).
_RISE = re.compile(r"增|加|提高|上升|扩大|补|恢复|上调|调整|新|追加|安排")
_SENTENCE_END = re.compile(r"[。！？]")
_PARTS = re.compile(r"\s*(?:其中|具体|分别|包括)")

_CN = "一二三四五六七八九十"
#: Printed numbering, outermost first: 第一部分 / 一、 / （一） / 1. / （1） / ①.
_RANKS = (
    re.compile(rf"^第[{_CN}\d]+(?:部分|章|节)"),
    re.compile(rf"^[{_CN}]{{1,3}}、"),
    re.compile(rf"^\([{_CN}]{{1,3}}\)"),
    re.compile(r"^\d{1,2}\s*(?:、|\.(?!\d))"),
    re.compile(r"^\(\d{1,2}\)"),
    re.compile(r"^[①-⑳]"),
)
_SENTENCE_ENDS = ("。", "！", "？", "：", ":")
#: A list of this many unexplained items is reported once, as an info.
_LIST_SIZE = 3
#: How far a list is followed: a 三公 or 收支总体 explanation has a dozen items at most.
_LOOKAHEAD = 40


def _rank(printed: str) -> int | None:
    """Depth of the printed numbering that starts ``printed`` (0 = 第…部分), None when unnumbered."""
    text = normalize_width(printed).lstrip()
    for depth, pattern in enumerate(_RANKS):
        if pattern.match(text):
            return depth
    return None


def _states_change(changes: Sequence[ChangeClaim]) -> bool:
    return any(_needs_reason(change) for change in changes)


def _needs_reason(change: ChangeClaim) -> bool:
    """A stated change with a figure that is not zero (增加0.00万元 is 持平)."""
    if change.direction == "flat" or (change.delta is None and change.percent is None):
        return False
    delta_zero = change.delta is None or change.delta.figure.value == 0
    percent_zero = change.percent is None or change.percent.value == 0
    return not (delta_zero and percent_zero)


def _offset(flow: Flow, line: int, column: int) -> int:
    """Offset in ``flow.text`` of the source position (line, column)."""
    found = 0
    for seg_offset, seg_line, seg_column in flow.segments:
        if seg_line == line and column >= seg_column:
            found = seg_offset + (column - seg_column)
    return min(found, len(flow.text))


def _sentence_start(flow: Flow, offset: int) -> int:
    return max(flow.text.rfind(end, 0, offset) for end in ("。", "！", "？")) + 1


def _names_own_item(change: ChangeClaim) -> bool:
    """Does the change's sentence name what changed (用车费10.50万元，比上年减少3.50万元)?"""
    return change.subject is not None and change.subject.sentence == change.sentence


def _own_reason(flow: Flow, change: ChangeClaim) -> re.Match[str] | None:
    """The reason the paragraph gives for ``change``: in its sentence or a later one.

    A reason printed before the change's sentence belongs to an earlier item of the paragraph
    ("接待费增加1.00万元，主要原因是…。用车费减少3.50万元。"), not to this one — unless the
    change's sentence breaks that item down ("…减少2,219.02万元，主要原因是…。其中：教育支出
    减少1,505.49万元") or names no item of its own, restating the earlier one ("…主要原因：…。
    增减相抵后与上年相比减少710.87万元。").
    """
    start = _sentence_start(flow, _offset(flow, change.span.line, change.span.column))
    if not _names_own_item(change) or _PARTS.match(flow.text, start):
        start = 0
    return REASON.search(flow.text, start)


def _reason_clause(flow: Flow, reason: re.Match[str]) -> str:
    """The reason's words, up to the end of its sentence."""
    end = _SENTENCE_END.search(flow.text, reason.end())
    return flow.text[reason.end() : end.start() if end else len(flow.text)]


class _Flaw(NamedTuple):
    """Why a reason does not explain its change: "empty", or "cut" with the word of the cut."""

    kind: str
    word: str


def reason_flaw(flow: Flow, change: ChangeClaim, reason: re.Match[str]) -> _Flaw | None:
    """Why the reason given for ``change`` does not explain it, None when it may."""
    if EMPTY_REASON.match(flow.text, reason.start()):
        return _Flaw("empty", "")
    if reason.start() < _sentence_start(flow, _offset(flow, change.span.line, change.span.column)):
        return None  # the whole's reason, given before its parts: a part may move the other way
    clause = _reason_clause(flow, reason)
    cut = _CUT.search(clause)
    if change.direction == "up" and cut is not None and not _RISE.search(clause):
        return _Flaw("cut", cut.group())
    return None


def _is_target(flow: Flow, change: ChangeClaim) -> bool:
    """An economic target (预期目标是：生产总值增长7.8%以上) is a plan, not a budget change."""
    offset = _offset(flow, change.span.line, change.span.column)
    return "目标" in flow.text[_sentence_start(flow, offset) : offset]


class _Item(NamedTuple):
    """A flow or a body heading, in reading order, with its numbering depth."""

    rank: int | None  # 0 = 第…部分 … 5 = ①; None when unnumbered
    text: str
    states_change: bool


#: Headings that end a list (a table title) rank above every numbering.
_HEADING_RANK = {
    HeadingKind.PART: 0,
    HeadingKind.LEVEL1: 1,
    HeadingKind.LEVEL2: 2,
    HeadingKind.LEVEL3: 3,
    HeadingKind.TABLE: -1,
}


def _outline(
    doc: Document, story: Narrative, changes_by_flow: dict[int, list[ChangeClaim]]
) -> tuple[list[_Item], list[int]]:
    """The flows and headings in reading order, and each flow's place in that order.

    Body headings are not paragraphs, so the numbered structure a list lives in is only seen
    with them; unnumbered titles (PLAIN: "其中：" alone on a line) do not end a list.
    """
    flow_lines = {flow.segments[0][1] for flow in story.flows}
    entries: list[tuple[int, int, _Item]] = []
    for index, flow in enumerate(story.flows):
        item = _Item(_rank(flow.text), flow.text, _states_change(changes_by_flow.get(index, [])))
        entries.append((flow.segments[0][1], index, item))
    for heading in doc.headings:
        rank = _HEADING_RANK.get(heading.kind)
        if heading.kind is HeadingKind.PLAIN or heading.span.line in flow_lines:
            continue
        entries.append(
            (heading.span.line, -1, _Item(rank if rank is not None else _rank(heading.text), heading.text, False))
        )
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    items: list[_Item] = []
    places = [0] * len(story.flows)
    for position, (_, index, item) in enumerate(entries):
        previous = entries[position - 1] if position else None
        if index >= 0 and item.rank is None and previous is not None and previous[1] < 0:
            title = previous[2]
            if not title.text.rstrip().endswith(_SENTENCE_ENDS):
                # "1.收入预算增加118.76万元，其中…83.76万" read as a heading, "元，其他收入…" as its paragraph
                items[-1] = _Item(title.rank, title.text + item.text, item.states_change)
                places[index] = len(items) - 1
                continue
        if index >= 0:
            places[index] = len(items)
        items.append(item)
    return items, places


def _explained_below(items: Sequence[_Item], place: int) -> bool:
    """Is the change of the flow at ``items[place]`` explained by the items printed below it?

    Templates state a total's change and then explain it part by part ("…减少23.10万元。其中：
    （一）… 主要原因是…"), or list the changes as numbered items and give their common reason as a
    later item of the same list ("3.收支预算增加的主要原因，一是…"). Its sub-items (numbered deeper,
    or unnumbered text before the next sibling) count with any reason; a later sibling counts only
    when it gives a reason without stating a change of its own, since a sibling's own reason
    explains the sibling.
    """
    rank = items[place].rank
    stop = min(len(items), place + 1 + _LOOKAHEAD)
    if place + 1 >= stop:
        return False
    if _parent_gives_reasons(items, place):
        return True
    if rank is None:
        sub_rank = items[place + 1].rank
        if sub_rank is None and REASON.search(items[place + 1].text) and not items[place + 1].states_change:
            return True  # the next paragraph gives the reason ("增加的主要原因是…") and states nothing new
        if sub_rank is None or sub_rank < 0:
            return False
        heading = next((item.rank for item in reversed(items[:place]) if item.rank is not None), None)
        if heading is not None and sub_rank <= heading:
            return False  # the numbered items that follow are the heading's siblings, not this paragraph's parts
        for item in items[place + 1 : stop]:
            if item.rank is not None and item.rank < sub_rank:
                return False
            if REASON.search(item.text):
                return True
        return False
    in_own_items = True
    for item in items[place + 1 : stop]:
        if item.rank is not None and item.rank < rank:
            return False
        if item.rank == rank:
            in_own_items = False
            if REASON.search(item.text) and not item.states_change:
                return True
        elif in_own_items and REASON.search(item.text):
            return True
    return False


def _parent_gives_reasons(items: Sequence[_Item], place: int) -> bool:
    """Is the item at ``place`` one of the reasons its parent announces ("原因如下：" / "主要原因是：")?

    The parent is the nearest earlier item numbered above it; its items are then the reasons
    ("1.人员经费增加20.00万元。"), even when they state a change themselves.
    """
    rank = items[place].rank
    if rank is None:
        return False
    for item in reversed(items[:place]):
        if item.rank is not None and item.rank < rank:
            tail = normalize_width(item.text).rstrip()
            return tail.endswith((":", "：")) and REASON.search(tail[-12:]) is not None
    return False


def _lists(items: Sequence[_Item], unexplained: Sequence[tuple[ChangeClaim, int]]) -> Iterator[list[ChangeClaim]]:
    """The unexplained changes grouped by the numbered list they are items of (alone otherwise).

    A 决算 template that states every function item's change (1.小学教育…增长0.39%。 2.高中教育…)
    and none of their reasons makes one point, not a dozen: the list is reported once.
    """
    group: list[ChangeClaim] = []
    group_rank: int | None = None
    last = -1
    for change, place in unexplained:
        rank = items[place].rank
        same_list = (
            group
            and rank is not None
            and rank == group_rank
            and all(item.rank is None or item.rank >= rank for item in items[last + 1 : place])
        )
        if not same_list and group:
            yield group
            group = []
        group.append(change)
        group_rank, last = rank, place
    if group:
        yield group


class ChangeWithoutReason(Rule):
    """Reports a stated change that no reason explains, in its paragraph or the items below it.

    ## What it does
    For each narrative paragraph that states a year-on-year change with a
    figure (比上年减少84.74万元, 下降37.66%), looks for a reason (主要原因是,
    原因是, 主要因, 由于, 为今年新增科目 …) in the same paragraph, in its
    sub-items (the list a "其中：" / "具体如下：" summary opens, or the numbered
    items right below it), and in a later item of its own list that only gives
    reasons ("3.收支预算增加的主要原因，一是…"); reports the first change of a
    paragraph that none of them explains. 持平, a change of 0.00万元 and
    economic targets (预期目标是：生产总值增长7.8%以上) need no reason. A
    reason counts for the changes of its own sentence and the sentences before
    it, not for a change printed after it. A reason announced and left empty
    (主要原因是：。, 由于。) and an increase explained by a cut (增加…主要原因是压减10%)
    are reported too. When
    three or more items of one numbered list are all unexplained (a 决算
    template that states every function item's change), the list is reported
    once, as an info, at its first item.

    ## Why is this bad?
    The disclosure rules ask units to explain changes, not only to state them:
    a change without a reason is the finding inspections most often attach to
    the 三公经费 and 机关运行经费 explanations.

    ## Example
    ::

        2023年度一般公共预算当年拨款140.30万元，比上年减少84.74万元，下降37.66%。
                                                       ← BL405: no reason given

        2026年“三公”经费预算数为67.59万元，比2025年预算减少23.10万元。其中：
        （一）因公出国（境）费35.00万元，与2025年预算持平。
        （二）公务用车购置及运行费20.10万元，比2025年预算减少23.10万元，主要原因是…
                                                       ← no finding: the item explains it

        公务接待费12.49万元，比上年增加2.00万元，主要原因是：。   ← BL405: empty reason

    ## Source
    地方预决算公开操作规程 (财预〔2016〕143号): explain the changes of 三公经费 and
    机关运行经费 and of the budget; 预算法实施条例 art. 40.
    """

    code = "BL405"
    name = "change-without-reason"
    severity = Severity.WARNING
    summary_zh = "说明了增减变化但未说明原因"
    summary_en = "A year-on-year change is stated without a reason"
    doc_zh = """报告在其段落或下属各项中都没有说明原因的变化。

    ## 作用
    对每个写明同比变化数字的情况说明段落（比上年减少84.74万元，下降37.66%），在同一段落、其下属
    各项（“其中：”/“具体如下：”概述所引出的列表，或紧接其下的编号项），以及同一列表中后面只说明
    原因的项（“3.收支预算增加的主要原因，一是…”）中查找原因（主要原因是、原因是、主要因、由于、
    为今年新增科目 …）；报告一个段落中第一处都没有解释的变化。持平、0.00万元的变化和经济目标
    （预期目标是：生产总值增长7.8%以上）不需要原因。原因只对其所在句及之前句中的变化有效，对其后
    写出的变化无效。宣布了原因却留空（主要原因是：。），以及用压减来解释增加（增加…主要原因是压减
    10%）的，也报告。同一编号列表中三项或以上都没有解释时（逐项写明各功能科目变化的决算模板），
    整个列表在第一项处只以提示报告一次。

    ## 为什么有问题？
    公开规定要求单位解释变化，而不只是写出变化：没有原因的变化是检查中最常指出的问题，多见于
    三公经费和机关运行经费的说明。

    ## 示例
    ::

        2023年度一般公共预算当年拨款140.30万元，比上年减少84.74万元，下降37.66%。
                                                       ← BL405：没有说明原因

        2026年“三公”经费预算数为67.59万元，比2025年预算减少23.10万元。其中：
        （一）因公出国（境）费35.00万元，与2025年预算持平。
        （二）公务用车购置及运行费20.10万元，比2025年预算减少23.10万元，主要原因是…
                                                       ← 不报告：下属项说明了原因

        公务接待费12.49万元，比上年增加2.00万元，主要原因是：。   ← BL405：原因为空

    ## 依据
    地方预决算公开操作规程（财预〔2016〕143号）：说明三公经费、机关运行经费和预算的变化；预算法实施条例第四十条。
    """

    def _flawed(self, ctx: DocumentContext, change: ChangeClaim, flaw: _Flaw) -> Diagnostic:
        if flaw.kind == "empty":
            return self.report(
                ctx.doc,
                change.span,
                f"说明了“{change.word}”，但所列原因为空",
                f"the change '{change.word}' is given an empty reason",
            )
        return self.report(
            ctx.doc,
            change.span,
            f"说明了“{change.word}”，但所列原因（{flaw.word}）说明的是减少",
            f"the change '{change.word}' is an increase, but its reason ({flaw.word}) explains a decrease",
        )

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        story = ctx.narrative
        changes_by_flow: dict[int, list[ChangeClaim]] = {}
        for change in story.changes:
            changes_by_flow.setdefault(change.flow, []).append(change)
        items, places = _outline(doc, story, changes_by_flow)
        reported: set[int] = set()
        unexplained: list[tuple[ChangeClaim, int]] = []
        for change in story.changes:
            if change.flow in reported or not _needs_reason(change):
                continue
            flow = story.flows[change.flow]
            if _is_target(flow, change):
                continue
            reason = _own_reason(flow, change)
            if reason is not None:
                flaw = reason_flaw(flow, change, reason)
                if flaw is not None:
                    reported.add(change.flow)
                    yield self._flawed(ctx, change, flaw)
                continue
            reported.add(change.flow)
            if not _explained_below(items, places[change.flow]):
                unexplained.append((change, places[change.flow]))
        for group in _lists(items, unexplained):
            first = group[0]
            if len(group) >= _LIST_SIZE:
                yield self.report(
                    doc,
                    first.span,
                    f"本列表{len(group)}项均说明了增减变化但未说明原因",
                    f"the {len(group)} items of this list state their changes without any reason",
                    Severity.INFO,
                )
                continue
            for change in group:
                yield self.report(
                    doc,
                    change.span,
                    f"说明了“{change.word}”，但本段未说明增减原因",
                    f"the change '{change.word}' is stated without a reason in its paragraph",
                )
