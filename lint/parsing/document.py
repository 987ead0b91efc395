"""Build the AST of a disclosure from its classified lines.

The grammar (``grammar/document.lark``) says what each line *is*; this module
decides what it *belongs to*, which needs context: a 目录 runs until the body
starts, a title ending in 表 is a table only if rows follow it, a page number
or watermark between two rows does not end a table, a numbered line is a
heading only when it is short enough to be one. Nothing here raises on odd
input: what cannot be placed becomes an :class:`~budgetlint.model.nodes.Unknown`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from budgetlint.model.diagnostics import Span
from budgetlint.model.nodes import (
    Block,
    Document,
    DocumentKind,
    Heading,
    HeadingKind,
    Noise,
    Note,
    Paragraph,
    Part,
    Section,
    Table,
    Toc,
    TocEntry,
    Unknown,
)
from budgetlint.model.text import chinese_number, normalize_width, split_numbering, squash
from budgetlint.parsing.lines import Line, LineKind, classify_lines
from budgetlint.parsing.tables import build_table_parts, respaced_cells

#: Watermarks and running headers dropped as noise besides the grammar's own list.
DEFAULT_NOISE_PATTERNS: tuple[str, ...] = ()

_YEAR_TITLE = re.compile(r"(20\d\d|19\d\d)\s*年\s*度?")
#: How long a line of a cover title broken over several lines can be (the title's start
#: wrapped above the year, and the lines a cover year is read from).
_COVER_LINE = 30
#: A cover title wrapped over lines: at most this many lines above the one with the year, none
#: holding what a title's start does not (a kind word, a sentence's or a label's punctuation,
#: a digit: 附件1, a date, a page number).
_TITLE_WRAP_LINES = 2
_NOT_TITLE_START = re.compile(r"预算|决算|目录|[。，,；;：:！？!?、\d]")
#: A cover line that is only a year (printed large, the text layer gives it a line of its own).
_BARE_YEAR = re.compile(r"(?:20|19)\d\d")
#: How many lines a cover title is broken over at most ("2026 年度" / "福州经济技术开发区生态" / "环境局" / "单位预算").
_COVER_LINES = 4
_UNIT = re.compile(r"单位\s*:\s*(亿元|万元|千元|元)")
#: A header cell that is only the unit (``金额单位：万元`` at the right of a long header row).
_UNIT_CELL = re.compile(r"^\s*(?:金额)?单位\s*:\s*(亿元|万元|千元|元)\s*$")
#: The issuer's label (单位名称：X, 编制单位：X …) up to the first character of the name.
_ORG_LABEL = re.compile(r"(?:单位名称|编制单位|编制部门|预算单位|预算部门|部门名称|填报单位|编报单位)\s*:\s*")
#: Where a name ends at the latest: the next colon or line end.
_ORG_STOP = re.compile(r"[:\n]")
#: A run of the name's characters (no blank, no colon).
_ORG_WORD = re.compile(r"[^\s:]+")
#: What may follow the name on its line besides blanks: the unit's label (… 单位：万元).
_ORG_UNIT_AFTER = re.compile(r"\s+单位\s*:")
#: The furniture a title line may carry after the title itself, printed on the same line: the
#: issuer (部门名称：X, 部门：X, 编制单位：X …) and the unit (单位：万元). The title ends before
#: the first such label (the labels inside a title, 部门预算 / 单位“三公”经费, have no colon).
#: A match never starts inside a run of blanks (``(?<!\s)``): searched from every blank of a
#: long run, the leading ``\s*`` rescanned the run each time (quadratic); the leftmost match
#: is unchanged, as a match inside a run also matches from the run's first blank.
_TITLE_FURNITURE = re.compile(
    r"(?<!\s)\s*(?:部门名称|部门|单位名称|编制单位|编制部门|预算单位|预算部门|填报单位|编报单位|金额单位|单位)\s*:"
)
_HEADING_MAX = 40
_TOC_LIKE = (LineKind.NUMBERED, LineKind.PART, LineKind.TABLE_TITLE)
#: Lines inside a 目录 that are not entries: a page footer (—1—, - 2 -), the header row of a
#: 目录 laid out as a table (序号 报表名称 页码), a remark in brackets (（具体部门预算公开报表）).
_TOC_FOOTER = re.compile(r"^[-—–~_]*\d{1,3}[-—–~_]*$")
_TOC_HEADER = re.compile(r"^(?:序号|编号|报表名称|表格名称|表名|名称|内容|页码|页次)+$")
_TOC_REMARK = re.compile(r"^\([^()]*\)$")
#: A 目录 line at least this long (blanks removed) may have been wrapped by the layout.
_TOC_WRAP_WIDTH = 22
#: Longest text that can be the wrapped rest of a 目录 entry.
_TOC_REST_MAX = 20
_SENTENCE_END = ("。", ";", "；", ",", "，")


def organization(text: str) -> str | None:
    """The issuer a line names (单位名称：X, 编制单位：X 单位：万元), or None.

    The name runs from the first character after the label to the last before blanks that
    end the line or lead to the unit's label (单位：), and holds no colon. Read word by word
    rather than by one regex with a lazy tail and a look-ahead, which backtracked
    quadratically on a long line with no such ending (47 s on a 96 KB ``单位名称：`` line).
    """
    end_of_text = len(text.rstrip())
    for label in _ORG_LABEL.finditer(text):
        start = label.end()
        stop = _ORG_STOP.search(text, start)
        stop_at = stop.start() if stop else len(text)
        for word in _ORG_WORD.finditer(text, start, stop_at):
            end = word.end()
            if end >= end_of_text or _ORG_UNIT_AFTER.match(text, end):
                return text[start:end]
    return None


def numbering_of(numbering: str) -> tuple[HeadingKind, int | None]:
    """Heading kind and value of a numbering token: 第三部分, 十二、, (一), 3."""
    token = numbering.strip()
    if token.startswith("第") and token.endswith("部分"):
        return HeadingKind.PART, chinese_number(token[1:-2])
    if token.startswith("("):
        return HeadingKind.LEVEL2, chinese_number(token[1:-1])
    core = token.rstrip("、.")
    if core.isdigit():
        return HeadingKind.LEVEL3, int(core)
    return HeadingKind.LEVEL1, chinese_number(core)


# Blanks, a note in brackets, blanks, a 续表 mark, blanks — each run of blanks belongs to one
# place only: "\s*(…)?\s*(…)?\s*$" split every run three ways before failing, cubic in its
# length (a row with hundreds of blanks before 表 hung the parser). A match never starts
# inside a run of blanks either (``(?<!\s)``): ``sub`` searched from each blank of the run and
# rescanned the rest of it (quadratic); the leftmost match is the same, from the run's start.
_TITLE_SUFFIX = re.compile(r"(?<!\s)\s*(?:\([^()]{1,30}\)\s*)?(?:\(?续表?\)?\s*)?$")


def title_part(text: str) -> str:
    """The table title of a line that prints the title and its 部门/单位 furniture together.

    ``支出预算总表部门：中共江苏省委办公厅 单位：万元`` → ``支出预算总表``; a line with no
    furniture label, or whose text before the first label is not a table title, is returned
    whole (a sentence that mentions 单位：万元 is no title).
    """
    match = _TITLE_FURNITURE.search(text)
    if match is None or match.start() == 0:
        return text
    head = text[: match.start()].rstrip()
    return head if is_table_title_text(head) else text


def is_table_title_text(title: str) -> bool:
    """Does a line's title (numbering removed) read like a table title?

    It ends in 表 once a note in brackets and a 续表 / (续) mark are removed. A title
    whose last character is none of 表 ) 续 can lose only blanks, so it is answered
    without the regex (most lines asked are not titles).
    """
    if not title.rstrip().endswith(("表", ")", "续")):
        return False
    return _TITLE_SUFFIX.sub("", title).endswith("表")


class _SectionBuilder:
    """A section being built (mutable until :meth:`freeze`)."""

    def __init__(self, heading: Heading, last_line: int = 0) -> None:
        self.heading = heading
        self.blocks: list[Block] = []
        self.children: list[_SectionBuilder] = []
        self.last_line = last_line

    def freeze(self) -> Section:
        subsections = tuple(child.freeze() for child in self.children)
        end = max([self.last_line, self.heading.span.end_line] + [s.span.end_line for s in subsections])
        span = Span(self.heading.span.line, 1, end, 1)
        return Section(self.heading, tuple(self.blocks), subsections, span)


class _PartBuilder:
    """A part being built (mutable until :meth:`freeze`)."""

    def __init__(self, heading: Heading | None, start: int, last_line: int = 0) -> None:
        self.heading = heading
        self.start = start
        self.blocks: list[Block] = []
        self.sections: list[_SectionBuilder] = []
        self.last_line = last_line

    def freeze(self) -> Part:
        sections = tuple(s.freeze() for s in self.sections)
        end = max([self.last_line, self.start] + [s.span.end_line for s in sections])
        return Part(self.heading, tuple(self.blocks), sections, Span(self.start, 1, end, 1))


class _Builder:
    """Walks the classified lines once, left to right, building the AST."""

    def __init__(
        self,
        path: str,
        raw_lines: Sequence[str],
        norm_lines: Sequence[str],
        lines: list[Line],
        noise_patterns: Sequence[str],
        stored_cells: frozenset[tuple[int, int]] = frozenset(),
    ) -> None:
        self.path = path
        self.stored_cells = stored_cells
        self.raw = raw_lines
        self.norm = norm_lines
        self.noise: list[Noise] = []
        extra_noise = [re.compile(p) for p in noise_patterns]
        self.lines = self._drop_noise(lines, extra_noise)
        self.headings: list[Heading] = []
        self.short_lines: list[Heading] = []
        self.numbered: list[Heading] = []
        self.tables: list[Table] = []
        self.paragraphs: list[Paragraph] = []
        self.unknown: list[Unknown] = []

    # -- helpers -------------------------------------------------------------
    def span(self, number: int) -> Span:
        text = self.raw[number - 1]
        stripped = text.rstrip()
        start = len(text) - len(text.lstrip()) + 1
        return Span(number, start, number, max(start, len(stripped)) + 1)

    def _drop_noise(self, lines: list[Line], extra: list[re.Pattern[str]]) -> list[Line]:
        kept: list[Line] = []
        for line in lines:
            line.text = self.norm[line.number - 1]
            if line.kind is LineKind.NOISE:
                self.noise.append(Noise(line.noise_kind, self.raw[line.number - 1].strip(), self.span(line.number)))
            elif extra and line.kind is not LineKind.ROW and any(p.search(line.text) for p in extra):
                self.noise.append(Noise("watermark", self.raw[line.number - 1].strip(), self.span(line.number)))
            else:
                kept.append(line)
        return kept

    # -- the walk ------------------------------------------------------------
    def build(self) -> Document:
        lines = self.lines
        toc, toc_range = self._toc(lines)
        title, unit_name, year, kind = self._metadata(lines, toc_range)
        later_tocs = self._later_tocs(lines, toc_range)
        later = {start: end for _, (start, end) in later_tocs}

        items: list[Heading | Block] = []
        i = 0
        n = len(lines)
        while i < n:
            if toc_range and toc_range[0] <= i < toc_range[1]:
                i = toc_range[1]
                continue
            if i in later:
                i = later[i]
                continue
            line = lines[i]
            table_end = self._table_extent(lines, i)
            if table_end is not None:
                table = self._table(lines, i, table_end)
                items.append(table)
                self.tables.append(table)
                if table.title:
                    self.headings.append(self._table_heading(table))
                    if line.kind is LineKind.NUMBERED and line.number == table.title_span.line:
                        self._numbered_title(line)
                i = table_end
                continue
            if line.kind in (LineKind.PART, LineKind.NUMBERED):
                heading = self._heading(line)
                if heading is not None:
                    items.append(heading)
                    i += 1
                    continue
            if line.kind is LineKind.NOTE:
                items.append(Note(self.raw[line.number - 1].strip(), self.span(line.number)))
                i += 1
                continue
            if line.kind is LineKind.ROW:
                # Rows with no title before them: an untitled table (e.g. a list of units). The
                # first row always belongs to it, even a title-like row with nothing below it
                # ("收支总表\t\t" then prose), so that every step moves on.
                end = max(self._rows_end(lines, i), i + 1)
                table = self._table(lines, i, end)
                items.append(table)
                self.tables.append(table)
                i = end
                continue
            # Paragraph: consecutive text-like lines with no blank line between them.
            j = i + 1
            while (
                j < n
                and lines[j].number == lines[j - 1].number + 1
                and self._is_text_like(lines[j])
                and not (toc_range and toc_range[0] <= j < toc_range[1])
                and self._table_extent(lines, j) is None
            ):
                j += 1
            paragraph = self._paragraph(lines[i:j])
            items.append(paragraph)
            self.paragraphs.append(paragraph)
            self._note_short_line(lines[i:j])
            i = j

        parts = self._nest(items)
        return Document(
            path=self.path,
            lines=tuple(self.raw),
            title=title,
            unit_name=unit_name,
            year=year,
            kind=kind,
            toc=toc,
            parts=parts,
            noise=tuple(self.noise),
            headings=tuple(self.headings),
            tables=tuple(self.tables),
            paragraphs=tuple(self.paragraphs),
            unknown=tuple(self.unknown),
            short_lines=tuple(self.short_lines),
            numbered=tuple(self.numbered),
            normalized_lines=tuple(self.norm),
            later_tocs=tuple(toc for toc, _ in later_tocs),
        )

    def _is_text_like(self, line: Line) -> bool:
        """Can this line continue a paragraph? (A numbered line always starts a new one.)"""
        if line.kind in (LineKind.TEXT, LineKind.TABLE_LABEL, LineKind.META, LineKind.TOC_ENTRY):
            return True
        if line.kind is LineKind.TABLE_TITLE:
            return not self._looks_like_heading(line)
        return False

    # -- 目录 -----------------------------------------------------------------
    def _later_tocs(self, lines: list[Line], toc_range: tuple[int, int] | None) -> list[tuple[Toc, tuple[int, int]]]:
        """Each further 目录 after the document's own, with its start and end (line indices).

        A disclosure published as several files is linted as one text (lint/run/joined.py):
        the file of tables may open with its own 目录 (目录 / 序号 报表名称 / 一、收支预算总表 …).
        Its lines list the tables; they are neither headings of the body nor the tables
        themselves, so the walk skips them as it skips the first 目录.
        """
        found: list[tuple[Toc, tuple[int, int]]] = []
        k = toc_range[1] if toc_range else len(lines)
        while k < len(lines):
            if lines[k].kind is LineKind.TOC_TITLE:
                toc, extent = self._toc(lines, k)
                if toc is not None and extent is not None:
                    found.append((toc, extent))
                    k = extent[1]
                    continue
            k += 1
        return found

    def _toc(self, lines: list[Line], first: int = 0) -> tuple[Toc | None, tuple[int, int] | None]:
        start = next((k for k in range(first, len(lines)) if lines[k].kind is LineKind.TOC_TITLE), None)
        if start is None:
            return None, None
        entries: list[TocEntry] = []
        paged = False
        k = start + 1
        while k < len(lines):
            line = lines[k]
            if line.kind is LineKind.TOC_ENTRY:
                paged = True
                entries.append(self._toc_entry(line, line.rest, line.page))
                k += 1
                continue
            if paged:
                if line.kind in (LineKind.NUMBERED, LineKind.PART) and self._group_entry(lines, k, entries):
                    entries.append(self._toc_entry(line, line.text.strip(), None))
                    k += 1
                    continue
                break
            if line.kind in (LineKind.NUMBERED, LineKind.PART, LineKind.TABLE_TITLE, LineKind.TEXT):
                text = line.text.strip()
                if len(text) > 60 or (text.endswith(_SENTENCE_END) and not _listed_item(lines, k)):
                    break
                # ``text`` is a normalized line already; the entry's text is as printed
                if entries and squash(text) == _toc_key(entries[0].text):
                    break  # the body starts by repeating the first entry
                if line.kind is LineKind.PART and _repeats_part(text, entries):
                    break  # 第一部分 again, on a line of its own: the body has begun
                squashed = squash(text)
                if _TOC_FOOTER.match(squashed) or _TOC_HEADER.match(squashed) or _TOC_REMARK.match(squashed):
                    k += 1
                    continue
                if line.kind is not LineKind.PART and _wrapped(entries, squashed):
                    entries[-1] = self._toc_continued(entries[-1], line, text)
                    k += 1
                    continue
                if line.kind is LineKind.TEXT and not is_table_title_text(text):
                    following = lines[k + 1] if k + 1 < len(lines) else None
                    if following is None or following.kind not in _TOC_LIKE or len(following.text.strip()) > 60:
                        break  # an unnumbered line followed by prose: the body has begun
                entries.append(self._toc_entry(line, text, None))
                k += 1
                continue
            break
        if not entries:
            return None, None
        end_line = entries[-1].span.end_line
        toc = Toc(Span(lines[start].number, 1, end_line, len(self.raw[end_line - 1]) + 1), tuple(entries))
        return toc, (start, k)

    def _group_entry(self, lines: list[Line], k: int, entries: list[TocEntry]) -> bool:
        """Is the unpaged numbered line ``lines[k]``, after paged entries, still in the 目录?

        Many 目录 print group entries without a page number (二、…情况说明, its children with
        pages; 三、名词解释; 四、…预算公开表). Such a line belongs to the 目录 when the unpaged
        numbered lines from it lead to another paged entry, or to the body repeating the
        first entry; any other line after them (prose, a table) means the body had begun.
        """
        first = _toc_key(entries[0].text) if entries else None
        for line in lines[k:]:
            if line.kind is LineKind.TOC_ENTRY:
                return True
            if line.kind is LineKind.NOISE:
                continue
            text = line.text.strip()
            if line is not lines[k] and squash(text) == first:
                return True
            if line.kind not in (LineKind.NUMBERED, LineKind.PART) or len(text) > 60 or text.endswith(_SENTENCE_END):
                return False
        return False

    def _toc_continued(self, entry: TocEntry, line: Line, text: str) -> TocEntry:
        """``entry`` with the wrapped rest of its title, printed on ``line``, joined to it."""
        rest = self.span(line.number)
        span = Span(entry.span.line, entry.span.column, rest.end_line, rest.end_column)
        return entry._replace(text=entry.text + _display(self.raw[line.number - 1], text), span=span)

    def _toc_entry(self, line: Line, text: str, page: int | None) -> TocEntry:
        numbering, title = split_numbering(text)
        if numbering:
            kind, number = numbering_of(numbering)
        else:
            kind, number = HeadingKind.PLAIN, None
        if kind is HeadingKind.PLAIN and is_table_title_text(title):
            kind = HeadingKind.TABLE  # numbered entries keep their level: 五、单位预算表 groups 1. 2. 3.
        raw = self.raw[line.number - 1]
        return TocEntry(_display(raw, text), page, kind, number, self.span(line.number))

    # -- document metadata ---------------------------------------------------
    def _metadata(
        self, lines: list[Line], toc_range: tuple[int, int] | None
    ) -> tuple[str | None, str | None, int | None, DocumentKind | None]:
        cover = lines[: toc_range[0]] if toc_range else lines[:12]
        title = None
        title_index = None
        for k, line in enumerate(cover):
            text = line.text.strip()
            if line.kind is LineKind.ROW or len(text) > 60:
                continue
            if ("预算" in text or "决算" in text) and _YEAR_TITLE.search(text):
                title, title_index = self.raw[line.number - 1].strip(), k
                break
            following = cover[k + 1] if k + 1 < len(cover) else None
            if (
                _YEAR_TITLE.search(text)
                and following is not None
                and following.kind is not LineKind.ROW
                and len(following.text.strip()) <= 20
                and ("预算" in following.text or "决算" in following.text)
            ):
                # "XX部 2024 年度" / "部门决算": a cover title printed on two lines
                title = self.raw[line.number - 1].strip() + self.raw[following.number - 1].strip()
                title_index = k
                break
        if title is not None and title_index:
            title, title_index = self._wrapped_title_start(cover, title, title_index)
        year = None
        kind = None
        unit_name = None
        if title:
            norm_title = normalize_width(title)
            match = _YEAR_TITLE.search(norm_title)
            year = int(match.group(1)) if match else None
            final = "决算" in norm_title
            department = "部门" in norm_title
            unit = "单位" in norm_title
            if department or unit:
                if department:
                    kind = DocumentKind.DEPARTMENT_FINAL if final else DocumentKind.DEPARTMENT_BUDGET
                else:
                    kind = DocumentKind.UNIT_FINAL if final else DocumentKind.UNIT_BUDGET
            prefix = norm_title[: match.start()].strip() if match else ""
            if len(prefix) >= 2:
                unit_name = title[: len(prefix)].strip()
            elif title_index:
                previous = cover[title_index - 1]
                if previous.kind is LineKind.TEXT and len(previous.text.strip()) <= 40:
                    unit_name = self.raw[previous.number - 1].strip()
        if year is None:
            year = self._cover_year(cover)
        if unit_name is None:
            for line in lines:
                if line.kind is LineKind.META:
                    name = organization(line.text)
                    if name:
                        unit_name = name
                        break
        return title, unit_name, year, kind

    def _wrapped_title_start(self, cover: list[Line], title: str, index: int) -> tuple[str, int]:
        """The cover title with the start of the issuer's name when it wrapped onto the lines above.

        A PDF prints a long cover title over as many lines as the page needs
        ("中共上海市普陀区委" / "社会工作部 2024 年度" / "部门决算") where a text file or another
        layout has it on one; the title (and the unit name, which profiles and rules read) must
        not depend on where the line broke. A line above belongs to the title when the title
        line names an issuer before its year, and that line directly precedes it, is short text
        with no year, no 预算/决算 and no punctuation of a sentence or a label.
        """
        norm = normalize_width(title)
        match = _YEAR_TITLE.search(norm)
        if match is None or len(norm[: match.start()].strip()) < 2:
            return title, index
        for _ in range(_TITLE_WRAP_LINES):
            previous, current = cover[index - 1] if index else None, cover[index]
            if previous is None or previous.kind is not LineKind.TEXT or previous.number != current.number - 1:
                break
            text = previous.text.strip()
            if not 2 <= len(text) <= _COVER_LINE or _YEAR_TITLE.search(text) or _NOT_TITLE_START.search(text):
                break
            title, index = self.raw[previous.number - 1].strip() + title, index - 1
        return title, index

    def _cover_year(self, cover: list[Line]) -> int | None:
        """The year of a cover title the text layer broke up (only the year: the title and kind
        keep their stricter reading). A cover sets its year large, so the PDF text puts it on a
        line of its own ("重庆市商务委员会 年部门预算情况说明" / "2026"), or spreads the title over
        short lines ("2026 年度" / "福州市医疗保障局" / "部门预算"; "…部门预" / "算"): the year of
        up to four adjacent short lines that together name a 预算 or 决算."""
        texts = [
            normalize_width(self.raw[line.number - 1]).strip() if line.kind is not LineKind.ROW else ""
            for line in cover
        ]
        for k, text in enumerate(texts):
            window = [t for t in texts[max(0, k - 1) : k + 2] if 0 < len(t) <= _COVER_LINE]
            if text not in window or not _BARE_YEAR.fullmatch(text):
                continue
            if any("年" in t and ("预算" in t or "决算" in t) for t in window if t != text):
                return int(text)
        for k in range(len(texts)):
            joined = ""
            for t in texts[k : k + _COVER_LINES]:
                if not 0 < len(t) <= _COVER_LINE:
                    break
                joined += t
                match = _YEAR_TITLE.search(joined)
                if match and ("预算" in joined or "决算" in joined):
                    return int(match.group(1))
        return None

    # -- headings ------------------------------------------------------------
    def _looks_like_heading(self, line: Line) -> bool:
        if line.kind is LineKind.TABLE_TITLE:
            return len(line.text.strip()) <= 80
        title = line.rest
        return len(title) <= _HEADING_MAX and not title.endswith(_SENTENCE_END) and ":" not in title[:-1]

    def _heading(self, line: Line) -> Heading | None:
        kind, number = numbering_of(line.numbering)
        raw = self.raw[line.number - 1]
        heading = Heading(kind, number, raw.strip(), _display(raw, line.rest), self.span(line.number))
        self.numbered.append(heading)
        if not self._looks_like_heading(line):
            return None  # a numbered paragraph (一、基本支出：指为……): numbering only
        self.headings.append(heading)
        return heading

    def _numbered_title(self, line: Line) -> None:
        """Count a numbered table title (1.项目支出绩效目标表) among the numbered lines: the
        next item of its list (2.有关情况说明) follows the table, and must not look like a gap."""
        kind, number = numbering_of(line.numbering)
        raw = self.raw[line.number - 1]
        self.numbered.append(Heading(kind, number, raw.strip(), _display(raw, line.rest), self.span(line.number)))

    def _table_heading(self, table: Table) -> Heading:
        return Heading(HeadingKind.TABLE, None, table.title, table.title, table.title_span)

    def _note_short_line(self, lines: list[Line]) -> None:
        """Remember a paragraph's first line when it could be an unnumbered title.

        PDF text has no blank line between a title and its text
        ("上海市普陀区社会福利院主要职能" / "上海市普陀区社会福利院是…"), so the
        first line of any paragraph may be a title; 目录 matching needs them.
        """
        line = lines[0]
        text = self.raw[line.number - 1].strip()
        if (
            line.kind in (LineKind.TEXT, LineKind.TABLE_TITLE)
            and 0 < len(text) <= _HEADING_MAX
            and not text.endswith(_SENTENCE_END)
        ):
            self.short_lines.append(Heading(HeadingKind.PLAIN, None, text, text, self.span(line.number)))

    # -- paragraphs ----------------------------------------------------------
    def _paragraph(self, lines: list[Line]) -> Paragraph:
        parts = tuple((line.number, self.raw[line.number - 1].strip()) for line in lines)
        first, last = lines[0].number, lines[-1].number
        span = Span(first, self.span(first).column, last, self.span(last).end_column)
        return Paragraph("".join(text for _, text in parts), span, parts)

    # -- tables --------------------------------------------------------------
    def _title_candidate(self, line: Line) -> bool:
        if line.kind is LineKind.TABLE_TITLE:
            return True
        if line.kind is LineKind.ROW:
            # "2024年…总表\t\t\t": a title exported with the table's empty cells — the first
            # cell, not indented, and nothing else (asked of every row: no split).
            first, _, rest = line.text.partition("\t")
            title = title_part(first.strip())
            return (
                bool(title)
                and line.text.startswith(title[:1])
                and not rest.strip()
                and len(title) <= 80
                and is_table_title_text(title)
            )
        if line.kind in (LineKind.NUMBERED, LineKind.TEXT):
            title = title_part(line.rest if line.kind is LineKind.NUMBERED else line.text.strip())
            return len(title) <= 80 and is_table_title_text(title)
        return False

    def _repeated_title_row(self, line: Line, title_text: str) -> bool:
        """The table's own title repeated on a later page, exported as a row of empty cells."""
        return self._title_candidate(line) and _is_continuation_title(line.text, title_text)

    def _title_of(self, line: Line) -> tuple[str, str]:
        """A title line's title as printed and squashed, without the 部门/单位 furniture
        printed on the same line (``…预算表部门名称：X 单位：万元``)."""
        raw = self.raw[line.number - 1]
        if line.kind is LineKind.NUMBERED:
            title = title_part(line.rest)
        elif line.kind is LineKind.ROW:
            title = title_part(line.text.partition("\t")[0].strip())
        else:
            title = title_part(line.text.strip())
        return _display(raw, title).strip(), squash(title)

    def _table_extent(self, lines: list[Line], start: int) -> int | None:
        """If a table starts at ``lines[start]``, the index just past it; else None."""
        k = start
        if lines[k].kind is LineKind.TABLE_LABEL:
            k += 1
            if k >= len(lines):
                return None
        if not self._title_candidate(lines[k]):
            return None
        k += 1
        # Furniture between title and rows: label, 单位 lines, one short subtitle ("(2023年度)").
        subtitles = 0
        while k < len(lines) and lines[k].kind in (LineKind.META, LineKind.TABLE_LABEL, LineKind.TEXT):
            if lines[k].kind is LineKind.TEXT:
                if subtitles or len(lines[k].text.strip()) > 20:
                    break
                subtitles += 1
            k += 1
        if k >= len(lines) or lines[k].kind is not LineKind.ROW:
            has_meta = any(lines[m].kind is LineKind.META for m in range(start, min(k, len(lines))))
            if has_meta and k < len(lines) and lines[k].kind is LineKind.NOTE:
                return self._notes_end(lines, k)
            return None
        title_text = self._title_of(lines[start if lines[start].kind is not LineKind.TABLE_LABEL else start + 1])[1]
        return self._rows_end(lines, k, title_text)

    def _rows_end(self, lines: list[Line], k: int, title_text: str = "") -> int:
        """Index just past the rows starting at ``k`` (page furniture between rows included)."""
        while k < len(lines):
            kind = lines[k].kind
            if kind is LineKind.ROW:
                if self._title_candidate(lines[k]) and not _is_continuation_title(lines[k].text, title_text):
                    break  # the next table's title, exported as a row with empty cells
                k += 1
                continue
            if kind is LineKind.TABLE_LABEL and self._next_title_at(lines, k + 1, title_text):
                break  # the next table's label (表十二) over its title
            if kind in (LineKind.META, LineKind.TABLE_LABEL):
                k += 1
                continue
            if kind in (LineKind.TABLE_TITLE, LineKind.TEXT) and _is_continuation_title(lines[k].text, title_text):
                k += 1
                continue
            if (
                kind is LineKind.TEXT
                and k + 1 < len(lines)
                and lines[k + 1].kind is LineKind.ROW
                and len(lines[k].text.strip()) <= 60
                and not self._title_candidate(lines[k])
            ):
                k += 1  # a stray line between rows: kept as Unknown inside the table
                continue
            break
        return self._notes_end(lines, k)

    def _next_title_at(self, lines: list[Line], k: int, title_text: str) -> bool:
        """Is ``lines[k]`` the title of another table (not this table's title repeated)?"""
        return (
            k < len(lines) and self._title_candidate(lines[k]) and not _is_continuation_title(lines[k].text, title_text)
        )

    @staticmethod
    def _notes_end(lines: list[Line], k: int) -> int:
        while k < len(lines) and lines[k].kind is LineKind.NOTE:
            k += 1
        return k

    def _table(self, lines: list[Line], start: int, end: int) -> Table:
        label = None
        k = start
        if lines[k].kind is LineKind.TABLE_LABEL:
            label = self.raw[lines[k].number - 1].strip()
            k += 1
        title_line = lines[k]
        if not self._title_candidate(title_line):  # untitled table: its first line is a row
            title_raw, title_text = "", ""
            k -= 1
        else:
            title_raw, title_text = self._title_of(title_line)
        # A title and its 单位 line exported as one cell: "收支总表 单位：万元".
        unit = _table_unit(title_line.text) if title_text else None
        issuer = organization(title_line.text) if title_text else None
        notes: list[Note] = []
        unknown: list[Unknown] = []
        raw_rows: list[tuple[int, list[str], list[str]]] = []
        for line in lines[k + 1 : end]:
            raw = self.raw[line.number - 1]
            if line.kind is LineKind.ROW and title_text and self._repeated_title_row(line, title_text):
                continue
            if line.kind is LineKind.ROW and _is_note_row(line.text):
                notes.append(Note(raw.strip(), self.span(line.number)))
                continue
            if line.kind is LineKind.ROW and not (not raw_rows and _is_furniture_row(line.text)):
                raw_rows.append((line.number, raw.split("\t"), line.text.split("\t")))
                if unit is None:
                    unit = _row_unit(line.text)
            elif line.kind in (LineKind.META, LineKind.ROW):  # a 部门：X … 单位：万元 row is a 单位 line
                unit_match = _UNIT.search(line.text)
                if unit_match and unit is None:
                    unit = unit_match.group(1)
                if issuer is None:
                    issuer = organization(line.text)
            elif line.kind is LineKind.NOTE:
                notes.append(Note(raw.strip(), self.span(line.number)))
            elif line.kind in (LineKind.TABLE_LABEL,):
                continue
            elif title_text and _is_continuation_title(line.text, title_text):
                continue
            elif not raw_rows:
                # Furniture between title and rows: "部门：无锡市发展和改革委员会 单位：万元",
                # "507-湖州市卫生健康委员会 单位：万元" (text lines, not 单位… meta lines).
                if unit is None:
                    unit = _table_unit(line.text)
            elif _is_page_furniture(line.text):
                continue  # a page's running 单位 line or dashed page number between the rows
            elif (respaced := _respaced_row(line.number, raw, line.text, raw_rows[-1][2])) is not None:
                raw_rows.append(respaced)
            elif raw_rows:
                item = Unknown(raw.strip(), self.span(line.number))
                unknown.append(item)
                self.unknown.append(item)
        columns, header_rows, rows = build_table_parts(raw_rows, self.stored_cells)
        last = lines[end - 1].number
        return Table(
            title=title_raw,
            span=Span(lines[start].number, 1, last, len(self.raw[last - 1]) + 1),
            title_span=self.span(title_line.number),
            label=label,
            unit=unit,
            organization=issuer,
            columns=columns,
            header_rows=header_rows,
            rows=rows,
            notes=tuple(notes),
            unknown=tuple(unknown),
        )

    # -- nesting -------------------------------------------------------------
    def _nest(self, items: list[Heading | Block]) -> tuple[Part, ...]:
        parts: list[_PartBuilder] = [_PartBuilder(None, 1)]
        stack: list[_SectionBuilder] = []
        parent_of: dict[int, Heading] = {}
        for item in items:
            last_line = item.span.end_line
            if isinstance(item, Heading):
                if item.kind is HeadingKind.PART:
                    parts.append(_PartBuilder(item, item.span.line, last_line=last_line))
                    stack = []
                    continue
                while stack and stack[-1].heading.kind.depth >= item.kind.depth:
                    stack.pop()
                builder = _SectionBuilder(item, last_line=last_line)
                if stack:
                    stack[-1].children.append(builder)
                else:
                    parts[-1].sections.append(builder)
                stack.append(builder)
                continue
            if stack:
                stack[-1].blocks.append(item)
                for section in stack:
                    section.last_line = max(section.last_line, last_line)
            else:
                parts[-1].blocks.append(item)
            parts[-1].last_line = max(parts[-1].last_line, last_line)
        del parent_of
        if parts[0].heading is None and not parts[0].blocks and not parts[0].sections and len(parts) > 1:
            parts.pop(0)
        return tuple(p.freeze() for p in parts)


