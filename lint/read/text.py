"""Turn bytes into text lines, or explain why they are not a readable document.

Budget documents arrive as UTF-8 (with or without BOM), GB18030/GBK from older
Windows tools, or UTF-16 exported from Word; line ends may be CRLF or CR. Rules
should never see any of that: they get ``str`` with ``\\n`` line ends.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that real text files contain; anything else is a sign of binary data.
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1a")
#: The other C0 control characters: one regex scan instead of a Python loop over every character.
_DISALLOWED_CONTROL = re.compile(
    "[{}]".format("".join(re.escape(chr(code)) for code in range(32) if chr(code) not in _ALLOWED_CONTROLS))
)


class UnreadableInput(Exception):
    """The input is not a text document; ``reason_zh``/``reason_en`` say why."""

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason_zh = reason_zh
        self.reason_en = reason_en


class DecodedText(NamedTuple):
    """Decoded document text with normalized line ends and the encoding used."""

    text: str
    encoding: str


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a document; raise :class:`UnreadableInput` for empty, binary or undecodable data."""
    if not data.strip():
        raise UnreadableInput("文件为空", "the file is empty")
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableInput("文件为空", "the file is empty")
    controls = len(_DISALLOWED_CONTROL.findall(text))
    if "\x00" in text or controls > max(2, len(text) // 200):
        raise UnreadableInput("文件不是文本（疑为二进制文件）", "the file is not text (looks binary)")
    return DecodedText(text, encoding)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise UnreadableInput(
                    f"无法按 {encoding} 解码：{exc.reason}", f"cannot decode as {encoding}: {exc.reason}"
                ) from exc
    if b"\x00" in data:
        raise UnreadableInput("文件不是文本（疑为二进制文件）", "the file is not text (looks binary)")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableInput(
        "无法解码（既不是 UTF-8，也不是 GB18030/GBK 或带 BOM 的 UTF-16）",
        "cannot decode the file (not UTF-8, GB18030/GBK or UTF-16 with BOM)",
    )
