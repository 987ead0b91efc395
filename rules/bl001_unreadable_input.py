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
    PDF (or one of its pages) has no text layer and needs OCR; an old binary office
    file (``.doc``, ``.xls``, ``.wps``, ``.et``: save it as .docx/.xlsx/.pdf); an Excel
    sheet whose formulas have no computed values (a workbook written by a program:
    open and save it once in Excel, WPS or LibreOffice; the sheet's table is not
    checked, never summed with blank totals). The run goes on
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
    doc_zh = """报告无法作为文本文档读取的文件。

    ## 作用
    报告空文件、二进制文件（图片、表格文件、被当作文本读取的 PDF）、无法按 UTF-8、带 BOM 的
    UTF-8、GB18030/GBK 或带 BOM 的 UTF-16 解码的文件，以及无法打开的路径。对 PDF、Word 和
    Excel 文件：读取所需的库未安装（消息会写明要安装的附加组件）、文件加密、损坏、超过大小/页数/
    解压大小限制，或 PDF（或其中某页）没有文字层、需要 OCR。其余文件照常检查。在有文字的页面
    中只有一页没有文字（最多十页中一页：单独成页的图表或照片）时为提示（info）。

    ## 为什么有问题？
    读不了的文档就无法检查：被悄悄跳过的文件看起来就像没有问题的文件。

    ## 示例
    空文件，或实际是 ``.docx`` 的 ``.txt``::

        PK…（二进制内容）  →  BL001 无法读取输入：文件不是文本（疑为二进制文件）

    ## 依据
    budgetlint 输入约定（RULES.md，BL0xx）。
    """
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