#: A page number between dashes as some publishers print it: "— 18 —", "－ 9 －", and with its
#: digits spaced out by the PDF's character spacing: "— 1 2 —", or bare: "1 3" (page 13).
_DASHED_PAGE_NUMBER = re.compile(r"^\s*(?:[—–－-]+\s*\d(?: ?\d){0,3}\s*[—–－-]+|\d(?: \d){1,2})\s*$")


def _is_page_furniture(text: str) -> bool:
    """A line between a table's rows that repeats on every page: the issuer's 单位 line
    ("511-退役军人事务局 单位：万元" on a continuation page) or a dashed page number."""
    return bool(_DASHED_PAGE_NUMBER.match(text)) or ("\t" not in text and _table_unit(text) is not None)


def _respaced_row(number: int, raw: str, text: str, template: list[str]) -> tuple[int, list[str], list[str]] | None:
    """A line between rows that is a row printed with blanks for its column gaps, laid out in
    the columns of the row before it (``template``); None when it does not read as one."""
    placed = respaced_cells(text, template)
    if placed is None:
        return None
    raw_cells = [raw[where[0] : where[1]] if where else "" for where in placed]
    cells = [text[where[0] : where[1]] if where else "" for where in placed]
    return number, raw_cells, cells


#: A note line (注：…, 备注：…), as the grammar's NOTE terminal reads one.
_NOTE_TEXT = re.compile(r"^\s*备?注\d?\s*:")


