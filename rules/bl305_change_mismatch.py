"""BL305: a year-on-year change whose rate, amount or direction contradicts the figures."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.narrative import AmountClaim, ChangeBreakdown, ChangeClaim
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import Document
from budgetlint.model.numbers import Figure, Interval, Verdict, compare_sum, format_figure, normalize_width
from budgetlint.plugins.rule import Rule, cite_line

_FINAL_VS_BUDGET = re.compile(
    r"决算数?(?:与(全年|年初)?预算数?)?(大于|小于|等于|高于|低于|持平)(全年|年初)?(?:预算数?)?"
)
_WORDS = {"up": ("增加", "increase"), "down": ("减少", "decrease"), "flat": ("持平", "no change")}


def _signed(change: ChangeClaim) -> int:
    return {"up": 1, "down": -1, "flat": 0}[change.direction]


def _signed_figure(change: ChangeClaim) -> Figure | None:
    """The change as a signed figure in 万元 (a decrease is negative, 持平 is an exact zero)."""
    if change.direction == "flat":
        return Figure(Decimal(0), 0, exact=True)
    if change.delta is None:
        return None
    figure = change.delta.figure
    return figure if change.direction == "up" else Figure(-figure.value, figure.decimals, figure.exact)


#: How far 基本持平 ("about the same") may go: beyond a tenth of the prior figure it is a change.
_HEDGED_FLAT = Decimal("0.1")


def _about_the_same(change: ChangeClaim, difference: Interval, prior: Figure) -> bool:
    """持平 holds when the difference may be zero; 基本持平 when it may be within a tenth of the prior."""
    if difference.contains_zero():
        return True
    if not change.hedge:
        return False
    allowed = abs(prior.value) * _HEDGED_FLAT
    return min(abs(difference.low), abs(difference.high)) <= allowed


#: Words that make a change "slight" (略有增加, 稍有下降).
_SLIGHT = ("略", "稍")


def _change_share(change: ChangeClaim) -> Interval | None:
    """The change as a share of the prior figure, in %, over the rounding of the figures: from
    the two stated figures, else the stated rate; None when neither is stated."""
    if change.prior is not None and change.subject is not None and change.prior.figure.value:
        difference = Interval.of(change.subject.figure).minus(Interval.of(change.prior.figure))
        return difference.divided_by(Interval.of(change.prior.figure), 100)
    return _rate_interval(change)


def _parts_complete(listed: ChangeBreakdown, exact: bool) -> bool:
    """False when the parts' own figures show the list is not the whole ("增加100万元，其中：人员经费
    60万元，增加…" lists only some parts): they do not add up to the whole's figure."""
    figures = [f.figure for f in listed.part_figures if f is not None]
    whole = listed.whole.subject
    if whole is None or not figures or len(figures) < len(listed.parts):
        return True
    return compare_sum(whole.figure, figures, exact=exact).verdict is not Verdict.MISMATCH


def _magnitude(interval: Interval) -> Interval:
    """The interval of |x| for x in ``interval``."""
    if interval.contains_zero():
        return Interval(Decimal(0), max(-interval.low, interval.high))
    low, high = abs(interval.low), abs(interval.high)
    return Interval(min(low, high), max(low, high))


def _rate_interval(change: ChangeClaim) -> Interval | None:
    if change.percent is None:
        return None
    sign = _signed(change)
    low, high = change.percent.low * sign, change.percent.high * sign
    return Interval(min(low, high), max(low, high))


