"""BL406: a functional-classification table that stops above 项."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.tablemodel import orphan_codes
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.labels import expects_items, is_economic_code
from budgetlint.plugins.rule import Rule


class FunctionNotToItem(Rule):
    """Reports a 类 or 款 row of a functional-classification table that has an amount but no 项 below it.

    ## What it does
    In tables classified by 功能分类 科目 (收入总表, 支出总表, 一般公共预算支出表,
    政府性基金/国有资本经营预算支出表 …), every non-zero 类 (3-digit) or 款
    (5-digit) row must be broken down to 7-digit 项 rows. Tables whose codes
    BL203 finds broken are skipped (the missing child is usually the misprinted
    one), and so are rows the rule cannot judge: sides whose codes are 经济分类
    (301…, 501…: published to 类 and 款 only, which is valid, e.g. a 基本支出表
    titled like a 一般公共预算支出表), 类 the classification itself does not break
    down to 项 (219 援助其他地区支出, 227 预备费), and a side's last rows when the
    table continues on the next page under the same title.

    ## Why is this bad?
    预算法实施条例 requires functional classification to 项; a budget disclosed
    only to 类 or 款 hides how the money is used.

    ## Example
    ::

        208	社会保障和就业支出	133.31
        20801	人力资源和社会保障管理事务	133.31     ← BL406: no 2080101…

    ## Source
    预算法 art. 46; 预算法实施条例 art. 5 (功能分类到项).
    """

    code = "BL406"
    name = "function-not-to-item"
    severity = Severity.ERROR
    summary_zh = "功能分类表未细化到项级科目"
    summary_en = "A functional-classification table stops above 项"
    doc_zh = """报告功能分类表中有金额、但其下没有项的类或款行。

    ## 作用
    在按功能分类科目编列的表中（收入总表、支出总表、一般公共预算支出表、政府性基金/国有资本经营
    预算支出表 …），每个非零的类（3 位）或款（5 位）行都必须细化到 7 位的项。BL203 发现编码有误的
    表跳过（缺少的下级通常就是印错的那个）；本规则无法判断的行也跳过：编码为经济分类的栏（301…、
    501…：只公开到类和款，这是合规的，例如标题像一般公共预算支出表的基本支出表）、分类本身不细化到
    项的类（219 援助其他地区支出、227 预备费），以及表格在下一页以同一标题续表时一栏的最后几行。

    ## 为什么有问题？
    预算法实施条例要求功能分类编列到项；只公开到类或款的预算掩盖了资金的用途。

    ## 示例
    ::

        208     社会保障和就业支出       133.31
        20801   人力资源和社会保障管理事务   133.31     ← BL406：没有 2080101…

    ## 依据
    预算法第四十六条；预算法实施条例第五条（功能分类到项）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        models = ctx.table_models
        for position, model in enumerate(models):
            if not model.kind.by_function:
                continue
            title = model.table.title or "表格"
            # The next table with sides: a continuation read into this model has none.
            following = next((m for m in models[position + 1 :] if m.sides), None)
            continued = following is not None and following.table.title == model.table.title
            for side in model.sides:
                if not side.coded or not side.understood or orphan_codes(side):
                    continue
                codes = [r.code for r in side.rows if r.code]
                if sum(1 for c in codes if is_economic_code(c)) * 2 > len(codes):
                    continue  # an economic table under a functional title: 类/款 only is valid
                items = {c for c in codes if len(c) == 7}
                last_class = max((r.position for r in side.rows if r.code and len(r.code) == 3), default=-1)
                for row in side.rows:
                    code = row.code
                    if code is None or len(code) not in (3, 5) or row.is_total or not expects_items(code):
                        continue
                    if any(item.startswith(code) for item in items):
                        continue
                    if continued and row.position >= last_class:
                        continue  # its 项 may be the first rows of the next page
                    if not row.has_amount:
                        continue
                    level = "类" if len(code) == 3 else "款"
                    yield self.report(
                        doc,
                        row.row.span,
                        f"“{title}”的{level}级科目 {code} {row.label} 有金额，但没有细化到项级科目",
                        f"'{title}': {level} {code} {row.label} has an amount but no 7-digit 项 row",
                    )
