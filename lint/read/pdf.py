"""PDF reader (pdfplumber): ruled tables as tab-separated rows, running text as lines.

The text form is the one the corpus .txt files were made with: per page, the text
lines outside tables and the rows of each ruled table (merged cells blank, line breaks
inside a cell removed) in top-to-bottom order, a blank line around every table and
between pages, all-empty table rows dropped. On top of that this reader

- re-joins sentences that wrap at the right margin (a line that reaches the page's
  usual right edge, does not end a sentence, and is followed by an unindented line
  that does not start a new numbered item), so narrative rules see whole sentences;
- keeps only the first of a header or footer repeated in the page margins on many
  pages (page numbers stay: the grammar already knows them as noise);
- takes rotated text (a diagonal watermark such as 仅供内部审核) out of the lines and
  tables it would garble and puts it on a line of its own at the end of its page, so
  the draft-marker rule still sees it;
- reports pages that have images but no text layer (scans): the whole file as BL001
  when no page has text, otherwise one note per page, so nothing is silently empty.

Everything pdfplumber-specific is imported inside :func:`read_pdf`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from budgetlint.model.text import PRINTED_ITEM_NUMBERING
from budgetlint.read.base import (
    MB,
    Limits,
    MissingExtra,
    Origin,
    ReadDocument,
    ReaderError,
    TextBuilder,
    check_file_size,
)

if TYPE_CHECKING:  # pragma: no cover - pdfplumber is the optional [pdf] extra, imported when a PDF is read
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF

_MARGIN = 0.08  # top and bottom 8 % of a page: where running headers and footers sit
_SENTENCE_END = tuple("。！？；：!?;:")
# A line that starts a new item: a numbering as printed (PDF text is not normalized yet), a note,
# an attachment, a table label or a 单位 line.
_NEW_ITEM = re.compile(r"^\s*(?:" + PRINTED_ITEM_NUMBERING + r"|注[:：]|附件|附表|表\s*\d|(?:编制)?单位[:：])")
_DIGITS = re.compile(r"\d+")
_MAX_PAGE_CONTENT_BYTES = 8 * MB


class _Item(NamedTuple):
    """A text line or a table row of one page, before joining."""

    top: float
    text: str
    x0: float
    x1: float
    is_row: bool
    cells: int = 0
    gap_before: bool = False  # a table or blank space separates it from the previous line
    watermark: bool = False  # rotated text, collected into one line (never de-duplicated)


def read_pdf(path: str, limits: Limits) -> ReadDocument:
    """Read a PDF into budgetlint's text form; raise :class:`ReaderError` when it cannot."""
    check_file_size(path, limits)
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError as exc:  # pragma: no cover - exercised without the extra installed
        raise MissingExtra("pdf", "pdfplumber") from exc

    _quiet_library_logs()
    encrypted = (PDFPasswordIncorrect, PDFEncryptionError)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # noqa: BLE001 - any parse failure of a damaged file
        raise _failure(exc, encrypted) from exc
    try:
        count = _page_count(pdf)
        if count > limits.max_pages:
            raise _too_many_pages(count, limits)
        pages: list[_Page] = []
        inflated = _Inflated(limits)
        for page in _pages(pdf):
            if len(pages) >= limits.max_pages:  # a page tree whose /Count understates its pages
                raise _too_many_pages(len(pages) + 1, limits)
            inflated.check_page(page)
            pages.append(_read_page(page))
    except ReaderError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _failure(exc, encrypted) from exc
    finally:
        _close_file(pdf)
    return _assemble(pages)


def _close_file(pdf: PDF) -> None:
    """Release the document without ``PDF.close()``: that walks ``PDF.pages``, which builds
    every page of the tree first (a minute for a 200,000-page file being refused). The pages
    read were closed one by one already."""
    try:
        pdf.flush_cache()
        pdf.stream.close()
    except Exception:  # noqa: BLE001 - the file is read or already reported
        pass


