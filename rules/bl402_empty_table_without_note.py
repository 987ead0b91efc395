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
    r"|此表(?:无数据|为空)"  # Jiangsu: 此表为空 printed under 合计
    r"|本(?:部门|单位)无相关(?:收支|收入|支出)"  # Jiangsu: 注：本部门无相关收支项目
    r"|(?:我|本)(?:部门|单位)无(?:该项目|.{0,20}(?:支出|收入)安排)"  # 注：本部门无该项目 / 我单位无…支出安排
)
_WINDOW = 8  # lines after a table in which its no-data note (说明：…) may stand

#: The header of a list of the published tables that marks the empty ones (Xi'an's 报表目录 /
#: 空表说明: 表9 | 部门综合预算政府性基金收支表 | 是否空表 是 | 表格为空的理由 不涉及).
_EMPTY_FLAG = re.compile(r"是否(?:为)?空表")
_EMPTY_REASON = re.compile(r"理由|原因")
_YES = frozenset({"是", "√", "✓", "✔"})
#: What a title and a list entry may differ by: the year (2022年 / 2022), a 表N label,
#: a parenthesised scope (（不含上年结转）) and spacing.
_TITLE_NOISE = re.compile(r"^(?:表\s*\d+\s*)?(?:\d{4}\s*年?度?)?|[（(][^）)]*[）)]|\s+")


def title_key(title: str) -> str:
    """The part of a table title that a list of tables repeats, to match the two."""
    return _TITLE_NOISE.sub("", title)


def _declared_lines(doc: Document, table: Table) -> Iterator[list[str]]:
    """The cells of the lines of a table list that mark a table empty and give a reason.

    Why the source lines and not ``table.rows``: such a list has no figure, so the parser
    may fold its rows into the header; the printed lines keep them. Why a reason is
    required: the templates ask that an empty table be published *and* explained; a bare
    "是" in a 是否空表 column states the fact, not why."""
    listing = False
    for number in range(table.span.line, table.span.end_line + 1):
        cells = [cell.strip() for cell in doc.line_text(number).split("\t") if cell.strip()]
        if any(_EMPTY_FLAG.search(cell) for cell in cells) and any(_EMPTY_REASON.search(cell) for cell in cells):
            listing = True
            continue
        if not listing:
            continue
        # 表9 | 名称 | 是 | 不涉及: the flag, then the reason after it
        flags = [k for k, cell in enumerate(cells) if cell in _YES]
        if flags and flags[0] + 1 < len(cells):
            yield cells[: flags[0]]


def declared_empty(doc: Document) -> frozenset[str]:
    """Title keys of the tables that a list in the document declares empty, with a reason.

    Why: some templates explain empty tables in one place — a 报表目录 or 空表说明 list
    with 是否空表 "是" and 理由 "不涉及" — rather than under each table; that list is the
    table's note."""
    keys: set[str] = set()
    for table in doc.tables:
        for cells in _declared_lines(doc, table):
            for cell in cells:
                key = title_key(cell)
                if key.endswith("表") and len(key) > 2:
                    keys.add(key)
    return frozenset(keys)


def no_data_note(doc: Document, table: Table, next_start: int | None = None) -> bool:
    """True when the table's notes, a row of its own (此表为空 printed under 合计 is read as
    a row), or the lines right after it (before ``next_start``, the next table's first line),
    say it has no data."""
    if any(NO_DATA.search(note.text) for note in table.notes):
        return True
    if any(NO_DATA.search(cell.text) for row in table.rows for cell in row.cells if cell.figure is None):
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
    预算财政拨款安排的预算，故本表为空, in its notes or right below it, or be listed
    as empty with a reason in the document's list of tables (是否空表 “是”, 理由 “不涉及”).
    A narrative sentence elsewhere saying the amount is 0 is not such a note.

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
    Provincial templates (Shanxi, Shanghai, Jiangsu, Xi'an 报表目录 with 是否空表) and
    inspection practice (RULES.md, BL4xx).
    """

    code = "BL402"
    name = "empty-table-without-note"
    severity = Severity.ERROR
    summary_zh = "空表没有“本表无数据”等说明"
    summary_en = "A table with no figures carries no note saying why"
    doc_zh = """报告没有任何数字、也没有说明原因的公开表格。

    ## 作用
    金额单元格全部为空或短横的标准表（收支总表 … 三公经费表、项目支出表），必须在表注中或紧接
    其下附有说明，如“注：本表无数据”或“本单位无政府性基金预算财政拨款安排的预算，故本表为空”，
    或在文档的表格清单中列为空表并写明理由（是否空表“是”，理由“不涉及”）。其他地方说某金额为 0
    的叙述句不算这样的说明。

    ## 为什么有问题？
    没有说明的空表看起来像是数字丢失了的表；模板要求写明原因。

    ## 示例
    ::

        2023年政府性基金预算支出表
        单位：万元
        科目编码    科目名称    合计
        合计                  ← BL402：没有“注：本表无数据”

    ## 依据
    各省模板（山西、上海、江苏、西安的报表目录含“是否空表”）和检查实践（RULES.md，BL4xx）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        tables = doc.tables
        listed = declared_empty(doc)
        for number, table in enumerate(tables):
            if table_kind(table) in (TableKind.OTHER, TableKind.PERFORMANCE) or not table.amount_columns:
                continue
            next_start = tables[number + 1].span.line if number + 1 < len(tables) else None
            if table.has_figures or no_data_note(doc, table, next_start):
                continue
            if table.title and title_key(table.title) in listed:
                continue
            title = table.title or "表格"
            yield self.report(
                doc,
                table.title_span,
                f"“{title}”没有数字，也没有“本表无数据”之类的说明",
                f"table '{title}' has no figures and no note saying why (本表无数据)",
            )
