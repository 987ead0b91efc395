"""The HTML report: one self-contained page reviewers can open, read, print and forward.

The page lists the documents with their counts; per document it lists the findings
grouped by severity and rule, and shows the document itself — tables as HTML tables —
with each failing cell, row or passage highlighted and its message beside it.
Clicking a finding scrolls to its place. CSS and JavaScript are inline; nothing is
fetched from the network.

For reviewers of many documents: the header says what made the report (budgetlint's
version, the date, the profiles checked against, each configuration used); a bar that
stays at the top filters the findings by severity, rule and document; infos and the text
of documents without errors or warnings start folded. A finding on a PDF/Word/Excel file
shows its place in that file (``p17:L3``, ``T2:R3:C4``, ``表3!C7``), not a line of the
extracted text its reader cannot see, and the text marks where each PDF page begins.

Each document's part of the page is rendered by :func:`render_document` as soon as
the document is linted (in the worker process of a batch run), so only strings, never
ASTs, travel back to the parent (the writer hands :func:`render_document` to the batch
runner as its document renderer); :class:`HtmlReportWriter` spools those fragments to a
temporary file and assembles the page at the end, so memory stays flat.
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import NamedTuple, TextIO

from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.fingerprint import portable_path
from budgetlint.model.nodes import Cell, Document, Row, Table
from budgetlint.output.terminal import origin_of
from budgetlint.output.writer import Counts, Sink, Style
from budgetlint.read.base import Origin
from budgetlint.run.batch import DocumentRenderer, FileResult, profile_of
from budgetlint.run.options import Config
from budgetlint.run.runner import LintResult
from budgetlint.version import __version__

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "budgetlint 检查报告",
        "documents": "文档",
        "document": "文档",
        "kind": "类型",
        "errors": "错误",
        "warnings": "警告",
        "infos": "提示",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "rules": "规则",
        "rule": "规则",
        "count": "次数",
        "affected": "涉及文档",
        "findings": "问题",
        "source": "原文",
        "none": "未发现问题",
        "failure": "内部错误",
        "checked": "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 个提示。",
        "not_disclosures": "{count} 个文件不是预算/决算公开文件，未检查：{paths}",
        "unreadable": "（无法显示原文）",
        "top": "返回目录",
        "line": "行",
        "page": "第 {page} 页",
        "text_line": "提取文本第 {line} 行",
        "version": "版本",
        "date": "生成时间",
        "profiles": "公开规范",
        "profile_none": "（未识别）",
        "configuration": "配置",
        "defaults": "默认设置",
        "isolated": "默认设置（--isolated，不读取配置文件）",
        "filters": "筛选",
        "all_rules": "全部规则",
        "all_documents": "全部文档",
        "clean_hint": "无错误和警告的文档及提示默认折叠。",
    },
    "en": {
        "title": "budgetlint report",
        "documents": "Documents",
        "document": "Document",
        "kind": "Kind",
        "errors": "Errors",
        "warnings": "Warnings",
        "infos": "Infos",
        "error": "Errors",
        "warning": "Warnings",
        "info": "Infos",
        "rules": "Rules",
        "rule": "Rule",
        "count": "Findings",
        "affected": "Documents",
        "findings": "Findings",
        "source": "Document",
        "none": "No findings",
        "failure": "Internal error",
        "checked": "Checked {files} file(s): {errors} error(s), {warnings} warning(s), {infos} info(s).",
        "not_disclosures": "{count} file(s) were not disclosures, not checked: {paths}",
        "unreadable": "(the document cannot be shown)",
        "top": "Back to the list",
        "line": "line",
        "page": "page {page}",
        "text_line": "line {line} of the extracted text",
        "version": "Version",
        "date": "Generated",
        "profiles": "Profiles",
        "profile_none": "(not detected)",
        "configuration": "Configuration",
        "defaults": "defaults",
        "isolated": "defaults (--isolated: no configuration file read)",
        "filters": "Filter",
        "all_rules": "All rules",
        "all_documents": "All documents",
        "clean_hint": "Documents without errors or warnings, and infos, are folded.",
    },
}

_HEADING_CLASS = {"part": "h0", "level1": "h1", "level2": "h2", "level3": "h3", "table": "ht", "plain": "hp"}


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["zh"])


# -- where each finding goes -----------------------------------------------------
class _Layout:
    """Decides which element shows each diagnostic: a table cell, a table row, or marked text."""

    def __init__(self, index: int, doc: Document, diagnostics: Sequence[Diagnostic]) -> None:
        self.index = index
        self.doc = doc
        self.rows: dict[int, Row] = {}  # line -> Row (header and data rows of every table)
        for table in doc.tables:
            for row in (*table.header_rows, *table.rows):
                self.rows.setdefault(row.span.line, row)
        self.ids: dict[tuple[str | int, ...], str] = {}  # element key -> element id
        self.target: list[str] = []  # diagnostic k -> element id
        self.cell_hits: dict[tuple[int, int], list[int]] = defaultdict(list)  # (line, cell) -> ks
        self.row_hits: dict[int, list[int]] = defaultdict(list)  # line -> ks (row or whole line)
        self.row_notes: dict[int, list[int]] = defaultdict(list)  # line -> ks shown beside that row
        self.marks: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # line -> (start, end, k)
        for k, d in enumerate(diagnostics):
            self.target.append(self._place(k, d))

    def _id(self, key: tuple[str | int, ...]) -> str:
        if key not in self.ids:
            self.ids[key] = f"e{self.index}-{len(self.ids)}"
        return self.ids[key]

    def _place(self, k: int, d: Diagnostic) -> str:
        if not 0 < d.line <= len(self.doc.lines):
            return f"doc-{self.index}"  # no line to show (e.g. a finding about the whole file)
        row = self.rows.get(d.line)
        if row is not None:
            end = d.end_column if d.end_line == d.line else 10**9
            hit = [
                j
                for j, c in enumerate(row.cells)
                if c.span.line == d.line and c.span.column < end and d.column < c.span.end_column
            ]
            filled = [j for j in hit if row.cells[j].text.strip()] or hit
            all_filled = [j for j, c in enumerate(row.cells) if c.text.strip()]
            self.row_notes[d.line].append(k)
            if filled and (len(all_filled) <= 1 or set(filled) != set(all_filled)):
                for j in filled:
                    self.cell_hits[(d.line, j)].append(k)
                return self._id(("cell", d.line, filled[0]))
            self.row_hits[d.line].append(k)
            return self._id(("row", d.line))
        last = max(d.line, min(d.end_line, len(self.doc.lines)))
        for line in range(d.line, last + 1):
            text = self.doc.line_text(line)
            start = d.column if line == d.line else 1
            end = d.end_column if line == d.end_line else len(text) + 1
            start, end = max(1, start), min(len(text) + 1, end)
            if start >= end:
                start, end = 1, len(text) + 1
            self.marks[line].append((start, end, k))
        return self._id(("mark", k))


# -- one document ----------------------------------------------------------------
def render_document(index: int, result: LintResult, lang: str = "zh") -> str:
    """The HTML fragment of one linted document (its section of the report)."""
    labels = _labels(lang)
    doc = result.document
    diagnostics: list[Diagnostic] = list(result.diagnostics)
    counts = Counter(d.severity for d in diagnostics)
    # A document with nothing worse than infos is folded: long reports stay readable.
    worrying = bool(counts[Severity.ERROR] or counts[Severity.WARNING] or result.failures)
    out: list[str] = [
        f'<section class="doc" id="doc-{index}" data-doc="{index}" data-path="{_esc(result.path)}"'
        f"{'' if worrying else ' data-clean'}>"
    ]
    out.append(f'<h2><a href="#doc-{index}">{_esc(result.path)}</a></h2>')
    meta = [_esc(x) for x in (getattr(doc, "title", None), _kind(doc), _profile(result)) if x]
    meta.append(_badges(counts, labels))
    out.append(f'<p class="meta">{" · ".join(meta)} <a class="top" href="#index">↑ {labels["top"]}</a></p>')
    for failure in result.failures:
        out.append(f'<p class="failure">{labels["failure"]}: {_esc(failure)}</p>')
    layout = _Layout(index, doc, diagnostics) if doc is not None else None
    # The body first: rendering marks settles which element each finding links to.
    body = _body(index, doc, diagnostics, layout, _pages(result), labels) if layout is not None else []
    places = [origin_of(d, result) for d in diagnostics]
    out.append(_findings(index, diagnostics, layout, labels, places))
    if body:
        opened = " open" if worrying else ""
        out.append(f'<details class="src"{opened}><summary>{labels["source"]}</summary><div class="body">')
        out.extend(body)
        out.append("</div></details>")
    out.append("</section>\n")
    return "".join(out)


def _pages(result: LintResult) -> list[int]:
    """The PDF page of each line (index 0 is line 1); empty for other input."""
    if result.source_map is None:
        return []
    return [origin.page for origin in result.source_map.origins]


def _loc(d: Diagnostic, origin: Origin | None, labels: dict[str, str]) -> str:
    """Where a finding is: its place in the PDF/Word/Excel file (the text line in the tooltip), else its line."""
    if origin is None or not origin.label:
        return f'<span class="loc">{d.line}:{d.column}</span>'
    tip = labels["text_line"].format(line=f"{d.line}:{d.column}")
    page = f' data-page="{origin.page}"' if origin.page else ""
    return f'<span class="loc" title="{_esc(tip)}"{page}>{_esc(origin.label)}</span>'


def _profile(result: LintResult) -> str | None:
    if result.document is None:
        return None
    return profile_of(result)


def _kind(doc: Document | None) -> str | None:
    kind = getattr(doc, "kind", None)
    return kind.value if kind is not None else None


def _badges(counts: Counter[Severity], labels: dict[str, str]) -> str:
    return " ".join(
        f'<span class="badge sev-{s.value}{" zero" if not counts.get(s) else ""}">{labels[s.value + "s"]} {counts.get(s, 0)}</span>'
        for s in _SEVERITIES
    )


def _findings(
    index: int,
    diagnostics: list[Diagnostic],
    layout: _Layout | None,
    labels: dict[str, str],
    places: Sequence[Origin | None],
) -> str:
    if not diagnostics:
        return f'<p class="clean">{labels["none"]}</p>'
    out = ['<div class="findings">']
    for severity in _SEVERITIES:
        ks = [k for k, d in enumerate(diagnostics) if d.severity is severity]
        if not ks:
            continue
        opened = "" if severity is Severity.INFO else " open"  # infos are folded
        out.append(
            f'<details class="sev-group" data-sev="{severity.value}"{opened}><summary><h3 class="sev-{severity.value}">'
            f'{labels[severity.value]} <span class="n">{len(ks)}</span></h3></summary>'
        )
        by_rule: dict[str, list[int]] = defaultdict(list)
        for k in ks:
            by_rule[diagnostics[k].code].append(k)
        for code in sorted(by_rule):
            first = diagnostics[by_rule[code][0]]
            out.append(
                f'<div class="rule"><h4><code>{_esc(code)}</code> {_esc(first.name)} '
                f'<span class="n">{len(by_rule[code])}</span></h4><ul>'
            )
            for k in by_rule[code]:
                d = diagnostics[k]
                target = layout.target[k] if layout is not None else f"doc-{index}"
                out.append(
                    f'<li data-sev="{d.severity.value}" data-rule="{_esc(d.code)}">'
                    f'<a class="goto sev-{d.severity.value}" href="#{target}" data-target="{target}">'
                    f"{_loc(d, places[k], labels)} {_esc(d.message)}</a></li>"
                )
            out.append("</ul></div>")
        out.append("</details>")
    out.append("</div>")
    return "".join(out)


def _note(d: Diagnostic, index: int, k: int) -> str:
    return (
        f'<div class="note sev-{d.severity.value}" id="n{index}-{k}" data-sev="{d.severity.value}" '
        f'data-rule="{_esc(d.code)}"><code>{_esc(d.code)}</code> {_esc(d.message)}</div>'
    )


def _worst(diagnostics: Sequence[Diagnostic], ks: Iterable[int]) -> str:
    return max((diagnostics[k].severity for k in ks), key=lambda s: s.rank).value


def _body(
    index: int,
    doc: Document,
    diagnostics: list[Diagnostic],
    layout: _Layout,
    pages: Sequence[int] = (),
    labels: dict[str, str] | None = None,
) -> list[str]:
    """The document line by line, tables as tables; a PDF's page breaks are marked (第 17 页)."""
    kinds: dict[int, str] = {}
    for heading in doc.headings:
        kinds[heading.span.line] = _HEADING_CLASS.get(heading.kind.value, "hp")
    if doc.toc is not None:
        for line in range(doc.toc.span.line, doc.toc.span.end_line + 1):
            kinds.setdefault(line, "toc")
    for noise in doc.noise:
        kinds[noise.span.line] = "noise"
    tables = {t.span.line: t for t in doc.tables}
    out: list[str] = []
    line, count = 1, len(doc.lines)
    shown_page = 0
    while line <= count:
        page = pages[line - 1] if line <= len(pages) else 0
        if page and page != shown_page:
            shown_page = page
            words = (labels or _labels("zh"))["page"].format(page=page)
            out.append(f'<div class="pg">{_esc(words)}</div>')
        table = tables.get(line)
        if table is not None:
            out.extend(_table(index, doc, table, diagnostics, layout, kinds))
            line = max(line, table.span.end_line) + 1
            continue
        out.append(_line(index, doc, line, diagnostics, layout, kinds.get(line, "")))
        line += 1
    return out


