"""BL201: A total row differs from the sum of the rows it totals."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.tablechecks import identity_findings
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule


class ColumnTotalMismatch(Rule):
    """Reports a 合计/总计/小计 row whose figure in a column differs from the sum of
    the rows it totals, beyond the rounding envelope.

    ## What it does
    In every logical table (each side of a two-sided table separately) the first
    total row is compared, column by column, with the sum of the outermost rows
    it totals: 类 rows (3-digit codes) in coded tables, 一、二、… rows or
    economic classes (工资福利支出 …) otherwise. 其中 rows are subsets and never
    summed. A later total row that is not a balance (BL204) must equal the
    previous total plus the rows between. Exact equality is silent, a difference
    within rounding is BL205.

    ## Why is this bad?
    A total that is not the sum of its rows means a figure was mistyped or a row
    is missing; the published budget contradicts itself.

    ## Example
    ::

        科目编码	科目名称	合计
        合计		140.40          ← BL201: 133.31 + 4.47 = 137.78
        208	社会保障和就业支出	133.31
        221	住房保障支出	4.47

    ## Source
    预算法 art. 14, 32; 财预〔2016〕143号 table templates (RULES.md, BL2xx).
    """

    code = "BL201"
    name = "column-total-mismatch"
    severity = Severity.ERROR
    summary_zh = "合计/总计/小计行不等于其所合计各行之和"
    summary_en = "A total row differs from the sum of the rows it totals"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for found in identity_findings(ctx.table_identities, self.code):
            yield self.report(doc, found.span, found.zh, found.en)
