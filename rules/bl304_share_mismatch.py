"""BL304: a stated share differs from amount ÷ whole."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.facts import FactIndex
from budgetlint.analysis.narrative import ShareClaim
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import Document
from budgetlint.model.numbers import Figure, Interval, Verdict, format_figure, ratio_consistent, ratio_interval
from budgetlint.plugins.rule import Rule, cite_line


def _implicit_lists(shares: tuple[ShareClaim, ...]) -> list[list[ShareClaim]]:
    """Shares listed in one sentence with no stated whole ("a占x%；b占y%；c占z%"), of distinct parts.

    Their whole, if the list is complete, is the sum of the parts."""
    groups: dict[tuple[int, int, str], list[ShareClaim]] = {}
    for share in shares:
        if share.whole is None and share.part is not None:
            groups.setdefault((share.flow, share.sentence, share.of_label), []).append(share)
    lists = []
    for group in groups.values():
        parts = [id(s.part) for s in group]
        if len(group) >= 2 and len(set(parts)) == len(parts):
            lists.append(group)
    return lists


def _named_whole(share: ShareClaim, index: FactIndex, doc: Document) -> tuple[Figure, str] | None:
    """The table figure a share names as its whole when the sentence does not state it
    ("财政拨款预算支出86,940.35万元，占本年支出合计的99.93%": 本年支出合计 is the 收支总表's), with
    how to show it; None when the label names no figure or the tables print it differently."""
    if not share.of_label or share.part is None:
        return None
    fact = index.get(share.of_label)
    if fact is None or not fact.figure.value:
        return None
    title, line = fact.sources[0]
    shown = format_figure(fact.figure.value, fact.figure.decimals, "," in share.part.shown)
    return fact.figure, f"“{title}”{cite_line(doc, line)}的{share.of_label} {shown}万元"


def _is_plug(share: ShareClaim, whole: Figure, listed: list[ShareClaim]) -> bool:
    """Is a mismatching share one last digit away from its ratio, in a list whose shares total
    100 at that share's precision (62.3 + 33.3 + 1.4 + 0.3 + 2.7; 1.6 + 0.004 + … = 100.004)?
    Then it was adjusted so that the rounded shares add up (a plug), not mistyped."""
    step = Decimal(1).scaleb(-max(share.percent.decimals, 0))
    total = sum((s.percent.value for s in listed), Decimal(0))
    if len(listed) < 2 or abs(total - 100) >= step / 2:
        return False
    assert share.part is not None
    interval = ratio_interval(share.part.figure, whole)
    if interval is None:
        return False
    value = share.percent.value
    return interval.low - step <= value <= interval.high + step


class ShareMismatch(Rule):
    """Reports a percentage that is not the share it claims to be.

    ## What it does
    For a share stated after an amount that is part of a whole ("支出预算140.3万元，
    其中：基本支出57.3万元，占40.84%"), computes amount ÷ whole with interval
    arithmetic on the rounded figures and reports the stated percentage when
    no values within the figures' rounding produce it.

    Shares listed with no stated whole ("a万元，占x%；b万元，占y%；c万元，占z%") are
    shares of the parts' sum when the list is complete: when every share but one
    fits amount ÷ Σparts, the one that does not is reported (when several do not,
    the list is not complete and nothing is said). A share of a whole it names but
    does not state (占本年支出合计的99.93%) is checked against the table figure of that
    label, when the tables print one figure for it. A share one last digit off in a
    list whose shares total exactly 100 % was adjusted so they add up: that is info.

    ## Why is this bad?
    A wrong share misstates the structure of the budget — the figure readers
    most often quote — and usually means the amounts changed after the text was
    written.

    ## Example
    ::

        支出预算140.3万元，其中：基本支出57.3万元，占45.84%    ← BL304: 57.3 ÷ 140.3 = 40.84 %

    ## Source
    RULES.md tolerance (ratios of rounded figures); 财预〔2016〕143号.
    """

    code = "BL304"
    name = "share-mismatch"
    severity = Severity.ERROR
    summary_zh = "占比与金额÷总额不符"
    summary_en = "A stated share differs from amount ÷ whole"
    doc_zh = """报告与其所称占比不符的百分比。

    ## 作用
    对写在某个总体的一部分金额之后的占比（“支出预算140.3万元，其中：基本支出57.3万元，
    占40.84%”），用舍入数字的区间算术计算 金额 ÷ 总体，当数字舍入范围内的任何取值都得不到所写的
    百分比时报告。

    没有写明总体的占比列表（“a万元，占x%；b万元，占y%；c万元，占z%”）在列表完整时是各部分之和的
    占比：除一个之外的占比都符合 金额 ÷ Σ各部分时，报告不符合的那一个（若有多个不符合，说明列表
    不完整，不报告）。在占比之和恰好为 100% 的列表中末位差一的占比是为凑整而调整的：为提示。

    ## 为什么有问题？
    错误的占比歪曲了预算结构——这是读者最常引用的数字——通常说明文字写好后金额又改了。

    ## 示例
    ::

        支出预算140.3万元，其中：基本支出57.3万元，占45.84%    ← BL304：57.3 ÷ 140.3 = 40.84%

    ## 依据
    RULES.md 容差（舍入数字之比）；财预〔2016〕143号。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        exact = ctx.options.exact_rounding
        by_whole: dict[int, list[ShareClaim]] = {}
        for share in ctx.narrative.shares:
            if share.whole is not None and share.part is not None:
                by_whole.setdefault(id(share.whole), []).append(share)
        for share in ctx.narrative.shares:
            if share.part is None or share.whole is None:
                continue
            verdict = ratio_consistent(share.percent, share.part.figure, share.whole.figure, exact=exact)
            if verdict is Verdict.MISMATCH:
                listed = by_whole.get(id(share.whole), [])
                yield self._report(doc, share, share.whole.figure, share.whole.shown, listed, exact)
        implicit = _implicit_lists(ctx.narrative.shares)
        for listed in implicit:
            yield from self._implicit(doc, listed, exact)
        in_lists = {id(share) for listed in implicit for share in listed}
        for share in ctx.narrative.shares:
            if share.whole is not None or id(share) in in_lists:
                continue
            named = _named_whole(share, ctx.fact_index, ctx.doc)
            if named is None:
                continue
            whole, whole_shown = named
            assert share.part is not None
            if ratio_consistent(share.percent, share.part.figure, whole, exact=exact) is Verdict.MISMATCH:
                yield self._report(doc, share, whole, whole_shown, [share], exact)

    def _implicit(self, doc: Document, listed: list[ShareClaim], exact: bool) -> Iterator[Diagnostic]:
        """The one share of an implicit-whole list that does not fit amount ÷ Σparts."""
        parts = [s.part.figure for s in listed if s.part is not None]
        summed = Interval(sum((p.low for p in parts), Decimal(0)), sum((p.high for p in parts), Decimal(0)))
        total = Figure(sum((p.value for p in parts), Decimal(0)), max(p.decimals for p in parts))
        wrong = []
        for share in listed:
            assert share.part is not None
            # part ÷ Σparts over the rounding of every figure (wider than the truth: the part is in the sum)
            ratio = Interval.of(share.part.figure).divided_by(summed, 100)
            if ratio is None:
                return
            if not ratio.intersects(Interval.of(share.percent)):
                wrong.append(share)
        if len(wrong) == 1:
            grouping = any("," in s.part.shown for s in listed if s.part is not None)
            whole_shown = f"各项合计 {format_figure(total.value, total.decimals, grouping)}万元"
            yield self._report(doc, wrong[0], total, whole_shown, listed, exact)

    def _report(
        self, doc: Document, share: ShareClaim, whole: Figure, whole_shown: str, listed: list[ShareClaim], exact: bool
    ) -> Diagnostic:
        assert share.part is not None
        computed = share.part.figure.value / whole.value * 100
        shown = format_figure(computed, max(share.percent.decimals, 2))
        if not exact and _is_plug(share, whole, listed):
            return self.report(
                doc,
                share.span,
                f"占比 {share.shown} 与 {share.part.shown} ÷ {whole_shown} = {shown}% 差一个末位，"
                "为使各项占比合计 100% 所作的调整",
                f"share {share.shown} is one last digit off {share.part.shown} / {whole_shown} = {shown}%, "
                "adjusted so that the shares total 100%",
                severity=Severity.INFO,
            )
        return self.report(
            doc,
            share.span,
            f"占比 {share.shown} 与 {share.part.shown} ÷ {whole_shown} = {shown}% 不符",
            f"share {share.shown} does not match {share.part.shown} / {whole_shown} = {shown}%",
        )
