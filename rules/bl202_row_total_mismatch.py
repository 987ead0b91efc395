"""BL202: A total column differs from the sum of its component columns, or a 其中 column exceeds its whole."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.tablechecks import identity_findings
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule


class RowTotalMismatch(Rule):
    """Reports a row whose 合计/小计 column differs from the sum of its component
    columns, and a 其中 column larger than the figure it is part of.

    ## What it does
    Column roles come from the resolved header paths: a total column (合计, 小计,
    本年收入合计 …) and its sibling columns under the same header (基本支出 +
    项目支出; 人员经费 + 公用经费; 一般公共预算 + 政府性基金 + …); a component with
    sub-columns counts through its own total or its leaves. 其中 columns are
    subsets: never summed, only checked not to exceed their whole. 备注 columns
    and columns without a header are ignored.

    ## Why is this bad?
    合计 = 基本支出 + 项目支出 is the definition of the table; a row where it fails
    has a wrong figure.

    ## Example
    ::

        科目编码	科目名称	合计	基本支出	项目支出
        208	社会保障和就业支出	133.31	50.31	83.10   ← BL202: 50.31 + 83.10 = 133.41

    ## Source
    预算法实施条例 art. 40 (基本支出 and 项目支出); 财预〔2016〕143号 table templates.
    """

    code = "BL202"
    name = "row-total-mismatch"
    severity = Severity.ERROR
    summary_zh = "合计/小计列不等于其组成列之和，或“其中”列大于其所属数"
    summary_en = "A total column differs from the sum of its component columns, or a 其中 column exceeds its whole"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for found in identity_findings(ctx.table_identities, self.code):
            yield self.report(doc, found.span, found.zh, found.en)
