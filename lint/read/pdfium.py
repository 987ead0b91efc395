"""PDF reader on PDFium (``pypdfium2``, extra ``[pdfium]``): the same text form as :mod:`.pdf`, faster.

98 % of a PDF run used to go into pdfminer's parsing and layout analysis. PDFium parses the
file, decodes the fonts and places every character in C++; this module only turns what it
gives into the *objects pdfplumber works on* — character boxes, ruling lines, rectangles
and curves in pdfplumber's coordinates — and hands them to the very page and document
assembly of :mod:`budgetlint.read.pdf` (table finding, lines, watermarks, headers and
footers, wrapped sentences). The text the rules see is therefore assembled by one code
path; only where the objects come from differs. ``benchmarks/pdf_fidelity.py`` compares
the two engines on every corpus PDF.

How PDFium's objects become pdfminer's (what pdfplumber was written against):

- a character's box is pdfminer's: from the origin and advance PDFium reports, the font's
  descent below the baseline and one font size above it (PDFium's own "loose" box reaches
  the font's ascent instead, a few tenths of a point higher, which would move lines);
- characters PDFium *generates* (the spaces and line breaks it infers between words and
  lines) are dropped: word spaces come from pdfplumber's word gaps, exactly as before;
- a painted path is split into subpaths and each is classified as pdfminer does (one
  segment: a line; a closed axis-aligned four-sided loop: a rectangle; else a curve);
  paths that are only a clip are not painted and are skipped, as pdfminer skips ``n``;
- page rotation (``/Rotate``) is applied with pdfminer's matrix, so a landscape page
  reads in its displayed orientation under both engines.

Everything PDFium- and pdfplumber-specific is imported inside :func:`read_pdf`.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from budgetlint.read.base import Limits, MissingExtra, ReadDocument, ReaderError, check_file_size
from budgetlint.read.pdf import _assemble, _Page, _read_page, _too_many_pages

if TYPE_CHECKING:  # pragma: no cover - optional extras, imported when a PDF is read
    from pdfplumber.page import Page

#: An affine matrix (a, b, c, d, e, f) as in PDF: x' = a·x + c·y + e, y' = b·x + d·y + f.
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PDFIUM_HYPHEN = 0x2  # what PDFium's text page puts in place of a hyphen it joined across lines
_INKLESS = 0.01  # PDFium's kSizeEpsilon: a text object narrower than this is left out of its text page
_MAX_FORM_DEPTH = 12  # nested form XObjects deeper than this are a hostile file, not a table


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix applying ``first`` and then ``then`` (PDF's ``first × then``)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return (a * x + c * y + e, b * x + d * y + f)


class PageFrame(NamedTuple):
    """How a point of PDF user space lands in pdfplumber's page coordinates.

    ``ctm`` is pdfminer's page matrix (it rotates by ``/Rotate`` and moves the media box's
    corner to 0, 0); pdfplumber then measures ``top`` down from the upper edge and adds the
    media box's left edge back (its ``Page.process_object``). ``bbox`` is pdfplumber's
    ``Page.bbox`` (the media box, normalized for the rotation and flipped).
    """

    ctm: Matrix
    bbox: tuple[float, float, float, float]
    rotation: int

    @classmethod
    def of(cls, mediabox: tuple[float, float, float, float], rotation: int) -> PageFrame:
        x0, y0, x1, y1 = mediabox
        rotation %= 360
        ctm: Matrix
        if rotation == 90:
            ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
        elif rotation == 180:
            ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
        elif rotation == 270:
            ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
        else:
            ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
        left, right = sorted((x0, x1))
        low, high = sorted((y0, y1))
        if rotation in (90, 270):
            left, low, right, high = low, left, high, right
        height = high - low
        return cls(ctm, (left, height - high, right, height - low), rotation)

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A PDF-space point as pdfplumber's (x, top)."""
        lx, ly = apply(self.ctm, x, y)
        return (lx + self.bbox[0], self.height - ly + self.bbox[1])

    def box(self, points: list[tuple[float, float]], doctop: float) -> dict[str, Any]:
        """pdfplumber's box keys for the bounding box of PDF-space ``points``."""
        placed = [apply(self.ctm, x, y) for x, y in points]
        xs = [x for x, _ in placed]
        ys = [y for _, y in placed]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        top = self.height - y1 + self.bbox[1]
        return {
            "x0": x0 + self.bbox[0],
            "x1": x1 + self.bbox[0],
            "y0": y0,
            "y1": y1,
            "top": top,
            "bottom": self.height - y0 + self.bbox[1],
            "doctop": doctop + top,
            "width": x1 - x0,
            "height": y1 - y0,
        }


