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
    doc_zh = """报告加起来不等于 100% 的占比列表。

    ## 作用
    把同一总体各部分的占比归为一组（“140.30万元，主要用于：A万元，占a%；B万元，占b%；C万元，
    占c%”）。各部分金额之和等于总体（列表完整）时，占比之和必须为 100：偏差超过占比舍入误差的为
    警告，在舍入误差内（95.02 + 1.80 + 3.19 = 100.01）的为提示。同一总体的占比之和超过 100 且
    超出舍入误差时，无论列表是否完整都报告。

    ## 为什么有问题？
    加不起来的占比说明某个数字或百分比是从旧稿复制来的；跨年比较结构的读者会被误导。

    ## 示例
    ::

        基本支出57.3万元，占40.84%；项目支出83万元，占58.16%。   ← BL303：合计 99.00%

    ## 依据
    RULES.md 容差（舍入数字之和）；财预〔2016〕143号（情况说明）。
    """

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
