"""BL303: shares listed together of one whole do not sum to 100 %."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.narrative import ShareClaim
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.numbers import Figure, Verdict, compare_sum, format_figure
from budgetlint.plugins.rule import Rule

HUNDRED = Figure(Decimal(100), 0, exact=True)


class ShareSum(Rule):
    """Reports share lists that do not add up to 100 %.

    ## What it does
    Groups the shares stated for the parts of one whole ("140.30万元，主要用于：
    A万元，占a%；B万元，占b%；C万元，占c%"). When the parts' amounts add up to the
    whole (the list is complete), the shares must add up to 100: a sum off by
    more than the rounding of the shares is a warning, a sum within rounding
    (95.02 + 1.80 + 3.19 = 100.01) is info. Shares of one whole that exceed 100
    beyond rounding are reported whether or not the list is complete.

    ## Why is this bad?
    Shares that do not add up reveal a figure or a percentage copied from an
    older draft; readers comparing structure across years are misled.

    ## Example
    ::

        基本支出57.3万元，占40.84%；项目支出83万元，占58.16%。   ← BL303: 99.00 %

    ## Source
    RULES.md tolerance (sums of rounded figures); 财预〔2016〕143号 (情况说明).
    """

    code = "BL303"
    name = "share-sum"
    severity = Severity.WARNING
    summary_zh = "同一总额下列出的占比合计不等于 100%"
    summary_en = "Shares listed together do not sum to 100 %"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        groups: dict[int, list[ShareClaim]] = {}
        for share in ctx.narrative.shares:
            if share.whole is not None and share.part is not None:
                groups.setdefault(id(share.whole), []).append(share)
        for shares in groups.values():
            if len(shares) < 2:
                continue
            whole = shares[0].whole
            assert whole is not None
            parts = [s.part.figure for s in shares if s.part is not None]
            complete = (
                compare_sum(whole.figure, parts, exact=ctx.options.exact_rounding).verdict is not Verdict.MISMATCH
            )
            result = compare_sum(HUNDRED, [s.percent for s in shares], exact=ctx.options.exact_rounding)
            total = sum((s.percent.value for s in shares), Decimal(0))
            decimals = max(s.percent.decimals for s in shares)
            shown = " + ".join(s.shown.replace(" ", "") for s in shares) + f" = {format_figure(total, decimals)}%"
            if result.verdict is Verdict.EXACT or (not complete and total <= 100):
                continue
            if result.verdict is Verdict.ROUNDING:
                yield self.report(
                    doc,
                    shares[-1].span,
                    f"占比合计 {shown}，在四舍五入误差内",
                    f"shares add up to {shown}, within rounding",
                    severity=Severity.INFO,
                )
            else:
                yield self.report(
                    doc,
                    shares[-1].span,
                    f"“{whole.label}”的各项占比合计 {shown}，不等于 100%",
                    f"the shares of '{whole.label}' add up to {shown}, not 100%",
                )