def _is_note_row(text: str) -> bool:
    """A table's note exported with the table's empty cells (``注：本部门无相关收支项目\t\t``):
    the first cell is the note and nothing else is filled."""
    first, _, rest = text.partition("\t")
    return bool(_NOTE_TEXT.match(first)) and not rest.strip()


def _is_furniture_row(text: str) -> bool:
    """A row above the header whose every filled cell is a 部门/单位 label
    (``部门：江苏省政协办公厅\t\t…\t单位：万元``): the table's 单位 line laid out in cells."""
    cells = [cell.strip() for cell in text.split("\t") if cell.strip()]
    return bool(cells) and all(_TITLE_FURNITURE.match(cell) for cell in cells)


def _table_unit(text: str) -> str | None:
    """The unit a table's title, subtitle or furniture line states (``单位：万元``), if any."""
    match = _UNIT.search(text)
    return match.group(1) if match else None


def _row_unit(text: str) -> str | None:
    """The unit a table row states: a short row that is the 单位 line, or a cell that is only the unit.

    Only a short row (under 40 characters) is searched as a whole: in a long row "单位：元"
    may be the content of a cell (a project's description); a cell of its own is unambiguous.
    """
    if len(text.strip("\t ")) < 40:
        unit = _table_unit(text)
        if unit is not None:
            return unit
    for cell in text.split("\t"):
        match = _UNIT_CELL.match(cell)
        if match:
            return match.group(1)
    return None


