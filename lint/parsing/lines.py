"""Load the document grammar once per process and turn its parse into typed lines.

Analysing an LALR grammar costs tens of milliseconds and a pre-commit hook runs
the linter on every commit, so the parser comes from :mod:`budgetlint.grammar`
(Lark's grammar cache, kept on disk) and is kept in memory here. The callback
runs inline with the parser (no parse tree is built): each token becomes one
:class:`Line` (a run of table rows or 目录 entries, one per line; blank lines
none), which :mod:`budgetlint.parsing.document` groups into the AST.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import lark

from budgetlint.grammar import load_parser
from budgetlint.model.text import HEADING_NUMBERING


class LineKind(str, enum.Enum):
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

    def __init__(
        self,
        kind: LineKind,
        number: int,
        text: str = "",
        numbering: str = "",
        rest: str = "",
        page: int | None = None,
        noise_kind: str = "",
    ) -> None:
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


def _toc_entry(text: str, number: int) -> Line:
    match = _TOC_ENTRY.match(text)
    if match is None:  # pragma: no cover - the terminal and this pattern agree
        return Line(LineKind.TEXT, number)
    return Line(LineKind.TOC_ENTRY, number, rest=match.group("text").strip(), page=int(match.group("page")))


def _numbered(kind: LineKind, token: Any) -> Line:
    match = HEADING_NUMBERING.match(token)
    numbering = match.group(1) if match else ""
    return Line(kind, token.line, numbering=numbering, rest=str(token)[match.end() if match else 0 :].strip())


#: What each terminal of the grammar makes of its line.
_LINE_OF_TERMINAL: dict[str, Any] = {
    "PART_HEADING": lambda token: _numbered(LineKind.PART, token),
    "NUMBERED": lambda token: _numbered(LineKind.NUMBERED, token),
    "PAGE_NUMBER": lambda token: Line(LineKind.NOISE, token.line, noise_kind="page-number"),
    "WATERMARK": lambda token: Line(LineKind.NOISE, token.line, noise_kind="watermark"),
    **{
        terminal: (lambda kind: lambda token: Line(kind, token.line))(kind)  # noqa: B023 - bound by the outer lambda
        for terminal, kind in (
            ("TOC_TITLE", LineKind.TOC_TITLE),
            ("TABLE_LABEL", LineKind.TABLE_LABEL),
            ("TABLE_TITLE", LineKind.TABLE_TITLE),
            ("META", LineKind.META),
            ("NOTE", LineKind.NOTE),
            ("TEXT", LineKind.TEXT),
        )
    },
}


def _lines_of(token: Any) -> Iterator[tuple[str, int]]:
    """(text, number) of each line of a token that spans a run of lines, blank lines skipped."""
    number = token.line
    for text in token.split("\n")[:-1]:
        if text.strip(" \t\f\v"):
            yield text, number
        number += 1


#: Terminals that take a run of lines (a table's rows, a 目录's entries): one Line per line.
_LINES_OF_TERMINAL: dict[str, Any] = {
    "ROWS": lambda token: [Line(LineKind.ROW, number) for _, number in _lines_of(token)],
    "TOC_ENTRIES": lambda token: [_toc_entry(text, number) for text, number in _lines_of(token)],
}


class LineCallbacks:
    """The grammar's one rule: its tokens (one per line, or one per run of table rows or 目录
    entries) become :class:`Line` s. Applied to the parse tree's one node (a parser loaded
    from Lark's saved form takes no transformer); shaped as a Lark transformer (a method
    named after the rule), so a freshly analysed grammar can run it inline too."""

    def start(self, tokens: list[Any]) -> list[Line]:
        line_of, lines_of = _LINE_OF_TERMINAL, _LINES_OF_TERMINAL
        lines: list[Line] = []
        for token in tokens:
            if token.type in lines_of:
                lines += lines_of[token.type](token)
            else:
                lines.append(line_of[token.type](token))
        return lines


@lru_cache(maxsize=1)
def document_parser() -> lark.Lark:
    """The compiled document grammar, once per process (see :mod:`budgetlint.grammar`)."""
    return load_parser("document")


_CALLBACKS = LineCallbacks()


def classify_lines(normalized: str) -> list[Line]:
    """Classify every line of ``normalized`` (which must end with a newline) that is not
    blank or whitespace-only."""
    tree = document_parser().parse(normalized)
    return _CALLBACKS.start(tree.children)
