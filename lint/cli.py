"""Command-line interface: ``budgetlint [OPTIONS] PATH...`` and the ``rule``/``rules`` commands.

Exit codes: 0 nothing at warning or above (or ``--exit-zero``); 1 findings at
warning or above; 2 usage error or internal failure. Bad input files are
findings (BL001), not crashes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("full", "concise", "json", "json-lines", "github", "gitlab", "sarif", "junit", "csv", "html")


class _DefaultToCheck(click.Group):
    """``budgetlint FILE`` means ``budgetlint check FILE``; subcommands keep their names."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands:
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """budgetlint — lint Chinese budget disclosures (预算/决算公开)."""


def _split_codes(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def _validate_selectors(selectors: tuple[str, ...], known: Sequence[str], option: str) -> None:
    for selector in selectors:
        if selector != "ALL" and not any(code.startswith(selector) for code in known):
            raise click.UsageError(f"{option}: unknown rule code or prefix {selector!r}")


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="full", show_default=True, help="Output format."
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
    "--max-pages", type=click.IntRange(min=1), default=None, metavar="N", help="Most PDF pages to read [default: 1000]."
)
@click.option(
    "--max-unzipped-size",
    type=click.IntRange(min=1),
    default=None,
    metavar="MB",
    help="Largest declared uncompressed size of a .docx/.xlsx [default: 200].",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes [default: number of cores; 1 = in-process].",
)
@click.option("--summary", is_flag=True, help="Also print a table per document and per rule.")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    lang: str | None,
    exit_zero: bool,
    profile: str | None,
    jobs: int | None,
    summary: bool,
    output_file: str | None,
    show_text: bool = False,
    max_file_size: int | None = None,
    max_pages: int | None = None,
    max_unzipped_size: int | None = None,
    **ecosystem: Any,
) -> None:
    """Lint budget disclosure documents (预算公开 / 决算公开).

    PATH may be a file, a directory (searched recursively for *.txt, *.md,
    *.pdf, *.docx, *.xlsx) or - for standard input. Text files may be UTF-8
    (with or without BOM), GB18030/GBK or UTF-16 with BOM. PDF, Word and
    Excel need the extras budgetlint[pdf], [docx], [xlsx] (or [all]).

    Settings are read from [tool.budgetlint] in the closest pyproject.toml
    or budgetlint.toml above each file (see --config, --isolated).

    \b
    Other commands:
      budgetlint rules        list every rule
      budgetlint rule CODE    explain one rule
      budgetlint profiles     list the disclosure profiles (templates)
      budgetlint clean        remove the cache (compiled grammars, parsed profiles)

    Exit status: 0 clean (or only info), 1 findings at warning or above,
    2 usage error or internal failure.
    """
    from budgetlint.output.streaming import check as run_check
    from budgetlint.plugins.registry import default_registry
    from budgetlint.run.options import Config
    from budgetlint.run.runner import DEFAULT_SUFFIXES, discover

    registry = default_registry()
    for warning in registry.warnings:
        click.echo(f"budgetlint: warning: {warning}", err=True)
    selected = _split_codes(select) or ("ALL",)
    extended = _split_codes(extend_select)
    ignored = _split_codes(ignore)
    for option, values in (("--select", selected), ("--extend-select", extended), ("--ignore", ignored)):
        _validate_selectors(values, list(registry.rules), option)
    config = Config(
        select=selected, extend_select=extended, ignore=ignored, lang=lang or os.environ.get("BUDGETLINT_LANG", "zh")
    )
    if profile is not None:
        from budgetlint.analysis.profiles import check_profile_name

        config = config._replace(profile=check_profile_name(profile, registry.profiles, click.UsageError))
    if config.lang not in ("zh", "en"):
        raise click.UsageError("BUDGETLINT_LANG must be zh or en")

    config = config._replace(limits=_limits(max_file_size, max_pages, max_unzipped_size))
    suffixes = tuple(dict.fromkeys(DEFAULT_SUFFIXES + tuple(registry.readers)))
    suffixes += tuple(suffix.upper() for suffix in suffixes if suffix in registry.readers)  # REPORT.PDF
    files = list(discover(paths, suffixes))
    if show_text:
        sys.exit(_show_text(files, config, registry))
    if not files:
        searched = ", ".join("*" + suffix for suffix in suffixes if suffix == suffix.lower())
        raise click.UsageError(f"no files to check (directories are searched for {searched})")
    config_for = _configuration(
        config,
        registry,
        select_given=bool(select),
        lang_given=bool(lang or os.environ.get("BUDGETLINT_LANG")),
        **ecosystem,
    )
    report_lang = config_for(files[0]).lang
    baseline = _load_baseline(report_lang, **ecosystem)

    def finish(result: Any) -> Any:
        """Per-file-ignores and the baseline, applied to each result as it arrives."""
        result = config_for.finish(result)
        if baseline is not None:
            baseline.apply([result])
        return result

    if ecosystem.get("write_baseline") or ecosystem.get("statistics"):
        # Both need every result before writing anything.
        from budgetlint.run.batch import lint_files

        results = [finish(r) for r in lint_files(files, config, jobs=jobs, registry=registry, config_for=config_for)]
        if ecosystem.get("write_baseline"):
            _write_baseline(results, report_lang, ecosystem["write_baseline"])
            sys.exit(EXIT_ERROR if any(r.failures for r in results) else EXIT_CLEAN)
        from budgetlint.output.lines import format_statistics

        _emit(format_statistics(results, output_format), output_file)
        failures = [f for r in results for f in r.failures]
        worst = max((d.severity.rank for r in results for d in r.diagnostics), default=-1)
    else:
        outcome = run_check(
            files,
            config._replace(lang=report_lang),
            output_format=output_format,
            jobs=jobs,
            summary=summary,
            output_file=output_file,
            style=click.style,
            registry=registry,
            config_for=config_for,
            finish=finish,
        )
        failures, worst = outcome.failures, outcome.worst
    for failure in failures:
        click.echo(f"budgetlint: internal error: {failure}", err=True)
    if failures:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if worst >= 1 and not exit_zero else EXIT_CLEAN)