def _display(raw_line: str, normalized_fragment: str) -> str:
    """The source text of a normalized fragment (same length, found at the same place)."""
    normalized_line = normalize_width(raw_line)
    position = normalized_line.find(normalized_fragment)
    if position < 0:
        return normalized_fragment
    return raw_line[position : position + len(normalized_fragment)]


def _is_continuation_title(text: str, title: str) -> bool:
    """A repeated title after a page break: the same title (with or without the 部门/单位
    furniture printed after it), or 续表 / (续)."""
    squashed = squash(title_part(text.partition("\t")[0].strip()) if title else text)
    if not squashed:
        return False
    if squashed in ("续表", "(续)", "续", "(续表)"):
        return True
    return squashed == title or squashed.rstrip("(续表)") == title


def _toc_key(text: str) -> str:
    return squash(normalize_width(text))


#: Longest 目录 line that may end with 。 (一、主要职能。): longer ones are prose.
_TOC_ITEM_MAX = 30


def _listed_item(lines: Sequence[Line], k: int) -> bool:
    """Is ``lines[k]``, which ends with 。, a 目录 entry all the same (江苏: 一、主要职能。)?

    Only a short numbered line ending with a full stop, followed by another 目录-like line:
    a numbered sentence of prose is longer, or followed by prose.
    """
    line = lines[k]
    text = line.text.strip()
    following = lines[k + 1] if k + 1 < len(lines) else None
    return (
        line.kind is LineKind.NUMBERED
        and text.endswith("。")
        and len(text) <= _TOC_ITEM_MAX
        and following is not None
        and following.kind in _TOC_LIKE
        and len(following.text.strip()) <= 60
    )


