"""BL306: a breakdown whose parts do not add up to its whole."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.narrative import Breakdown
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.numbers import Verdict, compare_sum, format_figure
from budgetlint.plugins.rule import Rule


def _likely_extent(breakdown: Breakdown) -> Breakdown:
    """Where a list really ends when the prose runs on ("…上年结转81,714.17万元；本年支出预算…").

    If a shorter prefix of two or more parts comes within 1 % of the whole and
    the full list does not, the list ended at the closest such prefix.
    """
    whole = breakdown.whole.figure.value
    if whole <= 0 or len(breakdown.parts) < 3:
        return breakdown
    sums: list[Decimal] = []
    running = Decimal(0)
    for part in breakdown.parts:
        running += part.figure.value
        sums.append(running)
    if abs(sums[-1] - whole) <= whole / 100:
        return breakdown
    candidates = [(abs(total - whole), k) for k, total in enumerate(sums[:-1], start=1) if k >= 2]
    if not candidates:
        return breakdown
    gap, length = min(candidates)
    if gap > whole / 100:
        return breakdown
    return breakdown._replace(parts=breakdown.parts[:length])


class BreakdownMismatch(Rule):
    """Reports "总额X万元，其中：a万元、b万元…" whose parts do not add up to X.

    ## What it does
    Takes each amount followed by a list of amounts (其中 / 具体为 / 分别为 / 包括 /
    主要用于 …). Parts that exceed the whole are always an error; for complete
    lists (具体为, 分别为, 包括, or 其中 with two or more parts) parts that fall
    short are an error too. A difference within the rounding of the figures is
    info. A 主要包括 / 主要用于 list may be incomplete, so a shortfall there is
    not reported.

    ## Why is this bad?
    A breakdown that does not add up means one of its figures is wrong — often
    a part updated in the tables but not in the text.

    ## Example
    ::

        政府采购预算总额2.09万元。其中：货物0.09万元、工程0万元、服务2.5万元。
                                                 ← BL306: 2.59 > 2.09

    ## Source
    财预〔2016〕143号 (情况说明 of 政府采购, 收支); RULES.md tolerance.
    """

    code = "BL306"
    name = "breakdown-mismatch"
    severity = Severity.ERROR
    summary_zh = "分项之和与总额不符"
    summary_en = "The parts of a breakdown do not add up to its whole"
    doc_zh = """报告“总额X万元，其中：a万元、b万元…”中各部分之和不等于 X 的情况。

    ## 作用
    取每个后面跟着金额列表（其中 / 具体为 / 分别为 / 包括 / 主要用于 …）的金额。各部分超过总额时
    总是错误；对完整列表（具体为、分别为、包括，或有两个及以上部分的“其中”），各部分不足总额也是
    错误。在数字舍入误差内的差异为提示。“主要包括 / 主要用于”列表可能不完整，不足时不报告。

    ## 为什么有问题？
    加不起来的分解说明其中某个数字有误——常见的是表格中更新了某一部分而文字没有更新。

    ## 示例
    ::

        政府采购预算总额2.09万元。其中：货物0.09万元、工程0万元、服务2.5万元。
                                                 ← BL306：2.59 > 2.09

    ## 依据
    财预〔2016〕143号（政府采购、收支的情况说明）；RULES.md 容差。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for breakdown in ctx.narrative.breakdowns:
            breakdown = _likely_extent(breakdown)
            parts = [p.figure for p in breakdown.parts]
            result = compare_sum(breakdown.whole.figure, parts, exact=ctx.options.exact_rounding)
            if result.verdict is Verdict.EXACT:
                continue
            total = sum((p.value for p in parts), Decimal(0))
            exceeds = total > breakdown.whole.figure.value
            if not exceeds and not breakdown.exhaustive:
                continue
            decimals = max([breakdown.whole.figure.decimals] + [p.decimals for p in parts])
            shown_parts = " + ".join(p.shown.replace(" ", "") for p in breakdown.parts)
            grouping = "," in breakdown.whole.shown
            summed = f"{shown_parts} = {format_figure(total, decimals, grouping)}万元"
            whole = breakdown.whole.shown
            span = breakdown.parts[-1].span
            if result.verdict is Verdict.ROUNDING:
                yield self.report(
                    doc,
                    span,
                    f"分项 {summed}，与总额 {whole} 相差在四舍五入误差内",
                    f"parts {summed} differ from the whole {whole} within rounding",
                    severity=Severity.INFO,
                )
            else:
                relation_zh = "超过" if exceeds else "不等于"
                yield self.report(
                    doc,
                    span,
                    f"分项 {summed}，{relation_zh}总额 {whole}",
                    f"parts {summed} {'exceed' if exceeds else 'do not add up to'} the whole {whole}",
                )
