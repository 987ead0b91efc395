"""BL102: a heading of the body that the 目录 should list but does not."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.outline import continued_titles, parent_indices, structural
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import Heading, HeadingKind
from budgetlint.plugins.rule import Rule


class HeadingNotInToc(Rule):
    """Reports a body heading left out of the 目录 between two listed siblings.

    ## What it does
    Looks at part headings, numbered headings and table titles of the body that
    no 目录 entry names. Such a heading is reported when it stands between two
    headings of the same kind and parent that the 目录 does list, one after the
    other: the 目录 covers that level there, and skips this one. A 目录 that
    lists only the top levels does not make every sub-heading a finding, and
    neither does an appendix after the last listed heading.

    ## Why is this bad?
    A 目录 that lists some tables or sections of a level but not all of them
    hides part of the disclosure from readers who navigate by it, and is the
    usual trace of a section added after the 目录 was made.

    ## Example
    ::

        目 录
        2023年预算收支总表.....2
        2023年预算支出总表.....5
        (body)
        2023年预算收支总表
        2023年预算收入总表          ← BL102: between two listed tables, not listed
        2023年预算支出总表

    ## Source
    财预〔2016〕143号 (disclosures complete and navigable); inspection practice.
    """

    code = "BL102"
    name = "heading-not-in-toc"
    severity = Severity.WARNING
    summary_zh = "正文标题或表格未列入目录"
    summary_en = "A heading or table of the body is not in the table of contents"
    doc_zh = """报告夹在两个已列入目录的同级标题之间、却未列入目录的正文标题。

    ## 作用
    查看正文中没有任何目录条目对应的部分标题、编号标题和表题。当这样的标题位于目录依次列出的
    两个同类、同上级的标题之间时报告：目录在这里覆盖了该层级，却漏掉了它。只列顶层的目录不会让
    每个子标题都成为发现，最后一个列出的标题之后的附录也不会。

    ## 为什么有问题？
    目录列出了某一层级的部分表格或章节而非全部，会向按目录浏览的读者隐藏部分公开内容，这通常是
    目录编好后又加了一节的痕迹。

    ## 示例
    ::

        目 录
        2023年预算收支总表.....2
        2023年预算支出总表.....5
        （正文）
        2023年预算收支总表
        2023年预算收入总表          ← BL102：位于两张已列出的表之间，却未列入
        2023年预算支出总表

    ## 依据
    财预〔2016〕143号（公开完整、便于查阅）；检查实践。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        if doc.toc is None:
            return
        matched = ctx.toc_match
        entry_of = {id(h): i for i, h in enumerate(matched.matches) if h is not None}
        entry_parents = parent_indices([e.kind for e in matched.entries])
        headings: list[Heading] = structural(doc.headings, continued_titles(doc))
        parents = parent_indices([h.kind for h in headings])
        groups: dict[tuple[HeadingKind, int | None], list[int]] = {}
        for i, heading in enumerate(headings):
            groups.setdefault((heading.kind, parents[i]), []).append(i)
        for siblings in groups.values():
            listed = [j for j in siblings if id(headings[j]) in entry_of]
            if len(listed) < 2:
                continue
            for i in siblings:
                if id(headings[i]) in entry_of or not listed[0] < i < listed[-1]:
                    continue
                k = bisect_left(listed, i)
                first = entry_of[id(headings[listed[k - 1]])]
                second = entry_of[id(headings[listed[k]])]
                if first < second and entry_parents[first] == entry_parents[second]:
                    heading = headings[i]
                    yield self.report(
                        doc,
                        heading.span,
                        f"“{heading.text}”未列入目录（目录列出了它前后的同级标题）",
                        f"'{heading.text}' is not in the table of contents, which lists the siblings before and after it",
                    )
