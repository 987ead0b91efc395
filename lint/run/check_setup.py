"""From the ``check`` command's options to what a run needs.

The CLI parses options; this module decides what they mean: the run's
:class:`~budgetlint.run.options.Config` (rule selection, language, profile, reader
limits), the files to lint, each file's configuration (configuration files found per
file, or ``--isolated``) and the filter applied to each result as it arrives
(per-file-ignores, accepted findings, then the baseline).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from budgetlint.analysis.profiles import check_profile_name
from budgetlint.model.diagnostics import Severity
from budgetlint.plugins.registry import Registry
from budgetlint.read.base import DEFAULT_LIMITS, MB, Limits
from budgetlint.run.configfile import CommandLine, FileSettings, Resolver
from budgetlint.run.discovery import FileSelection, patterns
from budgetlint.run.discovery import discover as search
from budgetlint.run.joined import Input, part_groups
from budgetlint.run.options import Config
from budgetlint.run.runner import DEFAULT_SUFFIXES, STDIN, LintResult
from budgetlint.run.status import UsageProblem

if TYPE_CHECKING:  # pragma: no cover - imported only when a configuration accepts findings
    from budgetlint.run.acceptance import Accepted


def split_codes(values: Sequence[str]) -> tuple[str, ...]:
    """``("BL1,bl2", " BL3")`` -> ``("BL1", "BL2", "BL3")``: repeated, comma-separated options."""
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def _validate_selectors(selectors: tuple[str, ...], known: Sequence[str], option: str) -> None:
    for selector in selectors:
        if selector != "ALL" and not any(code.startswith(selector) for code in known):
            raise UsageProblem(f"{option}: unknown rule code or prefix {selector!r}")


def reader_limits(
    max_file_size: int | None, max_pages: int | None, max_unzipped_size: int | None, pdf_engine: str | None = None
) -> Limits | None:
    """The readers' limits (and PDF engine) from the options; None (the defaults) when none is given."""
    if max_file_size is None and max_pages is None and max_unzipped_size is None and pdf_engine is None:
        return None
    limits = DEFAULT_LIMITS if pdf_engine is None else DEFAULT_LIMITS._replace(pdf_engine=pdf_engine)
    if max_file_size is not None:
        limits = limits._replace(max_bytes=max_file_size * MB)
    if max_pages is not None:
        limits = limits._replace(max_pages=max_pages)
    if max_unzipped_size is not None:
        limits = limits._replace(max_unzipped_bytes=max_unzipped_size * MB)
    return limits


def command_line_config(
    registry: Registry,
    *,
    select: Sequence[str],
    extend_select: Sequence[str],
    ignore: Sequence[str],
    lang: str,
    profile: str | None,
    limits: Limits | None,
) -> Config:
    """The settings given on the command line; raises :class:`UsageProblem` for unknown values."""
    selected = split_codes(select) or ("ALL",)
    extended = split_codes(extend_select)
    ignored = split_codes(ignore)
    for option, values in (("--select", selected), ("--extend-select", extended), ("--ignore", ignored)):
        _validate_selectors(values, list(registry.rules), option)
    config = Config(select=selected, extend_select=extended, ignore=ignored, lang=lang)
    if profile is not None:
        config = config._replace(profile=check_profile_name(profile, registry.profiles, UsageProblem))
    if config.lang not in ("zh", "en"):
        raise UsageProblem("BUDGETLINT_LANG must be zh or en")
    return config._replace(limits=limits)


def lintable_suffixes(registry: Registry) -> tuple[str, ...]:
    """The suffixes searched in directories: text and every reader's (matched in any case: REPORT.PDF)."""
    return tuple(dict.fromkeys(s.lower() for s in DEFAULT_SUFFIXES + tuple(registry.readers)))


def no_files_message(suffixes: Iterable[str]) -> str:
    searched = ", ".join("*" + suffix for suffix in suffixes if suffix == suffix.lower())
    return f"no files to check (directories are searched for {searched})"