def _line(index: int, doc: Document, line: int, diagnostics: list[Diagnostic], layout: _Layout, cls: str) -> str:
    text = doc.line_text(line)
    marks = layout.marks.get(line)
    if not text.strip() and not marks:
        return ""
    notes = ""
    body = _esc(text)
    if marks:
        body = _marked(text, marks, layout, diagnostics, line)
        notes = "".join(
            _note(diagnostics[k], index, k) for k in sorted({k for _, _, k in marks}) if diagnostics[k].line == line
        )
        cls += " hit"
    return (
        f'<div class="ln {cls.strip()}" id="L{index}-{line}"><span class="no">{line}</span>'
        f'<span class="tx">{body}</span><span class="notes">{notes}</span></div>'
    )


def _marked(
    text: str, marks: list[tuple[int, int, int]], layout: _Layout, diagnostics: list[Diagnostic], line: int
) -> str:
    """The line with each finding's characters in a <mark>; overlapping findings share one."""
    groups: list[tuple[int, int, list[int]]] = []  # (start, end, ks)
    for start, end, k in sorted(marks):
        if groups and start < groups[-1][1]:
            first, last, ks = groups[-1]
            groups[-1] = (first, max(last, end), [*ks, k])
        else:
            groups.append((start, end, [k]))
    out, pos = [], 0
    for start, end, ks in groups:
        out.append(_esc(text[pos : start - 1]))
        ident = ""
        starting = [k for k in ks if diagnostics[k].line == line]
        if starting:
            ident = f' id="{layout.target[starting[0]]}"'
            for k in starting[1:]:  # several findings in one mark: let them all point at it
                layout.target[k] = layout.target[starting[0]]
        title = _esc(" / ".join(diagnostics[k].message for k in ks))
        piece = _esc(text[start - 1 : end - 1]) or "⏎"
        out.append(f'<mark class="sev-{_worst(diagnostics, ks)}"{ident} title="{title}">{piece}</mark>')
        pos = end - 1
    out.append(_esc(text[pos:]))
    return "".join(out)