def inflated_size(stream: Any, most: int) -> int:  # a pdfminer PDFStream
    """The bytes pdfminer's decoding of ``stream`` yields, counted through a capped inflate and
    no further than ``most + 1``. Only Flate data can grow much; other filters count as their
    input (ASCII hex and 85 shrink it; the rest are rare in text PDFs and left to pdfminer)."""
    import zlib

    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    data = stream.rawdata if stream.rawdata is not None else stream.data
    if data is None:
        return 0
    if stream.decipher and stream.rawdata is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    filters = stream.get_filters()
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return len(data)
    inflater = zlib.decompressobj()
    produced = 0
    step = 1 << 16
    for start in range(0, len(data), step):
        pending = data[start : start + step]
        while pending and produced <= most:
            try:
                produced += len(inflater.decompress(pending, step))
            except zlib.error:
                return produced  # pdfminer salvages what it can of a corrupt stream: at most this much
            pending = inflater.unconsumed_tail
        if produced > most or inflater.eof:
            break
    return produced


def _close_quietly(closable: PDF | Page) -> None:
    """Close, ignoring a damaged file's errors: closing one re-parses objects and can raise
    again, which must not replace the BL001 (or the text already read) with a crash."""
    try:
        closable.close()
    except Exception:  # noqa: BLE001 - the file is read or already reported
        pass


def _quiet_library_logs() -> None:
    """pdfminer logs warnings about damaged streams ("Data-loss while decompressing …")
    through the root logger's last-resort handler, onto the user's terminal between the
    findings; budgetlint reports what it could not read itself (BL001)."""
    import logging

    library = logging.getLogger("pdfminer")
    if not library.handlers:
        library.addHandler(logging.NullHandler())
        library.propagate = False


def _too_many_pages(count: int, limits: Limits) -> ReaderError:
    return ReaderError(
        f"PDF 页数过多（{count} 页，上限 {limits.max_pages} 页，可用 --max-pages 调整）",
        f"the PDF has too many pages ({count}, limit {limits.max_pages}; see --max-pages)",
    )


def _failure(exc: Exception, encrypted: tuple[type[Exception], ...]) -> ReaderError:
    """Encrypted or damaged; pdfplumber wraps pdfminer's errors (``PdfminerException(original)``)."""
    causes = [exc, *(arg for arg in exc.args if isinstance(arg, Exception))]
    if any(isinstance(cause, encrypted) for cause in causes):
        return ReaderError(
            "PDF 已加密（需要密码才能打开），请提供未加密的版本",
            "the PDF is encrypted (needs a password); provide an unencrypted copy",
        )
    detail = "; ".join(str(cause) or type(cause).__name__ for cause in causes[-1:])
    return ReaderError(f"PDF 已损坏或无法解析：{detail}", f"the PDF is damaged or cannot be parsed: {detail}")


def _page_count(pdf: PDF) -> int:
    """The declared page count, read from the page tree without building every page (0 for a
    broken tree: :func:`_pages` then counts while it goes)."""
    from pdfminer.pdftypes import resolve1

    try:
        return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except Exception:  # noqa: BLE001
        return 0


def _pages(pdf: PDF) -> Iterator[Page]:
    """Pages one at a time, built lazily from pdfminer's page-tree walk (``PDF.pages`` builds
    them all first) and releasing each page's cached objects after use (bounded memory)."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    doctop = 0.0
    for number, page_object in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        page = Page(pdf, page_object, page_number=number, initial_doctop=doctop)
        doctop += float(page.height)
        try:
            yield page
        finally:
            _close_quietly(page)


class _Page(NamedTuple):
    number: int
    width: float
    height: float
    items: list[_Item]
    scanned: bool  # images but no text layer


class _Inflated:
    """Bounds on the content streams pdfminer inflates and executes, checked per page before it does.

    pdfminer inflates a stream in one call, whatever its size (a 600 KB Flate bomb took a
    gigabyte), and executes every operator in Python, tens of microseconds each (40 KB of
    compressed ``q Q`` ran for minutes). So a page's content streams are first inflated
    here through a capped stream, only counting bytes: a page over
    ``_MAX_PAGE_CONTENT_BYTES`` (a real page of text and ruled tables is well under a
    megabyte: 240 KB at most on the wide corpus) or a document over ``--max-unzipped-size``
    in all is refused (BL001)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.left = limits.max_unzipped_bytes

    def check_page(self, page: Page) -> None:
        from pdfminer.pdftypes import resolve1

        size = 0
        most = min(_MAX_PAGE_CONTENT_BYTES, self.left)
        for content in page.page_obj.contents:
            stream = resolve1(content)
            if hasattr(stream, "get_filters"):  # a PDFStream; anything else pdfminer skips
                size += inflated_size(stream, most - size)
            if size > self.left:
                limit = self.limits.max_unzipped_bytes / MB
                raise ReaderError(
                    f"PDF 的内容流解压后过大（超过 {limit:.0f} MB，疑为压缩炸弹；可用 --max-unzipped-size 调整）",
                    f"the PDF's content streams decompress to over {limit:.0f} MB (a compression bomb?); "
                    "see --max-unzipped-size",
                )
            if size > _MAX_PAGE_CONTENT_BYTES:
                limit = _MAX_PAGE_CONTENT_BYTES / MB
                raise ReaderError(
                    f"PDF 第 {page.page_number} 页的内容流过大（解压后超过 {limit:.0f} MB 的绘图指令），无法在限时内检查",
                    f"page {page.page_number} of the PDF has too large a content stream (over {limit:.0f} MB of "
                    "drawing operators once inflated) to check in bounded time",
                )
        self.left -= size


