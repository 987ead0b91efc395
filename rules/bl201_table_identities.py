"""BL201–BL205 and BL301: the rules of table arithmetic, and their words.

:mod:`budgetlint.analysis.tablechecks` finds every identity of a document's tables that
does not hold exactly (:class:`~budgetlint.analysis.identities.Identity`: its kind, its
figures, its verdict). This module decides which rule reports which kind and writes the
messages: BL201 column totals, BL202 row totals and 其中 subsets, BL203 the 科目
hierarchy, BL204 balances, BL301 the same quantity in two tables, and BL205 every
identity of any kind that fails only within rounding. They share one module because
BL205 words the findings of all the others, and a rule module never imports another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import ClassVar

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.identities import Identity, IdentityKind, Operand, RowRef
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import Document
from budgetlint.model.numbers import Comparison, Figure, Verdict, format_figure
from budgetlint.plugins.rule import Rule, cite_line

#: A finding's message in Chinese and in English.
Message = tuple[str, str]

# -- figures as the tables print them --------------------------------------------------


def _fmt(value: Decimal, decimals: int, commas: bool) -> str:
    """``value`` with ``decimals`` decimals, grouped by thousands when the table groups them."""
    text = format_figure(value, decimals)
    if commas:
        sign = "-" if text.startswith("-") else ""
        body = text.lstrip("-")
        whole, _, frac = body.partition(".")
        text = sign + f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text


def _decimals(figures: Iterable[Figure]) -> int:
    """The most decimals any rounded figure of the identity shows (exact figures show none)."""
    return max((f.decimals for f in figures if not f.exact), default=0)


def _figures(identity: Identity) -> list[Figure]:
    whole = _whole(identity)
    return [whole.figure, *(part.figure for part in identity.parts)]


def _title(table: str | None) -> str:
    return table or "表格"


#: Stands for "the row on line N" until the document is known (:func:`message`), where it
#: becomes the place a reader finds: a PDF's page, a Word/Excel origin, a text line.
_ROW_AT = re.compile(r"\x00row:(\d+)\x00")


def _row_name(row: RowRef) -> str:
    """A row as a reader finds it: its label, else its code, else its place."""
    return row.label or row.code or f"\x00row:{row.line}\x00"


def _whole(identity: Identity) -> Operand:
    if identity.whole is None:
        raise ValueError(f"a {identity.kind.value} identity without figures")
    return identity.whole


def _comparison(identity: Identity) -> Comparison:
    if identity.comparison is None:
        raise ValueError(f"a {identity.kind.value} identity without a comparison")
    return identity.comparison


def _row(operand: Operand) -> RowRef:
    if operand.row is None:
        raise ValueError("a figure the analysis summed has no row")
    return operand.row


def _defect_row(identity: Identity) -> RowRef:
    if identity.row is None:
        raise ValueError(f"a {identity.kind.value} finding without its row")
    return identity.row


# -- messages, by kind of identity ---------------------------------------------------


def _unequal(
    comparison: Comparison,
    left: tuple[str, str],
    left_figure: str,
    right: tuple[str, str],
    right_figure: str,
    decimals: int,
    commas: bool,
) -> Message:
    """``left ≠ right (difference …)``; ``left``/``right`` are their names in (zh, en)."""
    diff = _fmt(comparison.difference, decimals, commas)
    if comparison.verdict is Verdict.ROUNDING:
        tail_zh, tail_en = f"（差 {diff}，在四舍五入误差内）", f" (difference {diff}, within rounding)"
    else:
        tail_zh, tail_en = f"（差 {diff}）", f" (difference {diff})"
    return (
        f"{left[0]} {left_figure} ≠ {right[0]} {right_figure}{tail_zh}",
        f"{left[1]} {left_figure} ≠ {right[1]} {right_figure}{tail_en}",
    )


def _sum_of_rows(identity: Identity, parts_name: tuple[str, str]) -> Message:
    """A row's figure in one column ≠ the sum of other rows (``parts_name`` says which)."""
    whole, comparison = _whole(identity), _comparison(identity)
    commas = "," in whole.text
    decimals = _decimals(_figures(identity))
    title, name = _title(whole.table), _row_name(_row(whole))
    return _unequal(
        comparison,
        (f"“{title}”{name}（{whole.column}）", f"'{title}' {name} ({whole.column})"),
        whole.text,
        parts_name,
        _fmt(comparison.expected, decimals, commas),
        decimals,
        commas,
    )