def read_pdf(path: str, limits: Limits) -> ReadDocument:
    """Read a PDF with PDFium into budgetlint's text form; raise :class:`ReaderError` when it cannot."""
    check_file_size(path, limits)
    try:
        import pypdfium2
        import pypdfium2.raw
    except ImportError as exc:  # pragma: no cover - exercised without the extra installed
        raise MissingExtra("pdfium", "pypdfium2") from exc
    try:
        import pdfplumber  # noqa: F401 - the table and line assembly works on pdfplumber's page
    except ImportError as exc:  # pragma: no cover
        raise MissingExtra("pdfium", "pdfplumber") from exc

    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as exc:
        raise _failure(exc) from exc
    try:
        count = len(pdf)
        if count > limits.max_pages:
            raise _too_many_pages(count, limits)
        pages: list[_Page] = []
        doctop = 0.0
        for index in range(count):
            page = _page(pdf, index, doctop)
            doctop += float(page.height)
            pages.append(_read_page(page))
    except ReaderError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged page: the whole file is BL001, as with pdfminer
        raise ReaderError(f"PDF 已损坏或无法解析：{exc}", f"the PDF is damaged or cannot be parsed: {exc}") from exc
    finally:
        pdf.close()
    return _assemble(pages)


def _failure(exc: Exception) -> ReaderError:
    """PDFium says why it cannot open a file in its message (``Failed to load document (PDFium: Incorrect password error).``)."""
    if "password" in str(exc).lower():
        return ReaderError(
            "PDF 已加密（需要密码才能打开），请提供未加密的版本",
            "the PDF is encrypted (needs a password); provide an unencrypted copy",
        )
    return ReaderError(f"PDF 已损坏或无法解析：{exc}", f"the PDF is damaged or cannot be parsed: {exc}")


def _page(pdf: Any, index: int, doctop: float) -> Page:
    """Page ``index`` as a pdfplumber page holding PDFium's objects (pypdfium2 objects are untyped)."""
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        frame = PageFrame.of(_mediabox(page.raw), raw.FPDFPage_GetRotation(page.raw) * 90)
        objects, order = _page_objects(page.raw, frame, index + 1, doctop)
        textpage = page.get_textpage()
        try:
            chars = [*_chars(textpage.raw, order, frame, index + 1, doctop), *objects.pop("blank", [])]
        finally:
            textpage.close()
        chars.sort(key=lambda char: char.pop("_order"))  # stable: the content stream's order, as pdfminer's
        if chars:
            objects["char"] = chars
    finally:
        page.close()
    return _plumber_page(index + 1, frame, doctop, objects)


def _mediabox(raw_page: Any) -> tuple[float, float, float, float]:
    """The page's media box as pdfminer reads it (PDFium's default when absent: US Letter)."""
    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if raw.FPDFPage_GetMediaBox(raw_page, left, bottom, right, top):
        return (left.value, bottom.value, right.value, top.value)
    return (0.0, 0.0, 612.0, 792.0)


def _plumber_page(number: int, frame: PageFrame, doctop: float, objects: dict[str, list[dict[str, Any]]]) -> Page:
    """A pdfplumber page whose objects are given instead of parsed by pdfminer."""
    from functools import lru_cache

    from pdfplumber.page import Page

    page = Page.__new__(Page)
    # No pdfminer document or page behind it: nothing the reader calls (tables, lines, filter)
    # reaches them; pdfplumber's derived pages copy the two attributes, so they exist.
    page.pdf = None  # type: ignore[assignment]
    page.page_obj = None  # type: ignore[assignment]
    page.root_page = page
    page.page_number = number
    page.initial_doctop = doctop
    page.rotation = frame.rotation
    page.mediabox = page.cropbox = page.bbox = frame.bbox
    page.get_textmap = lru_cache()(page._get_textmap)
    page._objects = objects
    return page


