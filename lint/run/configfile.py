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
   closest one is the whole configuration, as in ruff;
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
    "timeout",
)


class ConfigError(FatalError):
    """A configuration file that cannot be used; the message names the file and the key."""


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
    timeout: float | None = None

    @property
    def root(self) -> str:
        """The directory that per-file-ignores globs are relative to."""
        return os.path.dirname(os.path.abspath(self.path))


class CommandLine(NamedTuple):
    """The Config the command-line options built, and which of its defaults the user chose.

    Fields that configuration files do not govern (whatever other options add
    to :class:`Config`) pass through :func:`merge` unchanged.
    """

    config: Config = Config()
    select_given: bool = False
    lang_given: bool = False  # --lang or BUDGETLINT_LANG
    join_parts_given: bool = False  # --join-parts / --no-join-parts


# -- reading and validating one file ---------------------------------------------
def _load_toml(path: str) -> dict[str, object]:
    # Imported here, not at the top: most runs find no configuration file to read, and
    # importing the TOML parser costs about 2.5 ms of every cold start.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
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
    return validate(path, table, known_codes, profiles)


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

    join_parts: bool | None = None
    if "join-parts" in table:
        value = table["join-parts"]
        if not isinstance(value, bool):
            raise fail("join-parts", f"expected true or false, got {value!r}")
        join_parts = value

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
        join_parts=join_parts,
        timeout=timeout,
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
        timeout=base.timeout if base.timeout is not None else file.timeout,
    )


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
            self._explicit = validate(config_path, table, self.known_codes, self.profiles)
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
