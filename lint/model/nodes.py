"""The immutable AST of a budget disclosure: ``Document > Part > Section > Table | Paragraph``.

Every node keeps its source :class:`~budgetlint.model.diagnostics.Span`, so a rule can
point at the exact characters it complains about. Nodes are typed named tuples
built once by :mod:`budgetlint.parsing.document`; rules read them and never change them.
(Named tuples rather than frozen dataclasses: creating ~30 dataclasses costs
a tenth of the linter's cold start, and nodes need nothing dataclasses add.)
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): typing.NamedTuple
# compiles every string annotation into a ForwardRef when it creates the class, about a third
# of the cost of creating this module's named tuples at every start.
import enum
from collections.abc import Iterator
from typing import NamedTuple

from budgetlint.model.diagnostics import Span
from budgetlint.model.numbers import Figure
from budgetlint.model.read_failures import ReadFailure

#: What a :meth:`Document.derived` analysis computes.


class HeadingKind(str, enum.Enum):
    """Levels of the numbering schemes documents use, outermost first."""

    PART = "part"  # 第一部分
    LEVEL1 = "level1"  # 一、
    LEVEL2 = "level2"  # （一） or (一)
    LEVEL3 = "level3"  # 1. or 1、
    TABLE = "table"  # a table title
    PLAIN = "plain"  # an unnumbered short line standing alone (a title of sorts)

    @property
    def depth(self) -> int:
        return _DEPTH[self]


_DEPTH = {
    HeadingKind.PART: 0,
    HeadingKind.LEVEL1: 1,
    HeadingKind.LEVEL2: 2,
    HeadingKind.LEVEL3: 3,
    HeadingKind.TABLE: 4,
    HeadingKind.PLAIN: 5,
}


class TocEntry(NamedTuple):
    """A line of the 目录: its text (numbering included), page number and level."""

    text: str
    page: int | None
    kind: HeadingKind
    number: int | None
    span: Span


class Toc(NamedTuple):
    span: Span
    entries: tuple[TocEntry, ...]


class Heading(NamedTuple):
    """A numbered or titled line in the body. ``number`` is the numbering's value (一 → 1)."""

    kind: HeadingKind
    number: int | None
    text: str  # full text as printed, numbering included
    title: str  # text without the numbering
    span: Span


class Cell(NamedTuple):
    """A table cell: its printed text and, for numbers, the parsed figure."""

    text: str
    span: Span
    figure: Figure | None  # None when the text is not a number (labels, notes)

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


class RowKind(str, enum.Enum):
    HEADER = "header"
    INDEX = "index"  # column-number row: 1 2 3 4 …
    DATA = "data"


class Row(NamedTuple):
    """A table line. ``code`` is a 3/5/7-digit 科目编码 when the row has one."""

    kind: RowKind
    cells: tuple[Cell, ...]
    span: Span
    code: str | None = None
    label: str = ""
    is_total: bool = False

    def cell(self, index: int) -> Cell | None:
        return self.cells[index] if index < len(self.cells) else None


class ColumnRole(str, enum.Enum):
    CODE = "code"
    LABEL = "label"
    AMOUNT = "amount"
    ROW_NUMBER = "row-number"  # 行次 / 序号 / 栏次
    UNIT_CODE = "unit-code"  # 单位编码 / 部门代码
    PERCENT = "percent"  # 增长率（%）, 占比
    QUANTITY = "quantity"  # 数量 / 单价 of 政府采购 tables
    OTHER = "other"


class Column(NamedTuple):
    """A resolved table column: its header path (outer → inner) and its role."""

    # The field shadows tuple.index(); renaming it would touch every table module.
    index: int  # type: ignore[assignment]
    path: tuple[str, ...]
    role: ColumnRole

    @property
    def name(self) -> str:
        return "/".join(self.path)


class Note(NamedTuple):
    text: str
    span: Span


class Unknown(NamedTuple):
    """A line the grammar could not place; kept so nothing silently disappears."""

    text: str
    span: Span


class Table(NamedTuple):
    """A table: title, optional label (预算公开表1), unit, header, rows and notes."""

    title: str
    span: Span
    title_span: Span
    label: str | None
    unit: str | None  # 万元 / 元 / 亿元 / 千元, from the 单位 line
    organization: str | None
    columns: tuple[Column, ...]
    header_rows: tuple[Row, ...]
    rows: tuple[Row, ...]  # data rows only, in order
    notes: tuple[Note, ...]
    unknown: tuple[Unknown, ...] = ()

    @property
    def amount_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.role is ColumnRole.AMOUNT)

    @property
    def has_figures(self) -> bool:
        """True when any amount cell holds a non-zero or explicitly printed number."""
        amount = {c.index for c in self.amount_columns}
        for row in self.rows:
            for i, cell in enumerate(row.cells):
                if i in amount and cell.figure is not None and not cell.figure.exact:
                    return True
        return False


