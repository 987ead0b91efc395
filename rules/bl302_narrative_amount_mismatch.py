"""BL302: an amount in the narrative differs from the table figure it names."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.facts import Fact
from budgetlint.analysis.narrative import AmountClaim
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.numbers import Interval, format_figure, matches_rounded, normalize_width
from budgetlint.plugins.rule import Rule

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


class NarrativeAmountMismatch(Rule):
    """Reports narrative amounts that contradict the tables.

    ## What it does
    Reads every "label + amount" of the 情况说明 (社会保障和就业支出133.31万元,
    基本支出57.3万元, 一般公共预算拨款收入140.30万元) and looks the label up among
    the figures the tables print (row labels such as 八、社会保障和就业支出, the
    合计 row's 基本支出/项目支出/人员经费/公用经费 columns, 收入总计 …; 元 and 万元
    converted). A stated amount that the table figure does not round to is an
    error; one within the rounding of both is reported as info. Labels that name
    no table figure, or that the tables give different figures for, are skipped,
    and so are amounts restricted to part of the funds (财政拨款支出…其中项目支出)
    when the figure comes from a table of all funds. A subject written as a 科目 chain
    (一般公共服务支出（类）统计信息事务（款）统计管理（项）2.63万元, or a 决算 item titled by
    its chain: …（项）。…支出决算为51.32万元) is the row its code path or name path names
    in the function-classification expenditure tables, when they agree on its figure. An
    amount of the 三公 paragraph that names a 三公 item (因公出国（境）费, 公务接待费, 公务用车
    购置及运行费, 购置费, 运行费, the 三公 total) is the 三公 table's figure.

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
        grouping = "," in claim.shown
        shown_table = format_figure(table.value, min(table.decimals, 4), grouping)
        difference = format_figure(abs(stated.value - table.value), max(stated.decimals, 2), grouping)
        if Interval.of(stated).intersects(Interval.of(table)) and not ctx.options.exact_rounding:
            yield self.report(
                doc,
                claim.span,
                f"“{label}”{claim.shown}与“{title}”第 {line} 行的 {shown_table}万元 相差 {difference}万元，在四舍五入误差内",
                f"'{label}' {claim.shown} differs from {shown_table} 万元 in '{title}' line {line} "
                f"by {difference}, within rounding",
                severity=Severity.INFO,
            )
            return
        yield self.report(
            doc,
            claim.span,
            f"“{label}”{claim.shown}与“{title}”第 {line} 行的 {shown_table}万元 不一致（差 {difference}万元）",
            f"'{label}' {claim.shown} contradicts {shown_table} 万元 in '{title}' line {line} "
            f"(difference {difference})",
        )
