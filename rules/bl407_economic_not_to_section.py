"""BL407: the 基本支出 economic table stops above 款."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.tablekinds import TableKind
from budgetlint.analysis.tablemodel import is_economic_class, orphan_codes
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule


class EconomicNotToSection(Rule):
    """Reports a class of the 基本支出 economic table with an amount but no 款 below it.

    ## What it does
    In the 基本支出 经济分类 table every non-zero 类 (301 工资福利支出, 302
    商品和服务支出 …; by code, or by name where the table prints no codes) must be
    broken down into its 款 rows (30101 基本工资 …).

    ## Why is this bad?
    预算法实施条例 requires the economic classification of 基本支出 to 款; a class
    shown only as a total hides what the money buys.

    ## Example
    ::

        301	工资福利支出	51.16
        302	商品和服务支出	5.43      ← BL407 at 301: no 30101…

    ## Source
    预算法 art. 46; 预算法实施条例 art. 5 (经济分类到款).
    """

    code = "BL407"
    name = "economic-not-to-section"
    severity = Severity.ERROR
    summary_zh = "基本支出经济分类表未细化到款级科目"
    summary_en = "The 基本支出 economic table stops above 款"
    doc_zh = """报告基本支出经济分类表中有金额、但其下没有款的类。

    ## 作用
    在基本支出经济分类表中，每个非零的类（301 工资福利支出、302 商品和服务支出 …；按编码，表中
    没有编码时按名称）都必须细化到其款行（30101 基本工资 …）。

    ## 为什么有问题？
    预算法实施条例要求基本支出的经济分类编列到款；只列合计的类掩盖了钱买了什么。

    ## 示例
    ::

        301     工资福利支出  51.16
        302     商品和服务支出 5.43      ← 在 301 处报告 BL407：没有 30101…

    ## 依据
    预算法第四十六条；预算法实施条例第五条（经济分类到款）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for model in ctx.table_models:
            if model.kind is not TableKind.BASIC_ECONOMIC:
                continue
            title = model.table.title or "表格"
            for side in model.sides:
                if not side.understood:
                    continue
                rows = [r for r in side.rows if not r.is_subset]
                if side.coded:
                    if orphan_codes(side):
                        continue
                    codes = {r.code for r in rows if r.code}
                    bare = [
                        r
                        for r in rows
                        if r.code and len(r.code) == 3 and not any(len(c) == 5 and c.startswith(r.code) for c in codes)
                    ]
                else:
                    bare = [
                        r
                        for i, r in enumerate(rows)
                        if is_economic_class(r.name)
                        and (i + 1 == len(rows) or rows[i + 1].is_total or is_economic_class(rows[i + 1].name))
                    ]
                for row in bare:
                    if not row.has_amount:
                        continue
                    yield self.report(
                        doc,
                        row.row.span,
                        f"“{title}”的类级科目 {row.code or ''}{row.label} 有金额，但没有细化到款级科目",
                        f"'{title}': class {row.code or ''}{row.label} has an amount but no 款 rows",
                    )