def files_to_lint(
    paths: Sequence[str],
    suffixes: tuple[str, ...],
    skipped: list[str] | None = None,
    selection: FileSelection | None = None,
) -> list[str]:
    """The documents in ``paths``; what folders hold that cannot be linted goes to ``skipped``."""
    return list(search(paths, suffixes, skipped, selection))


def file_selection(
    *,
    exclude: Sequence[str],
    extend_exclude: Sequence[str],
    respect_gitignore: bool | None,
    force_exclude: bool | None,
    config_file: str | None,
    isolated: bool,
    registry: Registry,
) -> FileSelection:
    """What searches leave out: the command line's options over the configuration file's keys.

    The configuration file is the one that governs the current directory (or ``--config``),
    as in ruff: the project's. Its patterns are relative to its folder, the command line's
    to the current directory. ``--exclude`` replaces the file's ``exclude`` (and the defaults);
    ``--extend-exclude`` adds to the file's ``extend-exclude``.
    """
    settings = None
    if not isolated:
        resolver = Resolver(CommandLine(), list(registry.rules), config_path=config_file, profiles=registry.profiles)
        settings = resolver.settings_for(STDIN)  # the current directory's, as for standard input
    root = settings.root if settings is not None else "."
    selection = FileSelection()
    if settings is not None and settings.exclude is not None:
        selection = selection._replace(exclude=patterns(settings.exclude, root))
    if settings is not None and settings.extend_exclude:
        selection = selection._replace(extend_exclude=patterns(settings.extend_exclude, root))
    if exclude:
        selection = selection._replace(exclude=patterns(split_globs(exclude), "."))
    if extend_exclude:
        selection = selection._replace(
            extend_exclude=selection.extend_exclude + patterns(split_globs(extend_exclude), ".")
        )
    gitignore = respect_gitignore if respect_gitignore is not None else getattr(settings, "respect_gitignore", None)
    force = force_exclude if force_exclude is not None else getattr(settings, "force_exclude", None)
    return selection._replace(respect_gitignore=True if gitignore is None else gitignore, force_exclude=bool(force))


def split_globs(values: Sequence[str]) -> tuple[str, ...]:
    """Repeated, comma-separated glob options, as ruff takes them."""
    return tuple(glob.strip() for value in values for glob in value.split(",") if glob.strip())


def documents_to_lint(files: Sequence[str], *, join: bool, config_for: Callable[[str], Config]) -> list[Input]:
    """The documents of the run: ``--join`` makes all ``files`` one; otherwise each complete
    ``x.part1 … x.partN`` set whose first part's configuration keeps ``join-parts`` is one, the rest single files."""
    if join:
        if STDIN in files:
            raise UsageProblem("--join reads files, not standard input (-)")
        return [tuple(files)] if len(files) > 1 else list(files)
    documents: list[Input] = []
    for unit in part_groups(files):
        if isinstance(unit, str) or config_for(unit[0]).join_parts:
            documents.append(unit)
        else:
            documents.extend(unit)
    return documents


class PerFileConfig(Protocol):
    """Each file's Config, and what its configuration removes from its result after linting."""

    def __call__(self, path: str) -> Config: ...

    def finish(self, result: LintResult) -> LintResult: ...

    def source(self, path: str) -> str | None:
        """The configuration file that governs ``path``: None for the defaults, "" with --isolated."""
        ...

    def settings_for(self, path: str) -> FileSettings | None:
        """The configuration file that governs ``path`` (None: the defaults)."""

    @property
    def accepted(self) -> Sequence[Accepted]:
        """The findings that acceptances hid so far (``--show-accepted``)."""


