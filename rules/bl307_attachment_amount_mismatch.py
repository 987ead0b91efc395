"""BL307: an attached form (项目绩效目标表) whose funds differ from the project's budget or the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.narrative import Narrative, clean_label
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import Cell, ColumnRole, Document, Table
from budgetlint.model.numbers import Figure, Interval, format_figure, matches_rounded, try_parse_amount
from budgetlint.model.text import TO_WAN, fact_lookup_key, normalize_width
from budgetlint.plugins.rule import Rule, cite_line, han_run_start

_FORM_TITLE = "绩效目标"


def _with_colon(*labels: str) -> frozenset[str]:
    """The labels as printed alone in a cell, with or without a colon."""
    return frozenset(label + colon for label in labels for colon in ("", ":", "："))


_YEAR_FUNDS = _with_colon("年度资金总额", "年度资金", "本年度资金", "年度预算资金", "年度总额")
_PROJECT_NAME = _with_colon("项目名称")
_YUAN_HEADER = re.compile(r"[(（]\s*(万元|元)\s*[)）]")
#: A figure in 万元. It starts at a digit not inside a run of digits and commas already begun
#: (no digit, nor "digit,", right before): a match from inside a run is one from its start, and
#: retrying a long run of digits from each of them was quadratic.
_WAN_AMOUNT = re.compile(r"(?<!\d)(?<!\d,)(\d[\d,]*(?:\.\d+)?)\s*万元")
_MAX_WORDS = 12


def _worded_amounts(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(words, number, start of the words, end) for every "电费3.4万元": 2–12 Chinese
    characters right before a figure in 万元 (the last 12 of a longer run).

    Found from the figure backwards, never reading back into the previous finding (its 万元
    are Chinese characters too): the same findings as a regex starting with the words.
    """
    previous_end = 0
    for match in _WAN_AMOUNT.finditer(text):
        end = match.start()
        start = han_run_start(text, end, _MAX_WORDS, floor=previous_end)
        if end - start >= 2:
            previous_end = match.end()
            yield text[start:end], match.group(1), start, match.end()


def _cells(table: Table) -> list[tuple[int, list[Cell]]]:
    return [(row.span.line, list(row.cells)) for row in table.header_rows + table.rows]


def _value_after(cells: list[Cell], index: int) -> Cell | None:
    return next((c for c in cells[index + 1 :] if not c.is_blank), None)