def _cell_text(doc: Document, cell: Cell) -> str:
    if cell.span.line == cell.span.end_line:
        raw = doc.line_text(cell.span.line)[cell.span.column - 1 : cell.span.end_column - 1].strip()
        if raw:
            return raw
    return cell.text.strip()


def _table(
    index: int, doc: Document, table: Table, diagnostics: list[Diagnostic], layout: _Layout, kinds: dict[int, str]
) -> list[str]:
    rows = {r.span.line: r for r in (*table.header_rows, *table.rows)}
    out = ['<div class="tbl">']
    if not rows:
        for line in range(table.span.line, table.span.end_line + 1):
            out.append(_line(index, doc, line, diagnostics, layout, kinds.get(line, "")))
        out.append("</div>")
        return out
    first, last = min(rows), max(rows)
    for line in range(table.span.line, first):
        cls = "ht" if line == table.title_span.line else kinds.get(line, "tmeta")
        out.append(_line(index, doc, line, diagnostics, layout, cls))
    width = max([len(table.columns)] + [len(r.cells) for r in rows.values()])
    has_notes = any(layout.row_notes.get(line) or layout.marks.get(line) for line in range(first, last + 1))
    header_lines = [r.span.line for r in table.header_rows]
    out.append('<div class="tscroll"><table class="data">')
    for line in range(first, last + 1):
        row = rows.get(line)
        if row is None:
            out.append(_aux_row(index, doc, line, diagnostics, layout, width, has_notes, kinds.get(line, "")))
            continue
        out.append(
            _row(
                index,
                doc,
                table,
                row,
                diagnostics,
                layout,
                width,
                has_notes,
                header_lines.index(line) if line in header_lines else None,
                len(header_lines),
            )
        )
    out.append("</table></div>")
    for line in range(last + 1, table.span.end_line + 1):
        out.append(_line(index, doc, line, diagnostics, layout, kinds.get(line, "tnote")))
    out.append("</div>")
    return out


