"""BL302: an amount in the narrative differs from the table figure it names."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.facts import Fact
from budgetlint.analysis.narrative import AmountClaim
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import Document, HeadingKind
from budgetlint.model.numbers import TO_WAN, Figure, Interval, format_figure, matches_rounded, normalize_width
from budgetlint.plugins.rule import Rule, cite_line

#: Words that restrict an amount to part of the funds: 财政拨款支出的基本支出 is not the 基本支出.
#: 三公经费 and 机关运行经费 are scopes too: "机关运行经费82万元，其中：公务接待费2万元" is the
#: 机关's share, not the department's 公务接待费 of an economic-classification table.
SCOPES = ("财政拨款", "一般公共预算", "政府性基金", "国有资本经营", "财政专户", "三公", "机关运行经费")


#: The funds 财政拨款 is made of: a sentence naming one of them is about that fund alone.
_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")


def _same_scope(context: str, sources: tuple[tuple[str, int], ...]) -> bool:
    """Does the narrative's scope (e.g. 财政拨款支出) match every table the figure came from?"""
    text = normalize_width(context).replace("非财政拨款", "")  # 使用非财政拨款结余 is not a scope
    scopes = [s for s in SCOPES if s in text]
    if not scopes:
        return True
    return all(any(s in title for s in scopes) for title, _ in sources)


def _scope_filter(context: str) -> Callable[[str], bool] | None:
    """A test of table titles by the scope words of the sentence (财政拨款, 一般公共预算 …), or
    None when it states none: a label that two tables print differently is then ambiguous."""
    text = normalize_width(context).replace("非财政拨款", "")
    scopes = [s for s in SCOPES if s in text]
    if "财政拨款" in scopes and any(s in scopes for s in _FUNDS):
        scopes.remove("财政拨款")  # 一般公共预算财政拨款 is 一般公共预算's
    if not scopes:
        return None
    return lambda title: all(s in title for s in scopes)


#: The numbered headings a narrative paragraph sits under (table titles are not its headings).
_SECTION_KINDS = (HeadingKind.PART, HeadingKind.LEVEL1, HeadingKind.LEVEL2, HeadingKind.LEVEL3)


class _HeadingScopes:
    """The scope words of the headings each line sits under: "三、一般公共预算支出情况" gives its
    sentences (支出预算…) the scope 一般公共预算 when they state none of their own."""

    def __init__(self, doc: Document) -> None:
        self._lines: list[int] = []
        self._scopes: list[str] = []  # the innermost enclosing heading that states a scope, or ""
        chain: list[tuple[int, str]] = []  # (depth, text) from the outermost heading in
        for heading in sorted(doc.headings, key=lambda h: h.span.line):
            if heading.kind not in _SECTION_KINDS:
                continue
            depth = heading.kind.depth
            while chain and chain[-1][0] >= depth:
                chain.pop()
            chain.append((depth, heading.text))
            self._lines.append(heading.span.line)
            self._scopes.append(_innermost_scope([text for _, text in chain]))

    def at(self, line: int) -> str:
        """The scope-stating heading text above ``line`` ("" when none)."""
        index = bisect.bisect_left(self._lines, line) - 1
        return self._scopes[index] if index >= 0 else ""


def _innermost_scope(texts: Sequence[str]) -> str:
    return next((text for text in reversed(texts) if _scope_filter(text) is not None), "")


#: The units a narrative amount is printed in, for a figure whose digits are right but not its unit.
_UNITS = ("元", "万元", "亿元")


def _unit_meant(claim: AmountClaim, table: Figure) -> str | None:
    """The unit in which the stated digits are the table figure ("133.31元" where the table
    prints 133.31 万元), None when no other unit makes them agree. A zero says nothing of its unit."""
    if claim.unit not in TO_WAN or not table.value:
        return None
    printed = claim.figure.scaled(1 / TO_WAN[claim.unit])  # the digits as printed
    for unit in _UNITS:
        if unit != claim.unit and matches_rounded(printed.scaled(TO_WAN[unit]), table.value):
            return unit
    return None


