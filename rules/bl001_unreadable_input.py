"""BL001: the input is not a readable text document."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.plugins.rule import Rule


class UnreadableInput(Rule):
    """Reports a file that could not be read as a text document.

    ## What it does
    Reports a file that is empty, binary (an image, a spreadsheet, a PDF read as
    text), or not decodable as UTF-8, UTF-8 with BOM, GB18030/GBK or UTF-16 with
    BOM, or a path that cannot be opened. For PDF, Word and Excel files: the
    reader's library is not installed (the message names the extra to install),
    the file is encrypted, damaged, over a size/page/unzipped-size limit, or a
    PDF (or one of its pages) has no text layer and needs OCR. The run goes on
    with the other files. One page without text among pages with text (at most
    one page in ten: a chart or a photo on a page of its own) is info.
    A file that takes longer than its time budget (``--timeout``, 60 s by default)
    is given up with this finding too ("too slow to check"), and no other.

    ## Why is this bad?
    A document that cannot be read cannot be checked: a silently skipped file
    would look like a clean one.

    ## Example
    An empty file, or a ``.txt`` that is really a ``.docx``::

        PK\\x03\\x04…  →  BL001 无法读取输入：文件不是文本（疑为二进制文件）

    ## Source
    budgetlint input contract (RULES.md, BL0xx).
    """

    code = "BL001"
    name = "unreadable-input"
    severity = Severity.ERROR
    summary_zh = "输入无法读取：空文件、二进制文件或无法解码"
    summary_en = "Input is empty, binary or undecodable"
    #: The runner hands an unreadable input to this rule as a document without text.
    runs_on_unread_documents = True

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        # The runner records what could not be read (the whole file, or a page of it); the
        # finding points at the start of the line concerned, as there is no text to point into.
        doc = ctx.doc
        for failure in doc.read_failures:
            span = Span(failure.line, 1, failure.line, 1)
            # One image-only page among text pages (a chart) loses little: worth a look, not an error.
            severity = Severity.INFO if failure.lone_page else None
            yield self.report(
                doc,
                span,
                f"无法读取输入：{failure.reason_zh}",
                f"unreadable input: {failure.reason_en}",
                severity=severity,
            )