def _limits(max_file_size: int | None, max_pages: int | None, max_unzipped_size: int | None) -> Any:
    """The readers' limits from the options; None (the defaults) when none is given."""
    if max_file_size is None and max_pages is None and max_unzipped_size is None:
        return None
    from budgetlint.read.base import DEFAULT_LIMITS, MB

    limits = DEFAULT_LIMITS
    if max_file_size is not None:
        limits = limits._replace(max_bytes=max_file_size * MB)
    if max_pages is not None:
        limits = limits._replace(max_pages=max_pages)
    if max_unzipped_size is not None:
        limits = limits._replace(max_unzipped_bytes=max_unzipped_size * MB)
    return limits


def _show_text(paths: list[str], config: Any, registry: Any) -> int:
    """Print what the rules would see for each file; exit status 2 if a file cannot be read."""
    from budgetlint.output.formatters import format_source_text
    from budgetlint.read.text import UnreadableInput
    from budgetlint.run.runner import read_document_text

    status = EXIT_CLEAN
    for path in paths:
        if len(paths) > 1:
            click.echo(f"==> {path} <==")
        try:
            text, source_map, notes = read_document_text(path, config, registry)
        except UnreadableInput as exc:
            click.echo(f"budgetlint: {path}: {exc.reason_zh if config.lang == 'zh' else exc.reason_en}", err=True)
            status = EXIT_ERROR
            continue
        except OSError as exc:
            click.echo(f"budgetlint: {path}: {exc.strerror or exc}", err=True)
            status = EXIT_ERROR
            continue
        for note in notes:
            click.echo(
                f"budgetlint: {path}:{note.line}: {note.reason_zh if config.lang == 'zh' else note.reason_en}", err=True
            )
        click.echo(format_source_text(text, source_map), nl=False)
    return status


class _SameConfig:
    """``--isolated`` without per-file configuration: one Config for every file."""

    def __init__(self, config: Any) -> None:
        self.config = config

    def __call__(self, path: str) -> Any:
        return self.config

    def finish(self, result: Any) -> Any:
        return result


class _DiscoveredConfig:
    """Per-file Config from budgetlint.toml / pyproject.toml, plus per-file-ignores after linting."""

    def __init__(self, resolver: Any, error: type[Exception]) -> None:
        self.resolver = resolver
        self.error = error

    def __call__(self, path: str) -> Any:
        try:
            return self.resolver.config_for(path)
        except self.error as exc:  # a broken configuration file met on the way up from this path
            _fail(str(exc))

    def finish(self, result: Any) -> Any:
        keep = self.resolver.filter_for(result.path)
        result.diagnostics[:] = [d for d in result.diagnostics if keep(d.code)]
        return result


