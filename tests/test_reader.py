"""Decoding: encodings, BOMs, line ends, and what is refused."""

from __future__ import annotations

import codecs

import pytest

from budgetlint.read.text import UnreadableInput, decode_bytes

TEXT = "2023年度单位预算公开\n合计\t140.30\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_crlf_and_cr_become_lf() -> None:
    assert decode_bytes(b"a\r\nb\rc\n").text == "a\nb\nc\n"


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)), b"\xff\xfe\x00\xd8"],
)
def test_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableInput) as info:
        decode_bytes(data)
    assert info.value.reason_zh and info.value.reason_en
