"""Checks before python-docx or openpyxl open a .docx/.xlsx: size, encryption, zip bombs.

Office files are zip archives. The central directory declares every member's
uncompressed size, but that bounds nothing by itself: :mod:`zipfile` reading a whole
member (what python-docx and openpyxl do) inflates all of its compressed data in one call
and only then cuts it to the declared size, so a member that declares 1 KB can take
gigabytes. So besides summing the declared sizes, every member is inflated once here
through a capped stream (a bounded amount of output per step): one that yields more than
it declares, or a total over ``--max-unzipped-size``, is refused before a library opens
the file. Compression methods other than stored and deflate (which Office never writes)
are refused too: :mod:`zipfile` inflates bzip2/LZMA data without any output bound.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO

from budgetlint.read.base import MB, Limits, ReaderError, check_file_size

if TYPE_CHECKING:  # pragma: no cover
    import zipfile
    import zlib

_MAX_MEMBERS = 10_000
_OTHER_ELEMENTS_PER_MATCH = 8
_CHUNK = 1 << 16  # compressed bytes read, and most bytes inflated, per step
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls, or an encrypted Office file


def check_office_file(path: str, limits: Limits, kind: str) -> None:
    """Everything that must hold before a library opens an Office file (raises :class:`ReaderError`)."""
    check_file_size(path, limits)
    _refuse_ole(path, kind)
    check_zip(path, limits, kind)


def damaged(kind: str, exc: Exception) -> ReaderError:
    """The error for a file the library failed on after the checks passed."""
    detail = str(exc) or type(exc).__name__
    return ReaderError(
        f"{kind} 文件已损坏或无法解析：{detail}", f"the {kind} file is damaged or cannot be parsed: {detail}"
    )


def _refuse_ole(path: str, kind: str) -> None:
    """Password-protected Office files are OLE containers (as are old .doc/.xls), not zips."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReaderError(f"无法读取文件：{reason}", f"cannot read the file: {reason}") from exc
    if head == _OLE_MAGIC:
        raise ReaderError(
            f"{kind} 文件已加密（受密码保护）或是旧版二进制格式（.doc/.xls），请另存为未加密的 .docx/.xlsx",
            f"the {kind} file is password-protected or in the old binary format (.doc/.xls); "
            "save it as an unencrypted .docx/.xlsx",
        )


def check_zip(path: str, limits: Limits, kind: str) -> None:
    """Raise :class:`ReaderError` for a file that is not a zip, or declares too much data."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ReaderError(
            f"{kind} 文件已损坏或不完整（不是有效的 zip 包：{exc}）",
            f"the {kind} file is damaged or truncated (not a valid zip archive: {exc})",
        ) from exc
    if len(members) > _MAX_MEMBERS:
        raise ReaderError(
            f"{kind} 文件包含的部件过多（{len(members)} 个）", f"the {kind} file has too many parts ({len(members)})"
        )
    declared = sum(member.file_size for member in members)
    if declared > limits.max_unzipped_bytes:
        raise _too_large(kind, f"声明 {declared / MB:.0f} MB", f"would decompress to {declared / MB:.0f} MB", limits)
    _check_inflated_sizes(path, members, limits, kind)


def _too_large(kind: str, size_zh: str, size_en: str, limits: Limits) -> ReaderError:
    limit = f"{limits.max_unzipped_bytes / MB:.0f} MB"
    return ReaderError(
        f"{kind} 文件解压后过大（{size_zh}，上限 {limit}，疑为压缩炸弹；可用 --max-unzipped-size 调整）",
        f"the {kind} file {size_en} (limit {limit}; a zip bomb?); see --max-unzipped-size",
    )


def _check_inflated_sizes(path: str, members: list[zipfile.ZipInfo], limits: Limits, kind: str) -> None:
    """Inflate every member through a capped stream: none may yield more than it declares.

    Reads the raw data after each member's local header and inflates it with an output
    bound per step, so memory stays at a few chunks whatever the data claims."""
    import zipfile
    import zlib

    total = 0
    with open(path, "rb") as handle:
        for member in members:
            if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise ReaderError(
                    f"{kind} 文件的部件 {member.filename} 使用了不支持的压缩方式（{member.compress_type}）",
                    f"the {kind} file's part {member.filename} uses an unsupported compression "
                    f"method ({member.compress_type})",
                )
            raw = _raw_member_data(handle, member)
            inflater = zlib.decompressobj(-15) if member.compress_type == zipfile.ZIP_DEFLATED else None
            size = 0
            for chunk in _inflate(raw, inflater, member.file_size + 1):
                size += len(chunk)
                if size > member.file_size:
                    raise _too_large(
                        kind,
                        f"部件 {member.filename} 实际大于声明的 {member.file_size} 字节",
                        f"has a part ({member.filename}) larger than the {member.file_size} bytes it declares",
                        limits,
                    )
            total += size
            if total > limits.max_unzipped_bytes:
                raise _too_large(kind, f"超过 {total / MB:.0f} MB", f"decompresses to over {total / MB:.0f} MB", limits)


def _raw_member_data(handle: BinaryIO, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's compressed bytes, in chunks, as :mod:`zipfile` would read them
    (after the local header, whose name and extra field lengths may differ from the directory's)."""
    import struct

    handle.seek(member.header_offset)
    header = handle.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ReaderError("zip 部件的本地文件头已损坏", "a zip part's local file header is damaged")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(name_length + extra_length, 1)
    left = member.compress_size
    while left > 0:
        chunk = handle.read(min(_CHUNK, left))
        if not chunk:
            return
        left -= len(chunk)
        yield chunk


def _inflate(raw: Iterator[bytes], inflater: zlib._Decompress | None, most: int) -> Iterator[bytes]:
    """Inflated output in steps of at most ``_CHUNK`` bytes, stopping once ``most`` bytes came out."""
    produced = 0
    for chunk in raw:
        if inflater is None:
            produced += len(chunk)
            yield chunk
        else:
            data = chunk
            while data and produced < most:
                out = inflater.decompress(data, _CHUNK)
                produced += len(out)
                yield out
                data = inflater.unconsumed_tail
        if produced >= most:
            return


def count_elements(path: str, part: str, most: int, tag: str | None = None) -> int:
    """How many elements (named ``tag``, a Clark name, or any) the XML ``part`` holds, counting
    no further than ``most + 1``: a streaming parse, each element dropped once passed, so
    counting costs no tree (0 when the part is missing: the library reports that).

    With ``tag``, more than ``_OTHER_ELEMENTS_PER_MATCH`` × ``most`` elements of any name also
    count as over (``most + 1``): a part of millions of empty rows holds no cell, yet its
    parse costs as much time."""
    import zipfile
    from xml.etree.ElementTree import Element, iterparse

    matched = seen = 0
    open_elements: list[Element] = []
    with zipfile.ZipFile(path) as archive:
        if part not in archive.namelist():
            return 0
        with archive.open(part) as stream:
            for event, element in iterparse(stream, events=("start", "end")):
                if event == "start":
                    open_elements.append(element)
                    continue
                open_elements.pop()
                seen += 1
                if tag is None or element.tag == tag:
                    matched += 1
                if matched > most or seen > _OTHER_ELEMENTS_PER_MATCH * most:
                    return most + 1
                if open_elements:  # drop it from its parent, which then holds no child for long
                    open_elements[-1].remove(element)
    return matched
