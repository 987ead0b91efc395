"""BL405: a year-on-year change stated with no reason in its paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule

REASON = re.compile(r"原因|因为|由于|主要因|主要是|系因|缘于")


class ChangeWithoutReason(Rule):
    """Reports a stated change whose paragraph gives no reason for it.

    ## What it does
    For each narrative paragraph that states a year-on-year change with a
    figure (比上年减少84.74万元, 下降37.66%), looks for a reason in the same
    paragraph (主要原因是, 原因是, 主要因, 由于 …) and reports the first change of a
    paragraph that has none. 持平 needs no reason.

    ## Why is this bad?
    The disclosure rules ask units to explain changes, not only to state them:
    a change without a reason is the finding inspections most often attach to
    the 三公经费 and 机关运行经费 explanations.

    ## Example
    ::

        2023年度一般公共预算当年拨款140.30万元，比上年减少84.74万元，下降37.66%。
                                                       ← BL405: no reason given

    ## Source
    地方预决算公开操作规程 (财预〔2016〕143号): explain the changes of 三公经费 and
    机关运行经费 and of the budget; 预算法实施条例 art. 40.
    """

    code = "BL405"
    name = "change-without-reason"
    severity = Severity.WARNING
    summary_zh = "说明了增减变化但未说明原因"
    summary_en = "A year-on-year change is stated without a reason"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        story = ctx.narrative
        reported: set[int] = set()
        for change in story.changes:
            if change.direction == "flat" or (change.delta is None and change.percent is None):
                continue
            if change.flow in reported or REASON.search(story.flows[change.flow].text):
                continue
            reported.add(change.flow)
            yield self.report(
                doc,
                change.span,
                f"说明了“{change.word}”，但本段未说明增减原因",
                f"the change '{change.word}' is stated without a reason in its paragraph",
            )
