"""BL508: a renamed 政府收支分类科目 name, or a narrative naming a code differently from the table."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.text import fact_lookup_key, normalize_width
from budgetlint.plugins.rule import Rule, han_run_start, line_matches

#: Old name → (new name, first budget year of the new name). 政府收支分类科目 revisions of 2019.
RENAMED = {
    "医疗卫生与计划生育支出": ("卫生健康支出", 2019),
    "国土海洋气象等支出": ("自然资源海洋气象等支出", 2019),
    "文化体育与传媒支出": ("文化旅游体育与传媒支出", 2019),
}
_OLD = re.compile("|".join(RENAMED))
_CODE_IN_PARENS = re.compile(r"[(（](\d{3}|\d{5}|\d{7})[)）]")
_MAX_NAME = 24


def _named_codes(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(name, code, start of the name, end of the code) for every "社会保障和就业支出（208）":
    a 3/5/7-digit code in brackets right after 2–24 Chinese characters (the last 24 of a
    longer run).

    The same matches as the regex "2–24 Chinese characters, then the bracketed code", found
    from the brackets backwards: that regex, started at every Chinese character of the
    narrative, cost more than the rest of the rule.
    """
    for match in _CODE_IN_PARENS.finditer(text):
        end = match.start()
        start = han_run_start(text, end, _MAX_NAME)  # a previous match ends with a bracket
        if end - start >= 2:
            yield text[start:end], match.group(1), start, match.end(1)


_QUALIFIER = re.compile(r"\([^()]*\)$")


def _bare_name(key: str) -> str:
    """A subject name without what tables and prose add to it: the 款 in brackets that a
    table appends to tell 行政运行 rows apart (行政运行(人力资源和社会保障管理事务)), and the
    generic suffix 支出 (对个人和家庭的补助支出 is the 类 对个人和家庭的补助)."""
    bare = _QUALIFIER.sub("", key)
    return bare[: -len("支出")] if bare.endswith("支出") and len(bare) > 4 else bare


def _same_subject(name: str, known: set[str]) -> bool:
    """Does the narrative's ``name`` (a lookup key) name one of the table's names for its code?"""
    if name in known or any(name.endswith(k) for k in known):
        return True
    bare = _bare_name(name)
    return any(_bare_name(k) and (_bare_name(k) == bare or bare.endswith(_bare_name(k))) for k in known)


class OutdatedSubjectName(Rule):
    """Reports renamed classification names and names that contradict their code.

    ## What it does
    Reports 政府收支分类科目 names that were renamed before the document's year
    (医疗卫生与计划生育支出 → 卫生健康支出 and 国土海洋气象等支出 → 自然资源海洋气象等支出
    since 2019, 文化体育与传媒支出 → 文化旅游体育与传媒支出), and a narrative name
    followed by a code, 小学教育（2050202）, when the tables call that code
    something else.

    ## Why is this bad?
    An outdated class name shows a template carried over from before the 2019
    classification and may come with outdated codes; two names for one code make
    the narrative impossible to match with the tables.

    ## Example
    ::

        2024年…
        5. “医疗卫生与计划生育支出（类）行政事业单位医疗（款）…”    ← BL508: 卫生健康支出 since 2019

    ## Source
    财政部《2019年政府收支分类科目》(财预〔2018〕 class renames); 预算法 art. 32.
    """

    code = "BL508"
    name = "outdated-subject-name"
    severity = Severity.WARNING
    summary_zh = "使用了已更名的科目名称，或说明与表格对同一科目编码名称不一致"
    summary_en = "A renamed classification name, or a name that differs from the table's for the same code"
    doc_zh = """报告已更名的分类科目名称，以及与其编码矛盾的名称。

    ## 作用
    报告在文档年度之前已更名的政府收支分类科目名称（2019 年起 医疗卫生与计划生育支出 → 卫生健康
    支出、国土海洋气象等支出 → 自然资源海洋气象等支出，文化体育与传媒支出 → 文化旅游体育与传媒
    支出），以及情况说明中后跟编码的名称，如 小学教育（2050202），而表格对该编码用的是另一个名称。

    ## 为什么有问题？
    过时的类名说明模板沿用自 2019 年分类之前，可能还带着过时的编码；一个编码两个名称，使情况说明
    无法与表格对应。

    ## 示例
    ::

        2024年…
        5. “医疗卫生与计划生育支出（类）行政事业单位医疗（款）…”    ← BL508：2019 年起为卫生健康支出

    ## 依据
    财政部《2019年政府收支分类科目》（财预〔2018〕科目更名）；预算法第三十二条。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        year = doc.year or 9999
        for found in line_matches(ctx, _OLD):
            new, since = RENAMED[found.shown]
            if year >= since:
                yield self.report(
                    doc,
                    found.span,
                    f"“{found.shown}”自 {since} 年起已更名为“{new}”",
                    f"'{found.shown}' was renamed '{new}' in {since}",
                )
        yield from self._names_against_codes(ctx)

    def _names_against_codes(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        names: dict[str, set[str]] = {}
        for table in doc.tables:
            for row in table.rows:
                if row.code and row.label:
                    names.setdefault(row.code, set()).add(fact_lookup_key(row.label))
        if not names:
            return
        for flow in ctx.narrative.flows:
            text = normalize_width(flow.text)
            for name, code, start, end in _named_codes(text):
                known = names.get(code)
                if not known or _same_subject(fact_lookup_key(name), known):
                    continue
                table_name = sorted(known)[0]
                yield self.report(
                    doc,
                    flow.span(start, end + 1),
                    f"说明称科目 {code} 为“{name}”，表格中为“{table_name}”",
                    f"the narrative calls code {code} '{name}', the tables call it '{table_name}'",
                )
