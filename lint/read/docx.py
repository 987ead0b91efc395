"""Word reader (python-docx): body paragraphs and real tables, in document order.

A paragraph is one line (empty paragraphs a blank line); a table is a block of tab-separated rows between blank
lines, laid out on the table's grid: a cell spanning columns (``gridSpan``) gives its
text to its first column and blanks to the rest, a vertically merged continuation
(``vMerge``) is blank, as pdfplumber renders merged cells. Text inside a cell is
joined without line breaks. Origins: ``P12`` (12th body paragraph), ``T2:R3`` (row 3
of the 2nd table) and, per cell, ``T2:R3:C4`` (grid column 4).

Bounds: the body may hold at most ``_MAX_ELEMENTS`` XML elements (counted while streaming,
before python-docx builds its tree: a few bytes of ``<w:p/>`` each, tens of millions fit in
the unzipped-size limit) and a table row at most ``_MAX_GRID_COLUMNS`` grid columns
(``gridBefore``/``gridSpan`` claim columns for a few bytes each; Word itself allows 63); a
file beyond either is refused (BL001). Paragraphs nested in a cell's paragraph (text boxes)
are read once, as part of the paragraph that holds them.

Limits: numbering that Word generates (automatic 一、/（一） list labels) is not part
of the paragraph text, so headings numbered that way reach the rules without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from budgetlint.read.base import Limits, MissingExtra, Origin, ReadDocument, ReaderError, TextBuilder
from budgetlint.read.zipguard import check_office_file, count_elements, damaged

_MAX_ELEMENTS = 2_000_000
_MAX_GRID_COLUMNS = 1_000
_BODY_PART = "word/document.xml"

if TYPE_CHECKING:  # pragma: no cover - python-docx is the optional [docx] extra, imported when a file is read
    from docx.oxml.xmlchemy import BaseOxmlElement

#: python-docx's ``qn``: a prefixed tag (``"w:p"``) to its Clark name (``"{namespace}p"``).
QualifiedName = Callable[[str], str]


def read_docx(path: str, limits: Limits) -> ReadDocument:
    """Read a .docx into budgetlint's text form; raise :class:`ReaderError` when it cannot."""
    check_office_file(path, limits, "Word")
    try:
        import docx
        from docx.oxml.ns import qn
    except ImportError as exc:  # pragma: no cover - exercised without the extra installed
        raise MissingExtra("docx", "python-docx") from exc
    try:
        _check_element_count(path)
        document = docx.Document(path)
        return _read_body(document.element.body, qn)
    except ReaderError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of a damaged file
        raise damaged("Word", exc) from exc


def _check_element_count(path: str) -> None:
    """Refuse a body of more than ``_MAX_ELEMENTS`` elements before python-docx builds its tree."""
    if count_elements(path, _BODY_PART, _MAX_ELEMENTS) > _MAX_ELEMENTS:
        raise ReaderError(
            f"Word 文件的正文元素过多（超过 {_MAX_ELEMENTS} 个）",
            f"the Word file's body has too many elements (over {_MAX_ELEMENTS})",
        )


def _read_body(body: BaseOxmlElement, qn: QualifiedName) -> ReadDocument:
    out = TextBuilder()
    paragraph_tag, table_tag = qn("w:p"), qn("w:tbl")
    paragraphs = tables = 0
    for child in body.iterchildren():
        if child.tag == paragraph_tag:
            paragraphs += 1
            text = _paragraph_text(child, qn).strip()
            if text:
                out.add(text, Origin(f"P{paragraphs}"))
            else:
                out.blank()  # empty paragraphs separate sections, as blank lines do in text
        elif child.tag == table_tag:
            tables += 1
            out.blank()
            _read_table(child, tables, out, qn)
            out.blank()
    return out.build("docx")


def _paragraph_text(paragraph: BaseOxmlElement, qn: QualifiedName) -> str:
    """The visible text of a ``w:p``: runs' text and tabs (目录 leaders use them); breaks as nothing."""
    parts: list[str] = []
    text_tag, tab_tag = qn("w:t"), qn("w:tab")
    for node in paragraph.iter(text_tag, tab_tag):
        parts.append(node.text or "" if node.tag == text_tag else "\t")
    return "".join(parts)


def _read_table(table: BaseOxmlElement, number: int, out: TextBuilder, qn: QualifiedName) -> None:
    row_tag, cell_tag, p_tag = qn("w:tr"), qn("w:tc"), qn("w:p")
    for row_number, row in enumerate((r for r in table.iterchildren() if r.tag == row_tag), start=1):
        cells: list[str] = [""] * _grid_before(row, qn)
        for cell in (c for c in row.iterchildren() if c.tag == cell_tag):
            span, continued = _cell_shape(cell, qn)
            if len(cells) + span > _MAX_GRID_COLUMNS:
                raise ReaderError(
                    f"Word 表格 {number} 第 {row_number} 行过宽（超过 {_MAX_GRID_COLUMNS} 列）",
                    f"row {row_number} of Word table {number} is too wide (over {_MAX_GRID_COLUMNS} columns)",
                )
            text = "" if continued else "".join(_paragraph_text(p, qn).strip() for p in _outer_paragraphs(cell, p_tag))
            cells.append(text.replace("\t", " "))
            cells.extend([""] * (span - 1))
        if not any(cells):
            continue
        label = f"T{number}:R{row_number}"
        out.add("\t".join(cells), Origin(label, tuple(f"{label}:C{i}" for i in range(1, len(cells) + 1))))


def _outer_paragraphs(cell: BaseOxmlElement, p_tag: str) -> Iterator[BaseOxmlElement]:
    """The cell's paragraphs that no other paragraph of it contains, in document order (a
    paragraph's text already includes its text boxes' paragraphs: reading those again would
    repeat them, once per level of nesting)."""
    stack = list(reversed(cell))
    while stack:
        node = stack.pop()
        if node.tag == p_tag:
            yield node
        else:
            stack.extend(reversed(node))


def _grid_before(row: BaseOxmlElement, qn: QualifiedName) -> int:
    properties = row.find(qn("w:trPr"))
    node = properties.find(qn("w:gridBefore")) if properties is not None else None
    return max(0, min(_int(node.get(qn("w:val")) if node is not None else None, 0), _MAX_GRID_COLUMNS + 1))


def _cell_shape(cell: BaseOxmlElement, qn: QualifiedName) -> tuple[int, bool]:
    """(columns spanned, is a vertical-merge continuation)."""
    properties = cell.find(qn("w:tcPr"))
    if properties is None:
        return 1, False
    span_node = properties.find(qn("w:gridSpan"))
    span = _int(span_node.get(qn("w:val")) if span_node is not None else None, 1)
    merge = properties.find(qn("w:vMerge"))
    continued = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
    return max(1, min(span, 1000)), continued


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