class ChangeMismatch(Rule):
    """Reports year-on-year changes that contradict their own figures.

    ## What it does
    Checks the changes the narrative states, with interval arithmetic on the
    rounded figures:

    - when the sentence states both years' figures (2022年执行数11.67万元，2023年预算
      45.41万元，比2022年增加314.82%), the rate, the amount and the direction word
      (增加/减少/持平, 大于/小于) must follow from them;
    - when it states the change as an amount and a rate (140.30万元，比上年减少84.74
      万元，下降37.66%), the rate must equal amount ÷ (current ∓ amount);
    - a change of the 三公 paragraph whose sentence states no prior-year figure (2026 年预算数
      28.00 万元，较2025 年年初预算增加 27.20 万元) is checked against the 三公 table when it
      prints a row per year: the 2026年 and 2025年 rows' figures of that item;
    - in final accounts, 决算数大于/小于/等于（全年）预算数 must agree with the
      决算 and 预算 figures stated before it;
    - when the components of that whole follow with their own rates (基本支出57.3
      万元，减幅13.5%；项目支出83万元，减幅47.7%), the prior-year figures the rates
      imply must add up to the whole's prior-year figure;
    - when a change is broken down into its parts' changes (财政拨款增加1,200万元，其中：
      一般公共预算减少300万元、政府性基金增加1,600万元), the parts' signed changes must add
      up to the whole's (a difference within rounding is info).

    When a change may refer to a list's whole or to its last part, it is
    reported only if it fits neither.

    ## Why is this bad?
    Year-on-year rates are quoted by the press and by councils; a rate that its
    own figures contradict (+314.82 % for 11.67 → 45.41, which is +289 %) is a
    calculation error published under the unit's name.

    ## Example
    ::

        2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，
        比2022年预算执行数增加314.82%。          ← BL305: it is +289.12 %

    ## Source
    财预〔2016〕143号 (changes explained); RULES.md tolerance (ratios).
    """

    code = "BL305"
    name = "change-mismatch"
    severity = Severity.ERROR
    summary_zh = "同比增减额、增减率或增减方向与数字不符"
    summary_en = "A year-on-year change contradicts its figures"
    doc_zh = """报告与其自身数字矛盾的同比变化。

    ## 作用
    用舍入数字的区间算术检查情况说明所写的变化：

    - 句中同时写了两年的数字时（2022年执行数11.67万元，2023年预算45.41万元，比2022年增加
      314.82%），变化率、变化额和方向词（增加/减少/持平，大于/小于）必须由这两个数字得出；
    - 以金额和比率表述变化时（140.30万元，比上年减少84.74万元，下降37.66%），比率必须等于
      变化额 ÷（本年数 ∓ 变化额）；
    - 决算中，“决算数大于/小于/等于（全年）预算数”必须与之前写出的决算数和预算数一致；
    - 总体之后列出各组成部分及其变化率时（基本支出57.3万元，减幅13.5%；项目支出83万元，
      减幅47.7%），这些比率推算出的上年数之和必须等于总体的上年数；
    - 变化被分解为各部分的变化时（财政拨款增加1,200万元，其中：一般公共预算减少300万元、政府性
      基金增加1,600万元），各部分带符号的变化之和必须等于总体的变化（舍入误差内的差异为提示）。

    某个变化既可能指列表的总体、也可能指最后一项时，只有两者都不符合才报告。

    ## 为什么有问题？
    同比变化率常被媒体和人大引用；与自身数字矛盾的比率（11.67 → 45.41 写成 +314.82%，实为
    +289%）是以单位名义公开的计算错误。

    ## 示例
    ::

        2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，
        比2022年预算执行数增加314.82%。          ← BL305：实为 +289.12%

    ## 依据
    财预〔2016〕143号（说明变化情况）；RULES.md 容差（比率）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        changes = ctx.narrative.changes
        for change in changes:
            if change.prior is not None and change.subject is not None:
                current, prior = change.subject, change.prior
                diagnostic = self._against_prior(
                    doc, change, (current.figure, current.shown), (prior.figure, prior.shown)
                )
            elif change.prior is not None and change.delta is not None and change.percent is not None:
                diagnostic = self._rate_of_prior(doc, change, change.prior)
            elif change.delta is not None and change.percent is not None and change.direction != "flat":
                diagnostic = self._rate_of_delta(doc, change)
            else:
                diagnostic = None
            if diagnostic is None:
                diagnostic = self._slight(doc, change)
            if diagnostic is not None:
                yield diagnostic
        # A whole's change ("总计…比上年减少84.74万元") and the component changes after it, up to
        # the next whole's change in the same paragraph.
        segments: list[list[ChangeClaim]] = []
        for change in changes:
            starts_segment = change.delta is not None and change.direction != "flat"
            if starts_segment or not segments or segments[-1][0].flow != change.flow:
                segments.append([change])
            else:
                segments[-1].append(change)
        for segment in segments:
            diagnostic = self._components(doc, segment, ctx.options.exact_rounding)
            if diagnostic is not None:
                yield diagnostic
        yield from self._final_against_budget(ctx)
        yield from self._against_table_prior(ctx)
        for listed in ctx.narrative.change_breakdowns:
            diagnostic = self._change_parts(doc, listed, ctx.options.exact_rounding)
            if diagnostic is not None:
                yield diagnostic

    def _slight(self, doc: Document, change: ChangeClaim) -> Diagnostic | None:
        """略有增加 / 稍有下降 for a change of more than a tenth of the prior figure: a wording that
        understates the figures (info: how much is "slight" is the writer's call, the direction
        is right — a wrong direction is an error of its own)."""
        if change.hedge not in _SLIGHT or change.direction == "flat":
            return None
        share = _change_share(change)
        if share is None or _magnitude(share).low <= _HEDGED_FLAT * 100:
            return None
        shown = format_figure((share.low + share.high) / 2, 2).lstrip("-")
        return self.report(
            doc,
            change.span,
            f"称{change.word}轻微（“{change.hedge}”），但变动幅度约 {shown}%，超过 10%",
            f"says the change is slight ('{change.hedge}{change.word}'), but it is about {shown}%, more than 10%",
            severity=Severity.INFO,
        )

    def _change_parts(self, doc: Document, listed: ChangeBreakdown, exact: bool) -> Diagnostic | None:
        """The parts' signed changes against the whole's change ("增加1,200万元，其中：A减少300万元、
        B增加1,600万元" is off by 100)."""
        whole = _signed_figure(listed.whole)
        parts = [_signed_figure(p) for p in listed.parts]
        if whole is None or any(p is None for p in parts):
            return None
        signed = [p for p in parts if p is not None]
        result = compare_sum(whole, signed, exact=exact)
        if result.verdict is Verdict.EXACT or not _parts_complete(listed, exact):
            return None
        decimals = max([whole.decimals] + [p.decimals for p in signed])
        terms = " ".join(
            f"{'-' if _signed(p) < 0 else '+'}{p.delta.shown.replace(' ', '') if p.delta else '0'}"
            for p in listed.parts
        ).lstrip("+")
        grouping = listed.whole.delta is not None and "," in listed.whole.delta.shown
        summed = f"{terms} = {format_figure(result.expected, decimals, grouping)}万元"
        stated = f"{listed.whole.word}{listed.whole.delta.shown if listed.whole.delta else ''}"
        if result.verdict is Verdict.ROUNDING:
            return self.report(
                doc,
                listed.span,
                f"分项增减 {summed}，与总的“{stated}”相差在四舍五入误差内",
                f"the parts' changes {summed} differ from '{stated}' within rounding",
                severity=Severity.INFO,
            )
        return self.report(
            doc,
            listed.span,
            f"分项增减 {summed}，与总的“{stated}”不符（相差 {format_figure(result.difference, decimals)}万元）",
            f"the parts' changes {summed} do not add up to the whole's change '{stated}'",
        )

    def _final_against_budget(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        """决算数小于/大于/等于（全年）预算数, against the two figures stated before it."""
        doc = ctx.doc
        story = ctx.narrative
        by_flow: dict[int, list[AmountClaim]] = {}
        for claim in story.amounts:
            by_flow.setdefault(claim.flow, []).append(claim)
        for index, flow in enumerate(story.flows):
            if "决算" not in flow.text:
                continue
            amounts = by_flow.get(index, [])
            for match in _FINAL_VS_BUDGET.finditer(normalize_width(flow.text)):
                at = flow.position(match.start())
                before = [a for a in amounts if (a.span.line, a.span.column) < at]
                if not before:
                    # "…全年预算为321.02万元，支出决算为307.82万元。" / "决算数小于预算数的主要原因：…": a
                    # paragraph that opens with the comparison compares the paragraph before's figures.
                    before = list(by_flow.get(index - 1, ()))
                kind = match.group(1) or match.group(3) or ""
                final = next((a for a in reversed(before) if "决算" in a.raw_label), None)
                budget = next(
                    (
                        a
                        for a in reversed(before)
                        if "预算" in a.raw_label and "决算" not in a.raw_label and kind in a.raw_label
                    ),
                    None,
                )
                if final is None or budget is None:
                    continue
                word = match.group(2)
                difference = Interval.of(final.figure).minus(Interval.of(budget.figure))
                wrong = (
                    (word in ("大于", "高于") and difference.high <= 0)
                    or (word in ("小于", "低于") and difference.low >= 0)
                    or (word in ("等于", "持平") and not difference.contains_zero())
                )
                if wrong:
                    actual = (
                        "大于"
                        if final.figure.value > budget.figure.value
                        else ("小于" if final.figure.value < budget.figure.value else "等于")
                    )
                    yield self.report(
                        doc,
                        flow.span(match.start(), match.end()),
                        f"称决算数“{word}”预算数，但决算 {final.shown} {actual}预算 {budget.shown}",
                        f"says the final figure is '{word}' the budget, but {final.shown} vs {budget.shown}",
                    )

    def _components(self, doc: Document, changes: list[ChangeClaim], exact: bool) -> Diagnostic | None:
        """Components' implied prior-year figures must add up to the whole's prior-year figure.

        "总计140.30万元，比上年减少84.74万元 … 基本支出57.3万元，减幅13.5% … 项目支出83万元，
        减幅47.7%": 57.3/(1-13.5%) + 83/(1-47.7%) must be 140.30 + 84.74, within rounding.
        """
        components = [
            c
            for c in changes
            if c.delta is None and c.percent is not None and c.subject is not None and c.direction != "flat"
        ]
        wholes = [c for c in changes if c.delta is not None and c.direction != "flat"]
        subjects = {id(c.subject): c for c in components}
        if len(subjects) < 2 or not wholes:
            return None
        parts = list(subjects.values())
        whole_change = wholes[0]
        for candidate in whole_change.candidates:
            if candidate is None or id(candidate) in subjects:
                continue
            if (
                compare_sum(candidate.figure, [p.subject.figure for p in parts if p.subject], exact=exact).verdict
                is Verdict.MISMATCH
            ):
                continue
            delta = Interval.of(whole_change.delta.figure)  # type: ignore[union-attr]
            current = Interval.of(candidate.figure)
            prior_whole = current.minus(delta) if whole_change.direction == "up" else current.plus(delta)
            implied = Interval(Decimal(0), Decimal(0))
            for part in parts:
                rate = _rate_interval(part)
                assert rate is not None and part.subject is not None
                factor = Interval(1 + rate.low / 100, 1 + rate.high / 100)
                prior = Interval.of(part.subject.figure).divided_by(factor)
                if prior is None:
                    return None
                implied = implied.plus(prior)
            if implied.intersects(prior_whole):
                return None
            mid = (implied.low + implied.high) / 2
            stated = (prior_whole.low + prior_whole.high) / 2
            return self.report(
                doc,
                parts[0].span,
                f"按各分项增减率推算的上年数合计约 {format_figure(mid, 2)}万元，与“{candidate.label}”的上年数 "
                f"{format_figure(stated, 2)}万元（{candidate.shown} {'-' if whole_change.direction == 'up' else '+'} "
                f"{whole_change.delta.shown}）不符",  # type: ignore[union-attr]
                f"the components' rates imply a prior-year total of about {format_figure(mid, 2)}, but "
                f"'{candidate.label}' implies {format_figure(stated, 2)}",
            )
        return None

    def _against_table_prior(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        """A 三公 item's change (较2025年年初预算减少5.21万元) against the 三公 table's rows of both
        years, when the sentence states no prior-year figure; reported only when it fits none of
        the amounts it may be about."""
        for found in ctx.three_public_changes:
            diagnostics = []
            for item in found.items:
                assert item.prior is not None
                current = (item.fact.figure, f"{format_figure(item.fact.figure.value, item.fact.figure.decimals)}万元")
                prior = (item.prior.figure, f"{format_figure(item.prior.figure.value, item.prior.figure.decimals)}万元")
                title, line = item.prior.sources[0]
                diagnostics.append(
                    self._against_prior(
                        ctx.doc, found.change, current, prior, f"（“{title}”{cite_line(ctx.doc, line)}）"
                    )
                )
            reported = [d for d in diagnostics if d is not None]
            if reported and len(reported) == len(diagnostics):
                yield reported[0]

    def _against_prior(
        self,
        doc: Document,
        change: ChangeClaim,
        current_figure: tuple[Figure, str],
        prior_figure: tuple[Figure, str],
        where: str = "",
    ) -> Diagnostic | None:
        """The change's direction, rate and amount against the two years' figures ((figure, as shown))."""
        (current, current_shown), (prior, prior_shown) = current_figure, prior_figure
        difference = Interval.of(current).minus(Interval.of(prior))
        actual = current.value - prior.value
        word_zh, word_en = _WORDS[change.direction]
        flow = f"{prior_shown} → {current_shown}{where}"
        if (
            change.direction == "up"
            and difference.high < 0
            or change.direction == "down"
            and difference.low > 0
            or change.direction == "flat"
            and not _about_the_same(change, difference, prior)
        ):
            return self.report(
                doc,
                change.span,
                f"称“{change.hedge}{change.word}”，但 {flow} 为{'增加' if actual > 0 else '减少'}",
                f"says '{change.word}' ({word_en}), but {flow} is a{'n increase' if actual > 0 else ' decrease'}",
            )
        rate = _rate_interval(change)
        if rate is not None:
            computed = difference.divided_by(Interval.of(prior), 100)
            if computed is not None and not rate.intersects(computed):
                value = actual / prior.value * 100
                shown = format_figure(abs(value), 2)
                return self.report(
                    doc,
                    change.span,
                    f"“{change.word}{change.percent_shown}”与数字不符：{flow} 为{'增长' if value > 0 else '下降'} {shown}%",
                    f"'{change.word} {change.percent_shown}' contradicts the figures: {flow} is "
                    f"{'+' if value > 0 else '-'}{shown}%",
                )
        if change.delta is not None:
            magnitude = _magnitude(difference)
            if not Interval.of(change.delta.figure).intersects(magnitude):
                shown = format_figure(abs(actual), max(current.decimals, prior.decimals))
                return self.report(
                    doc,
                    change.delta.span,
                    f"{word_zh} {change.delta.shown} 与数字不符：{flow} 相差 {shown}万元",
                    f"the stated change {change.delta.shown} contradicts {flow} (difference {shown})",
                )
        return None

    def _rate_of_prior(self, doc: Document, change: ChangeClaim, prior: AmountClaim) -> Diagnostic | None:
        """ "与2016年度相比（2016年度…为8,648.07万元），增加498.72万元，增长5.77%": the rate
        must be the change over the stated prior-year figure (no current figure is stated)."""
        assert change.delta is not None
        rate = _rate_interval(change)
        if rate is None or change.direction == "flat":
            return None
        delta = Interval.of(change.delta.figure)
        signed_delta = delta if change.direction == "up" else Interval(-delta.high, -delta.low)
        computed = signed_delta.divided_by(Interval.of(prior.figure), 100)
        if computed is None or rate.intersects(computed) or not prior.figure.value:
            return None
        shown = format_figure(abs(change.delta.figure.value / prior.figure.value * 100), 2)
        return self.report(
            doc,
            change.span,
            f"“{change.word}{change.percent_shown}”与增减额不符：{change.delta.shown} ÷ 上年数 {prior.shown} = {shown}%",
            f"'{change.word} {change.percent_shown}' contradicts the change: {change.delta.shown} / "
            f"prior-year {prior.shown} = {shown}%",
        )

    def _rate_of_delta(self, doc: Document, change: ChangeClaim) -> Diagnostic | None:
        assert change.delta is not None and change.percent is not None
        delta = Interval.of(change.delta.figure)
        rate = _rate_interval(change)
        assert rate is not None
        computed_values = []
        for candidate in change.candidates:
            current = Interval.of(candidate.figure)
            prior = current.minus(delta) if change.direction == "up" else current.plus(delta)
            signed_delta = delta if change.direction == "up" else Interval(-delta.high, -delta.low)
            computed = signed_delta.divided_by(prior, 100)
            if computed is None or rate.intersects(computed):
                return None  # consistent with one reading (or not computable): no finding
            prior_value = candidate.figure.value + (-1 if change.direction == "up" else 1) * change.delta.figure.value
            computed_values.append((candidate, change.delta.figure.value / prior_value * 100 if prior_value else None))
        if not computed_values:
            return None
        candidate, value = computed_values[0]
        if value is None:
            return None
        shown = format_figure(abs(Decimal(value)), 2)
        return self.report(
            doc,
            change.span,
            f"“{change.word}{change.percent_shown}”与增减额不符：{change.delta.shown} ÷ 上年数 = {shown}%（本年 {candidate.shown}）",
            f"'{change.word} {change.percent_shown}' contradicts the change {change.delta.shown}: "
            f"{change.delta.shown} / prior-year figure = {shown}% (current {candidate.shown})",
        )
