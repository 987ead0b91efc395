"""BL301: The same quantity differs between two tables."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.tablechecks import identity_findings
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule


class CrossTableMismatch(Rule):
    """Reports a quantity printed in two tables with different values.

    ## What it does
    Tables are identified by their normalized titles (收支总表, 收入总表, 支出总表,
    财政拨款收支总表, 一般公共预算支出表, 基本支出经济科目表, 项目支出表 and their
    provincial, MOE and final-accounts wordings). Compared, after converting 元 to
    万元: 收支总表 本年收入合计 ↔ 收入总表 合计; 本年支出合计 and each 类 row ↔
    支出总表; 财政拨款收支总表 一般公共预算 column ↔ 一般公共预算支出表 (total and
    类 rows); 基本支出经济科目表 合计 ↔ 基本支出; 项目支出表 total ↔ 项目支出.

    ## Why is this bad?
    The tables of one disclosure describe one budget; the same figure printed
    twice with two values means at least one is wrong.

    ## Example
    ::

        2023年预算支出总表: 合计 140.30
        2023年预算收支总表: 本年支出合计 140.40     ← BL301

    ## Source
    财预〔2016〕143号 (the mandated tables and their relations); RULES.md BL301.
    """

    code = "BL301"
    name = "cross-table-mismatch"
    severity = Severity.ERROR
    summary_zh = "同一数字在两张表中不一致"
    summary_en = "The same quantity differs between two tables"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for found in identity_findings(ctx.table_identities, self.code):
            yield self.report(doc, found.span, found.zh, found.en)
