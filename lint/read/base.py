"""Value types shared by every reader: what a reader returns, how it fails, its limits.

This module imports only the standard library: the runner and the built-in plugin
import it on every run, including plain-text runs, whose cold start must not pay for
pdfplumber, python-docx or openpyxl. Those load inside the reader functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from budgetlint.read.text import UnreadableInput

MB = 1024 * 1024

#: The old binary office formats no reader reads: suffix → (中文, English) of what to save
#: the file as instead. Folders list them so the run says so (BL001) instead of skipping them.
LEGACY_FORMATS: dict[str, tuple[str, str]] = {
    ".doc": (
        "旧版 Word 格式（.doc），请另存为 .docx 或 .pdf 后再检查",
        "old Word format (.doc): save it as .docx or .pdf",
    ),
    ".wps": (
        "WPS 文字格式（.wps），请另存为 .docx 或 .pdf 后再检查",
        "WPS Writer format (.wps): save it as .docx or .pdf",
    ),
    ".xls": (
        "旧版 Excel 格式（.xls），请另存为 .xlsx 或 .pdf 后再检查",
        "old Excel format (.xls): save it as .xlsx or .pdf",
    ),
    ".et": (
        "WPS 表格格式（.et），请另存为 .xlsx 或 .pdf 后再检查",
        "WPS Spreadsheets format (.et): save it as .xlsx or .pdf",
    ),
}


class Limits(NamedTuple):
    """Bounds that make hostile or broken inputs end quickly with a diagnostic.

    ``max_bytes`` caps the file size read from disk; ``max_pages`` the pages of a PDF
    (and a workbook's cells, 500 to a page, see the xlsx reader);
    ``max_unzipped_bytes`` what a .docx/.xlsx inflates to (declared, and counted through a
    capped stream: :mod:`zipfile` inflates a whole member before cutting it to its declared
    size) and what a PDF's content streams inflate to, all pages together. ``pdf_engine`` picks the
    library that parses a PDF (:data:`PDF_ENGINES`); it travels with the limits because
    they are the one value every reader is given.
    """

    max_bytes: int = 100 * MB
    max_pages: int = 1000
    max_unzipped_bytes: int = 200 * MB
    pdf_engine: str = "pdfplumber"


#: The PDF engines: pdfplumber/pdfminer (extra ``[pdf]``, the default) and PDFium (extra
#: ``[pdfium]``: PDFium's characters and ruling lines go through the same assembly).
PDF_ENGINES = ("pdfplumber", "pdfium")


DEFAULT_LIMITS = Limits()


class ReaderError(UnreadableInput):
    """The file cannot be turned into text; ``reason_zh``/``reason_en`` say why (BL001)."""


class MissingExtra(ReaderError):
    """The optional library a reader needs is not installed."""

    def __init__(self, extra: str, module: str) -> None:
        command = f"pip install 'budgetlint[{extra}]'"
        super().__init__(
            f"读取此类文件需要可选依赖 {module}，请安装：{command}",
            f"reading this kind of file needs the optional library {module}: {command}",
        )
        self.extra = extra


class Origin(NamedTuple):
    """Where one text line came from in the original file.

    ``label`` names the line's place (``p12:L3`` for page 12, line 3 of a PDF; ``P7``
    for Word paragraph 7; ``T2:R3`` for row 3 of Word table 2; ``表1!A5`` … ). For
    table rows ``cells`` holds one label per tab-separated cell (``Sheet1!C5``,
    ``T2:R3:C4``) so a diagnostic's column can name the exact cell. ``page`` is the
    1-based PDF page, 0 elsewhere. A line re-joined from several physical lines has
    ``segments``: (first column, label) of each, so a column maps to its own line.
    ``stored`` lists the (0-based) cells whose text is the exact number the file holds
    (a spreadsheet cell whose format shows all its digits), not a rounded print of it:
    their figures carry no rounding tolerance.
    """

    label: str
    cells: tuple[str, ...] = ()
    page: int = 0
    segments: tuple[tuple[int, str], ...] = ()
    stored: tuple[int, ...] = ()


class SourceMap(NamedTuple):
    """One :class:`Origin` per text line (index 0 is line 1), plus the reader's kind."""

    kind: str  # "pdf" | "docx" | "xlsx" | a plugin's name
    origins: tuple[Origin, ...]

    def stored_cells(self) -> frozenset[tuple[int, int]]:
        """(1-based line, 0-based cell) of every cell whose text is the exact stored number."""
        return frozenset((line, cell) for line, o in enumerate(self.origins, start=1) for cell in o.stored)

    def origin(self, line: int, column: int = 1, text: str | None = None) -> Origin | None:
        """The origin of 1-based ``line``; with the line's ``text``, narrowed to the cell at ``column``."""
        if not 0 < line <= len(self.origins):
            return None
        origin = self.origins[line - 1]
        if origin.segments:
            label = next((label for start, label in reversed(origin.segments) if start <= column), origin.label)
            return origin._replace(label=label, segments=())
        if origin.cells and text is not None:
            index = text.count("\t", 0, max(0, column - 1))
            if index < len(origin.cells):
                return origin._replace(label=origin.cells[index], cells=())
        return origin


