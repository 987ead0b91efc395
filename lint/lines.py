"""Load the document grammar once per process and turn its parse into typed lines.

Compiling an LALR grammar costs tens of milliseconds and importing Lark as much
again; a pre-commit hook runs the linter on every commit, so the parser comes
from :mod:`budgetlint.lalr` (generated once, cached on disk) and is kept in
memory here. The callbacks run inline with the parser (no parse tree is built):
each grammar line rule becomes one :class:`Line`, which
:mod:`budgetlint.parser` groups into the AST.
"""

from __future__ import annotations

import enum
import re
from functools import lru_cache
from typing import Any


class LineKind(str, enum.Enum):
    BLANK = "blank"
    TOC_TITLE = "toc_title"
    TOC_ENTRY = "toc_entry"
    PART = "part_heading"
    NUMBERED = "numbered"
    TABLE_LABEL = "table_label"
    TABLE_TITLE = "table_title"
    META = "meta"
    NOTE = "note"
    NOISE = "noise"
    ROW = "row"
    TEXT = "text"


class Line:
    """One classified source line (1-based ``number``; ``text`` is width-normalized)."""

    __slots__ = ("kind", "number", "text", "numbering", "rest", "page", "noise_kind")

    def __init__(self, kind: LineKind, number: int, text: str = "", numbering: str = "", rest: str = "",
                 page: int | None = None, noise_kind: str = "") -> None:
        self.kind = kind
        self.number = number
        self.text = text
        self.numbering = numbering  # "第一部分", "一、", "(一)", "1." for numbered lines
        self.rest = rest  # the title after the numbering; a 目录 entry's text before its leader
        self.page = page  # a 目录 entry's page number
        self.noise_kind = noise_kind  # "page-number" | "watermark"

    def __repr__(self) -> str:
        return f"Line({self.kind.value}, {self.number}, {self.text!r})"


_TOC_ENTRY = re.compile(r"^(?P<text>.*?[^\s.…·])[ \t]*(?:\.{2,}|…+|·{2,}|-{3,})[ \t]*(?P<page>\d{1,4})[ \t]*$")
_NUMBERING = re.compile(
    r"^\s*(第[一二三四五六七八九十]{1,3}部分|[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}(?:、|\.(?!\d)))"
)


class _LineCallbacks:
    """One callback per grammar rule, each returning a :class:`Line`; run inline by the parser.

    A plain class: Lark's parsers only look the callbacks up by rule name.
    """

    def start(self, children: list[Line]) -> list[Line]:
        return children

    def toc_entry(self, tokens: list[Any]) -> Line:
        token = tokens[0]
        match = _TOC_ENTRY.match(str(token).rstrip("\n"))
        if match is None:  # pragma: no cover - the terminal and this pattern agree
            return Line(LineKind.TEXT, token.line)
        return Line(LineKind.TOC_ENTRY, token.line, rest=match.group("text").strip(), page=int(match.group("page")))

    def noise(self, tokens: list[Any]) -> Line:
        kind = "page-number" if tokens[0].type == "PAGE_NUMBER" else "watermark"
        return Line(LineKind.NOISE, tokens[0].line, noise_kind=kind)

    def part_heading(self, tokens: list[Any]) -> Line:
        return _numbered(LineKind.PART, tokens[0])

    def numbered(self, tokens: list[Any]) -> Line:
        return _numbered(LineKind.NUMBERED, tokens[0])


def _numbered(kind: LineKind, token: Any) -> Line:
    match = _NUMBERING.match(token)
    numbering = match.group(1) if match else ""
    return Line(kind, token.line, numbering=numbering, rest=str(token)[match.end() if match else 0:].strip())


def _simple(kind: LineKind) -> Any:
    def callback(self: Any, tokens: list[Any]) -> Line:
        return Line(kind, tokens[0].line)

    return callback


for _kind in (LineKind.BLANK, LineKind.TOC_TITLE, LineKind.TABLE_LABEL, LineKind.TABLE_TITLE, LineKind.META,
              LineKind.NOTE, LineKind.ROW, LineKind.TEXT):
    setattr(_LineCallbacks, _kind.value, _simple(_kind))


@lru_cache(maxsize=1)
def document_parser() -> Any:
    """The compiled document grammar, once per process (see :mod:`budgetlint.lalr`)."""
    from budgetlint import lalr

    return lalr.load("document", transformer=_LineCallbacks())


def classify_lines(normalized: str) -> list[Line]:
    """Classify every non-empty line of ``normalized`` (which must end with a newline)."""
    lines: list[Line] = document_parser().parse(normalized)
    return lines