def _read_page(page: Page) -> _Page:
    has_text = bool(page.chars)
    if not has_text:
        return _Page(page.page_number, float(page.width), float(page.height), [], bool(page.images))
    rotated = [char for char in page.chars if _is_rotated(char)]
    if rotated:  # a diagonal or vertical watermark: out of the lines and tables, kept as one line below
        page = page.filter(lambda obj: obj.get("object_type") != "char" or not _is_rotated(obj))
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside_tables(obj: dict[str, Any]) -> bool:  # pdfplumber's object dict (its T_obj)
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    rest = page.filter(outside_tables) if boxes else page
    items = [
        _Item(float(line["top"]), line["text"], float(line["x0"]), float(line["x1"]), False)
        for line in rest.extract_text_lines(layout=False, strip=True, return_chars=False)
        if line["text"].strip()
    ]
    for table in tables:
        top = float(table.bbox[1])
        first = True
        for row in table.extract():
            if not any(row):
                continue
            text = "\t".join((cell or "").replace("\n", "") for cell in row)
            items.append(_Item(top, text, float(table.bbox[0]), float(table.bbox[2]), True, len(row), first))
            first = False
            top += 0.001  # keep the rows' order under the stable sort below
    items.sort(key=lambda item: item.top)
    if rotated:
        mark = "".join(char["text"] for char in sorted(rotated, key=lambda char: (char["x0"], -char["top"]))).strip()
        if mark:
            items.append(_Item(float(page.height), mark, 0.0, 0.0, False, watermark=True))
    return _Page(page.page_number, float(page.width), float(page.height), items, False)


def _is_rotated(char: dict[str, Any]) -> bool:  # pdfplumber's char dict: mixed value types
    """Text not on a horizontal baseline (pdfminer's ``upright`` misses 45° text)."""
    matrix = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    return (
        not char.get("upright", True) or abs(matrix[1]) > 0.1 * abs(matrix[0]) or abs(matrix[2]) > 0.1 * abs(matrix[3])
    )


def _right_edges(pages: list[_Page]) -> tuple[dict[int, float], list[float | None]]:
    """Where wrapped running text ends: per document page width, and per page.

    Text may be ragged, so a page's edge is the rightmost line end shared by at
    least two lines (within 2 pt); a page without one falls back to the commonest
    line end of the pages of its width, if at least three lines end there.
    """
    widths: dict[int, Counter[int]] = {}
    per_page: list[float | None] = []
    for page in pages:
        ends = [item.x1 for item in page.items if not item.is_row and item.x1 > page.width / 2]
        widths.setdefault(round(page.width), Counter()).update(round(x) for x in ends)
        shared = [x for x in ends if sum(1 for other in ends if abs(other - x) <= 2) >= 2]
        per_page.append(max(shared) if shared else None)
    document: dict[int, float] = {}
    for width, counter in widths.items():
        if counter:
            value, count = counter.most_common(1)[0]
            if count >= 3:
                document[width] = float(value)
    return document, per_page


