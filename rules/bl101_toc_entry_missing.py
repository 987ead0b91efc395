"""BL101: a 目录 entry has no matching heading in the body."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.outline import parent_indices
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule


class TocEntryMissing(Rule):
    """Reports 目录 entries that name no heading or table in the body.

    ## What it does
    Matches every 目录 entry with the body's headings, table titles and short
    stand-alone lines, ignoring full/half-width, spaces, dot leaders, quotes, a
    leading year and the unit's own name, and reports entries with no match. A
    group entry (五、单位预算表) whose own listed entries are found is not reported.

    ## Why is this bad?
    A reader who follows the 目录 finds nothing: either a mandated part was left
    out of the published document, or it was renamed without updating the 目录.

    ## Example
    ::

        目 录
        九、政府采购情况.....17
        十、绩效管理情况.....18      ← BL101 if the body has no 十、绩效管理情况

    ## Source
    地方预决算公开操作规程 (财预〔2016〕143号): the disclosure is published as a
    whole, its parts as listed; inspection practice checks the 目录 against the body.
    """

    code = "BL101"
    name = "toc-entry-missing"
    severity = Severity.ERROR
    summary_zh = "目录项在正文中找不到对应标题"
    summary_en = "A table-of-contents entry has no matching heading in the body"
    doc_zh = """报告在正文中找不到对应标题或表格的目录条目。

    ## 作用
    把每个目录条目与正文的标题、表题和独立的短行比对，忽略全角/半角、空格、引导点、引号、开头的
    年份和单位自身名称，报告没有匹配的条目。分组条目（五、单位预算表）若其下列出的条目都能找到，
    则不报告。

    ## 为什么有问题？
    按目录查找的读者什么也找不到：要么公开文档漏掉了规定的部分，要么改了名称却没有更新目录。

    ## 示例
    ::

        目 录
        九、政府采购情况.....17
        十、绩效管理情况.....18      ← 正文中没有“十、绩效管理情况”时报告 BL101

    ## 依据
    地方预决算公开操作规程（财预〔2016〕143号）：整体公开，各部分与所列一致；检查实践中核对目录与正文。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        matched = ctx.toc_match
        parents = parent_indices([e.kind for e in matched.entries])
        # A group entry ("五、单位预算表") whose listed children are in the body is present
        # through them, even when the body prints no heading of its own for the group.
        present_through_children = {
            p for i, p in enumerate(parents) if p is not None and matched.matches[i] is not None
        }
        for i, (entry, heading) in enumerate(zip(matched.entries, matched.matches, strict=False)):
            if heading is None and i not in present_through_children:
                yield self.report(
                    doc,
                    entry.span,
                    f"目录项“{entry.text}”在正文中找不到对应的标题或表格",
                    f"table-of-contents entry '{entry.text}' has no matching heading or table in the body",
                )
