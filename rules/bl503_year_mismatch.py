"""BL503: a 目录 entry's, table title's or heading's year differs from the document's, or is cut short."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.model.nodes import HeadingKind
from budgetlint.model.numbers import normalize_width
from budgetlint.plugins.rule import Rule

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:年|预算|决算)")
#: A year that lost a digit ("202 年度部门预算"): three digits are never a year of a disclosure.
_TRUNCATED = re.compile(r"(?<![\d.,])((?:19|20)\d)\s*年")
_CHECKED = (HeadingKind.PART, HeadingKind.LEVEL1, HeadingKind.LEVEL2, HeadingKind.LEVEL3, HeadingKind.TABLE)


class _Title(NamedTuple):
    text: str
    span: Span


def _titles(ctx: DocumentContext) -> Iterator[_Title]:
    """The body headings and table titles, then the 目录 entries (a 目录 is copied as often)."""
    doc = ctx.doc
    for heading in doc.headings:
        if heading.kind in _CHECKED:
            yield _Title(heading.text, heading.span)
    for toc in (doc.toc, *doc.later_tocs):
        if toc is not None:
            for entry in toc.entries:
                yield _Title(entry.text, entry.span)


class YearMismatch(Rule):
    """Reports headings and table titles that name a year other than the document's.

    ## What it does
    Takes the document's year from its title (``2023年度单位预算公开``) and reports
    each heading, table title or 目录 entry that names a year (``2022年…表``)
    without naming the document's year, or whose year lost a digit
    (``202 年度部门预算``). Headings that name the document's year along with
    another (``2023年与2022年对比``) are accepted.

    ## Why is this bad?
    A title with last year's number is the classic trace of a template copied
    from the previous year and not updated — often with last year's figures
    still in the table.

    ## Example
    ::

        2023年度单位预算公开
        …
        2022年预算收支总表      ← BL503: the document is for 2023
        一、202 年收入预算情况   ← BL503: the year is cut short

    ## Source
    预算法 art. 14 (the disclosure concerns the approved budget of its year).
    """

    code = "BL503"
    name = "year-mismatch"
    severity = Severity.ERROR
    summary_zh = "标题或表名中的年份与文档年份不一致"
    summary_en = "A heading or table title names a year other than the document's"
    doc_zh = """报告写着与文档年度不同年份的标题和表题。

    ## 作用
    从文档标题（``2023年度单位预算公开``）取得文档年度，报告每个写了年份（``2022年…表``）却没有
    写文档年度的标题、表题或目录条目，以及年份缺了一位数字的（``202 年度部门预算``）。同时写了
    文档年度和另一年份的标题（``2023年与2022年对比``）视为正常。

    ## 为什么有问题？
    写着上一年年份的标题是从上年模板复制而未更新的典型痕迹——表中往往还留着上年的数字。

    ## 示例
    ::

        2023年度单位预算公开
        …
        2022年预算收支总表      ← BL503：文档年度为 2023
        一、202 年收入预算情况   ← BL503：年份缺位

    ## 依据
    预算法第十四条（公开的是本年度批准的预算）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        if doc.year is None:
            return
        for title in _titles(ctx):
            text = normalize_width(title.text)
            cut = _TRUNCATED.search(text)
            if cut is not None:
                yield self.report(
                    doc,
                    title.span,
                    f"“{title.text}”中的年份“{cut.group(1)}”不完整（文档年份 {doc.year}）",
                    f"'{title.text}' has a truncated year '{cut.group(1)}' (the document is for {doc.year})",
                )
                continue
            years = {int(y) for y in _YEAR.findall(text)}
            if years and doc.year not in years:
                shown = "、".join(str(y) for y in sorted(years))
                yield self.report(
                    doc,
                    title.span,
                    f"“{title.text}”的年份（{shown}）与文档年份 {doc.year} 不一致",
                    f"'{title.text}' names {shown}, but the document is for {doc.year}",
                )
