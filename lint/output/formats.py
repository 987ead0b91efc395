"""The one table of output formats: each ``--format`` name and where its writer lives.

Every format is found here and nowhere else. A writer's module is imported only when
its format is used (``importlib`` through this table), so a plain run never loads the
CI formats, the SARIF rule catalogue or the HTML report.

Streamed formats name a :class:`~budgetlint.output.writer.ReportWriter` class; whole-run
formats name a ``render(results, lang=..., style=...)`` function, which
:class:`~budgetlint.output.writer.WholeRunWriter` feeds with every result at the end.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Sequence
from typing import NamedTuple, TextIO, cast

from budgetlint.output.writer import Counts, ReportWriter, Sink, Style, WholeRunRender, WholeRunWriter, plain
from budgetlint.run.options import Config
from budgetlint.run.runner import LintResult


class FormatEntry(NamedTuple):
    module: str  # under budgetlint.output
    attribute: str  # a ReportWriter class, or a render function when whole_run
    whole_run: bool = False


FORMATS: dict[str, FormatEntry] = {
    "full": FormatEntry("full", "FullWriter"),
    "concise": FormatEntry("concise", "ConciseWriter"),
    "json": FormatEntry("json_array", "format_json", whole_run=True),
    "json-lines": FormatEntry("json_lines", "format_json_lines", whole_run=True),
    "github": FormatEntry("github", "format_github", whole_run=True),
    "gitlab": FormatEntry("gitlab", "format_gitlab", whole_run=True),
    "sarif": FormatEntry("sarif", "format_sarif", whole_run=True),
    "junit": FormatEntry("junit", "format_junit", whole_run=True),
    "csv": FormatEntry("csv_rows", "CsvWriter"),
    "html": FormatEntry("html_report", "HtmlReportWriter"),
}
#: The ``--format`` choices, in the order ``--help`` lists them.
FORMAT_NAMES = tuple(FORMATS)


def open_writer(name: str, sink: Sink, lang: str = "zh", style: Style = plain) -> ReportWriter:
    """The writer of format ``name``, writing to ``sink``; raises KeyError for an unknown name."""
    entry = FORMATS[name]
    implementation = getattr(importlib.import_module(f"budgetlint.output.{entry.module}"), entry.attribute)
    if entry.whole_run:
        return WholeRunWriter(cast(WholeRunRender, implementation), sink, lang, style)
    return cast(ReportWriter, implementation(sink, lang, style))


class StringSink:
    """A sink that keeps the report in memory (for :func:`render_report` and tests)."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()

    def __call__(self, text: str) -> None:
        self.buffer.write(text)

    def stream(self) -> TextIO:
        return self.buffer


def render_report(
    name: str, results: Sequence[LintResult], lang: str = "zh", style: Style = plain, config: Config | None = None
) -> str:
    """The whole report of format ``name`` for finished ``results``, as one string (the Python API).

    ``config`` is what the results were linted with (default: the defaults); the API reads no
    configuration file, which is what a report that names its configuration says.
    """
    sink = StringSink()
    writer = open_writer(name, sink, lang, style)
    describe = getattr(writer, "describe_configuration", None)
    writer.start()
    for result in results:
        if describe is not None:
            describe(config or Config(), "")
        writer.add(result)
    writer.finish(Counts.of(results))
    return sink.buffer.getvalue()