def _repeated_margin_lines(pages: list[_Page]) -> set[str]:
    """Texts (digits normalized) in the top/bottom margin of at least half the pages (and 3)."""
    seen: Counter[str] = Counter()
    for page in pages:
        keys = {
            _DIGITS.sub("#", item.text)
            for item in page.items
            if not item.is_row
            and not item.watermark
            and (item.top < page.height * _MARGIN or item.top > page.height * (1 - _MARGIN))
        }
        seen.update(keys)
    needed = max(3, (len(pages) + 1) // 2)
    return {key for key, count in seen.items() if count >= needed and key.strip("# -—第页/共")}


def _assemble(pages: list[_Page]) -> ReadDocument:
    if pages and not any(page.items for page in pages):
        if any(page.scanned for page in pages):
            raise ReaderError(
                "PDF 没有文字层（疑为扫描件），需要先做文字识别（OCR）再检查",
                "the PDF has no text layer (looks scanned); run OCR on it first",
            )
        raise ReaderError("PDF 中没有文字", "the PDF contains no text")
    document_edges, page_edges = _right_edges(pages)
    repeated = _repeated_margin_lines(pages)
    kept_repeats: set[str] = set()
    # A page without text among text pages (at most one page in ten) is a chart or a photo on
    # a page of its own; a document with more such pages is a scan that needs OCR.
    lone_pages = sum(page.scanned for page in pages) * 10 <= len(pages)
    out = TextBuilder()
    for page, page_edge in zip(pages, page_edges, strict=False):
        out.blank()
        if page.scanned:
            out.note(
                f"第 {page.number} 页只有图像、没有文字层（疑为扫描页），未检查；需要文字识别（OCR）",
                f"page {page.number} has images but no text layer (scanned?); it was not checked (needs OCR)",
                Origin(f"p{page.number}", page=page.number),
                lone_page=lone_pages,
            )
            continue
        edge = page_edge if page_edge is not None else document_edges.get(round(page.width))
        left = min((item.x0 for item in page.items if not item.is_row), default=0.0)
        previous: _Item | None = None
        for index, item in enumerate(page.items, start=1):
            origin = Origin(f"p{page.number}:L{index}", page=page.number)
            if item.is_row:
                if previous is None or not previous.is_row or item.gap_before:
                    out.blank()
                cells = tuple(f"p{page.number}:L{index}:C{cell}" for cell in range(1, item.cells + 1))
                out.add(item.text, origin._replace(cells=cells))
                previous = item
                continue
            key = _DIGITS.sub("#", item.text)
            if key in repeated and not item.watermark:
                if key in kept_repeats:
                    continue
                kept_repeats.add(key)
            if previous is not None and previous.is_row:
                out.blank()
            elif previous is not None and _continues(previous, item, edge, left) and out.lines and out.lines[-1]:
                joined = out.origins[-1]
                first = joined.label.split("-")[0]
                segments = joined.segments or ((1, joined.label),)
                segments += ((len(out.lines[-1]) + 1, origin.label),)
                out.lines[-1] += item.text.lstrip()
                out.origins[-1] = origin._replace(label=f"{first}-{index}", segments=segments)  # p6:L9-11
                previous = item
                continue
            out.add(item.text, origin)
            previous = item
    return out.build("pdf")


def _continues(previous: _Item, item: _Item, edge: float | None, left: float) -> bool:
    """Whether ``item`` is the wrapped rest of ``previous`` (see the module docstring).

    Both lines must sit at the page's left text margin (the first at most a
    paragraph indent in), so centred titles are never joined to what follows.
    """
    if edge is None or previous.is_row:
        return False
    char = max(6.0, (previous.x1 - previous.x0) / max(1, len(previous.text)))
    return (
        previous.x1 >= edge - 1.5 * char
        and previous.x0 <= left + 3.5 * char
        and item.x0 <= left + 0.5 * char
        and not previous.text.rstrip().endswith(_SENTENCE_END)
        and item.x0 <= previous.x0 + 0.5 * char
        and item.top - previous.top < 3 * char
        and not _NEW_ITEM.match(item.text)
    )
