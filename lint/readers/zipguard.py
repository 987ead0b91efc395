"""Refuse zip bombs before python-docx or openpyxl open a .docx/.xlsx.

Office files are zip archives. The central directory declares every member's
uncompressed size, and :mod:`zipfile` never inflates a member past its declared size
(it raises on a mismatch), so summing the declared sizes before opening bounds the
memory and time the libraries can spend on a hostile file.
"""

from __future__ import annotations

from budgetlint.readers.base import MB, Limits, ReaderError

_MAX_MEMBERS = 10_000


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
        raise ReaderError(f"{kind} 文件包含的部件过多（{len(members)} 个）",
                          f"the {kind} file has too many parts ({len(members)})")
    declared = sum(member.file_size for member in members)
    if declared > limits.max_unzipped_bytes:
        raise ReaderError(
            f"{kind} 文件解压后过大（声明 {declared / MB:.0f} MB，上限 {limits.max_unzipped_bytes / MB:.0f} MB，"
            f"疑为压缩炸弹；可用 --max-unzipped-size 调整）",
            f"the {kind} file would decompress to {declared / MB:.0f} MB (limit "
            f"{limits.max_unzipped_bytes / MB:.0f} MB; a zip bomb?); see --max-unzipped-size",
        )
