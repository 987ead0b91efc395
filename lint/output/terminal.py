"""How one finding reads in a terminal: its headline and the marked source line.

Shared by the full and concise formats (and the summary's column widths): CJK and
full-width characters take two terminal columns, so widths are display widths.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.output.writer import Counts, Sink, Style, plain
from budgetlint.read.base import Origin
from budgetlint.run.batch import DocumentRenderer
from budgetlint.run.runner import LintResult

SEVERITY_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_WINDOW_BEFORE = 50  # display columns of context kept before the marked span
_WINDOW_AFTER = 40


def display_width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _tail_within(text: str, width: int) -> str:
    """The longest end of ``text`` that fits in ``width`` terminal columns."""
    used = 0
    for index in range(len(text) - 1, -1, -1):
        used += display_width(text[index])
        if used > width:
            return text[index + 1 :]
    return text


def origin_of(d: Diagnostic, result: LintResult) -> Origin | None:
    """Where a diagnostic on a PDF/Word/Excel file points in the original (None for plain text)."""
    if result.source_map is None:
        return None
    text = result.source_lines[d.line - 1] if 0 < d.line <= len(result.source_lines) else None
    return result.source_map.origin(d.line, d.column, text)


def message_with_page(d: Diagnostic, result: LintResult, lang: str = "zh") -> str:
    """The message, with the PDF page it points at appended (``（第 17 页）`` / `` (page 17)``).

    The CI formats (SARIF, GitHub, GitLab, JUnit) locate a finding by its line of the
    extracted text, which their viewers need; a reviewer holding the PDF needs the page.
    Word, Excel and plain-text input are returned unchanged (they have no pages).
    """
    origin = origin_of(d, result)
    if origin is None or not origin.page:
        return d.message
    return f"{d.message}（第 {origin.page} 页）" if lang == "zh" else f"{d.message} (page {origin.page})"


def headline(d: Diagnostic, style: Style = plain, origin: Origin | None = None) -> str:
    """``path:line:col:`` for text; ``report.pdf:p12:L3:`` (the origin) for read documents."""
    where = f"{d.path}:{origin.label}:" if origin is not None and origin.label else f"{d.path}:{d.line}:{d.column}:"
    location = style(where, bold=True)
    code = style(d.code, fg=SEVERITY_COLORS[d.severity], bold=True)
    return f"{location} {code} [{d.severity.value}] {d.message}"


def snippet(d: Diagnostic, lines: Sequence[str], style: Style = plain) -> list[str]:
    """The source line with a ^^^ marker under the span (CJK-width aware, windowed)."""
    if not 0 < d.line <= len(lines):
        return []
    text = lines[d.line - 1].replace("\t", "    ")
    raw = lines[d.line - 1]
    start = len(raw[: d.column - 1].replace("\t", "    "))
    end_col = d.end_column if d.end_line == d.line else len(raw) + 1
    end = max(start + 1, len(raw[: max(d.column, end_col) - 1].replace("\t", "    ")))
    prefix, marked, suffix = text[:start], text[start:end], text[end:]
    if display_width(prefix) > _WINDOW_BEFORE:
        prefix = "…" + _tail_within(prefix, _WINDOW_BEFORE - 1)
    if display_width(marked) > 2 * _WINDOW_AFTER:
        marked = marked[:_WINDOW_AFTER] + "…"
    if display_width(suffix) > _WINDOW_AFTER:
        suffix = suffix[: _WINDOW_AFTER // 2] + "…"
    gutter = str(d.line)
    pad = " " * len(gutter)
    marker = " " * display_width(prefix) + "^" * max(1, display_width(marked.rstrip()) or 1)
    return [
        f"{pad} |",
        f"{gutter} | {prefix}{marked}{suffix}".rstrip(),
        f"{pad} | " + style(marker, fg=SEVERITY_COLORS[d.severity], bold=True),
    ]


def summary_line(counts: Counts, lang: str) -> str:
    """The closing line: files checked and findings per severity; files that were no
    disclosure (BL004) are not counted as checked, but said apart."""
    files, skipped = counts.files - counts.not_disclosures, counts.not_disclosures
    if lang == "zh":
        line = f"检查了 {files} 个文件：{counts.errors} 个错误，{counts.warnings} 个警告，{counts.infos} 个提示。"
        return line + (f"另有 {skipped} 个文件不是预算/决算公开文件，未检查。" if skipped else "")
    line = (
        f"Checked {files} file{'s' if files != 1 else ''}: "
        f"{counts.errors} error(s), {counts.warnings} warning(s), {counts.infos} info(s)."
    )
    return line + (
        f" {skipped} file{'s were' if skipped != 1 else ' was'} not a disclosure; not checked." if skipped else ""
    )


class TerminalWriter:
    """What the terminal formats (full, concise) share: written document by document as
    results arrive, nothing before the findings, and a closing line that counts the run.
    Subclasses write each result in :meth:`add`."""

    document_renderer: DocumentRenderer | None = None

    def __init__(self, sink: Sink, lang: str, style: Style) -> None:
        self.sink = sink
        self.lang = lang
        self.style = style

    def start(self) -> None:
        """Nothing before the findings."""

    def add(self, result: LintResult) -> None:
        raise NotImplementedError  # pragma: no cover - each format writes its own findings

    def finish(self, counts: Counts) -> None:
        self.sink(summary_line(counts, self.lang) + "\n")