class AttachmentAmountMismatch(Rule):
    """Reports a 绩效目标表 whose funds contradict the project table or the narrative.

    ## What it does
    In attached performance-target forms (项目支出绩效目标申报表/填报表):

    - reads the 年度资金总额 (in the unit of its 项目资金（元） row) and the 项目名称,
      finds that project in the 项目支出表 and reports a different amount;
    - reads "label + N万元" statements in the form's text cells (电费3.4万元) and
      reports those that the narrative states with another figure for the same
      label (电费8.4万元).

    ## Why is this bad?
    The performance target is the commitment the funds are approved for. A form
    that asks for 33万元 while the budget gives 83万元, or that describes other
    cost items than the narrative, was copied from another year or project.

    ## Example
    ::

        金保工程信息系统日常运营维护	83.00     (项目支出预算表, 万元)
        项目资金(元)	申报期资金总额:	3,320,000	年度资金总额:	330,000
                                             ← BL307: 33.00万元 ≠ 83.00万元

    ## Source
    《项目支出绩效评价管理办法》(财预〔2020〕10号) and provincial rules on
    绩效目标 accompanying the budget; RULES.md BL307.
    """

    code = "BL307"
    name = "attachment-amount-mismatch"
    severity = Severity.WARNING
    summary_zh = "绩效目标表中的资金与项目预算或正文不一致"
    summary_en = "An attached performance form's funds differ from the project budget or the text"
    doc_zh = """报告资金与项目支出表或情况说明矛盾的绩效目标表。

    ## 作用
    在附后的绩效目标表（项目支出绩效目标申报表/填报表）中：

    - 读取年度资金总额（按其“项目资金（元）”行的单位）和项目名称，在项目支出表中找到该项目，
      金额不同时报告；
    - 读取表中文字单元格里的“名称 + N万元”（电费3.4万元），情况说明对同一名称写了另一个数字
      （电费8.4万元）时报告。

    ## 为什么有问题？
    绩效目标是资金获批所依据的承诺。申请 33 万元而预算安排 83 万元的表，或所写费用项目与情况
    说明不同的表，是从其他年度或项目复制来的。

    ## 示例
    ::

        金保工程信息系统日常运营维护  83.00     （项目支出预算表，万元）
        项目资金(元) 申报期资金总额:        3,320,000       年度资金总额: 330,000
                                             ← BL307：33.00万元 ≠ 83.00万元

    ## 依据
    《项目支出绩效评价管理办法》（财预〔2020〕10号）及各省关于随预算公开绩效目标的规定；RULES.md BL307。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        forms = [t for t in doc.tables if _FORM_TITLE in t.title]
        if not forms:
            return
        projects = _project_budgets(doc)
        stated = _narrative_amounts(ctx.narrative)
        for form in forms:
            yield from self._year_funds(doc, form, projects)
            yield from self._text_amounts(doc, form, stated)

    def _year_funds(
        self, doc: Document, form: Table, projects: dict[str, tuple[Figure, str, int]]
    ) -> Iterator[Diagnostic]:
        name = None
        unit = "元"
        # Each cell's text width-normalized without spaces, computed once for both passes.
        rows = [(cells, [normalize_width(cell.text).replace(" ", "") for cell in cells]) for _, cells in _cells(form)]
        for cells, texts in rows:
            for i, text in enumerate(texts):
                header_unit = _YUAN_HEADER.search(text)
                if header_unit:
                    unit = header_unit.group(1)
                if text in _PROJECT_NAME and name is None:
                    value = _value_after(cells, i)
                    name = value.text if value is not None else None
        if not name or fact_lookup_key(name) not in projects:
            return
        budget, title, line = projects[fact_lookup_key(name)]
        for cells, texts in rows:
            for i, text in enumerate(texts):
                if text not in _YEAR_FUNDS:
                    continue
                value_cell = _value_after(cells, i)
                figure = try_parse_amount(value_cell.text) if value_cell is not None else None
                if figure is None or value_cell is None:
                    continue
                funds = figure.scaled(TO_WAN[unit])
                if matches_rounded(budget, funds.value) or Interval.of(funds).intersects(Interval.of(budget)):
                    continue
                yield self.report(
                    doc,
                    value_cell.span,
                    f"绩效目标表“{name}”年度资金总额 {value_cell.text}{unit}（{format_figure(funds.value, 2)}万元）"
                    f"与“{title}”{cite_line(doc, line, 'zh')}的 {budget}万元 不一致",
                    f"the performance form of '{name}' states annual funds of {value_cell.text} {unit} "
                    f"({format_figure(funds.value, 2)} 万元), but '{title}' {cite_line(doc, line, 'en')} budgets {budget} 万元",
                )

    def _text_amounts(self, doc: Document, form: Table, stated: dict[str, tuple[Figure, str]]) -> Iterator[Diagnostic]:
        reported: set[str] = set()
        for _, cells in _cells(form):
            for cell in cells:
                if len(cell.text) < 20:
                    continue
                text = normalize_width(cell.text)
                for words, number, words_start, end in _worded_amounts(text):
                    label = clean_label(words.rsplit("为", 1)[-1])  # the words hold no punctuation
                    figure = try_parse_amount(number)
                    if not label or figure is None or label in reported or label not in stated:
                        continue
                    narrative_figure, shown = stated[label]
                    if matches_rounded(figure, narrative_figure.value) or matches_rounded(
                        narrative_figure, figure.value
                    ):
                        continue
                    reported.add(label)
                    start = cell.span.column + words_start + len(words) - len(label)
                    span = cell.span._replace(column=start, end_column=cell.span.column + end)
                    yield self.report(
                        doc,
                        span,
                        f"绩效目标表称“{label}{number}万元”，正文为“{label}{shown}”",
                        f"the performance form states '{label} {number} 万元', the narrative '{label} {shown}'",
                    )


def _project_budgets(doc: Document) -> dict[str, tuple[Figure, str, int]]:
    """Project name → its total in 万元, from tables titled 项目支出 with a unit."""
    found: dict[str, tuple[Figure, str, int]] = {}
    for table in doc.tables:
        if "项目支出" not in table.title or table.unit is None or _FORM_TITLE in table.title:
            continue
        amounts = [c for c in table.columns if c.role is ColumnRole.AMOUNT]
        if not amounts:
            continue
        for row in table.rows:
            cell = row.cell(amounts[0].index)
            if row.label and not row.is_total and cell is not None and cell.figure is not None:
                found.setdefault(
                    fact_lookup_key(row.label),
                    (cell.figure.scaled(TO_WAN.get(table.unit, Decimal(1))), table.title, row.span.line),
                )
    return found


def _narrative_amounts(story: Narrative) -> dict[str, tuple[Figure, str]]:
    """Label → (figure, as printed) for labels the narrative states exactly once."""
    seen: dict[str, list[tuple[Figure, str]]] = {}
    for claim in story.amounts:
        if claim.label:
            seen.setdefault(claim.label, []).append((claim.figure, claim.shown))
    return {label: values[0] for label, values in seen.items() if all(v[0].value == values[0][0].value for v in values)}
