"""BL403: a table that says it has no data but has figures."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.tablekinds import TableKind
from budgetlint.analysis.tablemodel import has_nonzero_figure
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule

#: Only explicit statements about this table (a section's 本单位无… sentence is not enough).
_STRICT = re.compile(r"本表(?:无数据|为空|无内容|数据为空)|故本表(?:无|为空)|本表为空表")


class NoDataNoteOnFilledTable(Rule):
    """Reports a table whose note says it is empty while it holds figures.

    ## What it does
    A table with a non-zero amount whose own notes (注：…, 说明：… right below it)
    say 本表无数据 / 故本表为空.

    ## Why is this bad?
    Either the note is a template leftover or the figures were pasted into the
    wrong table; readers cannot tell which to believe.

    ## Example
    ::

        2023年政府性基金预算支出表
        单位：万元
        科目编码	科目名称	合计
        合计		12.00
        注：本表无数据          ← BL403

    ## Source
    Provincial templates (Shanxi, Shanghai) and inspection practice (RULES.md, BL4xx).
    """

    code = "BL403"
    name = "no-data-note-on-filled-table"
    severity = Severity.ERROR
    summary_zh = "注明“本表无数据”的表格中有数字"
    summary_en = "A table says it has no data but has figures"
    doc_zh = """报告表注称无数据、却有数字的表格。

    ## 作用
    有非零金额、而其自身表注（注：…、说明：…，紧接其下）写着“本表无数据 / 故本表为空”的表。

    ## 为什么有问题？
    要么表注是模板遗留，要么数字被粘贴到了错误的表中；读者无法判断该信哪一个。

    ## 示例
    ::

        2023年政府性基金预算支出表
        单位：万元
        科目编码    科目名称    合计
        合计              12.00
        注：本表无数据          ← BL403

    ## 依据
    各省模板（山西、上海）和检查实践（RULES.md，BL4xx）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for model in ctx.table_models:
            if model.kind in (TableKind.OTHER, TableKind.PERFORMANCE):
                continue
            note = next((n for n in model.table.notes if _STRICT.search(n.text)), None)
            if note is None or not has_nonzero_figure(model):
                continue
            title = model.table.title or "表格"
            yield self.report(
                doc,
                note.span,
                f"“{title}”注明无数据，但表中有数字",
                f"table '{title}' says it has no data but holds figures",
            )
