"""Command-line interface: ``budgetlint [OPTIONS] PATH...`` and the ``rule``/``rules`` commands.

Only options and dispatch live here: what the options mean is decided in
:mod:`budgetlint.run.check_setup`, the report is written by :mod:`budgetlint.output.report`.
Exit codes: 0 nothing at warning or above (or ``--exit-zero``); 1 findings at
warning or above; 2 usage error or internal failure. Bad input files are
findings (BL001), not crashes.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Mapping, Sequence
from typing import NoReturn

import click

from budgetlint import cache
from budgetlint.model.diagnostics import Severity
from budgetlint.output.formats import FORMAT_NAMES
from budgetlint.output.profile_listing import profiles_report
from budgetlint.output.report import Outcome, write_report, write_statistics
from budgetlint.output.rule_listing import rule_documentation, rules_report
from budgetlint.output.source_text import show_source_text
from budgetlint.plugins import registry as plugin_registry  # through the module: a substituted registry is seen
from budgetlint.read.base import PDF_ENGINES
from budgetlint.run.batch import lint_all
from budgetlint.run.check_setup import (
    HidesRecordedFindings,
    ResultFilter,
    command_line_config,
    documents_to_lint,
    file_selection,
    files_to_lint,
    lintable_suffixes,
    no_files_message,
    per_file_config,
    reader_limits,
)
from budgetlint.run.options import Config
from budgetlint.run.runner import LintResult
from budgetlint.run.safe_write import refuse_overwriting_inputs
from budgetlint.run.status import EXIT_CLEAN, EXIT_ERROR, EXIT_INTERRUPTED, FatalError, UsageProblem, exit_status
from budgetlint.version import __version__


class _DefaultToCheck(click.Group):
    """``budgetlint FILE`` means ``budgetlint check FILE``; subcommands keep their names."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] != "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="budgetlint", message="%(prog)s %(version)s")
def cli() -> None:
    """budgetlint — lint Chinese budget disclosures (预算/决算公开)."""