def _column_total(identity: Identity) -> Message:
    return _sum_of_rows(identity, ("各行合计", "the sum of its rows"))


def _item_hierarchy(identity: Identity) -> Message:
    return _sum_of_rows(identity, ("所属明细合计", "the sum of its items"))


def _code_hierarchy(identity: Identity) -> Message:
    return _sum_of_rows(identity, ("下级科目合计", "the sum of its sub-items"))


def _balance(identity: Identity) -> Message:
    previous = _row_name(_row(identity.parts[0]))  # the total the later one carries forward
    return _sum_of_rows(identity, (f"{previous}与其后各项之和", f"{previous} plus the rows after it"))


def _row_total(identity: Identity) -> Message:
    whole, comparison = _whole(identity), _comparison(identity)
    commas = "," in whole.text
    decimals = _decimals(_figures(identity))
    title, name = _title(whole.table), _row_name(_row(whole))
    columns = "+".join(part.column or "" for part in identity.parts)
    return _unequal(
        comparison,
        (f"“{title}”{name}：{whole.column}", f"'{title}' {name}: {whole.column}"),
        whole.text,
        (columns, columns),
        _fmt(comparison.expected, decimals, commas),
        decimals,
        commas,
    )


def _subset_column(identity: Identity) -> Message:
    whole, subset = _whole(identity), identity.parts[0]
    decimals = _decimals(_figures(identity))
    diff = _fmt(_comparison(identity).difference, decimals, "," in whole.text)
    title, name = _title(identity.table), _row_name(_row(whole))
    return (
        f"“{title}”{name}：{subset.column} {subset.text} 大于 {whole.column} {whole.text}（差 {diff}）",
        f"'{title}' {name}: subset {subset.column} {subset.text} exceeds {whole.column} {whole.text}"
        f" (difference {diff})",
    )


def _subset_row(identity: Identity) -> Message:
    whole, subset = _whole(identity), identity.parts[0]
    decimals = _decimals(_figures(identity))
    diff = _fmt(_comparison(identity).difference, decimals, "," in subset.text)
    title, part_of, part = _title(identity.table), _row(whole).label, _row(subset).label
    return (
        f"“{title}”{part} {subset.text} 大于其所属的{part_of} {whole.text}（差 {diff}）",
        f"'{title}' {part} {subset.text} exceeds {part_of} {whole.text} it is part of (difference {diff})",
    )


def _code_length(identity: Identity) -> Message:
    row = _defect_row(identity)
    title, name, code = _title(identity.table), _row_name(row), row.code or ""
    return (
        f"“{title}”{name}的科目编码 {code} 不是类（3 位）、款（5 位）或项（7 位）编码",
        f"'{title}' {name}: code {code} is not a 3/5/7-digit 类/款/项 code",
    )


def _code_without_parent(identity: Identity) -> Message:
    row = _defect_row(identity)
    title, name, code = _title(identity.table), _row_name(row), row.code or ""
    parent = code[:-2]  # the code of the level above: two digits fewer
    return (
        f"“{title}”{name}的科目编码 {code} 不属于表中任何上级科目（无 {parent}）",
        f"'{title}' {name}: code {code} extends no parent row (no {parent})",
    )


def _two_sided_balance(identity: Identity) -> Message:
    expenditure, income = _whole(identity), identity.parts[0]
    title = _title(expenditure.table)
    out_label, in_label = _row(expenditure).label, _row(income).label
    return _unequal(
        _comparison(identity),
        (f"“{title}”{out_label}", f"'{title}' {out_label}"),
        expenditure.text,
        (in_label, in_label),
        income.text,
        _decimals(_figures(identity)),
        "," in income.text,
    )