def _aux_row(
    index: int,
    doc: Document,
    line: int,
    diagnostics: list[Diagnostic],
    layout: _Layout,
    width: int,
    has_notes: bool,
    cls: str,
) -> str:
    """A line inside a table that is not one of its rows (watermark, unparsed line)."""
    text = doc.line_text(line)
    marks = layout.marks.get(line)
    if not text.strip() and not marks:
        return ""
    body = _marked(text, marks, layout, diagnostics, line) if marks else _esc(text)
    notes = "".join(
        _note(diagnostics[k], index, k) for k in sorted({k for _, _, k in marks or ()}) if diagnostics[k].line == line
    )
    note_cell = f'<td class="notes">{notes}</td>' if has_notes else ""
    return (
        f'<tr class="aux {cls}{" hit" if marks else ""}" id="L{index}-{line}"><td class="no">{line}</td>'
        f'<td colspan="{width}">{body}</td>{note_cell}</tr>'
    )


def _row(
    index: int,
    doc: Document,
    table: Table,
    row: Row,
    diagnostics: list[Diagnostic],
    layout: _Layout,
    width: int,
    has_notes: bool,
    header_level: int | None,
    header_count: int,
) -> str:
    line = row.span.line
    tag = "th" if header_level is not None else "td"
    row_ks = layout.row_hits.get(line, [])
    row_id = layout.ids.get(("row", line))
    attrs = f' id="{row_id or f"L{index}-{line}"}"'
    classes = ["head" if header_level is not None else ("total" if row.is_total else "")]
    if row_ks:
        classes.append(f"hit sev-{_worst(diagnostics, row_ks)}")
    cells: list[str] = []
    spans = _header_spans(table, row, header_level, header_count, layout, line)
    for j, cell in enumerate(row.cells):
        colspan = spans[j] if spans else 1
        if colspan == 0:
            continue
        ks = layout.cell_hits.get((line, j))
        cell_attrs = f' colspan="{colspan}"' if colspan > 1 else ""
        cls = "num" if cell.figure is not None and header_level is None else ""
        if ks:
            cls += f" hit sev-{_worst(diagnostics, ks)}"
            ident = layout.ids.get(("cell", line, j))
            if ident:
                cell_attrs += f' id="{ident}"'
            cell_attrs += f' title="{_esc(" / ".join(diagnostics[k].message for k in ks))}"'
        if cls.strip():
            cell_attrs += f' class="{cls.strip()}"'
        cells.append(f"<{tag}{cell_attrs}>{_esc(_cell_text(doc, cell))}</{tag}>")
    used = sum(spans) if spans else len(row.cells)
    cells.extend(f"<{tag}></{tag}>" for _ in range(width - used))
    notes = "".join(_note(diagnostics[k], index, k) for k in layout.row_notes.get(line, ()))
    note_cell = f'<td class="notes">{notes}</td>' if has_notes else ""
    number = f'<td class="no">{line}</td>'
    cls_attr = f' class="{" ".join(c for c in classes if c)}"' if any(classes) else ""
    return f"<tr{attrs}{cls_attr}>{number}{''.join(cells)}{note_cell}</tr>"


