"""BL402: a table with no figures and no note saying why."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.tablekinds import TableKind, table_kind
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import Document, Table
from budgetlint.plugins.rule import Rule

#: Notes that say a table is empty on purpose: 本表无数据, 故本表为空, 本单位无…故本表无数据 …
NO_DATA = re.compile(
    r"本表(?:无数据|为空|无内容|数据为空|无)|故本表|无数据|未安排.{0,20}支出|本表.{0,6}空表|空表"
    r"|如无数字则表示|没有(?:使用)?.{0,20}安排的支出"  # Changsha, Huzhou notes under empty tables
)
_WINDOW = 8  # lines after a table in which its no-data note (说明：…) may stand


def no_data_note(doc: Document, table: Table, next_start: int | None = None) -> bool:
    """True when the table's notes, or the lines right after it (before ``next_start``,
    the next table's first line), say it has no data."""
    if any(NO_DATA.search(note.text) for note in table.notes):
        return True
    stop = table.span.end_line + _WINDOW + 1
    if next_start is not None:
        stop = min(stop, next_start)
    return any(NO_DATA.search(doc.line_text(n)) for n in range(table.span.end_line + 1, stop))


class EmptyTableWithoutNote(Rule):
    """Reports a published table without any figure and without a note explaining why.

    ## What it does
    A standard table (收支总表 … 三公经费表, 项目支出表) whose amount cells are all
    blank or dashes must carry a note such as 注：本表无数据 or 本单位无政府性基金
    预算财政拨款安排的预算，故本表为空, in its notes or right below it.

    ## Why is this bad?
    An empty table without explanation looks like a table whose figures were
    lost; the templates require the reason to be stated.

    ## Example
    ::

        2023年政府性基金预算支出表
        单位：万元
        科目编码	科目名称	合计
        合计                  ← BL402: no 注：本表无数据

    ## Source
    Provincial templates (Shanxi, Shanghai) and inspection practice (RULES.md, BL4xx).
    """

    code = "BL402"
    name = "empty-table-without-note"
    severity = Severity.ERROR
    summary_zh = "空表没有“本表无数据”等说明"
    summary_en = "A table with no figures carries no note saying why"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        tables = doc.tables
        for number, table in enumerate(tables):
            if table_kind(table) in (TableKind.OTHER, TableKind.PERFORMANCE) or not table.amount_columns:
                continue
            next_start = tables[number + 1].span.line if number + 1 < len(tables) else None
            if table.has_figures or no_data_note(doc, table, next_start):
                continue
            title = table.title or "表格"
            yield self.report(
                doc,
                table.title_span,
                f"“{title}”没有数字，也没有“本表无数据”之类的说明",
                f"table '{title}' has no figures and no note saying why (本表无数据)",
            )
