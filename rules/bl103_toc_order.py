"""BL103: the body's order differs from the 目录, or 目录 page numbers go backwards."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.outline import attached_order
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices (into ``values``) of one longest strictly increasing subsequence."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        position = bisect_left(tails, value)
        if position == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[position] = value
            tail_index[position] = i
        previous[i] = tail_index[position - 1] if position else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


class TocOrder(Rule):
    """Reports 目录 entries out of the body's order and page numbers that decrease.

    ## What it does
    Takes the 目录 entries that match a body heading (see BL101) and finds the
    longest run that appears in the body in the same order; every other matched
    entry is reported. Also reports an entry whose page number is smaller than
    the previous entry's.

    ## Why is this bad?
    A 目录 whose order or page numbers disagree with the body sends readers to
    the wrong place, and usually means the 目录 was not regenerated after the
    document was edited.

    ## Example
    ::

        三、支出预算情况说明.....16
        二、收入预算情况说明.....16     ← BL103 if the body has 二 before 三
        四、财政拨款收支预算总体情况说明.....15   ← BL103: page 15 after page 16

    ## Source
    Inspection practice for 预决算公开 (目录 consistent with the body).
    """

    code = "BL103"
    name = "toc-order"
    severity = Severity.WARNING
    summary_zh = "目录顺序或页码与正文不一致"
    summary_en = "Table-of-contents order or page numbers disagree with the body"
    doc_zh = """报告顺序与正文不一致的目录条目和递减的页码。

    ## 作用
    取与正文标题匹配的目录条目（见 BL101），找出在正文中顺序相同的最长序列，报告其余匹配条目。
    页码小于前一条目页码的条目也报告。

    ## 为什么有问题？
    顺序或页码与正文不符的目录会把读者引到错误位置，通常说明文档修改后没有重新生成目录。

    ## 示例
    ::

        三、支出预算情况说明.....16
        二、收入预算情况说明.....16     ← 正文中“二”在“三”之前时报告 BL103
        四、财政拨款收支预算总体情况说明.....15   ← BL103：第 16 页之后是第 15 页

    ## 依据
    预决算公开检查实践（目录与正文一致）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        if doc.toc is None:
            return
        matched = ctx.toc_match
        pairs = [(i, h.span.line) for i, h in enumerate(matched.matches) if h is not None]
        in_order = _longest_increasing([line for _, line in pairs])
        attached = attached_order(doc, matched)
        if attached is not None:
            # Tables the text says are attached (…公开表附后) may stand at that line: the reading
            # that leaves fewer entries out of order is the document's.
            ranks = {key: rank for rank, key in enumerate(sorted(set(attached)))}
            other = _longest_increasing([ranks[key] for key in attached])
            if len(other) > len(in_order):
                in_order = other
        for k, (i, _) in enumerate(pairs):
            if k not in in_order:
                entry = matched.entries[i]
                yield self.report(
                    doc,
                    entry.span,
                    f"目录项“{entry.text}”的顺序与正文不一致",
                    f"table-of-contents entry '{entry.text}' is out of the body's order",
                )
        previous_page: int | None = None
        for entry in matched.entries:
            if entry.page is None:
                continue
            if previous_page is not None and entry.page < previous_page:
                yield self.report(
                    doc,
                    entry.span,
                    f"目录页码倒退：“{entry.text}”为第 {entry.page} 页，前一项为第 {previous_page} 页",
                    f"page numbers decrease: '{entry.text}' is on page {entry.page}, the entry before on page {previous_page}",
                )
            previous_page = entry.page
