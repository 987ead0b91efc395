"""Hostile binary inputs, generated (no stored files): each stays within the file-size limit
but once made a reader run for minutes or take gigabytes.

``scale`` makes each one larger: the tests use small versions (they must end in seconds with
a BL001 or a bounded read), ``benchmarks/reader_bounds.py`` the sizes the issue measured.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from .minimal_pdf import _assemble, _stream

_WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx_with_body(path: Path, body: str) -> Path:
    """A minimal .docx whose ``w:body`` holds ``body`` (WordprocessingML, prefix ``w``)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_WORD_NS}">'
        f"<w:body>{body}</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return path


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def wide_grid_docx(path: Path, rows: int) -> Path:
    """Table rows whose cells claim huge grid spans (``gridBefore``/``gridSpan``): a few bytes each,
    and the reader used to lay out every claimed column."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>'
    row = '<w:tr><w:trPr><w:gridBefore w:val="2000000"/></w:trPr>' + cell * 50 + "</w:tr>"
    return docx_with_body(path, _paragraph("表1") + "<w:tbl>" + row * rows + "</w:tbl>")


def nested_docx(path: Path, depth: int, cells: int) -> Path:
    """Table cells holding paragraphs nested in text boxes, ``depth`` deep: each nested paragraph's
    text used to be read once per enclosing paragraph (quadratic in the depth)."""
    inner = "<w:r><w:t>" + "数" * 200 + "</w:t></w:r>"
    for _ in range(depth):
        inner = f"<w:p><w:r><w:txbxContent>{inner}</w:txbxContent></w:r></w:p>"
    row = "<w:tr>" + f"<w:tc>{inner}</w:tc>" * 10 + "</w:tr>"
    return docx_with_body(path, "<w:tbl>" + row * max(1, cells // 10) + "</w:tbl>")


def many_elements_docx(path: Path, paragraphs: int) -> Path:
    """Millions of empty paragraphs: tiny compressed, each one an element in memory."""
    return docx_with_body(path, _paragraph("说明") + "<w:p/>" * paragraphs)


def understated_docx(path: Path, real_bytes: int, declared_bytes: int = 1000) -> Path:
    """A .docx whose zip directory declares ``declared_bytes`` for ``word/document.xml`` while its
    deflated data inflates to ``real_bytes`` (the local header and the directory both lie; the CRC
    is that of the declared prefix, so only the inflated length gives it away)."""
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_WORD_NS}"><w:body>'
    ).encode()
    chunk = b"<w:p/>" * (1 << 16)
    prefix = (head + chunk)[:declared_bytes]
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = bytearray(compressor.compress(head))
    for _ in range(max(1, real_bytes // len(chunk))):  # in chunks: the inflated data never exists here
        deflated += compressor.compress(chunk)
    deflated += compressor.flush()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", prefix)
    _replace_member(path, "word/document.xml", bytes(deflated), declared_bytes, zlib.crc32(prefix))
    return path


def _replace_member(path: Path, name: str, deflated: bytes, size: int, crc: int) -> None:
    """Rewrite the zip with ``name``'s compressed data swapped for ``deflated`` (sizes and CRC as given)."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    out = bytearray()
    directory = bytearray()
    for info, content in members:
        raw = deflated
        if info.filename != name:
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            raw = compressor.compress(content) + compressor.flush()
        member_crc = crc if info.filename == name else zlib.crc32(content)
        member_size = size if info.filename == name else len(content)
        encoded = info.filename.encode()
        offset = len(out)
        out += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, member_crc, len(raw), member_size, len(encoded), 0
        )
        out += encoded + raw
        directory += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0,
            member_crc,
            len(raw),
            member_size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(out), 0)
    path.write_bytes(bytes(out + directory + end))


def big_xlsx(path: Path, rows: int, columns: int = 20) -> Path:
    """A workbook of ``rows`` × ``columns`` numbers: a few MB zipped, millions of cells."""
    cells = "".join(f'<c r="{_column(i)}{{r}}"><v>{i}</v></c>' for i in range(1, columns + 1))
    sheet_rows = "".join(f'<row r="{r}">' + cells.replace("{r}", str(r)) + "</row>" for r in range(1, rows + 1))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{sheet_rows}</sheetData></worksheet>"
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{relations}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{main}" '
            f'xmlns:r="{relations}"><sheets><sheet name="收支总表" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{relations}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _one_page_pdf(content: bytes, stream_extra: bytes = b"") -> bytes:
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents 4 0 R >>",
            _stream(content, stream_extra),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def q_operators_pdf(pairs: int) -> bytes:
    """One page whose Flate-compressed content is ``pairs`` nested ``q`` … ``Q`` (save/restore graphics
    state) around a line of text: 10 million operators fit in about 40 KB."""
    content = b"q " * pairs + b"BT /F1 12 Tf 72 760 Td (Budget 2023) Tj ET " + b"Q " * pairs
    return _one_page_pdf(zlib.compress(content, 9), b"/Filter /FlateDecode ")


def flate_bomb_pdf(inflated_bytes: int) -> bytes:
    """One page whose Flate-compressed content stream inflates to ``inflated_bytes`` of spaces."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    deflated = bytearray(compressor.compress(b"BT /F1 12 Tf 72 760 Td (Budget 2023) Tj ET "))
    for _ in range(inflated_bytes // len(chunk)):
        deflated += compressor.compress(chunk)
    deflated += compressor.flush()
    return _one_page_pdf(bytes(deflated), b"/Filter /FlateDecode ")


def many_pages_pdf(pages: int, declared: int | None = None) -> bytes:
    """``pages`` empty pages in one flat page tree whose ``/Count`` says ``declared`` (default: the truth)."""
    kids = b" ".join(b"%d 0 R" % (number + 3) for number in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % (pages if declared is None else declared),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    return _assemble(objects)
