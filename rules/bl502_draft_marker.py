"""BL502: draft or internal marks left in a document (reported once, with the count)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.plugins.rule import Rule, line_matches

# Longest first, so 仅供内部审核 is not also counted as 内部审核. 草案 is deliberately
# absent: 预算草案 is the legal name of a budget before approval.
MARKERS = (
    "仅供内部审核",
    "内部资料注意保存",
    "征求意见稿",
    "内部审核",
    "内部资料",
    "送审稿",
    "讨论稿",
    "修改稿",
    "未定稿",
    "草稿",
)
_MARKER = re.compile("|".join(MARKERS))


def _in_cited_title(line: str, start: int, end: int) -> bool:
    """Is ``line[start:end]`` inside 《…》, the title of a cited text (《…条例（征求意见稿）》)?

    That is another text's status, not a mark on this document. The title may wrap, so
    an open 《 before the mark or a closing 》 after it (on the mark's line) is enough."""
    before, after = line[:start], line[end:]
    opened = before.rfind("《") > before.rfind("》")
    closes = "》" in after and (after.find("》") < after.find("《") or "《" not in after)
    return opened or closes


class DraftMarker(Rule):
    """Reports internal-review marks and draft labels, once per document.

    ## What it does
    Counts 仅供内部审核, 内部资料, 征求意见稿, 送审稿, 讨论稿, 修改稿, 未定稿 and 草稿
    anywhere in the document (watermark lines included) and reports the first
    occurrence with the number of occurrences of each mark. A mark inside 《…》
    belongs to a cited text (《网络安全等级保护条例（征求意见稿）》) and is not counted.

    ## Why is this bad?
    A published disclosure carrying an internal-review watermark is a draft
    that was published by mistake — or a document that should not be public
    yet. Either way it must not go out as it is.

    ## Example
    ::

        仅供内部审核          ← BL502: 20 处“仅供内部审核”
        2023年度单位预算公开

    ## Source
    预算法 art. 14 (the approved budget is what is published); inspection practice.
    """

    code = "BL502"
    name = "draft-marker"
    severity = Severity.WARNING
    summary_zh = "文档中残留草稿或内部审核标记"
    summary_en = "Draft or internal-review marks left in the document"
    doc_zh = """报告内部审核标记和草稿标签，每篇文档一次。

    ## 作用
    统计全文（包括水印行）中的 仅供内部审核、内部资料、征求意见稿、送审稿、讨论稿、修改稿、未定稿
    和 草稿，在第一次出现处报告，并给出每种标记出现的次数。《…》中的标记属于被引用的文件
    （《网络安全等级保护条例（征求意见稿）》），不计入。

    ## 为什么有问题？
    带有内部审核水印的公开文件是被误发的草稿——或者是还不应公开的文件。无论哪种，都不能照原样发布。

    ## 示例
    ::

        仅供内部审核          ← BL502：20 处“仅供内部审核”
        2023年度单位预算公开

    ## 依据
    预算法第十四条（公开的是批准的预算）；检查实践。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        counts: Counter[str] = Counter()
        first: Span | None = None
        for found in line_matches(ctx, _MARKER, normalized=False):
            if _in_cited_title(doc.lines[found.span.line - 1], found.span.column - 1, found.span.end_column - 1):
                continue
            counts[found.shown] += 1
            if first is None:
                first = found.span
        if first is None:
            return
        total = sum(counts.values())
        zh_items = "、".join(f"“{mark}”{n} 处" for mark, n in counts.most_common())
        en_items = ", ".join(f"'{mark}' ×{n}" for mark, n in counts.most_common())
        yield self.report(
            doc,
            first,
            f"文档中有 {total} 处草稿或内部标记（{zh_items}），发布前应删除",
            f"{total} draft or internal mark(s) left in the document ({en_items}); remove before publishing",
        )