# -- characters ---------------------------------------------------------------------------------
class _Metrics:
    """A font's descent at a size, by text object (PDFium hands out one font handle per object)."""

    def __init__(self) -> None:
        self._descents: dict[tuple[int, float], float | None] = {}

    def descent(self, font: Any, size: float) -> float | None:
        """The descent below the baseline in text space (pdfminer: the descriptor's /Descent × size / 1000)."""
        import pypdfium2.raw as raw

        if not font:
            return None
        key = (ctypes.cast(font, ctypes.c_void_p).value or 0, size)
        if key not in self._descents:
            value = ctypes.c_float()
            self._descents[key] = value.value if raw.FPDFFont_GetDescent(font, size, value) else None
        return self._descents[key]


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _chars(
    textpage: Any, order: dict[int, int], frame: PageFrame, number: int, doctop: float
) -> Iterator[dict[str, Any]]:
    """The page's characters as pdfminer's ``LTChar`` boxes (see the module docstring).

    Each carries ``_order``, the place of its text object in the content stream: PDFium's
    text page may list a line's objects in another order, and where two characters start
    at the same x the word finder keeps the order it is given.
    """
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(textpage)
    loose = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    metrics = _Metrics()
    index = 0
    while index < count:
        code = raw.FPDFText_GetUnicode(textpage, index)
        current = index
        index += 1
        if raw.FPDFText_IsGenerated(textpage, current) == 1 or code in (0, 0x0A, 0x0D):
            continue
        if 0xD800 <= code < 0xDC00 and index < count:  # a character beyond the BMP comes as a surrogate pair
            low = raw.FPDFText_GetUnicode(textpage, index)
            if 0xDC00 <= low < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                index += 1
        raw.FPDFText_GetLooseCharBox(textpage, current, loose)
        raw.FPDFText_GetCharOrigin(textpage, current, ox, oy)
        raw.FPDFText_GetMatrix(textpage, current, matrix)
        size = raw.FPDFText_GetFontSize(textpage, current)
        text_object = raw.FPDFText_GetTextObject(textpage, current)
        font = raw.FPDFTextObj_GetFont(text_object)
        if code == _PDFIUM_HYPHEN and raw.FPDFText_IsHyphen(textpage, current) == 1:
            code = 0x2D  # a hyphen ending a line: PDFium marks it, pdfminer keeps the printed "-"
        linear = (matrix.a, matrix.b, matrix.c, matrix.d, 0.0, 0.0)
        if abs(matrix.a) > 1e-6 and abs(matrix.b) < 1e-6:  # the advance runs along x: PDFium's loose box has it
            advance = abs(loose.right - loose.left) / abs(matrix.a)  # the box is normalized: left < right
        else:
            advance = _glyph_width(font, code, size)
        descent = metrics.descent(font, size)
        if descent is None:
            descent = (loose.bottom - oy.value) / matrix.d if abs(matrix.d) > 1e-6 else 0.0
        char = _char(chr(code), linear, (ox.value, oy.value), (advance, descent, size), frame, number, doctop)
        char["_order"] = order.get(_address(text_object), len(order))
        yield char


def _glyph_width(font: Any, code: int, size: float) -> float:
    """The advance of ``code`` at ``size`` (text on a rotated baseline, where the loose box has none)."""
    import pypdfium2.raw as raw

    width = ctypes.c_float()
    if font and code < 0x10000 and raw.FPDFFont_GetGlyphWidth(font, code, size, width):
        return float(width.value)
    return size / 2


def _char(
    text: str,
    matrix: Matrix,
    origin: tuple[float, float],
    metrics: tuple[float, float, float],
    frame: PageFrame,
    number: int,
    doctop: float,
) -> dict[str, Any]:
    """One character in pdfplumber's form, boxed as pdfminer boxes it.

    pdfminer's box is in text space from the origin: the advance along the baseline, from
    the font's descent to one font size above it, mapped by the character's matrix (and
    the page's). ``metrics`` is (advance, descent, font size) in text space; ``matrix`` the
    character's linear map to PDF space and ``origin`` its origin there.
    """
    advance, descent, size = metrics
    ox, oy = origin
    corners = [
        (ox + matrix[0] * x + matrix[2] * y, oy + matrix[1] * x + matrix[3] * y)
        for x, y in ((0.0, descent), (advance, descent), (0.0, descent + size), (advance, descent + size))
    ]
    char = frame.box(corners, doctop)
    a, b, c, d, _, _ = multiply(matrix, (*frame.ctm[:4], 0.0, 0.0))
    lx, ly = apply(frame.ctm, ox, oy)
    char.update(
        text=text,
        object_type="char",
        page_number=number,
        size=char["height"],
        adv=advance,
        upright=bool(a * d > 0 and b * c <= 0),
        matrix=(a, b, c, d, lx, ly),
        fontname="",
    )
    return char


# -- paths, images --------------------------------------------------------------------------------
def _page_objects(
    raw_page: Any, frame: PageFrame, number: int, doctop: float
) -> tuple[dict[str, list[dict[str, Any]]], dict[int, int]]:
    """Lines, rectangles and curves of every painted path (forms included), the images, the
    spaces of ink-less text objects; and each text object's place in the content stream."""
    import pypdfium2.raw as raw

    objects: dict[str, list[dict[str, Any]]] = {"line": [], "rect": [], "curve": [], "image": [], "blank": []}
    order: dict[int, int] = {}
    pending = [(raw.FPDFPage_GetObject(raw_page, i), IDENTITY, 0) for i in range(raw.FPDFPage_CountObjects(raw_page))]
    pending.reverse()
    while pending:
        obj, outer, depth = pending.pop()
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            for shape, points in _subpaths(obj, outer):
                objects[shape].append(_path_object(shape, points, frame, number, doctop))
        elif kind == raw.FPDF_PAGEOBJ_TEXT:
            order[_address(obj)] = len(order)
            if _is_blank(obj):
                blank = _blank(obj, outer, frame, number, doctop)
                blank["_order"] = order[_address(obj)]
                objects["blank"].append(blank)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            objects["image"].append(_image(obj, outer, frame, number, doctop))
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            inner = multiply(_matrix(obj), outer)
            children = [
                (raw.FPDFFormObj_GetObject(obj, i), inner, depth + 1) for i in range(raw.FPDFFormObj_CountObjects(obj))
            ]
            pending.extend(reversed(children))
    return {kind: found for kind, found in objects.items() if found or kind == "blank"}, order


