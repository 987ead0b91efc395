"""BL104: sibling numbering breaks (一、二、四 / （一）（三） / 第一部分 第三部分)."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import Document, Heading, HeadingKind
from budgetlint.model.text import chinese_numeral
from budgetlint.plugins.rule import Rule

_LEVELS = (HeadingKind.PART, HeadingKind.LEVEL1, HeadingKind.LEVEL2, HeadingKind.LEVEL3)


def _numeral(kind: HeadingKind, number: int) -> str:
    if kind is HeadingKind.LEVEL3:
        return f"{number}."
    text = chinese_numeral(number)
    if kind is HeadingKind.PART:
        return f"第{text}部分"
    if kind is HeadingKind.LEVEL2:
        return f"（{text}）"
    return f"{text}、"


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

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        last: dict[HeadingKind, int] = {}
        # The count each level had when a new parent closed it: some templates number the
        # sections straight through the parts (第二部分 收支情况 / 五、…, after 四、 of 第一部分).
        carried: dict[HeadingKind, int] = {}
        for item in doc.numbered:
            if item.kind not in _LEVELS or item.number is None:
                continue
            depth = item.kind.depth
            for kind in list(last):
                if kind.depth > depth:
                    carried[kind] = last.pop(kind)  # a new parent starts its children's count afresh
            previous = last.get(item.kind)
            last[item.kind] = item.number
            if item.number == 1:
                continue
            if previous is None and carried.get(item.kind) == item.number - 1:
                continue  # numbered on from the previous parent's children
            expected = 1 if previous is None else previous + 1
            if item.number != expected:
                yield self._gap(doc, item, expected, previous)

    def _gap(self, doc: Document, item: Heading, expected: int, previous: int | None) -> Diagnostic:
        got, want = _numeral(item.kind, item.number or 0), _numeral(item.kind, expected)
        if previous is not None and item.number == previous:
            zh, en = f"编号“{got}”重复", f"numbering '{got}' is repeated"
        else:
            zh, en = f"编号不连续：此处应为“{want}”，实为“{got}”", f"numbering gap: expected '{want}', found '{got}'"
        return self.report(doc, item.span, zh, en)