class NarrativeAmountMismatch(Rule):
    """Reports narrative amounts that contradict the tables.

    ## What it does
    Reads every "label + amount" of the 情况说明 (社会保障和就业支出133.31万元,
    基本支出57.3万元, 一般公共预算拨款收入140.30万元) and looks the label up among
    the figures the tables print (row labels such as 八、社会保障和就业支出, the
    合计 row's 基本支出/项目支出/人员经费/公用经费 columns, 收入总计 …; 元 and 万元
    converted). A stated amount that the table figure does not round to is an
    error; one within the rounding of both is reported as info. When the stated
    digits are the table's in another unit (133.31元 for 133.31 万元), the error
    says the unit is wrong. Labels that name
    no table figure, or that the tables give different figures for, are skipped,
    and so are amounts restricted to part of the funds (财政拨款支出…其中项目支出)
    when the figure comes from a table of all funds. A sentence that states no scope
    of its own (支出包括：教育支出…) under a heading that does (（四）财政拨款收支预算情况的
    总体说明) takes the heading's scope to choose among tables that print the label
    differently. A subject written as a 科目 chain
    (一般公共服务支出（类）统计信息事务（款）统计管理（项）2.63万元, or a 决算 item titled by
    its chain: …（项）。…支出决算为51.32万元) is the row its code path or name path names
    in the function-classification expenditure tables, when they agree on its figure. An
    amount of the 三公 paragraph that names a 三公 item (因公出国（境）费, 公务接待费, 公务用车
    购置及运行费, 购置费, 运行费, the 三公 total) is the 三公 table's figure: of its one figure
    row, or of the latest year's row when it prints one row per year; an amount whose label
    names only a year and stage (2026 年预算数) takes the item its clause or its item title
    names (2.公务接待费。2026 年预算数3.50万元).

    ## Why is this bad?
    The narrative is what most readers read. A figure that contradicts the table
    misinforms them and is the most frequent finding of disclosure inspections.

    ## Example
    ::

        208	社会保障和就业支出	133.31
        …支出包括：社会保障和就业支出133.13万元…      ← BL302: the table says 133.31

    ## Source
    预算法 art. 14 (the disclosed budget and its explanation); 财预〔2016〕143号
    (情况说明 explains the tables).
    """

    code = "BL302"
    name = "narrative-amount-mismatch"
    severity = Severity.ERROR
    summary_zh = "情况说明中的金额与表格不一致"
    summary_en = "A narrative amount differs from the table figure it names"
    doc_zh = """报告与表格矛盾的情况说明金额。

    ## 作用
    读取情况说明中的每个“名称 + 金额”（社会保障和就业支出133.31万元、基本支出57.3万元、一般
    公共预算拨款收入140.30万元），在表格印出的数字中查找该名称（如 八、社会保障和就业支出 这样的
    行名，合计行的基本支出/项目支出/人员经费/公用经费列，收入总计 …；元和万元相互换算）。说明中
    的金额不是表中数字的舍入值时为错误；在两者舍入误差内的报告为提示。找不到对应表格数字的名称，
    或各表给出不同数字的名称，均跳过；当表中数字来自全部资金的表时，只针对部分资金的金额
    （财政拨款支出…其中项目支出）也跳过。以科目链表述的科目（一般公共服务支出（类）统计信息事务
    （款）统计管理（项）2.63万元，或以科目链为标题的决算条目：…（项）。…支出决算为51.32万元），
    在各功能分类支出表对其数字一致时，对应其编码路径或名称路径所指的行。三公段落中指明三公项目
    （因公出国（境）费、公务接待费、公务用车购置及运行费、购置费、运行费、三公合计）的金额对应
    三公经费表中的数字。

    ## 为什么有问题？
    情况说明是多数读者阅读的部分。与表格矛盾的数字会误导读者，也是公开检查中最常见的问题。

    ## 示例
    ::

        208     社会保障和就业支出       133.31
        …支出包括：社会保障和就业支出133.13万元…      ← BL302：表中为 133.31

    ## 依据
    预算法第十四条（公开预算及其说明）；财预〔2016〕143号（情况说明解释表格）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        index = ctx.fact_index
        story = ctx.narrative
        chained = {id(c.claim): c for c in ctx.chain_claims}
        three = {id(c.claim): c for c in ctx.three_public_claims}
        whole_of = {id(part): b.whole for b in story.breakdowns for part in b.parts}
        headings: _HeadingScopes | None = None  # built when a sentence needs its heading's scope
        for claim in story.amounts:
            chain = chained.get(id(claim))
            if chain is not None:
                # The chain names the row (行政运行 alone is printed under every 款).
                yield from self._compare(ctx, claim, chain.chain.shown, chain.fact)
                continue
            item = three.get(id(claim))
            if item is not None:
                # A 三公 figure is the 三公 table's, not the economic table's 公务接待费 row.
                yield from self._compare(ctx, claim, claim.label, item.fact)
                continue
            if len(claim.label) < 2:
                continue  # "算" (the wrapped tail of 政府性基金预|算) names nothing
            whole = whole_of.get(id(claim))
            # The scope is what qualifies the label (its list's whole, words before it), not the label itself.
            prefix = claim.raw_label.split(claim.label)[0] if claim.label in claim.raw_label else ""
            scope = prefix + (whole.raw_label if whole else "")
            fact = index.get(claim.label, _scope_filter(scope + claim.label))
            if fact is None and _scope_filter(scope + claim.label) is None and claim.label in index:
                # The sentence states no scope (支出预算…) and the tables disagree: its heading's scope chooses.
                if headings is None:
                    headings = _HeadingScopes(ctx.doc)
                heading = _scope_filter(headings.at(claim.span.line))
                fact = index.get(claim.label, heading) if heading is not None else None
            if fact is None:
                continue
            if not _same_scope(scope, fact.sources):
                continue
            yield from self._compare(ctx, claim, claim.label, fact)

    def _compare(self, ctx: DocumentContext, claim: AmountClaim, label: str, fact: Fact) -> Iterator[Diagnostic]:
        """An error when the stated amount does not round to the table figure (info within rounding)."""
        stated, table = claim.figure, fact.figure
        if matches_rounded(stated, table.value):
            return
        doc = ctx.doc
        title, line = fact.sources[0]
        where_zh, where_en = cite_line(doc, line, "zh"), cite_line(doc, line, "en")
        grouping = "," in claim.shown
        shown_table = format_figure(table.value, min(table.decimals, 4), grouping)
        difference = format_figure(abs(stated.value - table.value), max(stated.decimals, 2), grouping)
        if Interval.of(stated).intersects(Interval.of(table)) and not ctx.options.exact_rounding:
            yield self.report(
                doc,
                claim.span,
                f"“{label}”{claim.shown}与“{title}”{where_zh}的 {shown_table}万元 相差 {difference}万元，在四舍五入误差内",
                f"'{label}' {claim.shown} differs from {shown_table} 万元 in '{title}' {where_en} "
                f"by {difference}, within rounding",
                severity=Severity.INFO,
            )
            return
        unit = _unit_meant(claim, table)
        if unit is not None:
            yield self.report(
                doc,
                claim.span,
                f"“{label}”{claim.shown}的单位有误：“{title}”{where_zh}为 {shown_table}万元，"
                f"数字相同而单位应为“{unit}”",
                f"'{label}' {claim.shown} has the wrong unit: '{title}' {where_en} prints {shown_table} 万元, "
                f"the same digits in {unit}",
            )
            return
        yield self.report(
            doc,
            claim.span,
            f"“{label}”{claim.shown}与“{title}”{where_zh}的 {shown_table}万元 不一致（差 {difference}万元）",
            f"'{label}' {claim.shown} contradicts {shown_table} 万元 in '{title}' {where_en} (difference {difference})",
        )