class SameConfig:
    """``--isolated``: one Config for every file, nothing removed afterwards."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, path: str) -> Config:
        return self.config

    def finish(self, result: LintResult) -> LintResult:
        return result

    def source(self, path: str) -> str | None:
        return ""  # no configuration file is read

    def settings_for(self, path: str) -> FileSettings | None:
        return None

    @property
    def accepted(self) -> Sequence[Accepted]:
        return ()


class DiscoveredConfig:
    """Per-file Config from budgetlint.toml / pyproject.toml, plus per-file-ignores after linting.

    A broken configuration file met on the way up from a path raises
    :class:`~budgetlint.run.configfile.ConfigError` (a :class:`FatalError`).
    """

    def __init__(self, resolver: Resolver, registry: Registry | None = None) -> None:
        self.resolver = resolver
        self.registry = registry
        self._accepted: list[Accepted] = []

    def __call__(self, path: str) -> Config:
        return self.resolver.config_for(path)

    def source(self, path: str) -> str | None:
        settings = self.resolver.settings_for(path)
        return settings.path if settings is not None else None

    def settings_for(self, path: str) -> FileSettings | None:
        return self.resolver.settings_for(path)

    @property
    def accepted(self) -> Sequence[Accepted]:
        return self._accepted

    def finish(self, result: LintResult) -> LintResult:
        # Each finding by its own path: a joined document's findings point into several files.
        filters = {path: self.resolver.filter_for(path) for path in {d.path for d in result.diagnostics}}
        result.diagnostics[:] = [d for d in result.diagnostics if filters[d.path](d.code)]
        paths = {result.path, *(d.path for d in result.diagnostics)}
        if any((settings := self.resolver.settings_for(p)) is not None and settings.accepted for p in paths):
            self._apply_acceptances(result)  # the module is loaded only for configurations that accept
        return result

    def _still_checked(self, path: str, code: str) -> bool:
        """Rule ``code`` ran on ``path`` and its findings there are kept."""
        return self.resolver.config_for(path).is_enabled(code) and self.resolver.filter_for(path)(code)

    def _apply_acceptances(self, result: LintResult) -> None:
        from budgetlint.run import acceptance

        self._accepted.extend(
            acceptance.apply(
                result, self.resolver.settings_for, self.resolver.config_for, self._still_checked, self.registry
            )
        )


def per_file_config(
    config: Config,
    registry: Registry,
    *,
    select_given: bool,
    lang_given: bool,
    config_file: str | None,
    isolated: bool,
    join_parts_given: bool = False,
    pdf_engine_given: bool = False,
) -> PerFileConfig:
    """Command-line settings combined with the configuration files (see budgetlint.run.configfile)."""
    if isolated:
        return SameConfig(config)
    resolver = Resolver(
        CommandLine(config, select_given, lang_given, join_parts_given, pdf_engine_given),
        list(registry.rules),
        config_path=config_file,
        profiles=registry.profiles,
    )
    return DiscoveredConfig(resolver, registry)


class HidesRecordedFindings(Protocol):
    """A loaded baseline (:class:`budgetlint.run.baseline.Baseline`, imported only with ``--baseline``)."""

    def apply(self, results: Iterable[LintResult]) -> int: ...


class ResultFilter:
    """Per-file-ignores, accepted findings, the baseline and then ``--severity``, applied to each
    result as it arrives.

    ``--severity`` only hides: the findings below ``minimum`` are counted (:attr:`hidden`) and
    still decide the exit status, so showing less never turns a failing run into a clean one.
    """

    def __init__(
        self, config_for: PerFileConfig, baseline: HidesRecordedFindings | None, minimum: Severity = Severity.INFO
    ) -> None:
        self.config_for = config_for
        self.baseline = baseline
        self.minimum = minimum
        self.hidden: Counter[Severity] = Counter()

    @property
    def accepted(self) -> Sequence[Accepted]:
        """The findings acceptances hid (they never reach the report or the exit status)."""
        return self.config_for.accepted

    def __call__(self, result: LintResult) -> LintResult:
        result = self.config_for.finish(result)
        if self.baseline is not None:
            self.baseline.apply([result])
        if self.minimum is not Severity.INFO:
            shown = [d for d in result.diagnostics if d.severity.rank >= self.minimum.rank]
            self.hidden.update(d.severity for d in result.diagnostics if d.severity.rank < self.minimum.rank)
            result.diagnostics[:] = shown
        return result

    @property
    def hidden_worst(self) -> int:
        """The highest rank among the findings ``--severity`` hid (-1: none)."""
        return max((severity.rank for severity in self.hidden), default=-1)