def _header_spans(
    table: Table, row: Row, level: int | None, count: int, layout: _Layout, line: int
) -> list[int] | None:
    """colspans of an upper header row: an empty cell under one group heading joins it."""
    if level is None or level >= count - 1 or len(row.cells) != len(table.columns):
        return None
    spans = [1] * len(row.cells)
    owner = 0
    for j in range(1, len(row.cells)):
        path, previous = table.columns[j].path, table.columns[owner].path
        joins = (
            not row.cells[j].text.strip()
            and row.cells[owner].text.strip()
            and len(path) > level
            and len(previous) > level
            and path[level] == previous[level]
            and (line, j) not in layout.cell_hits
        )
        if joins:
            spans[owner] += 1
            spans[j] = 0
        else:
            owner = j
    return spans


# -- the page ----------------------------------------------------------------------
class IndexRow(NamedTuple):
    position: int  # the document's index in the run (its section is doc-<position>)
    path: str
    title: str | None
    kind: str | None
    errors: int
    warnings: int
    infos: int
    failed: bool
    profile: str | None = None  # the disclosure profile the document was checked against


#: Settings shown in the header when they differ from the defaults: (label, Config attribute).
_SETTINGS = (
    ("select", "select"),
    ("extend-select", "extend_select"),
    ("ignore", "ignore"),
    ("profile", "profile"),
    ("rounding", "rounding"),
    ("join-parts", "join_parts"),
    ("noise-patterns", "noise_patterns"),
)


def configuration_words(config: Config) -> str:
    """The settings of ``config`` that differ from budgetlint's defaults, as ``key = value; …``."""
    default = Config()
    words = []
    for key, attribute in _SETTINGS:
        value = getattr(config, attribute)
        if value != getattr(default, attribute):
            shown = ", ".join(value) if isinstance(value, tuple) else str(value).lower()
            words.append(f"{key} = {shown}")
    if config.severity:
        words.append("severity = " + ", ".join(f"{code}: {s.value}" for code, s in sorted(config.severity.items())))
    return "; ".join(words)