#: Cross-table figures are in 万元, shown with two decimals whatever the tables print.
_WAN_DECIMALS = 2


def _cell_name(operand: Operand) -> str:
    row = _row(operand)
    return f"“{_title(operand.table)}”{row.label or row.code}（{operand.column}）"


def _cross_table(identity: Identity, whole_name: str) -> Message:
    whole, other, comparison = _whole(identity), identity.parts[0], _comparison(identity)
    a = format_figure(whole.figure.value, _WAN_DECIMALS)
    b = format_figure(other.figure.value, _WAN_DECIMALS)
    diff = format_figure(comparison.difference, _WAN_DECIMALS)
    if comparison.verdict is Verdict.ROUNDING:
        tail_zh, tail_en = f"（差 {diff} 万元，在四舍五入误差内）", f" (difference {diff} 万元, within rounding)"
    else:
        tail_zh, tail_en = f"（差 {diff} 万元）", f" (difference {diff} 万元)"
    other_name = _cell_name(other)
    return (
        f"{whole_name} {a} 万元 ≠ {other_name} {b} 万元{tail_zh}",
        f"{whole_name} {a} 万元 ≠ {other_name} {b} 万元{tail_en}",
    )


def _cross_table_cells(identity: Identity) -> Message:
    return _cross_table(identity, _cell_name(_whole(identity)))


def _cross_table_sides_total(identity: Identity) -> Message:
    return _cross_table(identity, f"“{_title(identity.table)}”合计")


def _cross_table_projects_total(identity: Identity) -> Message:
    return _cross_table(identity, "项目支出表合计")


_MESSAGES: dict[IdentityKind, Callable[[Identity], Message]] = {
    IdentityKind.COLUMN_TOTAL: _column_total,
    IdentityKind.ROW_TOTAL: _row_total,
    IdentityKind.SUBSET_COLUMN: _subset_column,
    IdentityKind.SUBSET_ROW: _subset_row,
    IdentityKind.ITEM_HIERARCHY: _item_hierarchy,
    IdentityKind.CODE_HIERARCHY: _code_hierarchy,
    IdentityKind.CODE_LENGTH: _code_length,
    IdentityKind.CODE_WITHOUT_PARENT: _code_without_parent,
    IdentityKind.BALANCE: _balance,
    IdentityKind.TWO_SIDED_BALANCE: _two_sided_balance,
    IdentityKind.CROSS_TABLE: _cross_table_cells,
    IdentityKind.CROSS_TABLE_SIDES_TOTAL: _cross_table_sides_total,
    IdentityKind.CROSS_TABLE_PROJECTS_TOTAL: _cross_table_projects_total,
}


def message(identity: Identity, doc: Document | None = None) -> Message:
    """The (zh, en) message of a finding about ``identity``; a row with neither label nor code
    is named by its place in ``doc`` (its page in a PDF), by its text line without one."""
    zh, en = _MESSAGES[identity.kind](identity)

    def place(lang: str) -> Callable[[re.Match[str]], str]:
        def cited(match: re.Match[str]) -> str:
            line = int(match.group(1))
            if doc is None:
                return f"第 {line} 行" if lang == "zh" else f"line {line}"
            return cite_line(doc, line, lang)

        return cited

    return _ROW_AT.sub(place("zh"), zh), _ROW_AT.sub(place("en"), en)


def _report(rule: Rule, ctx: DocumentContext, kinds: frozenset[IdentityKind], verdict: Verdict) -> Iterator[Diagnostic]:
    """``rule``'s findings: the identities of ``kinds`` with ``verdict``, in the order they were found.

    Nothing is reported from a table the structure gate did not understand (BL003 says so
    once): its failures are the reading's, not the document's.
    """
    gate = ctx.structure_gate
    for identity in ctx.table_identities:
        if identity.verdict is verdict and identity.kind in kinds and not gate.skips(identity):
            zh, en = message(identity, ctx.doc)
            yield rule.report(ctx.doc, identity.span, zh, en)