def color_from_environment(environ: Mapping[str, str]) -> bool | None:
    """``NO_COLOR`` (any value but empty) turns colour off, then ``FORCE_COLOR`` turns it on;
    otherwise None: colour only on a terminal (click's default). See https://no-color.org."""
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    return None


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMAT_NAMES),
    default="full",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--select", multiple=True, metavar="CODES", help="Rule codes or prefixes to enable (comma-separated; ALL)."
)
@click.option("--extend-select", multiple=True, metavar="CODES", help="Codes or prefixes to enable in addition.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Rule codes or prefixes to disable (comma-separated).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language [default: zh].")
@click.option("--exit-zero", is_flag=True, help="Exit with 0 even when there are findings.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Use this budgetlint.toml / pyproject.toml instead of discovering one per file.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    default=None,
    help="Hide the findings recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    default=None,
    help="Record the current findings in this baseline file and exit 0.",
)
@click.option(
    "--profile",
    default=None,
    metavar="NAME",
    help="Disclosure profile to check against (`budgetlint profiles` lists them; none: no profile) "
    "[default: detected from each document].",
)
@click.option(
    "--show-text",
    is_flag=True,
    help="Print the text the reader produced (numbered, with each line's page/paragraph/cell) and exit.",
)
@click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=None,
    metavar="MB",
    help="Largest PDF/Word/Excel file to read [default: 100].",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Most PDF pages (or Excel cells, 500 a page) to read [default: 1000].",
)
@click.option(
    "--pdf-engine",
    type=click.Choice(PDF_ENGINES),
    default=None,
    help="Library that reads PDFs: pdfplumber (extra [pdf]) or PDFium (extra [pdfium], faster) [default: pdfplumber].",
)
@click.option(
    "--max-unzipped-size",
    type=click.IntRange(min=1),
    default=None,
    metavar="MB",
    help="Most bytes a .docx/.xlsx (or a PDF's content streams) may inflate to [default: 200].",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes [default: number of cores; 1 = in-process].",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="Give up a file after this many seconds: one BL001 for it, the run goes on"
    " [default: 60; 0 = no limit; config key timeout].",
)
@click.option("--summary", is_flag=True, help="Also print a table per document and per rule.")
@click.option(
    "--join",
    is_flag=True,
    help="Lint all PATHS as one document, in the order given (a disclosure published as several files).",
)
@click.option(
    "--join-parts/--no-join-parts",
    default=None,
    help="Lint x.part1.pdf, x.part2.pdf … found together as one document [default: on; config key join-parts].",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOBS",
    help="Files and folders that searches skip, replacing the defaults (.git, .venv, build, dist, *.egg-info …).",
)
@click.option("--extend-exclude", multiple=True, metavar="GLOBS", help="Files and folders to skip in addition.")
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip what git ignores (.gitignore) inside a git work tree [default: on].",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    default=None,
    help="Apply the exclusions to files named on the command line too (for pre-commit).",
)
@click.option("--show-files", is_flag=True, help="Print the files that would be linted and exit.")
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no closing count line, no notes.")
@click.option(
    "--severity",
    "minimum_severity",
    type=click.Choice([s.value for s in Severity]),
    default="info",
    show_default=True,
    help="Show findings of this severity and above (warning: infos hidden); the exit status still counts all.",
)
@click.option(
    "--show-accepted",
    is_flag=True,
    help="Also list the findings hidden by [[tool.budgetlint.accepted]] entries, with their reasons.",
)
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    lang: str | None,
    exit_zero: bool,
    config_file: str | None,
    isolated: bool,
    statistics: bool,
    output_file: str | None,
    baseline: str | None,
    write_baseline: str | None,
    profile: str | None,
    show_text: bool,
    max_file_size: int | None,
    max_pages: int | None,
    max_unzipped_size: int | None,
    pdf_engine: str | None,
    jobs: int | None,
    timeout: float | None,
    summary: bool,
    join: bool,
    join_parts: bool | None,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    respect_gitignore: bool | None,
    force_exclude: bool | None,
    show_files: bool,
    quiet: bool,
    minimum_severity: str,
    show_accepted: bool,
) -> None:
    """Lint budget disclosure documents (预算公开 / 决算公开).

    PATH may be a file, a directory (searched recursively for *.txt, *.md,
    *.pdf, *.docx, *.xlsx) or - for standard input. Text files may be UTF-8
    (with or without BOM), GB18030/GBK or UTF-16 with BOM. PDF, Word and
    Excel need the extras budgetlint[pdf], [docx], [xlsx] (or [all]).

    Settings are read from [tool.budgetlint] in the closest pyproject.toml
    or budgetlint.toml above each file (see --config, --isolated); the key
    extend = "../budgetlint.toml" builds on a shared base file.
    NO_COLOR turns colours off, FORCE_COLOR on (default: on a terminal).

    \b
    Other commands:
      budgetlint rules        list every rule
      budgetlint rule CODE    explain one rule
      budgetlint profiles     list the disclosure profiles (templates)
      budgetlint accept FP --reason "…"   accept one finding (fingerprint FP)
      budgetlint clean        remove the cache (compiled grammars, parsed profiles)

    Exit status: 0 clean (or only info), 1 findings at warning or above,
    2 usage error or internal failure.
    """
    if statistics and summary:
        raise click.UsageError(
            "--statistics and --summary cannot be combined: --statistics replaces the findings with a count "
            "per rule, --summary adds a table per document and per rule to the findings; choose one"
        )
    click.get_current_context().color = color_from_environment(os.environ)
    registry = plugin_registry.default_registry()
    for warning in registry.warnings:
        click.echo(f"budgetlint: warning: {warning}", err=True)
    for error in registry.errors:  # the run goes on without it, and exits 2
        click.echo(f"budgetlint: error: {error}", err=True)
    try:
        config = command_line_config(
            registry,
            select=select,
            extend_select=extend_select,
            ignore=ignore,
            lang=lang or os.environ.get("BUDGETLINT_LANG", "zh"),
            profile=profile,
            limits=reader_limits(max_file_size, max_pages, max_unzipped_size, pdf_engine),
        )
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
    if join_parts is not None:
        config = config._replace(join_parts=join_parts)
    if timeout is not None:
        config = config._replace(timeout=timeout)
    suffixes = lintable_suffixes(registry)
    skipped: list[str] = []
    try:
        selection = file_selection(
            exclude=exclude,
            extend_exclude=extend_exclude,
            respect_gitignore=respect_gitignore,
            force_exclude=force_exclude or None,
            config_file=config_file,
            isolated=isolated,
            registry=registry,
        )
    except FatalError as exc:
        _fail(str(exc))
    files = files_to_lint(paths, suffixes, skipped, selection)
    for entry in skipped if not quiet else ():
        click.echo(f"budgetlint: warning: skipped {entry}", err=True)
    if show_files:
        for path in files:
            click.echo(path)
        sys.exit(EXIT_CLEAN)
    if show_text:
        sys.exit(show_source_text(files, config, registry))
    if not files:
        raise click.UsageError(no_files_message(suffixes))
    try:
        refuse_overwriting_inputs(
            paths, files, suffixes, output_file=output_file, baseline=baseline, write_baseline=write_baseline
        )
        config_for = per_file_config(
            config,
            registry,
            select_given=bool(select),
            lang_given=bool(lang or os.environ.get("BUDGETLINT_LANG")),
            config_file=config_file,
            isolated=isolated,
            join_parts_given=join_parts is not None,
            pdf_engine_given=pdf_engine is not None,
        )
        try:
            documents = documents_to_lint(files, join=join, config_for=config_for)
        except UsageProblem as exc:
            raise click.UsageError(str(exc)) from None
        report_lang = config_for(files[0]).lang
        finish = ResultFilter(
            config_for, _load_baseline(baseline), Severity(minimum_severity) if not write_baseline else Severity.INFO
        )
        if write_baseline:
            results = lint_all(documents, config, jobs=jobs, registry=registry, config_for=config_for, finish=finish)
            _write_baseline(results, report_lang, write_baseline)
            sys.exit(EXIT_ERROR if any(r.failures for r in results) else EXIT_CLEAN)
        outcome: Outcome
        if statistics:
            outcome = write_statistics(
                documents,
                config,
                output_format=output_format,
                jobs=jobs,
                output_file=output_file,
                registry=registry,
                config_for=config_for,
                finish=finish,
            )
        else:
            outcome = write_report(
                documents,
                config._replace(lang=report_lang),
                output_format=output_format,
                jobs=jobs,
                summary=summary,
                output_file=output_file,
                style=click.style,
                quiet=quiet,
                registry=registry,
                config_for=config_for,
                finish=finish,
            )
    except FatalError as exc:
        _fail(str(exc))
    for failure in outcome.failures:
        click.echo(f"budgetlint: internal error: {failure}", err=True)
    if show_accepted:
        _show_accepted(finish, report_lang, for_people=output_format in ("full", "concise") and not output_file)
    worst = max(outcome.worst, finish.hidden_worst)
    if finish.hidden and not quiet:
        hidden = ", ".join(
            f"{count} {severity.value}(s)"
            for severity, count in sorted(finish.hidden.items(), key=lambda item: -item[0].rank)
        )
        click.echo(f"budgetlint: --severity {minimum_severity} hid {hidden}", err=True)
    # A plugin that failed means rules were left out: never report that run as clean.
    sys.exit(EXIT_ERROR if registry.errors else exit_status(outcome.failures, worst, exit_zero))


