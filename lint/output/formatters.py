"""Render lint results for people (full, concise) and programs (json).

Formatters take finished :class:`~budgetlint.run.runner.LintResult` objects and
return text; they never print, so the CLI decides where output goes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.run.runner import LintResult

if TYPE_CHECKING:  # pragma: no cover
    from budgetlint.read.base import Origin, SourceMap

_SEVERITY_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_WINDOW_BEFORE = 50  # display columns of context kept before the marked span
_WINDOW_AFTER = 40


class Counts(NamedTuple):
    files: int
    errors: int
    warnings: int
    infos: int

    @classmethod
    def of(cls, results: Sequence[LintResult]) -> Counts:
        diagnostics = [d for r in results for d in r.diagnostics]
        return cls(
            files=len(results),
            errors=sum(d.severity is Severity.ERROR for d in diagnostics),
            warnings=sum(d.severity is Severity.WARNING for d in diagnostics),
            infos=sum(d.severity is Severity.INFO for d in diagnostics),
        )


Style = Callable[..., str]


def _plain(text: str, **_: object) -> str:
    return text


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


def headline(d: Diagnostic, style: Style = _plain, origin: Origin | None = None) -> str:
    """``path:line:col:`` for text; ``report.pdf:p12:L3:`` (the origin) for read documents."""
    where = f"{d.path}:{origin.label}:" if origin is not None and origin.label else f"{d.path}:{d.line}:{d.column}:"
    location = style(where, bold=True)
    code = style(d.code, fg=_SEVERITY_COLORS[d.severity], bold=True)
    return f"{location} {code} [{d.severity.value}] {d.message}"


def snippet(d: Diagnostic, lines: Sequence[str], style: Style = _plain) -> list[str]:
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
        f"{pad} | " + style(marker, fg=_SEVERITY_COLORS[d.severity], bold=True),
    ]


def summary_line(counts: Counts, lang: str) -> str:
    if lang == "zh":
        return (
            f"检查了 {counts.files} 个文件：{counts.errors} 个错误，{counts.warnings} 个警告，{counts.infos} 个提示。"
        )
    return (
        f"Checked {counts.files} file{'s' if counts.files != 1 else ''}: "
        f"{counts.errors} error(s), {counts.warnings} warning(s), {counts.infos} info(s)."
    )


def format_full(results: Sequence[LintResult], lang: str = "zh", style: Style = _plain) -> str:
    out: list[str] = []
    for result in results:
        for d in result.diagnostics:
            out.append(headline(d, style, origin_of(d, result)))
            out.extend(snippet(d, result.source_lines, style))
            out.append("")
    out.append(summary_line(Counts.of(results), lang))
    return "\n".join(out) + "\n"


def format_concise(results: Sequence[LintResult], lang: str = "zh", style: Style = _plain) -> str:
    out = [headline(d, style, origin_of(d, result)) for result in results for d in result.diagnostics]
    out.append(summary_line(Counts.of(results), lang))
    return "\n".join(out) + "\n"


def format_json(results: Sequence[LintResult], lang: str = "zh", style: Style = _plain) -> str:
    diagnostics = sorted(((d, r) for r in results for d in r.diagnostics), key=lambda pair: pair[0].sort_key)
    import json

    return json.dumps([json_record(d, r) for d, r in diagnostics], ensure_ascii=False, indent=2) + "\n"


def json_record(d: Diagnostic, result: LintResult) -> dict[str, object]:
    """The documented fields; for PDF/Word/Excel input also ``origin`` (and ``page`` for PDF)."""
    data = d.to_dict()
    origin = origin_of(d, result)
    if origin is not None and origin.label:
        data["origin"] = origin.label
        if origin.page:
            data["page"] = origin.page
    return data


def format_source_text(text: str, source_map: SourceMap | None) -> str:
    """``--show-text``: the text the rules saw, numbered, with each line's origin."""
    lines = text.splitlines()
    width = len(str(len(lines)))
    labels = [o.label for o in source_map.origins] if source_map is not None else []
    origin_width = max((len(label) for label in labels), default=0)
    out = []
    for number, line in enumerate(lines, start=1):
        label = labels[number - 1] if number <= len(labels) else ""
        gutter = f"{number:>{width}} {label:<{origin_width}}" if origin_width else f"{number:>{width}}"
        out.append(f"{gutter} | {line}".rstrip())
    return "\n".join(out) + "\n"


def _lazy(module: str, function: str) -> Callable[..., str]:
    """A formatter from :mod:`budgetlint.output`, imported on first use (cold start stays lean)."""

    def formatter(results: Sequence[LintResult], lang: str = "zh", style: Style = _plain) -> str:
        import importlib

        implementation = getattr(importlib.import_module(f"budgetlint.output.{module}"), function)
        return implementation(results, lang=lang, style=style)  # type: ignore[no-any-return]

    formatter.__name__ = function
    return formatter


FORMATTERS: dict[str, Callable[..., str]] = {
    "full": format_full,
    "concise": format_concise,
    "json": format_json,
    "json-lines": _lazy("lines", "format_json_lines"),
    "github": _lazy("github", "format_github"),
    "gitlab": _lazy("gitlab", "format_gitlab"),
    "sarif": _lazy("sarif", "format_sarif"),
    "junit": _lazy("junit", "format_junit"),
}


def _format_csv(results: Sequence[LintResult], lang: str = "zh", style: Style = _plain) -> str:
    from budgetlint.output.streaming import format_csv

    return format_csv(results, lang, style)


def _format_html(results: Sequence[LintResult], lang: str = "zh", style: Style = _plain) -> str:
    from budgetlint.output.html_report import format_html

    return format_html(results, lang, style)


FORMATTERS.update(csv=_format_csv, html=_format_html)  # batch review formats, imported when used