# -- the rules ---------------------------------------------------------------------------


class ColumnTotalMismatch(Rule):
    """Reports a 合计/总计/小计 row whose figure in a column differs from the sum of
    the rows it totals, beyond the rounding envelope.

    ## What it does
    In every logical table (each side of a two-sided table separately) the first
    total row is compared, column by column, with the sum of the outermost rows
    it totals: 类 rows (3-digit codes) in coded tables, 一、二、… rows or
    economic classes (工资福利支出 …) otherwise. 其中 rows are subsets and never
    summed. A later total row that is not a balance (BL204) must equal the
    previous total plus the rows between. Exact equality is silent, a difference
    within rounding is BL205.

    ## Why is this bad?
    A total that is not the sum of its rows means a figure was mistyped or a row
    is missing; the published budget contradicts itself.

    ## Example
    ::

        科目编码	科目名称	合计
        合计		140.40          ← BL201: 133.31 + 4.47 = 137.78
        208	社会保障和就业支出	133.31
        221	住房保障支出	4.47

    ## Source
    预算法 art. 14, 32; 财预〔2016〕143号 table templates (RULES.md, BL2xx).
    """

    code = "BL201"
    name = "column-total-mismatch"
    severity = Severity.ERROR
    summary_zh = "合计/总计/小计行不等于其所合计各行之和"
    summary_en = "A total row differs from the sum of the rows it totals"
    doc_zh = """报告某列数字与其所合计各行之和不符（超出四舍五入误差）的合计/总计/小计行。

    ## 作用
    在每张逻辑表中（两栏式表格的每一栏分别处理），把第一个合计行逐列与其所合计的最外层行之和
    比较：有编码的表为类行（3 位编码），否则为一、二、… 行或经济分类（工资福利支出 …）。“其中”
    行是子项，从不相加。后面不属于收支平衡（BL204）的合计行必须等于前一合计加上两者之间的行。
    完全相等不报告，四舍五入误差内的差异为 BL205。

    ## 为什么有问题？
    合计不等于各行之和，说明某个数字录错或缺了一行；公开的预算自相矛盾。

    ## 示例
    ::

        科目编码    科目名称    合计
        合计              140.40          ← BL201：133.31 + 4.47 = 137.78
        208     社会保障和就业支出       133.31
        221     住房保障支出  4.47

    ## 依据
    预算法第十四条、第三十二条；财预〔2016〕143号表格模板（RULES.md，BL2xx）。
    """
    #: The identity kinds this rule reports, and with which verdict.
    kinds: ClassVar[frozenset[IdentityKind]] = frozenset({IdentityKind.COLUMN_TOTAL})
    verdict: ClassVar[Verdict] = Verdict.MISMATCH

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        return _report(self, ctx, self.kinds, self.verdict)


