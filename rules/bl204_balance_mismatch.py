"""BL204: 收入总计 differs from 支出总计, or 本年合计 plus carry-overs differs from the grand total."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.tablechecks import identity_findings
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule


class BalanceMismatch(Rule):
    """Reports a two-sided table whose 收入总计 differs from its 支出总计, and a
    grand total that is not 本年收入合计 (本年支出合计) plus the carry-over rows.

    ## What it does
    In 收支总表 and 财政拨款收支总表 the last total of the 收入 side must equal the
    last total of the 支出 side; on each side, 收入总计 = 本年收入合计 + 上年结转
    (+ 使用结余 …) and 支出总计 = 本年支出合计 + 年终结转.

    ## Why is this bad?
    A budget balances by construction; a table that does not balance has a
    wrong figure.

    ## Example
    ::

        本年收入合计	140.30	本年支出合计	140.30
        上年结转		年终结转
        收入总计	140.30	支出总计	140.40   ← BL204

    ## Source
    预算法 art. 12 (收支平衡); 财预〔2016〕143号 收支总表 template.
    """

    code = "BL204"
    name = "balance-mismatch"
    severity = Severity.ERROR
    summary_zh = "收入总计不等于支出总计，或本年合计加结转不等于总计"
    summary_en = "收入总计 differs from 支出总计, or 本年合计 plus carry-overs differs from the grand total"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for found in identity_findings(ctx.table_identities, self.code):
            yield self.report(doc, found.span, found.zh, found.en)