def _repeats_part(text: str, entries: Sequence[TocEntry]) -> bool:
    """Is ``text`` a 第X部分 the 目录 has listed already (the body's own part heading)?"""
    numbering, _ = split_numbering(text)
    return bool(numbering) and any(
        entry.kind is HeadingKind.PART and split_numbering(normalize_width(entry.text).strip())[0] == numbering
        for entry in entries
    )


def _wrapped(entries: Sequence[TocEntry], rest: str) -> bool:
    """Is ``rest`` (an unnumbered 目录 line, blanks removed) the wrapped end of the entry before?

    An unpaged 目录 wraps a long entry onto the next line (（一）关于…收支预算情况的 / 总体说明).
    The entry before must be numbered, as long as a full line, not yet continued (its span is
    one line) and not a complete table title; the rest must be short and unnumbered.
    """
    if not entries or not rest or len(rest) > _TOC_REST_MAX or split_numbering(rest)[0]:
        return False
    previous = entries[-1]
    printed = _toc_key(previous.text)
    return (
        previous.number is not None
        and previous.page is None
        and previous.span.line == previous.span.end_line
        and len(printed) >= _TOC_WRAP_WIDTH
        and not printed.endswith("表")
    )


def parse(
    text: str,
    path: str = "<text>",
    noise_patterns: Iterable[str] = DEFAULT_NOISE_PATTERNS,
    stored_cells: frozenset[tuple[int, int]] = frozenset(),
) -> Document:
    """Parse decoded document text into a :class:`~budgetlint.model.nodes.Document`.

    ``stored_cells`` are the (line, cell) positions whose text is the exact number the
    file holds (a spreadsheet cell, see :class:`budgetlint.read.base.Origin`): their
    figures are ``stored``, without rounding tolerance. Plain text has none: a printed
    figure stands for everything that rounds to it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    normalized = normalize_width(text)
    norm_lines = normalized.split("\n")[: len(raw_lines)]
    lines = classify_lines("\n".join(norm_lines) + "\n")
    return _Builder(path, raw_lines, norm_lines, lines, tuple(noise_patterns), stored_cells).build()