def _show_accepted(finish: ResultFilter, lang: str, for_people: bool) -> None:
    """``--show-accepted``: after the findings for people; on standard error beside a machine format."""
    from budgetlint.output.accepted_listing import accepted_report

    click.echo(("\n" if for_people else "") + accepted_report(finish.accepted, lang), nl=False, err=not for_people)


def _fail(message: str) -> NoReturn:
    click.echo(f"budgetlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


# The baseline module is imported only with --baseline / --write-baseline: a plain run
# never loads it (tests/test_formats.py checks the cold start's modules).
def _load_baseline(path: str | None) -> HidesRecordedFindings | None:
    """The ``--baseline`` file, loaded (None without the option)."""
    if not path:
        return None
    from budgetlint.run import baseline as baselines

    return baselines.load(path)


def _write_baseline(results: Sequence[LintResult], lang: str, path: str) -> None:
    from budgetlint.run import baseline as baselines

    count = baselines.write(path, results, lang)
    click.echo(f"budgetlint: recorded {count} finding(s) in {path}", err=True)


@cli.command("accept")
@click.argument("fingerprint")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=False))
@click.option("--reason", required=True, help="Why the finding stands as published (kept in the configuration).")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write into this budgetlint.toml / pyproject.toml [default: the closest one of the document].",
)
def accept(fingerprint: str, paths: tuple[str, ...], reason: str, config_file: str | None) -> None:
    """Accept the finding with fingerprint FINGERPRINT (8+ hex digits) in PATHS [default: .].

    Lints PATHS, finds the one finding whose fingerprint starts with FINGERPRINT and
    writes [[tool.budgetlint.accepted]] (code, file, fingerprint, reason) into the closest
    configuration file of its document (a new budgetlint.toml when there is none); the
    document itself is never modified. Run again to change the reason. An accepted
    finding is left out of reports and the exit status (--show-accepted lists it); when
    it is no longer found, BL009 says the entry is stale.
    """
    from budgetlint.run import acceptance

    if not reason.strip():
        raise click.UsageError("--reason must say why the finding stands")
    registry = plugin_registry.default_registry()
    config = Config(limits=reader_limits(None, None, None))
    files = files_to_lint(paths or (".",), lintable_suffixes(registry))
    if not files:
        raise click.UsageError(no_files_message(lintable_suffixes(registry)))
    try:
        config_for = per_file_config(
            config, registry, select_given=False, lang_given=False, config_file=config_file, isolated=False
        )
        documents = documents_to_lint(files, join=False, config_for=config_for)
        results = lint_all(documents, config, registry=registry, config_for=config_for)
        found = acceptance.findings_with(fingerprint, results)
        if len(found) != 1:
            listed = "".join(
                f"\n  {f.diagnostic.path}:{f.diagnostic.line}: {f.diagnostic.code} {f.fingerprint}" for f in found
            )
            problem = "no finding" if not found else f"{len(found)} findings"
            raise click.UsageError(
                f"{problem} in {', '.join(paths or ('.',))} with fingerprint {fingerprint!r}{listed}"
            )
        (hit,) = found
        governing = None if config_file else config_for.settings_for(hit.diagnostic.path)
        target = (
            acceptance.Target(config_file, acceptance.header_of(config_file))
            if config_file
            else acceptance.target_for(hit.diagnostic.path, governing, os.getcwd())
        )
        entry = acceptance.entry_for(hit, reason.strip(), target)
        updated = acceptance.record(target, entry, list(registry.rules))
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
    except FatalError as exc:
        _fail(str(exc))
    verb = "updated the reason of" if updated else "accepted"
    click.echo(f"budgetlint: {verb} {entry.code} in {entry.file} ({entry.fingerprint[:12]}) in {target.path}")


