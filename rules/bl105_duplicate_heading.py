"""BL105: the same heading twice at the same level under the same parent."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.outline import (
    continued_titles,
    heading_key,
    parent_indices,
    structural,
    wrapped_paragraph_starts,
)
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import HeadingKind
from budgetlint.plugins.rule import Rule, cite_line


class DuplicateHeading(Rule):
    """Reports a heading repeated at the same level under the same parent.

    ## What it does
    Compares the body's part headings, numbered headings and the titles of the
    tables named in the 目录, normalized (width, spaces, quotes, numbering), and
    reports the second and later occurrences under one parent. Repeated forms
    that the 目录 does not list (one 绩效目标表 per project) are not compared,
    and a table continued on the next page is one table, not two.

    ## Why is this bad?
    A repeated section or table is usually a copy-paste left in the draft; it
    may also hide that the intended second section (another table) is missing.

    ## Example
    ::

        2023年预算收入总表
        …
        2023年预算收入总表      ← BL105 (the 支出总表 was meant)

    ## Source
    Inspection practice for 预决算公开.
    """

    code = "BL105"
    name = "duplicate-heading"
    severity = Severity.WARNING
    summary_zh = "同一层级下标题重复"
    summary_en = "The same heading appears twice at the same level"
    doc_zh = """报告同一上级下同一层级重复出现的标题。

    ## 作用
    比较正文的部分标题、编号标题和目录中列出的表题（规范化宽度、空格、引号、编号后），报告同一
    上级下第二次及以后的出现。目录未列出的重复表单（每个项目一张绩效目标表）不比较；跨页续表是
    一张表，不是两张。

    ## 为什么有问题？
    重复的章节或表格通常是草稿中遗留的复制粘贴；它也可能掩盖了本应出现的第二节（另一张表）缺失。

    ## 示例
    ::

        2023年预算收入总表
        …
        2023年预算收入总表      ← BL105（本应是支出总表）

    ## 依据
    预决算公开检查实践。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        listed = {heading_key(h.text) for h in ctx.toc_match.matches if h is not None}
        headings = [
            h
            for h in structural(doc.headings, continued_titles(doc))
            if h.kind is not HeadingKind.TABLE or heading_key(h.text) in listed
        ]
        parents = parent_indices([h.kind for h in headings])
        wrapped = wrapped_paragraph_starts(doc, headings)
        seen: dict[tuple[HeadingKind, int | None, str], int] = {}
        for i, heading in enumerate(headings):
            # A heading printed as its number alone (第二部分, its title on the next line) has no
            # title to repeat: its number is what tells it apart.
            title = heading_key(heading.text) or heading.text.strip()
            key = (heading.kind, parents[i], title)
            if key in seen and heading.span.line not in wrapped:
                first = headings[seen[key]]
                yield self.report(
                    doc,
                    heading.span,
                    f"标题“{heading.text}”与{cite_line(doc, first.span.line, 'zh')}重复",
                    f"heading '{heading.text}' repeats {cite_line(doc, first.span.line, 'en')}",
                )
            else:
                seen[key] = i
