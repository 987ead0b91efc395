"""Configuration files: find, read and validate ``[tool.budgetlint]``, ruff-style.

Where settings come from, strongest first:

1. command-line options (``--select`` replaces the file's select, extend-select
   and ignore; ``--extend-select`` and ``--ignore`` add to the file's; an
   option's value wins over the file's key of the same name);
2. ``BUDGETLINT_LANG`` for the language;
3. the configuration file of the linted file: ``--config PATH`` when given,
   otherwise the closest ``budgetlint.toml`` or ``pyproject.toml`` with a
   ``[tool.budgetlint]`` table found walking up from the file's directory
   (in one directory ``budgetlint.toml`` wins); files are not merged, the
   closest one is the whole configuration, as in ruff — unless it says
   ``extend = "../budgetlint.toml"`` (relative to itself): then the keys it sets
   replace the base file's, except ``severity`` (merged, the extending file wins
   per code) and ``accepted`` (both lists); a base may extend another, a cycle
   is refused;
4. the defaults of :class:`~budgetlint.run.options.Config`.

``--isolated`` skips step 3. Unknown keys and bad values raise
:class:`ConfigError` naming the file and the key: a typo in a linter's
configuration that silently does nothing is worse than no configuration.

``tomllib`` is imported only when a candidate file is actually read, and a
``pyproject.toml`` that does not mention budgetlint is never parsed, so
discovery costs a few ``stat`` calls on a normal run.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from fnmatch import fnmatchcase
from types import MappingProxyType
from typing import NamedTuple

from budgetlint.analysis.profiles import Profile, check_profile_name
from budgetlint.model.diagnostics import Severity
from budgetlint.read.base import DEFAULT_LIMITS, PDF_ENGINES, Limits
from budgetlint.run.options import LANGUAGES, ROUNDING_MODES, Config
from budgetlint.run.status import FatalError

#: A parsed TOML table: values are whatever the file holds, checked by :func:`validate`.
TomlTable = Mapping[str, object]

BUDGETLINT_TOML = "budgetlint.toml"
PYPROJECT_TOML = "pyproject.toml"
STDIN = "-"

#: Every key a configuration table may hold (kebab-case, as in ruff).
KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "profile",
    "lang",
    "rounding",
    "noise-patterns",
    "join-parts",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "force-exclude",
    "pdf-engine",
    "extend",
    "accepted",
    "timeout",
)
#: The keys of one ``[[tool.budgetlint.accepted]]`` entry (all required).
ACCEPTED_KEYS = ("code", "file", "fingerprint", "reason")
_FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


class ConfigError(FatalError):
    """A configuration file that cannot be used; the message names the file and the key."""


class Acceptance(NamedTuple):
    """One accepted finding: ``[[tool.budgetlint.accepted]]`` with code, file, fingerprint, reason.

    ``file`` is relative to the directory of ``source``, the configuration file that lists it.
    """

    code: str
    file: str
    fingerprint: str
    reason: str
    source: str

    @property
    def root(self) -> str:
        return os.path.dirname(os.path.abspath(self.source))


class FileSettings(NamedTuple):
    """The validated content of one configuration file (absent keys are ``None``)."""

    path: str
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: Mapping[str, Severity] | None = None
    profile: str | None = None
    lang: str | None = None
    rounding: str | None = None
    noise_patterns: tuple[str, ...] | None = None
    join_parts: bool | None = None
    #: Which files folder searches leave out (budgetlint.run.discovery); globs relative to :attr:`root`.
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None
    pdf_engine: str | None = None
    timeout: float | None = None
    accepted: tuple[Acceptance, ...] = ()
    #: The directory per-file-ignores globs are relative to when they come from an extended file.
    per_file_root: str | None = None
    #: The configuration files this one extends, closest first (``extend``).
    extends: tuple[str, ...] = ()

    @property
    def root(self) -> str:
        """The directory that per-file-ignores globs are relative to."""
        return self.per_file_root or os.path.dirname(os.path.abspath(self.path))


class CommandLine(NamedTuple):
    """The Config the command-line options built, and which of its defaults the user chose.

    Fields that configuration files do not govern (whatever other options add
    to :class:`Config`) pass through :func:`merge` unchanged.
    """

    config: Config = Config()
    select_given: bool = False
    lang_given: bool = False  # --lang or BUDGETLINT_LANG
    join_parts_given: bool = False  # --join-parts / --no-join-parts
    pdf_engine_given: bool = False  # --pdf-engine


# -- reading and validating one file ---------------------------------------------
def toml_module():  # type: ignore[no-untyped-def]
    """``tomllib`` (``tomli`` on Python 3.10), imported when a configuration is actually read.

    Not at the top: most runs find no configuration file to read, and importing the TOML
    parser costs about 2.5 ms of every cold start.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib


def _load_toml(path: str) -> dict[str, object]:
    tomllib = toml_module()
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration file: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 ({exc.reason})") from None


def _table_of(path: str, data: dict[str, object]) -> TomlTable | None:
    """The budgetlint table of a parsed file, or ``None`` when it has none."""
    tool = data.get("tool")
    table = tool.get("budgetlint") if isinstance(tool, dict) else None
    if os.path.basename(path) == PYPROJECT_TOML:
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.budgetlint] must be a table")
        return table
    # budgetlint.toml: the keys at top level (like ruff.toml), or a [tool.budgetlint] table.
    if table is not None and set(data) == {"tool"}:
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.budgetlint] must be a table")
        return table
    return data


def load_file(path: str, known_codes: Sequence[str], profiles: Sequence[Profile] | None = None) -> FileSettings | None:
    """Read and validate one configuration file; ``None`` if it has no budgetlint table."""
    table = _table_of(path, _load_toml(path))
    if table is None:
        return None
    return load_settings(path, table, known_codes, profiles)


def validate(
    path: str, table: TomlTable, known_codes: Sequence[str], profiles: Sequence[Profile] | None = None
) -> FileSettings:
    """Check every key and value of a ``[tool.budgetlint]`` table; raise on the first problem.

    ``profiles`` (the registry's) lets ``profile`` be checked by name; without
    them any non-empty name is accepted.
    """

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: key '{key}': {problem}")

    for key in table:
        if key not in KEYS:
            hint = key.replace("_", "-")
            suggestion = f" (did you mean '{hint}'?)" if hint in KEYS else f"; known keys: {', '.join(KEYS)}"
            raise fail(key, f"unknown key{suggestion}")

    def selectors(key: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise fail(key, f'expected a list of rule codes or prefixes such as ["BL1", "BL501"], got {value!r}')
        codes = tuple(item.strip().upper() for item in value if item.strip())
        for code in codes:
            if code != "ALL" and not any(known.startswith(code) for known in known_codes):
                raise fail(key, f"unknown rule code or prefix {code!r}")
        return codes

    def choice(key: str, choices: Sequence[str]) -> str | None:
        if key not in table:
            return None
        value = table[key]
        if value not in choices:
            raise fail(key, f"expected one of {', '.join(repr(c) for c in choices)}, got {value!r}")
        return str(value)

    per_file: list[tuple[str, tuple[str, ...]]] = []
    if "per-file-ignores" in table:
        value = table["per-file-ignores"]
        if not isinstance(value, dict):
            raise fail("per-file-ignores", "expected a table of glob = [codes]")
        for glob, codes in value.items():
            if not isinstance(codes, list) or not all(isinstance(item, str) for item in codes):
                raise fail(f'per-file-ignores."{glob}"', f"expected a list of rule codes, got {codes!r}")
            normalized = tuple(item.strip().upper() for item in codes if item.strip())
            for code in normalized:
                if code != "ALL" and not any(known.startswith(code) for known in known_codes):
                    raise fail(f'per-file-ignores."{glob}"', f"unknown rule code or prefix {code!r}")
            per_file.append((glob, normalized))

    severity: dict[str, Severity] | None = None
    if "severity" in table:
        value = table["severity"]
        if not isinstance(value, dict):
            raise fail("severity", 'expected a table of CODE = "error" | "warning" | "info"')
        severity = {}
        for code, level in value.items():
            upper = code.strip().upper()
            if upper not in known_codes:
                raise fail(f"severity.{code}", "unknown rule code (severity overrides take full codes such as BL501)")
            if level not in {s.value for s in Severity}:
                raise fail(f"severity.{code}", f'expected "error", "warning" or "info", got {level!r}')
            severity[upper] = Severity(level)

    profile: str | None = None
    if "profile" in table:
        value = table["profile"]
        if not isinstance(value, str) or not value.strip():
            raise fail("profile", f"expected a profile name, got {value!r}")
        profile = value.strip()
        if profiles is not None:
            try:
                profile = check_profile_name(profile, profiles)
            except ValueError as exc:
                raise fail("profile", str(exc)) from None

    noise: tuple[str, ...] | None = None
    if "noise-patterns" in table:
        value = table["noise-patterns"]
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            raise fail("noise-patterns", f"expected a list of regular expressions, got {value!r}")
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise fail("noise-patterns", f"invalid regular expression {pattern!r}: {exc}") from None
        noise = tuple(value)

    def flag(key: str) -> bool | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, bool):
            raise fail(key, f"expected true or false, got {value!r}")
        return value

    def globs(key: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise fail(key, f'expected a list of glob patterns such as ["archive", "drafts/*.txt"], got {value!r}')
        return tuple(item.strip() for item in value)

    accepted = _accepted(table.get("accepted", []), path, known_codes, fail)
    if "extend" in table and (not isinstance(table["extend"], str) or not table["extend"].strip()):
        raise fail("extend", f"expected the path of a base configuration file, got {table['extend']!r}")

    timeout: float | None = None
    if "timeout" in table:
        value = table["timeout"]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise fail("timeout", f"expected a number of seconds (0 = no limit), got {value!r}")
        timeout = float(value)

    return FileSettings(
        path=path,
        select=selectors("select"),
        extend_select=selectors("extend-select"),
        ignore=selectors("ignore"),
        per_file_ignores=tuple(per_file),
        severity=MappingProxyType(severity) if severity is not None else None,
        profile=profile,
        lang=choice("lang", LANGUAGES),
        rounding=choice("rounding", ROUNDING_MODES),
        noise_patterns=noise,
        join_parts=flag("join-parts"),
        exclude=globs("exclude"),
        extend_exclude=globs("extend-exclude") or (),
        respect_gitignore=flag("respect-gitignore"),
        force_exclude=flag("force-exclude"),
        pdf_engine=choice("pdf-engine", PDF_ENGINES),
        accepted=accepted,
        timeout=timeout,
    )


def _accepted(
    value: object, path: str, known_codes: Sequence[str], fail: Callable[[str, str], ConfigError]
) -> tuple[Acceptance, ...]:
    """The ``accepted`` array of tables: each entry names code, file, fingerprint and a reason."""
    if not isinstance(value, list):
        raise fail("accepted", "expected an array of tables ([[tool.budgetlint.accepted]])")
    entries = []
    for number, item in enumerate(value, start=1):
        key = f"accepted[{number}]"
        if not isinstance(item, dict):
            raise fail(key, "expected a table with code, file, fingerprint and reason")
        unknown = sorted(set(item) - set(ACCEPTED_KEYS))
        missing = [k for k in ACCEPTED_KEYS if k not in item]
        if unknown or missing:
            problem = f"unknown key(s) {', '.join(unknown)}" if unknown else f"missing {', '.join(missing)}"
            raise fail(key, f"{problem} (an accepted finding has {', '.join(ACCEPTED_KEYS)})")
        if not all(isinstance(item[k], str) and item[k].strip() for k in ACCEPTED_KEYS):
            raise fail(key, "code, file, fingerprint and reason must be non-empty strings")
        code = item["code"].strip().upper()
        if code not in known_codes:
            raise fail(f"{key}.code", f"unknown rule code {item['code']!r}")
        fingerprint = item["fingerprint"].strip().lower()
        if not _FINGERPRINT.match(fingerprint):
            raise fail(f"{key}.fingerprint", "expected the 64 hex digits `budgetlint accept` writes")
        file = item["file"].strip().replace("\\", "/").removeprefix("./")
        entries.append(Acceptance(code, file, fingerprint, item["reason"].strip(), path))
    return tuple(entries)


def load_settings(
    path: str,
    table: TomlTable,
    known_codes: Sequence[str],
    profiles: Sequence[Profile] | None = None,
    chain: tuple[str, ...] = (),
) -> FileSettings:
    """:func:`validate`, then the files it extends (key ``extend``), combined (see the module docstring)."""
    settings = validate(path, table, known_codes, profiles)
    extend = table.get("extend")
    if not isinstance(extend, str):
        return settings
    here = os.path.realpath(path)
    chain = (*chain, here)
    base_path = os.path.normpath(
        os.path.join(os.path.dirname(os.path.abspath(path)), os.path.expanduser(extend.strip()))
    )
    if os.path.realpath(base_path) in chain:
        cycle = " -> ".join([*chain, os.path.realpath(base_path)])
        raise ConfigError(f"{path}: key 'extend': the configuration files extend each other in a cycle: {cycle}")
    if not os.path.isfile(base_path):
        raise ConfigError(f"{path}: key 'extend': no such file {base_path}")
    base_table = _table_of(base_path, _load_toml(base_path))
    if base_table is None:
        raise ConfigError(f"{path}: key 'extend': {base_path} has no [tool.budgetlint] table")
    base = load_settings(base_path, base_table, known_codes, profiles, chain)
    return _extended(base, settings, table)


def _extended(base: FileSettings, own: FileSettings, table: TomlTable) -> FileSettings:
    """``own`` on top of ``base``: each key ``own`` sets wins; severity merges; accepted lists add up."""
    values = base._asdict()
    for field, key in zip(FileSettings._fields, _FIELD_KEYS, strict=True):
        if key is not None and key in table:
            values[field] = getattr(own, field)
    values["severity"] = MappingProxyType({**(base.severity or {}), **(own.severity or {})})
    values["accepted"] = base.accepted + own.accepted
    values["per_file_root"] = None if "per-file-ignores" in table else base.root
    values["path"] = own.path
    values["extends"] = (base.path, *base.extends)
    return FileSettings(**values)


#: The configuration key of each FileSettings field, in field order (None: a field no file
#: sets by that name: the path, and what :func:`_extended` combines itself).
_FIELD_KEYS = tuple(
    key if key in KEYS and key not in ("extend", "accepted") else None
    for key in (field.replace("_", "-") for field in FileSettings._fields)
)


# -- discovery -------------------------------------------------------------------
_TOOL_TABLE = re.compile(rb'tool\s*\.\s*"?budgetlint\b')
_BARE_KEY = re.compile(rb'(?m)^\s*"?budgetlint"?\s*[.=]')


def _mentions_budgetlint(path: str) -> bool:
    """Cheap pre-check so pyproject.toml files without a budgetlint table are never parsed.

    It may say yes wrongly (then the file is parsed and has no table), never no
    wrongly: ``[tool.budgetlint...]``, ``tool.budgetlint = {...}`` and, under
    a bare ``[tool]`` table, ``budgetlint = {...}`` / ``budgetlint.x = ...``.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return False
    return bool(_TOOL_TABLE.search(data) or (b"[tool]" in data and _BARE_KEY.search(data)))


def merge(cli: CommandLine, file: FileSettings | None) -> Config:
    """One run's settings for the files governed by ``file`` (see the module docstring)."""
    base = cli.config
    if file is None:
        return base
    if cli.select_given:
        select, extend, ignore = base.select, base.extend_select, base.ignore
    else:
        select = file.select if file.select is not None else base.select
        extend = (file.extend_select or ()) + base.extend_select
        ignore = (file.ignore or ()) + base.ignore
    return base._replace(
        select=select,
        extend_select=extend,
        ignore=ignore,
        lang=base.lang if cli.lang_given else (file.lang or base.lang),
        severity=MappingProxyType({**(file.severity or {}), **base.severity}),
        noise_patterns=base.noise_patterns + (file.noise_patterns or ()),
        profile=base.profile if base.profile is not None else file.profile,
        rounding=file.rounding or base.rounding,
        join_parts=base.join_parts if cli.join_parts_given or file.join_parts is None else file.join_parts,
        limits=_limits_with_engine(base.limits, None if cli.pdf_engine_given else file.pdf_engine),
        timeout=base.timeout if base.timeout is not None else file.timeout,
    )


def _limits_with_engine(limits: Limits | None, pdf_engine: str | None) -> Limits | None:
    """The command line's reader limits with the file's ``pdf-engine`` (when the command line gave none)."""
    if pdf_engine is None:
        return limits
    return (limits or DEFAULT_LIMITS)._replace(pdf_engine=pdf_engine)


class Resolver:
    """Maps each linted path to its :class:`Config` and its per-file ignores.

    Lookups are cached per directory and per configuration file, so a tree of
    hundreds of documents reads each configuration file once.
    """

    def __init__(
        self,
        cli: CommandLine,
        known_codes: Sequence[str],
        config_path: str | None = None,
        isolated: bool = False,
        cwd: str | None = None,
        profiles: Sequence[Profile] | None = None,
    ) -> None:
        self.cli = cli
        self.known_codes = tuple(known_codes)
        self.profiles = profiles
        self.isolated = isolated
        self.cwd = cwd or os.getcwd()
        self._by_dir: dict[str, FileSettings | None] = {}
        self._configs: dict[str, Config] = {}
        self._explicit: FileSettings | None = None
        if config_path is not None and not isolated:
            if not os.path.isfile(config_path):
                raise ConfigError(f"{config_path}: --config: no such file")
            table = _table_of(config_path, _load_toml(config_path))
            if table is None:
                raise ConfigError(f"{config_path}: --config: the file has no [tool.budgetlint] table")
            self._explicit = load_settings(config_path, table, self.known_codes, self.profiles)
        self._default = merge(cli, None)

    def settings_for(self, path: str) -> FileSettings | None:
        """The configuration file that governs ``path`` (``None``: defaults)."""
        if self.isolated:
            return None
        if self._explicit is not None:
            return self._explicit
        start = self.cwd if path == STDIN else os.path.dirname(os.path.abspath(os.path.join(self.cwd, path)))
        return self._find(start)

    def _find(self, directory: str) -> FileSettings | None:
        visited: list[str] = []
        found: FileSettings | None = None
        while True:
            if directory in self._by_dir:
                found = self._by_dir[directory]
                break
            visited.append(directory)
            found = self._in_directory(directory)
            if found is not None:
                break
            parent = os.path.dirname(directory)
            if parent == directory:
                break
            directory = parent
        for seen in visited:
            self._by_dir[seen] = found
        return found

    def _in_directory(self, directory: str) -> FileSettings | None:
        candidate = os.path.join(directory, BUDGETLINT_TOML)
        if os.path.isfile(candidate):
            settings = load_file(candidate, self.known_codes, self.profiles)
            if settings is not None:
                return settings
        candidate = os.path.join(directory, PYPROJECT_TOML)
        if os.path.isfile(candidate) and _mentions_budgetlint(candidate):
            return load_file(candidate, self.known_codes, self.profiles)
        return None

    def config_for(self, path: str) -> Config:
        settings = self.settings_for(path)
        if settings is None:
            return self._default
        config = self._configs.get(settings.path)
        if config is None:
            config = self._configs[settings.path] = merge(self.cli, settings)
        return config

    def ignored_codes(self, path: str) -> tuple[str, ...]:
        """Codes (prefixes) that per-file-ignores switch off for ``path``."""
        settings = self.settings_for(path)
        if settings is None or not settings.per_file_ignores or path == STDIN:
            return ()
        absolute = os.path.abspath(os.path.join(self.cwd, path))
        relative = os.path.relpath(absolute, settings.root).replace(os.sep, "/")
        name = os.path.basename(absolute)
        codes: list[str] = []
        for glob, glob_codes in settings.per_file_ignores:
            if _glob_matches(glob, relative, name):
                codes.extend(glob_codes)
        return tuple(codes)

    def filter_for(self, path: str) -> Callable[[str], bool]:
        """A predicate ``keep(code)`` applying the per-file ignores of ``path``."""
        codes = self.ignored_codes(path)
        if not codes:
            return lambda code: True
        return lambda code: not any(prefix == "ALL" or code.startswith(prefix) for prefix in codes)


def _glob_matches(glob: str, relative: str, name: str) -> bool:
    """ruff-like globs: relative to the configuration file; ``*`` crosses ``/``; bare names match anywhere."""
    glob = glob.replace("\\", "/").removeprefix("./")
    if fnmatchcase(relative, glob):
        return True
    if glob.startswith("**/") and fnmatchcase(relative, glob[3:]):
        return True
    return "/" not in glob and fnmatchcase(name, glob)