class ReaderNote(NamedTuple):
    """A problem with part of a file that was otherwise read (e.g. a page with no text layer)."""

    line: int
    reason_zh: str
    reason_en: str
    #: One of a few pages without text among pages with text (a chart or a photo on a page of
    #: its own): the document was read, that page was not. False for most pages unread.
    lone_page: bool = False


class ReadDocument(NamedTuple):
    """What a reader returns: the text the parser reads, its source map, and notes."""

    text: str
    source_map: SourceMap
    notes: tuple[ReaderNote, ...] = ()


Reader = Callable[[str, Limits], ReadDocument]
"""A reader takes a file path and the limits, returns a :class:`ReadDocument` or raises :class:`ReaderError`."""


class TextBuilder:
    """Accumulates lines and their origins; readers share its blank-line conventions."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.origins: list[Origin] = []
        self.notes: list[ReaderNote] = []

    def add(self, text: str, origin: Origin) -> None:
        self.lines.append(text)
        self.origins.append(origin)

    def blank(self) -> None:
        """A separator line (between pages, around tables); never two in a row, never first."""
        if self.lines and self.lines[-1] != "":
            self.add("", Origin(""))

    def note(self, reason_zh: str, reason_en: str, origin: Origin | None = None, lone_page: bool = False) -> None:
        """A note about what follows; with ``origin``, on a blank line that carries it (e.g. a scanned page).

        That blank line may lead the text or end it: harmless to the parser, and the
        diagnostic then names the note's own place."""
        if origin is not None:
            if not self.lines or self.lines[-1] != "":
                self.add("", origin)
            else:
                self.origins[-1] = origin
        self.notes.append(ReaderNote(max(1, len(self.lines)), reason_zh, reason_en, lone_page))

    def build(self, kind: str) -> ReadDocument:
        while self.lines and self.lines[-1] == "" and not self.origins[-1].label:
            self.lines.pop()
            self.origins.pop()
        text = "\n".join(self.lines) + "\n" if self.lines else ""
        return ReadDocument(text, SourceMap(kind, tuple(self.origins)), tuple(self.notes))


def check_file_size(path: str, limits: Limits) -> None:
    """Refuse files above ``limits.max_bytes`` before any library opens them."""
    import os

    try:
        size = os.path.getsize(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReaderError(f"无法读取文件：{reason}", f"cannot read the file: {reason}") from exc
    if size > limits.max_bytes:
        raise ReaderError(
            f"文件过大（{size / MB:.1f} MB，上限 {limits.max_bytes / MB:.0f} MB，可用 --max-file-size 调整）",
            f"the file is too large ({size / MB:.1f} MB, limit {limits.max_bytes / MB:.0f} MB; see --max-file-size)",
        )
