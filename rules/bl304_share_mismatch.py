"""BL304: a stated share differs from amount ÷ whole."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.numbers import Verdict, format_figure, ratio_consistent
from budgetlint.plugins.rule import Rule


class ShareMismatch(Rule):
    """Reports a percentage that is not the share it claims to be.

    ## What it does
    For a share stated after an amount that is part of a whole ("支出预算140.3万元，
    其中：基本支出57.3万元，占40.84%"), computes amount ÷ whole with interval
    arithmetic on the rounded figures and reports the stated percentage when
    no values within the figures' rounding produce it.

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

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for share in ctx.narrative.shares:
            if share.part is None or share.whole is None:
                continue
            verdict = ratio_consistent(
                share.percent, share.part.figure, share.whole.figure, exact=ctx.options.exact_rounding
            )
            if verdict is not Verdict.MISMATCH:
                continue
            computed = share.part.figure.value / share.whole.figure.value * 100
            shown = format_figure(computed, max(share.percent.decimals, 2))
            yield self.report(
                doc,
                share.span,
                f"占比 {share.shown} 与 {share.part.shown} ÷ {share.whole.shown} = {shown}% 不符",
                f"share {share.shown} does not match {share.part.shown} / {share.whole.shown} = {shown}%",
            )
