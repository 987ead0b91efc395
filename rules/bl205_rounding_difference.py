"""BL205: an identity between rounded figures fails by no more than rounding."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.numbers import Verdict
from budgetlint.plugins.rule import Rule


class RoundingDifference(Rule):
    """Reports a table identity that holds only within the rounding of its figures.

    ## What it does
    Every identity checked by BL201–BL204 and BL301 compares rounded figures. A
    figure shown with d decimals stands for an interval of half-width 0.5×10^-d;
    when the difference is not zero but within the sum of the half-widths, the
    identity may hold for the unrounded values, so this is information, not an
    error.

    ## Why is this bad?
    It is not necessarily wrong, but readers (and inspectors) notice that the
    printed figures do not add up; publishers often adjust a figure by 0.01 so
    that they do.

    ## Example
    ::

        商品和服务支出	5.43
        办公费	0.90  …  (items sum to 5.42)   ← BL205: 差 0.01，在四舍五入误差内

    ## Source
    RULES.md, "Tolerance: sums of rounded figures".
    """

    code = "BL205"
    name = "rounding-difference"
    severity = Severity.INFO
    summary_zh = "表内或表间数字之差在四舍五入误差内"
    summary_en = "An identity between rounded figures fails only within rounding"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for found in ctx.table_identities:
            if found.verdict is Verdict.ROUNDING:
                yield self.report(doc, found.span, found.zh, found.en)
