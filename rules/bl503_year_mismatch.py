"""BL503: a table title's or heading's year differs from the document's year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import HeadingKind
from budgetlint.model.numbers import normalize_width
from budgetlint.plugins.rule import Rule

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:年|预算|决算)")
_CHECKED = (HeadingKind.PART, HeadingKind.LEVEL1, HeadingKind.LEVEL2, HeadingKind.LEVEL3, HeadingKind.TABLE)


class YearMismatch(Rule):
    """Reports headings and table titles that name a year other than the document's.

    ## What it does
    Takes the document's year from its title (``2023年度单位预算公开``) and reports
    each heading or table title that names a year (``2022年…表``) without naming
    the document's year. Headings that name the document's year along with
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

    ## Source
    预算法 art. 14 (the disclosure concerns the approved budget of its year).
    """

    code = "BL503"
    name = "year-mismatch"
    severity = Severity.ERROR
    summary_zh = "标题或表名中的年份与文档年份不一致"
    summary_en = "A heading or table title names a year other than the document's"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        if doc.year is None:
            return
        for heading in doc.headings:
            if heading.kind not in _CHECKED:
                continue
            years = {int(y) for y in _YEAR.findall(normalize_width(heading.text))}
            if years and doc.year not in years:
                shown = "、".join(str(y) for y in sorted(years))
                yield self.report(
                    doc,
                    heading.span,
                    f"“{heading.text}”的年份（{shown}）与文档年份 {doc.year} 不一致",
                    f"'{heading.text}' names {shown}, but the document is for {doc.year}",
                )