def run_date() -> str:
    """When the report was made (UTC); ``SOURCE_DATE_EPOCH`` fixes it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


@dataclass
class _RuleTally:
    """A rule's row in the page's rule index."""

    name: str = ""
    severity: Severity = Severity.INFO
    findings: int = 0
    documents: int = 0


class HtmlReportWriter:
    """``--format html``: collects document fragments as they arrive (spooled to disk) and writes the page."""

    def __init__(self, sink: Sink, lang: str = "zh", style: Style | None = None) -> None:
        #: Each document is rendered in the worker that linted it, while its AST is alive.
        self.document_renderer: DocumentRenderer | None = render_document
        self.sink = sink
        self.lang = lang
        self.rows: list[IndexRow] = []
        self.rules: dict[str, _RuleTally] = {}
        #: configuration source ("" --isolated, None defaults, else the file) -> its settings, in order met
        self.configurations: dict[str | None, str] = {}
        self.date = run_date()
        #: Files that were no budget disclosure (BL004): named once in the header, never listed.
        self.not_disclosures: list[str] = []
        self._spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")

    def start(self) -> None:
        """The page starts at the end, when the index of every document is known."""

    def describe_configuration(self, config: Config, source: str | None) -> None:
        """The configuration one document was linted with and where it came from (for the header)."""
        self.configurations.setdefault(source, configuration_words(config))

    def add(self, result: LintResult) -> None:
        """A batch result brings its fragment; a plain result (the Python API) still has its document."""
        if result.not_a_disclosure:  # a README beside the disclosures is no document of the report
            self.not_disclosures.append(result.path)
            return
        if isinstance(result, FileResult):
            index, title, kind, fragment = result.index, result.title, result.kind, result.fragment
            profile = result.profile
        else:
            index, fragment = len(self.rows), None
            title, kind = getattr(result.document, "title", None), _kind(result.document)
            profile = _profile(result)
        if fragment is None:
            fragment = render_document(index, result, self.lang)
        counts = Counter(d.severity for d in result.diagnostics)
        self.rows.append(
            IndexRow(
                index,
                result.path,
                title,
                kind,
                counts[Severity.ERROR],
                counts[Severity.WARNING],
                counts[Severity.INFO],
                bool(result.failures),
                profile,
            )
        )
        for code in {d.code for d in result.diagnostics}:
            self.rules.setdefault(code, _RuleTally()).documents += 1
        for d in result.diagnostics:
            entry = self.rules[d.code]
            entry.name, entry.severity = d.name, d.severity  # as the rule's last finding says
            entry.findings += 1
        self._spool.write(fragment)

    def finish(self, counts: Counts) -> None:
        self.write(self.sink.stream())

    def _run_facts(self, labels: dict[str, str]) -> str:
        """The header: what made this report (version, date, profiles, configuration)."""
        profiles = Counter(row.profile or labels["profile_none"] for row in self.rows)
        facts = [
            (labels["version"], f"budgetlint {__version__}"),
            (labels["date"], self.date),
            (labels["profiles"], "; ".join(f"{name} × {n}" for name, n in profiles.most_common())),
        ]
        for source, words in self.configurations.items():
            where = (
                labels["isolated"] if source == "" else labels["defaults"] if source is None else portable_path(source)
            )
            facts.append(
                (labels["configuration"], f"{where}{'：' if self.lang == 'zh' else ': '}{words}" if words else where)
            )
        return '<dl class="run">' + "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in facts) + "</dl>"

    def _filters(self, labels: dict[str, str], totals: tuple[int, int, int]) -> str:
        """Severity switches, a rule and a document chooser (the page's script applies them)."""
        out = [f'<form class="filters" id="filters"><strong>{_esc(labels["filters"])}</strong> ']
        for severity, n in zip(_SEVERITIES, totals, strict=True):
            out.append(
                f'<label class="badge sev-{severity.value}"><input type="checkbox" data-sev="{severity.value}" checked> '
                f"{_esc(labels[severity.value + 's'])} {n}</label> "
            )
        out.append(f'<select id="f-rule"><option value="">{_esc(labels["all_rules"])}</option>')
        for code in sorted(self.rules):
            tally = self.rules[code]
            out.append(f'<option value="{_esc(code)}">{_esc(code)} {_esc(tally.name)} ({tally.findings})</option>')
        out.append(f'</select> <select id="f-doc"><option value="">{_esc(labels["all_documents"])}</option>')
        for row in self.rows:
            out.append(f'<option value="{row.position}">{_esc(row.path)}</option>')
        out.append(f'</select> <span class="hint">{_esc(labels["clean_hint"])}</span></form>')
        return "".join(out)

    def write(self, out: TextIO) -> None:
        labels = _labels(self.lang)
        totals = (sum(r.errors for r in self.rows), sum(r.warnings for r in self.rows), sum(r.infos for r in self.rows))
        checked = labels["checked"].format(files=len(self.rows), errors=totals[0], warnings=totals[1], infos=totals[2])
        out.write(_HEAD.format(lang="zh-CN" if self.lang == "zh" else "en", title=_esc(labels["title"]), css=_CSS))
        out.write(f'<header id="index"><h1>{_esc(labels["title"])}</h1><p class="checked">{_esc(checked)}</p>')
        if self.not_disclosures:
            skipped = labels["not_disclosures"].format(
                count=len(self.not_disclosures), paths=("、" if self.lang == "zh" else ", ").join(self.not_disclosures)
            )
            out.write(f'<p class="not-disclosures">{_esc(skipped)}</p>')
        out.write(self._run_facts(labels) + "</header>")
        out.write(self._filters(labels, totals))  # stays at the top of the window while scrolling
        out.write('<nav class="lists">')
        out.write(
            f'<h2>{labels["documents"]}</h2><table class="index"><thead><tr><th>#</th><th>{labels["document"]}'
            f"</th><th>{labels['kind']}</th><th>{labels['errors']}</th><th>{labels['warnings']}</th>"
            f"<th>{labels['infos']}</th></tr></thead><tbody>"
        )
        for number, row in enumerate(self.rows, 1):  # numbered as listed: skipped non-disclosures leave no gap
            title = f'<span class="dtitle">{_esc(row.title)}</span>' if row.title else ""
            failed = f' <span class="badge sev-error">{labels["failure"]}</span>' if row.failed else ""
            out.write(
                f'<tr data-doc="{row.position}"><td class="no">{number}</td><td><a href="#doc-{row.position}">{_esc(row.path)}</a>'
                f"{title}{failed}</td><td>{_esc(row.kind or '')}</td>"
                + "".join(
                    f'<td class="num{" zero" if not n else f" sev-{s}"}">{n}</td>'
                    for n, s in ((row.errors, "error"), (row.warnings, "warning"), (row.infos, "info"))
                )
                + "</tr>"
            )
        out.write("</tbody></table>")
        if self.rules:
            out.write(
                f'<h2>{labels["rules"]}</h2><table class="index rules"><thead><tr><th>{labels["rule"]}</th>'
                f"<th></th><th>{labels['count']}</th><th>{labels['affected']}</th></tr></thead><tbody>"
            )
            for code in sorted(self.rules):
                tally = self.rules[code]
                name, severity, count, docs = tally.name, tally.severity, tally.findings, tally.documents
                out.write(
                    f'<tr data-rule="{_esc(code)}"><td><code>{_esc(code)}</code></td><td>{_esc(name)} '
                    f'<span class="badge sev-{severity.value}">{labels[severity.value]}</span></td>'
                    f'<td class="num">{count}</td><td class="num">{docs}</td></tr>'
                )
            out.write("</tbody></table>")
        out.write("</nav><main>")
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, out)
        self._spool.close()
        out.write(f"</main><script>{_JS}</script></body></html>\n")