_DOC_LANG = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default=None,
    help="Language of the documentation [default: zh, or BUDGETLINT_LANG].",
)


def _doc_lang(lang: str | None) -> str:
    chosen = lang or os.environ.get("BUDGETLINT_LANG", "zh")
    if chosen not in ("zh", "en"):
        raise click.UsageError("BUDGETLINT_LANG must be zh or en")
    return chosen


@cli.command("rules")
@_DOC_LANG
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(lang: str | None, output_format: str) -> None:
    """List every rule: code, name, default severity, summary."""
    rules = plugin_registry.default_registry().sorted_rules()
    click.echo(rules_report(rules, _doc_lang(lang), output_format), nl=False)


@cli.command("rule")
@click.argument("code")
@_DOC_LANG
def show_rule(code: str, lang: str | None) -> None:
    """Print the documentation of rule CODE (e.g. BL101), in Chinese or with --lang en in English."""
    rule = plugin_registry.default_registry().rules.get(code.strip().upper())
    if rule is None:
        raise click.UsageError(f"unknown rule {code!r}; `budgetlint rules` lists them")
    click.echo(rule_documentation(rule, _doc_lang(lang)), nl=False)


@cli.command("profiles")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--verbose", "-v", is_flag=True, help="Also list each profile's tables, sections and source.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_profiles(paths: tuple[str, ...], verbose: bool, output_format: str) -> None:
    """List the disclosure profiles; with PATHs, show which one each document gets."""
    output, warnings = profiles_report(plugin_registry.default_registry().profiles, paths, verbose, output_format)
    for warning in warnings:
        click.echo(f"budgetlint: warning: {warning}", err=True)
    click.echo(output, nl=False)


@cli.command("clean")
def clean() -> None:
    """Remove budgetlint's cache (compiled grammars, parsed profiles); it is rebuilt on the next run."""
    directory = cache.cache_dir()
    if directory is None:
        click.echo("budgetlint: the cache is off (BUDGETLINT_CACHE_DIR is empty, or no absolute cache folder)")
        return
    click.echo(f"budgetlint: removed {cache.clear()} cache file(s) from {directory}")


def main(argv: Sequence[str] | None = None) -> object:
    """Console-script entry point: no traceback ever reaches the user."""
    try:
        return cli.main(args=list(argv) if argv is not None else None, prog_name="budgetlint", standalone_mode=False)
    except SystemExit:
        raise
    except click.exceptions.Abort:
        # Ctrl-C: 130 like any interrupted command, not 1, which means "findings".
        click.echo("Aborted!", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("BUDGETLINT_DEBUG"):
            raise
        click.echo(f"budgetlint: internal error: {exc!r} (set BUDGETLINT_DEBUG=1 for a traceback)", err=True)
        sys.exit(EXIT_ERROR)
    finally:
        # The run is over: nothing it allocated needs collecting before the process exits, and
        # freezing keeps the interpreter's final collection from walking every live object.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
