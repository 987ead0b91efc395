"""BL104: sibling numbering breaks (一、二、四 / （一）（三） / 第一部分 第三部分)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.outline import inline_items, wrapped_numbers
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import Document, Heading, HeadingKind
from budgetlint.model.text import chinese_numeral
from budgetlint.plugins.rule import Rule

_LEVELS = (HeadingKind.PART, HeadingKind.LEVEL1, HeadingKind.LEVEL2, HeadingKind.LEVEL3)
#: How many lists may be open at once; deeper, the outermost is forgotten.
_DEPTH = 16


def _numeral(kind: HeadingKind, number: int) -> str:
    if kind is HeadingKind.LEVEL3:
        return f"{number}."
    text = chinese_numeral(number)
    if kind is HeadingKind.PART:
        return f"第{text}部分"
    if kind is HeadingKind.LEVEL2:
        return f"（{text}）"
    return f"{text}、"


def _leads_up(numbers: Sequence[int], first: int, number: int) -> bool:
    """Do ``numbers`` hold ``first`` … ``number - 1`` in this order?"""
    wanted = iter(range(first, number))
    goal = next(wanted, None)
    for value in numbers:
        if value == goal:
            goal = next(wanted, None)
    return goal is None and first < number


class _Lists:
    """The open numbered lists, outermost first: each its kind and last number.

    A list stays open while its items may still come: a 一、 after 二、 opens a list nested in
    it (二、主要工作任务 / 一、…十、 / 三、…), and a 第一部分 after 一、文字部分 one nested in that
    (一、文字部分 / 第一部分 … 第九部分 / 二、表格部分). An item continues the innermost list
    of its kind, or — when it does not — an outer one it continues exactly; continuing a list
    closes the lists opened inside it.
    """

    def __init__(self) -> None:
        self.open: list[tuple[HeadingKind, int]] = []  # (kind, last number)
        # The count each level had when its parent went on: some templates number the sections
        # straight through the parts (第二部分 收支情况 / 五、…, after 四、 of 第一部分).
        self.carried: dict[HeadingKind, int] = {}

    def take(self, kind: HeadingKind, number: int, mid_line: Sequence[int] = ()) -> int | None:
        """Record the item; the number expected instead when it breaks its list, else None.

        ``mid_line`` are the numbers of its kind printed inside the lines since the previous
        item (注：1.…, …指数。2. …): they are items the line layout hid, when they lead up to
        this one — from its list's next number, or from 1 (a new list) — and nothing else.
        """
        same = [j for j, (k, _) in enumerate(self.open) if k is kind]
        if number == 1:
            self.open.append((kind, 1))
            del self.open[:-_DEPTH]  # a bound: lists restarted without a parent pile up
            return None
        for j in reversed(same):
            if self.open[j][1] == number - 1:
                self._continue(j, number)
                return None
        if not same:
            self.open.append((kind, number))
            if self.carried.get(kind) == number - 1 or _leads_up(mid_line, 1, number):
                return None
            return 1
        j = same[-1]
        last = self.open[j][1]
        if _leads_up(mid_line, last + 1, number):
            self._continue(j, number)
            return None
        if _leads_up(mid_line, 1, number):
            self.open.append((kind, number))  # a new list, its first items mid-line
            return None
        self._continue(j, number)
        return last + 1

    def _continue(self, j: int, number: int) -> None:
        for kind, last in self.open[j + 1 :]:
            self.carried[kind] = last
        del self.open[j + 1 :]
        self.open[j] = (self.open[j][0], number)


class NumberingGap(Rule):
    """Reports numbered headings whose number does not follow the previous sibling's.

    ## What it does
    Walks the numbered lines of the body (第一部分; 一、; （一）; 1. or 1、), headings
    and numbered paragraphs alike. Within one parent, each number must be the
    previous sibling's plus one; a 1 (一) starts a new list. A number that
    skips or repeats is reported.

    A first child that continues the numbering of the previous parent's
    children (第一部分 一、…四、, 第二部分 五、…) is not a gap: some templates
    number their sections straight through the parts.

    Lists nest: a 一、 after 二、 opens a list inside it, and an item that
    continues an outer list exactly (三、 after 二、 / 一、…十、) closes the inner
    ones, so a template with two levels numbered alike (一、文字部分 / 第一部分 /
    一、… / 二、表格部分) reads as it prints. An item whose predecessors are
    printed mid-line (注：1.…, a narrow cell's …指数。2. …) is not a gap either;
    a number starting a line cut mid-sentence (西安地铁 / 5、6 号线) is no item.

    ## Why is this bad?
    A gap usually means a section was deleted or never written (for example
    the mandated 三公经费 explanation), a repeat that one was pasted twice;
    either way the 目录 and cross-references no longer fit.

    ## Example
    ::

        一、收入预算情况说明
        二、支出预算情况说明
        四、政府采购情况          ← BL104: 三、 is missing

    ## Source
    GB/T 9704-2012 党政机关公文格式 (ordered structural numbering);
    inspection practice for 预决算公开.
    """

    code = "BL104"
    name = "numbering-gap"
    severity = Severity.WARNING
    summary_zh = "同级编号不连续"
    summary_en = "Sibling numbering skips or repeats a number"
    doc_zh = """报告编号没有紧接上一个同级编号的标题。

    ## 作用
    依次查看正文中带编号的行（第一部分；一、；（一）；1. 或 1、），标题和编号段落都算。同一上级下，
    每个编号应为前一个同级编号加一；1（一）开始新的列表。跳号或重号时报告。

    上一部分的子项编号在下一部分中继续（第一部分 一、…四、，第二部分 五、…）不算跳号：有些模板
    跨部分连续编号。

    列表可以嵌套：二、之后的一、开启其下的列表；恰好接续外层列表的项（二、之后的三、/ 一、…十、）
    结束内层列表，因此两个层级编号相同的模板（一、文字部分 / 第一部分 / 一、… / 二、表格部分）
    按印刷的样子读取。前面的编号印在行中间（注：1.…，窄单元格中的 …指数。2. …）的项也不算跳号；
    出现在句中断行处的数字（西安地铁 / 5、6 号线）不是编号项。

    ## 为什么有问题？
    跳号通常说明某一节被删除或没有写（例如规定的三公经费说明），重号说明某一节被粘贴了两次；
    无论哪种，目录和交叉引用都对不上了。

    ## 示例
    ::

        一、收入预算情况说明
        二、支出预算情况说明
        四、政府采购情况          ← BL104：缺少“三、”

    ## 依据
    GB/T 9704-2012 党政机关公文格式（结构层次序数）；预决算公开检查实践。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        wrapped = wrapped_numbers(doc)
        items = [(h, False) for h in doc.numbered if h.span.line not in wrapped] + [
            (h, True) for h in inline_items(doc)
        ]
        items.sort(key=lambda pair: (pair[0].span.line, pair[0].span.column))
        lists = _Lists()
        mid_line: list[int] = []  # numbers printed inside the lines since the last item
        for item, inline in items:
            if item.kind not in _LEVELS or item.number is None:
                continue
            if inline:
                mid_line.append(item.number)
                continue
            expected = lists.take(item.kind, item.number, mid_line if item.kind is HeadingKind.LEVEL3 else ())
            mid_line = []
            if expected is not None:
                yield self._gap(doc, item, expected, expected - 1 if expected > 1 else None)

    def _gap(self, doc: Document, item: Heading, expected: int, previous: int | None) -> Diagnostic:
        got, want = _numeral(item.kind, item.number or 0), _numeral(item.kind, expected)
        if previous is not None and item.number == previous:
            zh, en = f"编号“{got}”重复", f"numbering '{got}' is repeated"
        else:
            zh, en = f"编号不连续：此处应为“{want}”，实为“{got}”", f"numbering gap: expected '{want}', found '{got}'"
        return self.report(doc, item.span, zh, en)
