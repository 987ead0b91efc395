"""Load the document grammar once per process and turn its parse into typed lines.

Compiling an LALR grammar costs tens of milliseconds; a pre-commit hook runs the
linter on every commit, so the compiled parser is cached on disk by Lark
(``cache=True``) and in memory here. The Lark transformer runs inline with the
parser (no parse tree is built): each grammar line rule becomes one
:class:`Line`, which :mod:`budgetlint.parser` groups into the AST.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from lark import Lark


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


@dataclass(slots=True)
class Line:
    """One classified source line (1-based ``number``; ``text`` is width-normalized)."""

    kind: LineKind
    number: int
    text: str
    numbering: str = ""  # "第一部分", "一、", "(一)", "1." for headings; the leader-less text for TOC lines
    rest: str = ""  # text after the numbering / before the leader
    page: int | None = None  # TOC page number
    noise_kind: str = ""  # "page-number" | "watermark"


def _make_transformer() -> Any:
    from lark import Transformer

    def line_of(kind: LineKind, tokens: list[Any], **extra: Any) -> Line:
        first = tokens[0]
        return Line(kind, first.line, "", **extra)

    class LineTransformer(Transformer):  # type: ignore[misc]
        """Callbacks named after the grammar rules; each returns a :class:`Line`."""

        def start(self, children: list[Line]) -> list[Line]:
            return children

        def blank(self, t: list[Any]) -> Line:
            return line_of(LineKind.BLANK, t)

        def toc_title(self, t: list[Any]) -> Line:
            return line_of(LineKind.TOC_TITLE, t)

        def toc_entry(self, t: list[Any]) -> Line:
            return line_of(LineKind.TOC_ENTRY, t, rest=str(t[0]).strip(), page=int(str(t[2]).strip()))

        def part_heading(self, t: list[Any]) -> Line:
            rest = str(t[1]).strip() if len(t) > 1 else ""
            return line_of(LineKind.PART, t, numbering=str(t[0]).strip(), rest=rest)

        def numbered(self, t: list[Any]) -> Line:
            rest = str(t[1]).strip() if len(t) > 1 else ""
            return line_of(LineKind.NUMBERED, t, numbering=str(t[0]).strip(), rest=rest)

        def table_label(self, t: list[Any]) -> Line:
            return line_of(LineKind.TABLE_LABEL, t)

        def table_title(self, t: list[Any]) -> Line:
            return line_of(LineKind.TABLE_TITLE, t)

        def meta(self, t: list[Any]) -> Line:
            return line_of(LineKind.META, t)

        def note(self, t: list[Any]) -> Line:
            return line_of(LineKind.NOTE, t)

        def noise(self, t: list[Any]) -> Line:
            kind = "page-number" if t[0].type == "PAGE_NUMBER" else "watermark"
            return line_of(LineKind.NOISE, t, noise_kind=kind)

        def row(self, t: list[Any]) -> Line:
            return line_of(LineKind.ROW, t)

        def text(self, t: list[Any]) -> Line:
            return line_of(LineKind.TEXT, t)

    return LineTransformer()


@lru_cache(maxsize=1)
def document_parser() -> "Lark":
    """The compiled document grammar (compiled once per process, cached on disk by Lark)."""
    import os

    from lark import Lark

    import budgetlint.grammar

    # A plain file read: importlib.resources costs more import time than the parse itself.
    path = os.path.join(os.path.dirname(budgetlint.grammar.__file__), "document.lark")
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    options: dict[str, Any] = dict(parser="lalr", lexer="contextual", transformer=_make_transformer())
    try:
        return Lark(source, cache=True, **options)
    except OSError:  # an unwritable temp dir must not stop the linter
        return Lark(source, **options)


def classify_lines(normalized: str) -> list[Line]:
    """Classify every non-empty line of ``normalized`` (which must end with a newline)."""
    lines: list[Line] = document_parser().parse(normalized)
    return lines
