"""BL505: a 单位 document speaks of 本部门/部门合计, or a 部门 document of 本单位."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.model.nodes import DocumentKind
from budgetlint.plugins.rule import Rule

# Only phrases that name the document's own owner. 部门预算支出经济分类科目 and
# 一般公共预算基本支出部门预算经济分类预算表 are official names, used by units too.
_DEPARTMENT_WORDS = re.compile(r"本部门|部门合计|部门各单位")
_UNIT_WORDS = re.compile(r"本单位")
_UNIT_KINDS = (DocumentKind.UNIT_BUDGET, DocumentKind.UNIT_FINAL)
_DEPARTMENT_KINDS = (DocumentKind.DEPARTMENT_BUDGET, DocumentKind.DEPARTMENT_FINAL)


class UnitKindWording(Rule):
    """Reports 部门 wording in a 单位 document and 单位 wording in a 部门 document.

    ## What it does
    For a document whose title says it is a 单位预算/单位决算, reports the
    phrases 本部门, 部门合计 and 部门各单位; for a 部门预算/部门决算, the phrase
    本单位. Each line is reported once. Official names that contain 部门 (部门预算
    支出经济分类科目, 基本支出部门预算经济分类预算表) are not reported. Documents
    whose kind is unknown are not checked.

    ## Why is this bad?
    A unit that fills in its department's template, or the reverse, leaves
    wording that misstates whose figures these are: 部门合计 in a unit's table
    reads as the whole department's total. It is usually harmless copy-paste,
    but readers and inspectors notice it, so it is worth a look (info).

    ## Example
    ::

        2023年度单位预算公开
        …
        2023年忻州市社会保障卡服务中心部门各单位政府采购预算总额2.09万元。
                                    ← BL505: 单位预算中出现“部门各单位”

    ## Source
    预算法实施条例 art. 5, 6 (部门预算 and 单位预算 are distinct documents);
    the 单位 and 部门 templates of the provinces (Shanxi, Shanghai).
    """

    code = "BL505"
    name = "unit-kind-wording"
    severity = Severity.INFO
    summary_zh = "单位预决算中出现“本部门/部门合计”，或部门预决算中出现“本单位”"
    summary_en = "A 单位 document speaks of 本部门/部门合计, or a 部门 document of 本单位"
    doc_zh = """报告单位文档中的“部门”表述和部门文档中的“单位”表述。

    ## 作用
    对标题表明是单位预算/单位决算的文档，报告 本部门、部门合计 和 部门各单位；对部门预算/部门
    决算，报告 本单位。每行只报告一次。含“部门”的正式名称（部门预算支出经济分类科目、基本支出
    部门预算经济分类预算表）不报告。类型不明的文档不检查。

    ## 为什么有问题？
    单位套用部门的模板（或相反）会留下错述数字归属的表述：单位表中的“部门合计”读起来像整个部门的
    合计。这通常是无害的复制粘贴，但读者和检查人员会注意到，值得看一眼（提示）。

    ## 示例
    ::

        2023年度单位预算公开
        …
        2023年忻州市社会保障卡服务中心部门各单位政府采购预算总额2.09万元。
                                    ← BL505: 单位预算中出现“部门各单位”

    ## 依据
    预算法实施条例第五条、第六条（部门预算和单位预算是不同的文件）；各省（山西、上海）的单位和部门模板。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        if doc.kind in _UNIT_KINDS:
            pattern, should_zh, should_en = _DEPARTMENT_WORDS, "单位", "unit"
        elif doc.kind in _DEPARTMENT_KINDS:
            pattern, should_zh, should_en = _UNIT_WORDS, "部门", "department"
        else:
            return
        kind = doc.kind.value
        for number, text in enumerate(doc.lines, start=1):
            match = pattern.search(text)
            if match is None:
                continue
            phrase = match.group()
            yield self.report(
                doc,
                Span(number, match.start() + 1, number, match.end() + 1),
                f"{kind}中出现“{phrase}”：本文件是{kind}，应按{should_zh}表述",
                f"'{phrase}' in a {kind} document: this is a {should_en}'s document",
            )
