"""Write tiny PDFs by hand for the reader's edge cases (no PDF-writing library needed).

``image_only_pdf`` is a scanned-page stand-in: one page that draws a 2×2 grey image
and has no text layer. ``encrypted_pdf`` uses the standard security handler
(revision 2, RC4 40-bit) with a non-empty user password, so it cannot be opened
without it. ``text_pdf`` has a few lines of Helvetica text on each of N pages.
"""

from __future__ import annotations

import hashlib

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = bytes(range(16))


def _assemble(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d " % len(data) + extra + b">>\nstream\n" + data + b"\nendstream"


def image_only_pdf() -> bytes:
    content = b"q 200 0 0 200 100 500 cm /Im1 Do Q"
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(content),
            _stream(
                bytes([0, 128, 255, 64]),
                b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
            ),
        ]
    )


def text_pdf(
    pages: int,
    lines: tuple[str, ...] = ("Budget 2023", "Total 1.00"),
    header: str = "",
    image_pages: tuple[int, ...] = (),
    watermark: str = "",
) -> bytes:
    """``pages`` pages of ``lines``; ``header`` at the top of each; pages in ``image_pages`` (1-based) only an image."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for number in range(1, pages + 1):
        page_number = len(objects) + 1
        kids.append(b"%d 0 R" % page_number)
        if number in image_pages:
            objects.append(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 %d 0 R >> >> "
                b"/Contents %d 0 R >>" % (page_number + 1, page_number + 2)
            )
            objects.append(
                _stream(
                    bytes([0, 128, 255, 64]),
                    b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
                )
            )
            objects.append(_stream(b"q 200 0 0 200 100 500 cm /Im1 Do Q"))
            continue
        text = (
            b"BT /F1 12 Tf 72 760 Td "
            + b" 0 -16 Td ".join(b"(" + line.encode("ascii") + b") Tj" for line in lines)
            + b" ET"
        )
        if header:
            text += b" BT /F1 9 Tf 72 815 Td (" + header.encode("ascii") + b") Tj ET"
        if watermark:  # 45 degrees across the page, over the text
            text += b" BT /F1 40 Tf 0.707 0.707 -0.707 0.707 150 600 Tm (" + watermark.encode("ascii") + b") Tj ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (page_number + 1, page_number + 2)
        )
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        objects.append(_stream(text))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    return _assemble(objects)


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes = b"secret", owner_password: bytes = b"owner") -> bytes:
    padded_user = (user_password + _PAD)[:32]
    owner_key = hashlib.md5((owner_password + _PAD)[:32]).digest()[:5]
    o_value = _rc4(owner_key, padded_user)
    permissions = -44
    key = hashlib.md5(padded_user + o_value + permissions.to_bytes(4, "little", signed=True) + _FILE_ID).digest()[:5]
    u_value = _rc4(key, _PAD)
    encrypt = (
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + o_value.hex().encode()
        + b"> /U <"
        + u_value.hex().encode()
        + b"> /P %d >>" % permissions
    )
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            _stream(b"BT ET"),
            encrypt,
        ],
        b"/Encrypt 5 0 R /ID [<" + _FILE_ID.hex().encode() + b"> <" + _FILE_ID.hex().encode() + b">] ",
    )


#: A Type 3 font of two glyphs, ``a`` (a filled square) and ``b`` (a filled bar), drawn by
#: content streams 7 and 8 of :func:`content_pdf`, with a ToUnicode map so both engines
#: decode the characters the same way.
_TYPE3_FONT = (
    b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 750 750] /FontMatrix [0.001 0 0 0.001 0 0] "
    b"/CharProcs << /a 7 0 R /b 8 0 R >> /Encoding << /Type /Encoding /Differences [97 /a /b] >> "
    b"/FirstChar 97 /LastChar 98 /Widths [1000 1000] /Resources << >> /ToUnicode 9 0 R >>"
)
_TYPE3_CMAP = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T3 def "
    b"1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <61> <0061> <62> <0062> endbfchar "
    b"endcmap CMapName currentdict /CMap defineresource pop end end"
)


def content_pdf(content: bytes, rotate: int = 0, media_box: bytes = b"0 0 595 842") -> bytes:
    """One page drawing ``content``, with Helvetica as /F1 and a Type 3 font as /F3; ``rotate`` is /Rotate."""
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox ["
            + media_box
            + b"] /Rotate %d " % rotate
            + b"/Resources << /Font << /F1 5 0 R /F3 6 0 R >> >> /Contents 4 0 R >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            _TYPE3_FONT,
            _stream(b"750 0 0 0 750 750 d1 0 0 750 750 re f"),
            _stream(b"750 0 0 0 750 750 d1 0 0 750 200 re f"),
            _stream(_TYPE3_CMAP),
        ]
    )


def ruled_table(
    left: float, top: float, widths: tuple[float, ...], rows: list[tuple[str, ...]], height: float = 20
) -> bytes:
    """Content drawing a table ruled with stroked lines (cells of ``widths``) and its Helvetica text."""
    right = left + sum(widths)
    bottom = top - height * len(rows)
    ops = [b"0.5 w"]
    for index in range(len(rows) + 1):
        y = top - height * index
        ops.append(b"%.2f %.2f m %.2f %.2f l S" % (left, y, right, y))
    x = left
    for width in (0.0, *widths):
        x += width
        ops.append(b"%.2f %.2f m %.2f %.2f l S" % (x, top, x, bottom))
    for index, row in enumerate(rows):
        x = left
        for width, cell in zip(widths, row, strict=True):
            ops.append(
                b"BT /F1 10 Tf %.2f %.2f Td (%s) Tj ET" % (x + 3, top - height * (index + 1) + 6, cell.encode("ascii"))
            )
            x += width
    return b"\n".join(ops)
