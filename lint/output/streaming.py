"""Run a check over many files and write its output as the results arrive.

``full``, ``concise`` and ``csv`` are written document by document, so a long run
shows its findings while it goes and holds nothing but counts; ``html`` spools each
document's fragment to disk and writes the page at the end; every other format
(``json`` and any format in :data:`budgetlint.output.formatters.FORMATTERS`) is given the
compact results of the whole run at the end (diagnostics only, never documents).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TextIO

from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.run.options import Config

CSV_FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message")
STREAMED = ("full", "concise", "csv")


class Outcome(NamedTuple):
    """What the CLI needs for its exit status."""

    files: int
    worst: int  # highest Severity.rank seen, -1 when no findings
    failures: list[str]


def _plain(text: str, **_: object) -> str:
    return text


def csv_header() -> str:
    """The byte-order mark (so Excel reads UTF-8 Chinese) and the header row."""
    return "\ufeff" + _csv_rows([CSV_FIELDS])


def csv_rows(diagnostics: Sequence[Diagnostic]) -> str:
    return _csv_rows([[*d[:7], d.severity.value, d.message] for d in diagnostics])


def _csv_rows(rows: Sequence[Sequence[object]]) -> str:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def format_csv(results: Sequence[Any], lang: str = "zh", style: Callable[..., str] = _plain) -> str:
    """``--format csv``: one row per finding, UTF-8 with BOM (Excel opens it correctly)."""
    return csv_header() + "".join(csv_rows(r.diagnostics) for r in results)


class _Writer:
    """Where output goes: standard output (click.echo: colors only on a terminal) or a file."""

    def __init__(self, output_file: str | None, clear_progress: bool) -> None:
        self.file: TextIO | None = None
        if output_file is not None:
            import os

            try:
                os.makedirs(os.path.dirname(os.path.abspath(output_file)), exist_ok=True)
                self.file = open(output_file, "w", encoding="utf-8", newline="")
            except OSError as exc:
                import click

                click.echo(
                    f"budgetlint: error: {output_file}: cannot write the report: {exc.strerror or exc}", err=True
                )
                sys.exit(2)
        self.clear_progress = clear_progress and self.file is None

    def __call__(self, text: str) -> None:
        if not text:
            return
        if self.file is not None:
            self.file.write(text)
            return
        import click

        if self.clear_progress:
            click.echo("\r\033[K", nl=False, err=True)  # the progress bar redraws below the output
        click.echo(text, nl=False)

    def stream(self) -> TextIO:
        """The raw text stream, for writers that produce a lot and need no colors."""
        if self.file is not None:
            return self.file
        if self.clear_progress:
            sys.stderr.write("\r\033[K")
        return sys.stdout

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def check(
    paths: Sequence[str],
    config: Config,
    *,
    output_format: str = "full",
    jobs: int | None = None,
    summary: bool = False,
    output_file: str | None = None,
    style: Callable[..., str] = _plain,
    registry: Any = None,
    config_for: Callable[[str], Config] | None = None,
    finish: Callable[[Any], Any] | None = None,
) -> Outcome:
    """Lint ``paths`` and write the report in ``output_format``; the CLI's ``check`` command.

    ``config_for(path)`` gives each file its own configuration (configuration files
    discovered per file); ``finish(result)`` filters each result as it arrives
    (per-file-ignores, baseline) before anything is written.
    """
    from budgetlint.output.formatters import Counts, headline, origin_of, snippet, summary_line
    from budgetlint.run.batch import lint_files, progress_wanted, with_progress

    progress = progress_wanted(len(paths))
    write = _Writer(output_file, clear_progress=progress and _isatty(sys.stdout))
    if output_file is not None:
        style = _plain
    html = None
    if output_format == "html":
        from budgetlint.output.html_report import HtmlReportWriter

        html = HtmlReportWriter(config.lang)
    totals = None
    if summary:  # imported only then: not every run pays for the summary's tables
        from budgetlint.output.summary import Summary

        totals = Summary()
    collected: list[Any] = []
    failures: list[str] = []
    counts = [0, 0, 0]  # errors, warnings, infos
    worst = -1
    try:
        if output_format == "csv":
            write(csv_header())
        results = lint_files(paths, config, jobs=jobs, html=html is not None, registry=registry, config_for=config_for)
        for result in with_progress(results, len(paths), progress):
            if finish is not None:
                result = finish(result)
            failures.extend(result.failures)
            for d in result.diagnostics:
                counts[(Severity.ERROR, Severity.WARNING, Severity.INFO).index(d.severity)] += 1
                worst = max(worst, d.severity.rank)
            if totals is not None:
                totals.add(result)
            if output_format == "full":
                out: list[str] = []
                for d in result.diagnostics:
                    out.append(headline(d, style, origin_of(d, result)))
                    out.extend(snippet(d, result.source_lines, style))
                    out.append("")
                write("".join(line + "\n" for line in out))
            elif output_format == "concise":
                write("".join(headline(d, style, origin_of(d, result)) + "\n" for d in result.diagnostics))
            elif output_format == "csv":
                write(csv_rows(result.diagnostics))
            elif html is not None:
                html.add(result)
            else:
                collected.append(result)
        files = len(paths)
        if output_format in ("full", "concise"):
            write(summary_line(Counts(files, *counts), config.lang) + "\n")
        elif html is not None:
            html.write(write.stream())
        elif output_format != "csv":
            from budgetlint.output.formatters import FORMATTERS

            write(FORMATTERS[output_format](collected, lang=config.lang, style=style))
    finally:
        write.close()
    if totals is not None:
        import click

        # The summary is for people: with a machine-readable format on standard output it
        # goes to standard error so the output stays parseable.
        to_stderr = output_file is None and output_format not in ("full", "concise")
        click.echo(
            ("\n" if output_format in ("full", "concise") and output_file is None else "") + totals.render(config.lang),
            nl=False,
            err=to_stderr,
        )
    return Outcome(len(paths), worst, failures)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
