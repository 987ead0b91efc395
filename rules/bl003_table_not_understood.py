"""BL003: a table whose arithmetic was skipped because budgetlint did not understand it."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.identities import IdentityKind
from budgetlint.analysis.spacetables import space_aligned_blocks
from budgetlint.analysis.structuregate import KindTally
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.plugins.rule import Rule, cite_line

#: What each identity kind checks, in (zh, en), for the reason of the finding.
_KIND_WORDS: dict[IdentityKind, tuple[str, str]] = {
    IdentityKind.COLUMN_TOTAL: ("合计行等于各行之和", "total row = sum of its rows"),
    IdentityKind.ROW_TOTAL: ("合计列等于组成列之和", "total column = sum of its component columns"),
    IdentityKind.SUBSET_COLUMN: ("“其中”列不大于所属列", "其中 column ≤ its whole"),
    IdentityKind.SUBSET_ROW: ("“其中”行不大于所属行", "其中 row ≤ its whole"),
    IdentityKind.ITEM_HIERARCHY: ("上级行等于所属明细之和", "parent row = sum of its items"),
    IdentityKind.CODE_HIERARCHY: ("类/款行等于下级科目之和", "类/款 row = sum of its sub-items"),
    IdentityKind.CODE_LENGTH: ("科目编码为 3/5/7 位", "codes of 3/5/7 digits"),
    IdentityKind.CODE_WITHOUT_PARENT: ("科目编码有上级科目", "codes with a parent code"),
    IdentityKind.BALANCE: ("总计等于本年合计加结转", "grand total = 本年合计 + carry-overs"),
    IdentityKind.TWO_SIDED_BALANCE: ("收入总计等于支出总计", "收入总计 = 支出总计"),
}


def _reason(tally: KindTally) -> tuple[str, str]:
    zh, en = _KIND_WORDS.get(tally.kind, (tally.kind.value, tally.kind.value))
    return (
        f"{tally.checked} 处“{zh}”中有 {tally.failed} 处不成立",
        f"{tally.failed} of {tally.checked} checks '{en}' fail",
    )


class TableNotUnderstood(Rule):
    """Reports, once, a table whose arithmetic is skipped because its reading is not trusted.

    ## What it does
    For every table, the arithmetic identities of each kind that could be checked
    (合计 rows, 合计 columns, 其中 subsets, the 科目 hierarchy, balances) are
    counted, and those that fail beyond rounding. When at least 3 identities of
    one kind fail and they are more than half of that kind's checks, or at least 5
    fail and they are at least a fifth, the table is *not understood*: one info
    names the table and the failing kinds, and BL201–BL205 and BL301 report
    nothing from it. A table with one or two failures among many that hold is
    understood, and its failures are reported as errors; rounding differences
    never make a table not understood.

    A total whose rows list 类, 款 and 项 (or units and their projects) by name
    only, with no codes, is checked against the outermost rows the figures
    resolve (each parent equal to the sum of the rows below it). When the
    figures resolve no such reading, that total alone is skipped, with one info
    per table; the rest of the table is still checked.

    A text file whose tables are aligned with spaces instead of tabs gets one info
    for the document, naming the first such table's line and how many there are:
    its tables were not checked. In a ``.txt``/``.md`` file a table is a title line
    (ending in 表), an optional ``单位：万元`` line and one line per row with its cells
    separated by tabs — the form the PDF, Word and Excel readers write (see
    ``budgetlint --show-text``). Columns are never guessed from runs of spaces: a
    label holding a space would shift every cell after it. A space-aligned row is a
    line without a tab that splits on runs of two or more spaces into two or more
    fields and ends in a number; three such lines in a row, one with an amount
    (``133.31``, ``3,320,000``), are a table.

    ## Why is this bad?
    It is not a fault of the document: published tables are almost always
    consistent, so a table in which most rows fail the same identity was misread
    (columns shifted, a wrapped label taken for a row, codes read from the wrong
    cell). Reporting each failure would bury the user in false errors; saying once
    that the table was skipped keeps the report honest about what was checked.

    ## Example
    ::

        科目编码	科目名称	合计	基本支出	项目支出
        208	社会保障和就业支出	133.31	83.00	50.31
        …   (every row: 合计 ≠ 基本支出 + 项目支出, the columns were read shifted)
        ← BL003: 表格“…”的结构未能识别，已跳过其算术检查（5 处“合计列等于组成列之和”中有 5 处不成立）

    ## Source
    budgetlint parsing contract (RULES.md, BL0xx); issue 14 (precision first).
    """

    code = "BL003"
    name = "table-not-understood"
    severity = Severity.INFO
    summary_zh = "表格结构未能识别，已跳过其算术检查"
    summary_en = "A table was not understood; its arithmetic checks were skipped"
    doc_zh = """对因读取结果不可信而跳过算术检查的表，只报告一次。

    ## 作用
    对每张表，统计各类可检查的算术关系（合计行、合计列、“其中”子项、科目层级、收支平衡）及其中
    超出四舍五入误差不成立的个数。某一类中至少 3 处不成立且超过该类检查数的一半，或至少 5 处
    不成立且不少于五分之一时，认为这张表“未能识别”：给一条提示（info），写明表名和不成立的
    类别，BL201–BL205 和 BL301 不再报告这张表的任何问题。大量成立的关系中只有一两处不成立的表
    视为已识别，其不成立处按错误报告；四舍五入差异从不导致表格被判为未能识别。

    合计下只按名称（没有编码）列出类、款、项（或单位及其项目）时，按数字能解出的最外层行检查
    （每个上级等于其下各行之和）。数字解不出这样的结构时，只跳过该合计，每张表给一条提示，表的
    其余部分照常检查。

    文本文件中用空格而不是制表符对齐的表格（列按制表符分隔的单元格读取），整篇文档给一条提示，
    写明第一张这样的表所在行和共有几张：这些表未被检查。

    ## 为什么有问题？
    这不是文档的错误：公开的表格几乎总是自洽的，大多数行都不满足同一关系的表是被读错了（列错位、
    换行的名称被当成一行、编码取自错误的单元格）。逐条报告会让用户淹没在误报中；只说一次“这张表
    跳过了”，报告才如实反映检查了什么。

    ## 示例
    ::

        科目编码    科目名称    合计      基本支出    项目支出
        208     社会保障和就业支出       133.31  83.00   50.31
        …   （每一行：合计 ≠ 基本支出 + 项目支出，列被读错位）
        ← BL003: 表格“…”的结构未能识别，已跳过其算术检查（5 处“合计列等于组成列之和”中有 5 处不成立）

    ## 依据
    budgetlint 解析约定（RULES.md，BL0xx）；issue 14（精确优先）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        for verdict in ctx.structure_gate.not_understood():
            reasons = [_reason(tally) for tally in verdict.reasons]
            zh_table = f"表格“{verdict.title}”" if verdict.title else "一张无标题的表格"
            en_table = f"table '{verdict.title}'" if verdict.title else "an untitled table"
            yield self.report(
                ctx.doc,
                verdict.title_span,
                f"{zh_table}的结构未能识别，已跳过其算术检查（{'；'.join(zh for zh, _ in reasons)}）",
                f"{en_table} was not understood; its arithmetic checks were skipped"
                f" ({'; '.join(en for _, en in reasons)})",
            )
        blocks = space_aligned_blocks(ctx.doc)
        if blocks:
            first = blocks[0].first_line
            yield self.report(
                ctx.doc,
                Span.of_line(first, ctx.doc.line_text(first)),
                f"文档中有 {len(blocks)} 处表格以空格对齐（{cite_line(ctx.doc, first, 'zh')}起），未能读取其列，其算术未检查；"
                "请用制表符分隔各列（或检查 PDF/Excel 原件）",
                f"{len(blocks)} table(s) aligned with spaces (from {cite_line(ctx.doc, first, 'en')}) were not read and not checked;"
                " separate the columns with tabs (or lint the PDF/Excel original)",
            )
        for item in ctx.structure_gate.unresolved:
            zh_table = f"表格“{item.table}”" if item.table else "一张无标题的表格"
            en_table = f"table '{item.table}'" if item.table else "an untitled table"
            total = item.total.label
            yield self.report(
                ctx.doc,
                item.title_span,
                f"{zh_table}的“{total}”所列各行层级（类/款/项或单位/项目）未列编码，无法从金额识别其层级，未检查该合计",
                f"{en_table}: the rows under '{total}' are levels without codes (类/款/项, units"
                " and their projects) that the figures do not resolve; that total was not checked",
            )
