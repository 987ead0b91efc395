"""Checks before python-docx or openpyxl open a .docx/.xlsx: size, encryption, zip bombs.

Office files are zip archives. The central directory declares every member's
uncompressed size, and :mod:`zipfile` never inflates a member past its declared size
(it raises on a mismatch), so summing the declared sizes before opening bounds the
memory and time the libraries can spend on a hostile file.
"""

from __future__ import annotations

from budgetlint.read.base import MB, Limits, ReaderError, check_file_size

_MAX_MEMBERS = 10_000
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
        raise ReaderError(
            f"{kind} 文件解压后过大（声明 {declared / MB:.0f} MB，上限 {limits.max_unzipped_bytes / MB:.0f} MB，"
            f"疑为压缩炸弹；可用 --max-unzipped-size 调整）",
            f"the {kind} file would decompress to {declared / MB:.0f} MB (limit "
            f"{limits.max_unzipped_bytes / MB:.0f} MB; a zip bomb?); see --max-unzipped-size",
        )