class RowTotalMismatch(Rule):
    """Reports a row whose 合计/小计 column differs from the sum of its component
    columns, and a 其中 column larger than the figure it is part of.

    ## What it does
    Column roles come from the resolved header paths: a total column (合计, 小计,
    本年收入合计 …) and its sibling columns under the same header (基本支出 +
    项目支出; 人员经费 + 公用经费; 一般公共预算 + 政府性基金 + …); a component with
    sub-columns counts through its own total or its leaves. 其中 columns are
    subsets: never summed, only checked not to exceed their whole. 备注 columns
    and columns without a header are ignored.

    ## Why is this bad?
    合计 = 基本支出 + 项目支出 is the definition of the table; a row where it fails
    has a wrong figure.

    ## Example
    ::

        科目编码	科目名称	合计	基本支出	项目支出
        208	社会保障和就业支出	133.31	50.31	83.10   ← BL202: 50.31 + 83.10 = 133.41

    ## Source
    预算法实施条例 art. 40 (基本支出 and 项目支出); 财预〔2016〕143号 table templates.
    """

    code = "BL202"
    name = "row-total-mismatch"
    severity = Severity.ERROR
    summary_zh = "合计/小计列不等于其组成列之和，或“其中”列大于其所属数"
    summary_en = "A total column differs from the sum of its component columns, or a 其中 column exceeds its whole"
    doc_zh = """报告合计/小计列与其组成列之和不符的行，以及大于其所属数字的“其中”列。

    ## 作用
    列的角色来自解析后的表头路径：合计列（合计、小计、本年收入合计 …）及同一表头下的兄弟列
    （基本支出 + 项目支出；人员经费 + 公用经费；一般公共预算 + 政府性基金 + …）；有子列的组成列
    按其自身合计或末级列计算。“其中”列是子项：从不相加，只检查不超过其所属数字。备注列和没有
    表头的列不检查。

    ## 为什么有问题？
    合计 = 基本支出 + 项目支出 是这张表的定义；不满足的行有数字错误。

    ## 示例
    ::

        科目编码    科目名称    合计      基本支出    项目支出
        208     社会保障和就业支出       133.31  50.31   83.10   ← BL202：50.31 + 83.10 = 133.41

    ## 依据
    预算法实施条例第四十条（基本支出和项目支出）；财预〔2016〕143号表格模板。
    """
    #: The identity kinds this rule reports, and with which verdict.
    kinds: ClassVar[frozenset[IdentityKind]] = frozenset(
        {IdentityKind.ROW_TOTAL, IdentityKind.SUBSET_COLUMN, IdentityKind.SUBSET_ROW}
    )
    verdict: ClassVar[Verdict] = Verdict.MISMATCH

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        return _report(self, ctx, self.kinds, self.verdict)


class CodeHierarchyMismatch(Rule):
    """Reports a 类 or 款 row that differs from the sum of its children, and a code
    that extends no parent row of the table.

    ## What it does
    科目编码 form a hierarchy: a 3-digit 类 contains the 5-digit 款 that extend it,
    a 款 the 7-digit 项 (codes from one 科目编码 column, from 类|款|项 columns
    joined, or from the label, 公共安全支出（204类）). Each parent with children is
    compared with their sum in every amount column. A 5- or 7-digit code whose
    parent code is absent while the table prints codes of that level is reported
    (usually a misprinted code). Where a table prints no codes, the economic
    classes (工资福利支出, 商品和服务支出 …) and unnumbered rows followed by
    numbered items (①②) are checked the same way.

    ## Why is this bad?
    A parent that does not equal its items, or an item under no parent, means a
    figure or a code is wrong.

    ## Example
    ::

        208	社会保障和就业支出	133.31
        20801	人力资源和社会保障管理事务	127.56
        20805	行政事业单位养老支出	5.85        ← BL203 at 208: 127.56 + 5.85 = 133.41

    ## Source
    政府收支分类科目 (类/款/项); 预算法实施条例 art. 40; RULES.md BL203.
    """

    code = "BL203"
    name = "code-hierarchy-mismatch"
    severity = Severity.ERROR
    summary_zh = "类/款行不等于其下级科目之和，或科目编码不属于任何上级科目"
    summary_en = "A 类/款 row differs from the sum of its children, or a code extends no parent"
    doc_zh = """报告与其下级之和不符的类或款行，以及表中找不到上级行的编码。

    ## 作用
    科目编码构成层级：3 位的类包含延伸它的 5 位款，款包含 7 位的项（编码取自科目编码列、合并的
    类|款|项 列，或名称中的编码，如 公共安全支出（204类））。每个有下级的上级行在每个金额列上与
    下级之和比较。表中印有某一层级编码、而某个 5 位或 7 位编码的上级编码不存在时报告（通常是编码
    印错）。没有编码的表，经济分类（工资福利支出、商品和服务支出 …）以及其后跟着编号项（①②）的
    无编号行按同样方式检查。

    ## 为什么有问题？
    上级不等于其各项之和，或某项没有上级，说明数字或编码有误。

    ## 示例
    ::

        208     社会保障和就业支出       133.31
        20801   人力资源和社会保障管理事务   127.56
        20805   行政事业单位养老支出      5.85        ← 在 208 处报告 BL203：127.56 + 5.85 = 133.41

    ## 依据
    政府收支分类科目（类/款/项）；预算法实施条例第四十条；RULES.md BL203。
    """
    #: The identity kinds this rule reports, and with which verdict.
    kinds: ClassVar[frozenset[IdentityKind]] = frozenset(
        {
            IdentityKind.ITEM_HIERARCHY,
            IdentityKind.CODE_HIERARCHY,
            IdentityKind.CODE_LENGTH,
            IdentityKind.CODE_WITHOUT_PARENT,
        }
    )
    verdict: ClassVar[Verdict] = Verdict.MISMATCH

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        return _report(self, ctx, self.kinds, self.verdict)