def _fail(message: str) -> NoReturn:
    click.echo(f"budgetlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _configuration(
    config: Any,
    registry: Any,
    *,
    select_given: bool,
    lang_given: bool,
    config_file: str | None = None,
    isolated: bool = False,
    **_: Any,
) -> Any:
    """Command-line settings combined with the configuration files (see budgetlint.run.configfile)."""
    if isolated:
        return _SameConfig(config)
    from budgetlint.run.configfile import CommandLine, ConfigError, Resolver

    try:
        resolver = Resolver(
            CommandLine(config, select_given, lang_given),
            list(registry.rules),
            config_path=config_file,
            profiles=registry.profiles,
        )
    except ConfigError as exc:
        _fail(str(exc))
    return _DiscoveredConfig(resolver, ConfigError)


def _load_baseline(lang: str, *, baseline: str | None = None, **_: Any) -> Any:
    """The ``--baseline`` file, loaded (None without the option); errors end the run with exit 2."""
    if not baseline:
        return None
    from budgetlint.run import baseline as baselines

    try:
        loaded = baselines.load(baseline)
    except baselines.BaselineError as exc:
        _fail(str(exc))
    if loaded.lang and loaded.lang != lang:
        click.echo(
            f"budgetlint: warning: {baseline} was written with --lang {loaded.lang}; "
            f"its fingerprints include messages, so findings in --lang {lang} do not match it",
            err=True,
        )
    return loaded


def _write_baseline(results: list[Any], lang: str, path: str) -> None:
    from budgetlint.run import baseline as baselines

    try:
        count = baselines.write(path, results, lang)
    except baselines.BaselineError as exc:
        _fail(str(exc))
    click.echo(f"budgetlint: recorded {count} finding(s) in {path}", err=True)


def _emit(output: str, output_file: str | None) -> None:
    if not output_file:
        click.echo(output, nl=False)
        return
    try:
        directory = os.path.dirname(os.path.abspath(output_file))
        os.makedirs(directory, exist_ok=True)
        with open(output_file, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(output)
    except OSError as exc:
        _fail(f"{output_file}: cannot write the report: {exc.strerror or exc}")


@cli.command("rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(lang: str, output_format: str) -> None:
    """List every rule: code, name, default severity, summary."""
    import json

    from budgetlint.plugins.registry import default_registry

    rules = default_registry().sorted_rules()
    if output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "summary": r.summary(lang),
                "plugin": r.__module__,
            }
            for r in rules
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r.name) for r in rules), default=10)
    for r in rules:
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary(lang)}")


@cli.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """Print the documentation of rule CODE (e.g. BL101)."""
    from budgetlint.plugins.registry import default_registry

    rules = default_registry().rules
    rule = rules.get(code.strip().upper())
    if rule is None:
        raise click.UsageError(f"unknown rule {code!r}; `budgetlint rules` lists them")
    click.echo(f"# {rule.code} {rule.name} ({rule.severity.value})\n")
    click.echo(rule.documentation())


@cli.command("profiles")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--verbose", "-v", is_flag=True, help="Also list each profile's tables, sections and source.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_profiles(paths: tuple[str, ...], verbose: bool, output_format: str) -> None:
    """List the disclosure profiles; with PATHs, show which one each document gets."""
    from budgetlint.output.profile_listing import profiles_report
    from budgetlint.plugins.registry import default_registry

    registry = default_registry()
    output, warnings = profiles_report(registry.profiles, paths, verbose, output_format)
    for warning in warnings:
        click.echo(f"budgetlint: warning: {warning}", err=True)
    click.echo(output, nl=False)


@cli.command("clean")
def clean() -> None:
    """Remove budgetlint's cache (compiled grammars, parsed profiles); it is rebuilt on the next run."""
    from budgetlint import cache

    directory = cache.cache_dir()
    if directory is None:
        click.echo("budgetlint: the cache is off (BUDGETLINT_CACHE_DIR is empty)")
        return
    click.echo(f"budgetlint: removed {cache.clear()} cache file(s) from {directory}")


def main(argv: Sequence[str] | None = None) -> Any:
    """Console-script entry point: no traceback ever reaches the user."""
    try:
        return cli.main(args=list(argv) if argv is not None else None, prog_name="budgetlint")
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("BUDGETLINT_DEBUG"):
            raise
        click.echo(f"budgetlint: internal error: {exc!r} (set BUDGETLINT_DEBUG=1 for a traceback)", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":  # pragma: no cover
    main()