class Paragraph(NamedTuple):
    """Narrative text: consecutive text lines joined (PDF text wraps mid-sentence)."""

    text: str
    span: Span
    lines: tuple[tuple[int, str], ...]  # (line number, text) of each source line


Block = Table | Paragraph | Note | Unknown


class Section(NamedTuple):
    """A numbered heading with what follows it, down to the next heading of its level or above."""

    heading: Heading
    blocks: tuple[Block, ...]
    subsections: tuple["Section", ...]
    span: Span


class Part(NamedTuple):
    """A 第X部分 (or, in documents without parts, one implicit part with no heading)."""

    heading: Heading | None
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    span: Span


class DocumentKind(str, enum.Enum):
    DEPARTMENT_BUDGET = "部门预算"
    UNIT_BUDGET = "单位预算"
    DEPARTMENT_FINAL = "部门决算"
    UNIT_FINAL = "单位决算"


class Noise(NamedTuple):
    """A line dropped as noise: a watermark or a page number."""

    kind: str  # "watermark" | "page-number" | "running-header"
    text: str
    span: Span


class LinePlace(NamedTuple):
    """Where one text line is in the published file, for messages that cite another line.

    A reader of a PDF cannot see line 58 of the extracted text, only page 17: ``page`` is
    the 1-based PDF page (0 elsewhere); ``label`` the line's place in a Word or Excel file
    (``T2:R3``, ``P7``, ``表1!A5``), empty for PDF and plain text.
    """

    label: str
    page: int = 0


class Document(NamedTuple):
    """A parsed disclosure. ``lines`` are the source lines as printed (for display).

    Immutable like every node: the analyses rules share (目录 matching, table models,
    the fact index, …) live in :class:`budgetlint.analysis.context.DocumentContext`,
    computed once per document, not on the Document.
    """

    path: str
    lines: tuple[str, ...]
    title: str | None
    unit_name: str | None
    year: int | None
    kind: DocumentKind | None
    toc: Toc | None
    parts: tuple[Part, ...]
    noise: tuple[Noise, ...]
    headings: tuple[Heading, ...]  # every body heading, in order (tables' titles included)
    tables: tuple[Table, ...]
    paragraphs: tuple[Paragraph, ...]
    unknown: tuple[Unknown, ...]
    short_lines: tuple[Heading, ...]  # paragraphs' first lines that may be unnumbered titles (PLAIN)
    numbered: tuple[Heading, ...]  # every numbered line: headings and numbered paragraphs
    #: ``lines`` width-normalized (full-width ASCII → ASCII, same lengths): the parser
    #: computes them anyway, and rules search them (``line_matches``).
    normalized_lines: tuple[str, ...]
    #: What of the input could not be read (set by the runner; empty for a fully read file).
    read_failures: tuple[ReadFailure, ...] = ()
    #: Further 目录 after the document's own: a file of tables joined after the 情况说明 may
    #: open with its own (目录 / 序号 报表名称 / 一、收支预算总表 …). Not headings of the body.
    later_tocs: tuple[Toc, ...] = ()
    #: One :class:`LinePlace` per line for input read from PDF/Word/Excel (set by the runner);
    #: empty for plain text, whose line numbers are what its reader sees.
    places: tuple[LinePlace, ...] = ()

    @classmethod
    def unread(cls, path: str, read_failures: tuple[ReadFailure, ...]) -> "Document":
        """The document of an input that yielded no text: nothing but why it could not be read."""
        return cls(path, (), None, None, None, None, None, (), (), (), (), (), (), (), (), (), read_failures)

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def place(self, line: int) -> LinePlace | None:
        """Where ``line`` is in the published file (None for plain text or a line without a place)."""
        if not 0 < line <= len(self.places):
            return None
        place = self.places[line - 1]
        return place if place.page or place.label else None

    def sections(self) -> Iterator[Section]:
        """Every section, depth first, in document order."""

        def walk(sections: tuple[Section, ...]) -> Iterator[Section]:
            for section in sections:
                yield section
                yield from walk(section.subsections)

        for part in self.parts:
            yield from walk(part.sections)
