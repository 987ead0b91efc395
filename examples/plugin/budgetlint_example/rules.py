"""EXA001: a table names a different 单位名称/编制单位 than the document's other tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from budgetlint.diagnostics import Diagnostic, Severity
from budgetlint.nodes import Document
from budgetlint.rule import Rule


class TableOrganizationDiffers(Rule):
    """Reports a table whose 单位名称 differs from the one most of the document's tables name.

    ## What it does
    Reads the 单位名称/编制单位/编制部门 line of every table and, when at least
    three tables name one organization and another table names a different one,
    reports that table.

    ## Why is this bad?
    A table copied from another unit's disclosure (or last year's) keeps its
    单位名称; its figures are then likely someone else's too.

    ## Example
    ::

        2023年预算收支总表
        单位名称：忻州市社会保障卡服务中心
        …
        2023年预算收入总表
        单位名称：忻州市人力资源和社会保障局     ← EXA001

    ## Source
    An example rule of the example plugin: every table of a disclosure belongs
    to the unit that publishes it.
    """

    code = "EXA001"
    name = "table-organization-differs"
    severity = Severity.WARNING
    summary_zh = "某表的单位名称与其他表不同"
    summary_en = "A table names a different organization than the other tables"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        named = [table for table in doc.tables if table.organization]
        counts = Counter(table.organization for table in named)
        if not counts:
            return
        usual, votes = counts.most_common(1)[0]
        if votes < 3:
            return
        for table in named:
            if table.organization != usual:
                yield self.report(
                    doc,
                    table.title_span,
                    f"“{table.title}”的单位名称为“{table.organization}”，其他 {votes} 张表为“{usual}”",
                    f"'{table.title}' names '{table.organization}'; {votes} other tables name '{usual}'",
                )