def _matrix(obj: Any) -> Matrix:
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _subpaths(obj: Any, outer: Matrix) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """Each subpath of a painted path object as pdfminer classifies it, with its end points in PDF space.

    pdfminer's shapes: ``m`` starts a subpath, ``l`` a straight segment, ``c`` a Bézier (PDFium
    gives its two control points and its end as three segments), ``h`` closes. A closing
    straight segment back to the start followed by ``h`` counts as the ``h`` alone.
    """
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fill, stroke) or (fill.value == 0 and not stroke.value):
        return  # a clipping path only: pdfminer never sees it (``n``)
    matrix = multiply(_matrix(obj), outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    shape: list[str] = []
    points: list[tuple[float, float]] = []
    bezier = 0
    for index in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = apply(matrix, x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                yield from _classify(shape, points)
            shape, points, bezier = ["m"], [point], 0
        elif not shape:
            continue  # a path not starting with m: invalid, skipped as pdfminer does
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier == 3:  # control, control, end
                shape.append("c")
                points.append(point)
                bezier = 0
        else:
            shape.append("l")
            points.append(point)
        if raw.FPDFPathSegment_GetClose(segment) and shape:
            shape.append("h")
            points.append(points[0])
    if shape:
        yield from _classify(shape, points)


def _classify(shape: list[str], points: list[tuple[float, float]]) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """pdfminer's ``PDFLayoutAnalyzer.paint_path`` decision for one subpath (``m`` first)."""
    letters = "".join(shape)
    if len(letters) > 3 and letters.endswith("lh") and points[-2] == points[0]:
        letters = letters[:-2] + "h"
        points = points[:-2] + points[-1:]
    if len(points) < 2:
        return
    if letters in ("ml", "mlh"):
        yield "line", points[:2]
    elif letters in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        yield ("rect" if points[0] == points[4] and square else "curve"), points
    else:
        yield "curve", points


def _path_object(
    shape: str, points: list[tuple[float, float]], frame: PageFrame, number: int, doctop: float
) -> dict[str, Any]:
    """A line, rectangle or curve as pdfplumber's object dict (what its edges are made from)."""
    corners = [points[0], points[2]] if shape == "rect" else points
    obj = frame.box(corners, doctop)
    obj.update(object_type=shape, page_number=number)
    if shape != "rect":
        obj["pts"] = [frame.point(x, y) for x, y in points]
    return obj


def _is_blank(obj: Any) -> bool:
    """A text object whose glyphs have no ink at all: a space (or several) shown on its own.

    PDFium leaves such objects out of its text page (a zero-width object) and may put a
    generated space in their place, or none; pdfminer has their characters, and a space
    character ends a word in pdfplumber's word finder even where the gap is narrow (a
    leader line ``…… 3`` whose page number is kerned back over the space)."""
    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return False
    return abs(right.value - left.value) < _INKLESS


def _blank(obj: Any, outer: Matrix, frame: PageFrame, number: int, doctop: float) -> dict[str, Any]:
    """The space of an ink-less text object, boxed as pdfminer boxes its first character."""
    import pypdfium2.raw as raw

    a, b, c, d, e, f = multiply(_matrix(obj), outer)
    size = ctypes.c_float()
    if not raw.FPDFTextObj_GetFontSize(obj, size):
        size.value = 1.0
    descent = ctypes.c_float()
    font = raw.FPDFTextObj_GetFont(obj)
    if not font or not raw.FPDFFont_GetDescent(font, size.value, descent):
        descent.value = 0.0
    advance = 0.25 * size.value  # one narrow space: only where it starts matters to the word finder
    return _char(" ", (a, b, c, d, 0.0, 0.0), (e, f), (advance, descent.value, size.value), frame, number, doctop)


def _image(obj: Any, outer: Matrix, frame: PageFrame, number: int, doctop: float) -> dict[str, Any]:
    """An image's unit square in page space: the reader only asks whether a page has images."""
    matrix = multiply(_matrix(obj), outer)
    corners = [apply(matrix, x, y) for x, y in ((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0))]
    image = frame.box(corners, doctop)
    image.update(object_type="image", page_number=number)
    return image