class BalanceMismatch(Rule):
    """Reports a two-sided table whose 收入总计 differs from its 支出总计, and a
    grand total that is not 本年收入合计 (本年支出合计) plus the carry-over rows.

    ## What it does
    In 收支总表 and 财政拨款收支总表 the last total of the 收入 side must equal the
    last total of the 支出 side; on each side, 收入总计 = 本年收入合计 + 上年结转
    (+ 使用结余 …) and 支出总计 = 本年支出合计 + 年终结转.

    ## Why is this bad?
    A budget balances by construction; a table that does not balance has a
    wrong figure.

    ## Example
    ::

        本年收入合计	140.30	本年支出合计	140.30
        上年结转		年终结转
        收入总计	140.30	支出总计	140.40   ← BL204

    ## Source
    预算法 art. 12 (收支平衡); 财预〔2016〕143号 收支总表 template.
    """

    code = "BL204"
    name = "balance-mismatch"
    severity = Severity.ERROR
    summary_zh = "收入总计不等于支出总计，或本年合计加结转不等于总计"
    summary_en = "收入总计 differs from 支出总计, or 本年合计 plus carry-overs differs from the grand total"
    doc_zh = """报告收入总计与支出总计不符的两栏式表格，以及不等于本年收入（支出）合计加结转各行的总计。

    ## 作用
    在收支总表和财政拨款收支总表中，收入栏的最后合计必须等于支出栏的最后合计；每一栏中，
    收入总计 = 本年收入合计 + 上年结转（+ 使用结余 …），支出总计 = 本年支出合计 + 年终结转。

    ## 为什么有问题？
    预算按其构成必然收支平衡；不平衡的表中有数字错误。

    ## 示例
    ::

        本年收入合计  140.30  本年支出合计  140.30
        上年结转            年终结转
        收入总计    140.30  支出总计    140.40   ← BL204

    ## 依据
    预算法第十二条（收支平衡）；财预〔2016〕143号收支总表模板。
    """
    #: The identity kinds this rule reports, and with which verdict.
    kinds: ClassVar[frozenset[IdentityKind]] = frozenset({IdentityKind.BALANCE, IdentityKind.TWO_SIDED_BALANCE})
    verdict: ClassVar[Verdict] = Verdict.MISMATCH

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        return _report(self, ctx, self.kinds, self.verdict)


