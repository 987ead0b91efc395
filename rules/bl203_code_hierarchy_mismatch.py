"""BL203: A 类/款 row differs from the sum of its children, or a code extends no parent."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.tablechecks import identity_findings
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule


class CodeHierarchyMismatch(Rule):
    """Reports a 类 or 款 row that differs from the sum of its children, and a code
    that extends no parent row of the table.

    ## What it does
    科目编码 form a hierarchy: a 3-digit 类 contains the 5-digit 款 that extend it,
    a 款 the 7-digit 项 (codes from one 科目编码 column, from 类|款|项 columns
    joined, or from the label, 公共安全支出（204类）). Each parent with children is
    compared with their sum in every amount column. A 5- or 7-digit code whose
    parent code is absent while the table prints codes of that level is reported
    (usually a misprinted code). Where a table prints no codes, the economic
    classes (工资福利支出, 商品和服务支出 …) and unnumbered rows followed by
    numbered items (①②) are checked the same way.

    ## Why is this bad?
    A parent that does not equal its items, or an item under no parent, means a
    figure or a code is wrong.

    ## Example
    ::

        208	社会保障和就业支出	133.31
        20801	人力资源和社会保障管理事务	127.56
        20805	行政事业单位养老支出	5.85        ← BL203 at 208: 127.56 + 5.85 = 133.41

    ## Source
    政府收支分类科目 (类/款/项); 预算法实施条例 art. 40; RULES.md BL203.
    """

    code = "BL203"
    name = "code-hierarchy-mismatch"
    severity = Severity.ERROR
    summary_zh = "类/款行不等于其下级科目之和，或科目编码不属于任何上级科目"
    summary_en = "A 类/款 row differs from the sum of its children, or a code extends no parent"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for found in identity_findings(ctx.table_identities, self.code):
            yield self.report(doc, found.span, found.zh, found.en)
