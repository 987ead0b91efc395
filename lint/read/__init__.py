"""Readers turn published files (PDF, Word, Excel) into the text form the parser reads.

Each reader maps a file to :class:`ReadDocument`: text with one line per paragraph and
table rows as tab-separated cells (merged cells blank), plus a :class:`SourceMap` from
every line back to its origin (PDF page and line, Word paragraph or table cell, Excel
sheet!cell). Readers are plugins: a package returns ``{".suffix": reader}`` from the
``budgetlint_readers()`` hook; the built-in ones come through the same hook
(:mod:`budgetlint.rules`). Plain text (.txt, .md, stdin) needs no reader.

Importing this package is cheap (standard library only); each reader imports its
third-party library when it is first called, and says which extra to install when
that library is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - at run time __getattr__ imports them on first use
    from budgetlint.read.base import (
        DEFAULT_LIMITS,
        Limits,
        MissingExtra,
        Origin,
        ReadDocument,
        Reader,
        ReaderError,
        ReaderNote,
        SourceMap,
    )

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "MissingExtra",
    "Origin",
    "ReadDocument",
    "Reader",
    "ReaderError",
    "ReaderNote",
    "SourceMap",
    "builtin_readers",
    "read_pdf",
    "read_docx",
    "read_xlsx",
]

#: The value types of :mod:`budgetlint.read.base`, imported on first use (``__all__`` stays a
#: literal list so that static tools see the re-exports).
_FROM_BASE = frozenset(__all__) - {"builtin_readers", "read_pdf", "read_docx", "read_xlsx"}


def __getattr__(name: str) -> object:
    """The value types live in :mod:`budgetlint.read.base`, imported on first use only:
    a plain-text run registers the built-in readers but never needs them."""
    if name in _FROM_BASE:
        from budgetlint.read import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_pdf(path: str, limits: Limits | None = None) -> ReadDocument:
    """PDF via pdfplumber (extra ``[pdf]``) or, with ``pdf_engine="pdfium"``, PDFium (extra ``[pdfium]``)."""
    from budgetlint.read.base import DEFAULT_LIMITS

    limits = limits or DEFAULT_LIMITS
    if limits.pdf_engine == "pdfium":
        from budgetlint.read.pdfium import read_pdf as read_with_pdfium

        return read_with_pdfium(path, limits)
    from budgetlint.read.pdf import read_pdf as read

    return read(path, limits)


def read_docx(path: str, limits: Limits | None = None) -> ReadDocument:
    """Word .docx via python-docx (extra ``[docx]``)."""
    from budgetlint.read.base import DEFAULT_LIMITS
    from budgetlint.read.docx import read_docx as read

    return read(path, limits or DEFAULT_LIMITS)


def read_xlsx(path: str, limits: Limits | None = None) -> ReadDocument:
    """Excel .xlsx/.xlsm via openpyxl (extra ``[xlsx]``)."""
    from budgetlint.read.base import DEFAULT_LIMITS
    from budgetlint.read.xlsx import read_xlsx as read

    return read(path, limits or DEFAULT_LIMITS)


def builtin_readers() -> dict[str, Reader]:
    """Suffix → reader for the formats budgetlint reads itself."""
    return {".pdf": read_pdf, ".docx": read_docx, ".xlsx": read_xlsx, ".xlsm": read_xlsx}