class RoundingDifference(Rule):
    """Reports a table identity that holds only within the rounding of its figures.

    ## What it does
    Every identity checked by BL201–BL204 and BL301 compares rounded figures. A
    figure shown with d decimals stands for an interval of half-width 0.5×10^-d;
    when the difference is not zero but within the sum of the half-widths, the
    identity may hold for the unrounded values, so this is information, not an
    error.

    ## Why is this bad?
    It is not necessarily wrong, but readers (and inspectors) notice that the
    printed figures do not add up; publishers often adjust a figure by 0.01 so
    that they do.

    ## Example
    ::

        商品和服务支出	5.43
        办公费	0.90  …  (items sum to 5.42)   ← BL205: 差 0.01，在四舍五入误差内

    ## Source
    RULES.md, "Tolerance: sums of rounded figures".
    """

    code = "BL205"
    name = "rounding-difference"
    severity = Severity.INFO
    summary_zh = "表内或表间数字之差在四舍五入误差内"
    summary_en = "An identity between rounded figures fails only within rounding"
    doc_zh = """报告只在其数字的四舍五入误差内成立的表内关系。

    ## 作用
    BL201–BL204 和 BL301 检查的每个关系比较的都是舍入后的数字。保留 d 位小数的数字代表半宽为
    0.5×10^-d 的区间；差额不为零但不超过各半宽之和时，未舍入的数值可能满足该关系，所以这是提示，
    不是错误。

    ## 为什么有问题？
    不一定有错，但读者（和检查人员）会注意到印出的数字加不起来；发布单位常把某个数字调整 0.01
    使其相加一致。

    ## 示例
    ::

        商品和服务支出 5.43
        办公费     0.90  …  （各项合计 5.42）   ← BL205：差 0.01，在四舍五入误差内

    ## 依据
    RULES.md，“Tolerance: sums of rounded figures”（舍入数字之和的容差）。
    """
    #: The identity kinds this rule reports, and with which verdict.
    kinds: ClassVar[frozenset[IdentityKind]] = frozenset(IdentityKind)
    verdict: ClassVar[Verdict] = Verdict.ROUNDING

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        return _report(self, ctx, self.kinds, self.verdict)


class CrossTableMismatch(Rule):
    """Reports a quantity printed in two tables with different values.

    ## What it does
    Tables are identified by their normalized titles (收支总表, 收入总表, 支出总表,
    财政拨款收支总表, 一般公共预算支出表, 基本支出经济科目表, 项目支出表 and their
    provincial, MOE and final-accounts wordings). Compared, after converting 元 to
    万元: 收支总表 本年收入合计 ↔ 收入总表 合计; 本年支出合计 and each 类 row ↔
    支出总表; 财政拨款收支总表 一般公共预算 column ↔ 一般公共预算支出表 (total and
    类 rows); 基本支出经济科目表 合计 ↔ 基本支出; 项目支出表 total ↔ 项目支出.

    ## Why is this bad?
    The tables of one disclosure describe one budget; the same figure printed
    twice with two values means at least one is wrong.

    ## Example
    ::

        2023年预算支出总表: 合计 140.30
        2023年预算收支总表: 本年支出合计 140.40     ← BL301

    ## Source
    财预〔2016〕143号 (the mandated tables and their relations); RULES.md BL301.
    """

    code = "BL301"
    name = "cross-table-mismatch"
    severity = Severity.ERROR
    summary_zh = "同一数字在两张表中不一致"
    summary_en = "The same quantity differs between two tables"
    doc_zh = """报告在两张表中印出不同数值的同一数量。

    ## 作用
    表格按规范化后的表题识别（收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、
    基本支出经济科目表、项目支出表，以及各省、教育部和决算的对应表述）。把元换算为万元后比较：
    收支总表本年收入合计 ↔ 收入总表合计；本年支出合计及各类行 ↔ 支出总表；财政拨款收支总表的一般
    公共预算列 ↔ 一般公共预算支出表（合计和类行）；基本支出经济科目表合计 ↔ 基本支出；项目支出表
    合计 ↔ 项目支出。

    ## 为什么有问题？
    一份公开文件中的各张表描述的是同一份预算；同一个数字印了两次、数值不同，说明至少有一个是错的。

    ## 示例
    ::

        2023年预算支出总表：合计 140.30
        2023年预算收支总表：本年支出合计 140.40     ← BL301

    ## 依据
    财预〔2016〕143号（规定公开的表格及其关系）；RULES.md BL301。
    """
    #: The identity kinds this rule reports, and with which verdict.
    kinds: ClassVar[frozenset[IdentityKind]] = frozenset(
        {
            IdentityKind.CROSS_TABLE,
            IdentityKind.CROSS_TABLE_SIDES_TOTAL,
            IdentityKind.CROSS_TABLE_PROJECTS_TOTAL,
        }
    )
    verdict: ClassVar[Verdict] = Verdict.MISMATCH

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        return _report(self, ctx, self.kinds, self.verdict)