_HEAD = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="budgetlint">
<title>{title}</title>
<style>{css}</style></head><body>
"""

_CSS = """
:root{--err:#b71c1c;--err-bg:#fde7e7;--warn:#8a5300;--warn-bg:#fff1cc;--info:#0d47a1;--info-bg:#e3eefc;
--line:#d8dce3;--muted:#6b7280}
*{box-sizing:border-box}
body{margin:0;padding:0 2rem 4rem;color:#1f2328;background:#fff;line-height:1.55;font-size:15px;
font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",
"Source Han Sans SC","WenQuanYi Micro Hei","Helvetica Neue",Arial,sans-serif}
code,.no,.loc{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Noto Sans Mono CJK SC",monospace}
h1{font-size:1.6rem;margin:1.2rem 0 .3rem}
h2{font-size:1.2rem;margin:1.4rem 0 .4rem}
a{color:#0b5cad}
table.index{border-collapse:collapse;min-width:60%}
table.index th,table.index td{border-bottom:1px solid var(--line);padding:.25rem .6rem;text-align:left;vertical-align:top}
table.index td.num{text-align:right}
.zero{color:#b0b4ba}
.dtitle{color:var(--muted);margin-left:.6rem;font-size:.9em}
.badge{display:inline-block;border-radius:.7rem;padding:0 .5rem;font-size:.85em;margin-right:.2rem}
.badge.sev-error{background:var(--err-bg);color:var(--err)}
.badge.sev-warning{background:var(--warn-bg);color:var(--warn)}
.badge.sev-info{background:var(--info-bg);color:var(--info)}
.badge.zero{background:#f1f2f4;color:#9aa0a6}
td.sev-error{color:var(--err);font-weight:600} td.sev-warning{color:var(--warn);font-weight:600}
td.sev-info{color:var(--info);font-weight:600}
section.doc{border-top:3px solid #1f2328;margin-top:2.5rem;padding-top:.4rem;content-visibility:auto;
contain-intrinsic-size:auto 3000px}
section.doc>h2{margin:.3rem 0;word-break:break-all}
.meta{color:var(--muted);margin:.2rem 0 .8rem}
.top{margin-left:1rem;font-size:.85em}
.failure{color:var(--err);font-weight:600}
.clean{color:#2e7d32}
.findings h3{font-size:1.05rem;margin:.8rem 0 .2rem}
.findings h3.sev-error{color:var(--err)} .findings h3.sev-warning{color:var(--warn)} .findings h3.sev-info{color:var(--info)}
.findings h4{font-size:.95rem;font-weight:600;margin:.3rem 0 .1rem .8rem}
.findings ul{margin:.1rem 0 .4rem 1.2rem;padding-left:1rem}
.n{display:inline-block;min-width:1.4em;text-align:center;background:#eef0f3;border-radius:.6em;font-size:.8em;padding:0 .3em}
a.goto{text-decoration:none;color:inherit;border-left:3px solid transparent;padding-left:.3rem}
a.goto:hover{text-decoration:underline}
a.goto.sev-error{border-color:var(--err)} a.goto.sev-warning{border-color:#e0a000} a.goto.sev-info{border-color:#5b8def}
.loc{color:var(--muted);font-size:.85em;margin-right:.3rem}
details.src{margin-top:1rem}
details.src>summary{cursor:pointer;font-weight:600;color:var(--muted)}
.body{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;margin-top:.4rem}
.ln{display:grid;grid-template-columns:3.2rem minmax(0,1fr) minmax(0,22rem);gap:.8rem;align-items:start;
padding:.05rem 0;white-space:pre-wrap;word-break:break-word}
.no{color:#a0a6ad;font-size:.78em;text-align:right;user-select:none;padding-top:.2em}
.ln.noise .tx{color:#a0a6ad;font-style:italic}
.ln.toc .tx{color:#4b5563}
.ln.h0 .tx{font-size:1.25em;font-weight:700;margin-top:.8rem}
.ln.h1 .tx{font-size:1.1em;font-weight:700;margin-top:.5rem}
.ln.h2 .tx,.ln.h3 .tx{font-weight:600}
.ln.ht .tx{font-weight:700;text-align:center;margin-top:.8rem}
.ln.tmeta .tx,.ln.tnote .tx{color:#4b5563;font-size:.92em}
mark{border-radius:2px;padding:0 1px;color:inherit}
mark.sev-error{background:var(--err-bg);box-shadow:inset 0 -2px 0 var(--err)}
mark.sev-warning{background:var(--warn-bg);box-shadow:inset 0 -2px 0 #e0a000}
mark.sev-info{background:var(--info-bg);box-shadow:inset 0 -2px 0 #5b8def}
.notes{font-size:.85em}
.note{border-left:3px solid;padding:.1rem .4rem;margin:.1rem 0;background:#fafafa;white-space:normal}
.note.sev-error{border-color:var(--err);color:var(--err)}
.note.sev-warning{border-color:#e0a000;color:var(--warn)}
.note.sev-info{border-color:#5b8def;color:var(--info)}
.tbl{margin:.6rem 0 1rem}
.tscroll{overflow-x:auto}
table.data{border-collapse:collapse;font-size:.9em;margin:.3rem 0}
table.data th,table.data td{border:1px solid var(--line);padding:.15rem .45rem;vertical-align:top;max-width:32em}
table.data th{background:#f3f5f8;font-weight:600;text-align:center}
table.data td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.data td.no{border:none;text-align:right;padding-right:.6rem}
table.data td.notes{border:none;min-width:14rem;max-width:24rem;background:#fff}
table.data tr.total td{font-weight:600}
table.data tr.aux td{color:#6b7280;font-style:italic}
table.data td.hit.sev-error,table.data tr.hit.sev-error td:not(.notes):not(.no){background:var(--err-bg);outline:2px solid var(--err);outline-offset:-2px}
table.data td.hit.sev-warning,table.data tr.hit.sev-warning td:not(.notes):not(.no){background:var(--warn-bg);outline:2px solid #e0a000;outline-offset:-2px}
table.data td.hit.sev-info,table.data tr.hit.sev-info td:not(.notes):not(.no){background:var(--info-bg);outline:2px solid #5b8def;outline-offset:-2px}
[hidden]{display:none!important}
section.doc,[id^="e"],[id^="L"]{scroll-margin-top:3.5rem}
dl.run{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.4rem 0;color:#4b5563;font-size:.9em}
dl.run dt{font-weight:600} dl.run dd{margin:0;word-break:break-all}
form.filters{position:sticky;top:0;z-index:2;background:#fff;padding:.4rem 0;border-bottom:1px solid var(--line);
margin:.6rem 0}
form.filters label{cursor:pointer} form.filters select{margin-left:.4rem;max-width:28em}
.hint{color:var(--muted);font-size:.85em;margin-left:.6rem}
table.rules tr[data-rule]{cursor:pointer} table.rules tr[data-rule]:hover{background:#f3f5f8}
details.sev-group>summary{cursor:pointer;list-style:none} details.sev-group>summary h3{display:inline-block}
details.sev-group>summary::before{content:"▸ ";color:var(--muted)} details.sev-group[open]>summary::before{content:"▾ "}
.pg{color:#a0a6ad;font-size:.78em;text-align:center;border-top:1px dashed var(--line);margin:.5rem 0 .2rem}
.flash{animation:flash 1.6s ease-out 1}
@keyframes flash{0%{box-shadow:0 0 0 6px rgba(255,193,7,.9)}100%{box-shadow:0 0 0 6px rgba(255,193,7,0)}}
@media print{
body{padding:0;font-size:10.5pt}
a{color:inherit;text-decoration:none}
.top,details.src>summary,form.filters{display:none}
section.doc{break-before:page;border-top:none;content-visibility:visible}
tr,.ln,.note{break-inside:avoid}
table.data thead,table.data tr.head{display:table-row-group}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.ln{grid-template-columns:2.4rem minmax(0,1fr) minmax(0,16rem)}
.body{border:none;padding:0}
.tscroll{overflow:visible}
table.data{width:100%;font-size:8pt;table-layout:fixed}
table.data th,table.data td{max-width:none;overflow-wrap:anywhere}
table.data td.num{white-space:normal}
table.data td.no{width:2.4em;padding-right:.3em}
table.data td.notes{min-width:0;max-width:none;width:20%}
}
"""

# Clicking a finding opens its document (if folded), scrolls its highlight into the middle of
# the screen and flashes it. Plain anchors do the scrolling when scripts are off.
_JS = """
document.addEventListener('click',function(e){
 var a=e.target.closest&&e.target.closest('a.goto');if(!a)return;
 var t=document.getElementById(a.getAttribute('data-target'));if(!t)return;
 e.preventDefault();
 for(var d=t.closest('details');d;d=d.parentElement&&d.parentElement.closest('details')){d.open=true;}
 t.scrollIntoView({block:'center',inline:'nearest'});
 if(history.replaceState)history.replaceState(null,'','#'+t.id);
 t.classList.remove('flash');void t.offsetWidth;t.classList.add('flash');
});
// Filters: a finding shows when its severity is switched on and it is of the chosen rule; a
// document shows when it is the chosen one and, while filtering, has a finding left.
function applyFilters(){
 var on={},all=true;
 document.querySelectorAll('#filters input[data-sev]').forEach(function(c){on[c.getAttribute('data-sev')]=c.checked;all=all&&c.checked;});
 var rule=document.getElementById('f-rule').value,doc=document.getElementById('f-doc').value,filtering=!all||rule!=='';
 function shown(e){return on[e.getAttribute('data-sev')]&&(!rule||e.getAttribute('data-rule')===rule);}
 var visible={};
 document.querySelectorAll('section.doc').forEach(function(s){
  var any=false;
  s.querySelectorAll('li[data-sev]').forEach(function(li){var v=shown(li);li.hidden=!v;any=any||v;});
  s.querySelectorAll('.note[data-sev]').forEach(function(n){n.hidden=!shown(n);});
  s.querySelectorAll('div.rule').forEach(function(r){r.hidden=!r.querySelector('li:not([hidden])');});
  s.querySelectorAll('details.sev-group').forEach(function(g){g.hidden=!g.querySelector('li:not([hidden])');});
  var v=(!doc||s.getAttribute('data-doc')===doc)&&(!filtering||any);
  s.hidden=!v;visible[s.getAttribute('data-doc')]=v;
 });
 document.querySelectorAll('table.index tr[data-doc]').forEach(function(r){r.hidden=!visible[r.getAttribute('data-doc')];});
 document.querySelectorAll('table.index tr[data-rule]').forEach(function(r){r.hidden=rule!==''&&r.getAttribute('data-rule')!==rule;});
}
var filters=document.getElementById('filters');
if(filters){filters.addEventListener('change',applyFilters);filters.addEventListener('submit',function(e){e.preventDefault();});}
// A row of the rule table filters by its rule (a second click shows every rule again).
document.addEventListener('click',function(e){
 var r=e.target.closest&&e.target.closest('table.rules tr[data-rule]');if(!r||!filters)return;
 var s=document.getElementById('f-rule'),code=r.getAttribute('data-rule');s.value=s.value===code?'':code;applyFilters();
});
window.addEventListener('beforeprint',function(){
 document.querySelectorAll('details').forEach(function(d){d.open=true;});
});
"""
