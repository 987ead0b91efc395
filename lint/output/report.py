"""Lint many files and write the report as the results arrive: the ``check`` command's work.

One loop for every format: each result is filtered (per-file-ignores, baseline),
counted, added to the optional ``--summary`` and handed to the format's
:class:`~budgetlint.output.writer.ReportWriter`. ``--statistics`` needs every result
before it writes, so it has its own small function.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple, TextIO

import click

from budgetlint.model.diagnostics import Severity
from budgetlint.output.destination import Destination, write_text
from budgetlint.output.formats import open_writer
from budgetlint.output.statistics import format_statistics
from budgetlint.output.summary import Summary
from budgetlint.output.writer import Counts, Style, plain
from budgetlint.plugins.registry import Registry
from budgetlint.run.batch import lint_all, lint_files, progress_wanted, with_progress
from budgetlint.run.joined import Input
from budgetlint.run.options import Config
from budgetlint.run.runner import LintResult

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
#: Formats for people, whose ``finish`` writes only the closing count line (``--quiet`` drops it).
_TERMINAL_FORMATS = ("full", "concise")


class Outcome(NamedTuple):
    """What the CLI needs for its exit status."""

    files: int
    worst: int  # highest Severity.rank seen, -1 when no findings
    failures: list[str]


def write_report(
    paths: Sequence[Input],
    config: Config,
    *,
    output_format: str = "full",
    jobs: int | None = None,
    summary: bool = False,
    output_file: str | None = None,
    style: Style = plain,
    registry: Registry | None = None,
    config_for: Callable[[str], Config] | None = None,
    finish: Callable[[LintResult], LintResult] | None = None,
    quiet: bool = False,
) -> Outcome:
    """Lint ``paths`` and write the report in ``output_format`` to standard output or ``output_file``.

    ``quiet``: the findings only, without the closing count line of the terminal formats.

    ``config_for(path)`` gives each file its own configuration (configuration files
    discovered per file); ``finish(result)`` filters each result as it arrives
    (per-file-ignores, baseline) before anything is written.
    """
    progress = progress_wanted(len(paths))
    destination = Destination(output_file, clear_progress=progress and _isatty(sys.stdout))
    if output_file is not None:
        style = plain
    writer = open_writer(output_format, destination, config.lang, style)
    totals = Summary() if summary else None
    failures: list[str] = []
    counts = [0, 0, 0]  # errors, warnings, infos
    not_disclosures = 0
    worst = -1
    try:
        writer.start()
        results = lint_files(
            paths, config, jobs=jobs, render=writer.document_renderer, registry=registry, config_for=config_for
        )
        for linted in with_progress(results, len(paths), progress):
            result = finish(linted) if finish is not None else linted
            failures.extend(result.failures)
            not_disclosures += result.not_a_disclosure
            for d in result.diagnostics:
                counts[_SEVERITIES.index(d.severity)] += 1
                worst = max(worst, d.severity.rank)
            if totals is not None:
                totals.add(result)
            _describe_configuration(writer, result.path, config, config_for)
            writer.add(result)
        if not (quiet and output_format in _TERMINAL_FORMATS):
            writer.finish(Counts(len(paths), *counts)._replace(not_disclosures=not_disclosures))
    except BaseException:
        destination.discard()
        raise
    destination.close()
    if totals is not None:
        # The summary is for people: with a machine-readable format on standard output it
        # goes to standard error so the output stays parseable.
        for_people = output_format in ("full", "concise")
        click.echo(
            ("\n" if for_people and output_file is None else "") + totals.render(config.lang),
            nl=False,
            err=output_file is None and not for_people,
        )
    return Outcome(len(paths), worst, failures)


def write_statistics(
    paths: Sequence[Input],
    config: Config,
    *,
    output_format: str = "full",
    jobs: int | None = None,
    output_file: str | None = None,
    registry: Registry | None = None,
    config_for: Callable[[str], Config] | None = None,
    finish: Callable[[LintResult], LintResult] | None = None,
) -> Outcome:
    """``--statistics``: lint every file, then write the number of findings per rule."""
    results = lint_all(paths, config, jobs=jobs, registry=registry, config_for=config_for, finish=finish)
    write_text(format_statistics(results, output_format), output_file)
    failures = [f for r in results for f in r.failures]
    worst = max((d.severity.rank for r in results for d in r.diagnostics), default=-1)
    return Outcome(len(paths), worst, failures)


def _describe_configuration(
    writer: object, path: str, config: Config, config_for: Callable[[str], Config] | None
) -> None:
    """Tell a writer that shows it (the HTML report's header) which configuration ``path`` was linted with."""
    describe = getattr(writer, "describe_configuration", None)
    if describe is None:
        return
    source = getattr(config_for, "source", None)
    describe(config_for(path) if config_for is not None else config, source(path) if source is not None else "")


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
