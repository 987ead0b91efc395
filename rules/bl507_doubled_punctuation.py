"""BL507: doubled punctuation (。。 ，，)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule, line_matches

# A mark repeated (。。), or a pause mark before a stop or pause (，。 ；，), or 。 before a pause.
# Written to start with the mark itself (not an alternation), so the regex engine skips
# ahead to punctuation instead of trying three branches at every character of the document.
DOUBLED = re.compile(r"([。，、；：！？])(?:\1+|(?<=[，、；：])[。，、；]|(?<=。)[，、；])")


class DoubledPunctuation(Rule):
    """Reports doubled or clashing Chinese punctuation.

    ## What it does
    Finds a Chinese punctuation mark repeated (。。, ，，, 、、, ；；) or two marks
    that cannot follow each other (，。, ；，, 、。).

    ## Why is this bad?
    It is harmless for the figures but marks an unedited draft; official
    documents are expected to be proof-read (GB/T 15834 标点符号用法).

    ## Example
    ::

        主要用于人员支出。。     ← BL507

    ## Source
    GB/T 15834-2011 标点符号用法.
    """

    code = "BL507"
    name = "doubled-punctuation"
    severity = Severity.INFO
    summary_zh = "标点符号重复或连用不当"
    summary_en = "Doubled or clashing punctuation"
    doc_zh = """报告重复或冲突的中文标点。

    ## 作用
    查找重复的中文标点（“。。”“，，”“、、”“；；”）或不能相邻的两个标点（“，。”“；，”“、。”）。

    ## 为什么有问题？
    这对数字无害，但表明草稿未经编辑；正式文件应经过校对（GB/T 15834 标点符号用法）。

    ## 示例
    ::

        主要用于人员支出。。     ← BL507

    ## 依据
    GB/T 15834-2011 标点符号用法。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for found in line_matches(ctx, DOUBLED, normalized=False):
            yield self.report(
                doc,
                found.span,
                f"标点“{found.shown}”重复或连用不当",
                f"doubled or clashing punctuation '{found.shown}'",
            )
