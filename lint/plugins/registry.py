"""Find and load plugins; collect their rules into a registry keyed by code.

Entry points are read from the installed distributions' metadata. A plugin that
fails — its import raises (or calls ``sys.exit``), or a hook of it raises — is
recorded in :attr:`Registry.errors` and left out, one plugin at a time: the built-in
rules and every other plugin still run, and the CLI exits 2 so that a run that lost
rules is never mistaken for a clean one (the worst outcome: a falsely clean run).
``BUDGETLINT_DISABLE_PLUGINS=name,name`` skips plugins by entry-point name, for a user
who wants to run without a broken one. Unusable return values (not a Rule subclass,
a duplicate code) are warnings.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, cast

import pluggy

from budgetlint.plugins import hookspecs
from budgetlint.plugins.rule import Rule

if TYPE_CHECKING:  # pragma: no cover - types only: analysis.profiles imports this module at run time
    from budgetlint.analysis.profiles import Profile
    from budgetlint.read.base import Reader


class Registry:
    """Everything the plugins provide, plus what went wrong loading them."""

    def __init__(self, manager: pluggy.PluginManager | None = None, warnings: list[str] | None = None) -> None:
        self.rules: dict[str, type[Rule]] = {}
        self.profiles: list[Profile] = []
        self.readers: dict[str, Reader] = {}  # ".pdf" -> reader (see budgetlint.read)
        self.warnings: list[str] = warnings if warnings is not None else []
        self.errors: list[str] = []  # plugins that failed and were left out
        self.manager = manager

    def sorted_rules(self) -> list[type[Rule]]:
        return [self.rules[code] for code in sorted(self.rules)]


class EntryPoint(NamedTuple):
    name: str
    value: str  # "package.module" or "package.module:attribute"

    def load(self) -> object:
        module_name, _, attribute = self.value.partition(":")
        obj: object = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            obj = getattr(obj, part)
        return obj


def entry_points(group: str) -> list[EntryPoint]:
    """Entry points of ``group`` from the ``entry_points.txt`` of installed distributions.

    Equivalent to ``importlib.metadata.entry_points(group=...)`` for installed
    packages, without importing ``importlib.metadata`` (and ``email``), which
    alone costs about a sixth of budgetlint's cold start. First distribution on
    ``sys.path`` wins, as with importlib.
    """
    found: dict[str, EntryPoint] = {}
    seen_dists: set[str] = set()
    for directory in sys.path:
        try:
            names = os.listdir(directory or ".")
        except OSError:
            continue
        for name in sorted(names):
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            dist = name.split("-")[0].lower().replace("_", "-")
            if dist in seen_dists:
                continue
            seen_dists.add(dist)
            try:
                with open(os.path.join(directory or ".", name, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            for entry in _parse_entry_points(text, group):
                found.setdefault(entry.name, entry)
    return list(found.values())


def _parse_entry_points(text: str, group: str) -> list[EntryPoint]:
    entries: list[EntryPoint] = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group and "=" in line:
            name, _, value = line.partition("=")
            entries.append(EntryPoint(name.strip(), value.strip()))
    return entries


#: Entry-point names (comma-separated) of plugins not to load, e.g. one that is broken.
DISABLE_ENV = "BUDGETLINT_DISABLE_PLUGINS"


def disabled_plugins() -> frozenset[str]:
    return frozenset(filter(None, (n.strip() for n in os.environ.get(DISABLE_ENV, "").split(","))))


def plugin_manager(extra_plugins: tuple[object, ...] = ()) -> tuple[pluggy.PluginManager, list[str]]:
    """A plugin manager with every entry point of group ``budgetlint`` registered; the
    second value lists the plugins that failed to load."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    errors: list[str] = []
    disabled = disabled_plugins()
    for entry_point in entry_points(hookspecs.PROJECT):
        if manager.get_plugin(entry_point.name) is not None or entry_point.name in disabled:
            continue
        try:
            plugin = entry_point.load()
            manager.register(plugin, name=entry_point.name)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - any plugin failure is reported, not raised
            errors.append(
                f"plugin {entry_point.name!r} ({entry_point.value}) failed to load: {exc!r}"
                f" (set {DISABLE_ENV}={entry_point.name} to run without it)"
            )
    for plugin in extra_plugins:
        if not manager.is_registered(plugin):  # already loaded through its entry point
            manager.register(plugin)
    return manager, errors


def _each_plugin(manager: pluggy.PluginManager, hook: str, registry: Registry) -> list[tuple[str, object]]:
    """``(plugin name, result)`` of every implementation of ``hook``, built-in first; one
    that raises is recorded in ``registry.errors`` and skipped, so it takes no other plugin with it."""
    impls = getattr(manager.hook, hook).get_hookimpls()
    results: list[tuple[str, object]] = []
    for impl in sorted(impls, key=lambda impl: impl.plugin_name != BUILTIN_PLUGIN):
        try:
            results.append((impl.plugin_name, impl.function()))
        except (Exception, SystemExit) as exc:  # noqa: BLE001
            registry.errors.append(
                f"plugin {impl.plugin_name!r}: {hook}() failed: {exc!r} (set {DISABLE_ENV}={impl.plugin_name} to run without it)"
            )
    return results


def build_registry(extra_plugins: tuple[object, ...] = ()) -> Registry:
    """Load plugins and collect rules; duplicate codes keep the first and warn."""
    manager, errors = plugin_manager(extra_plugins)
    registry = Registry(manager=manager)
    registry.errors.extend(errors)
    for _name, rules in _each_plugin(manager, "budgetlint_rules", registry):
        for rule in _iterable(rules):
            if not (isinstance(rule, type) and issubclass(rule, Rule)) or not rule.code:
                registry.warnings.append(f"ignored a rule that is not a Rule subclass: {rule!r}")
                continue
            if rule.code in registry.rules and registry.rules[rule.code] is not rule:
                registry.warnings.append(
                    f"duplicate rule code {rule.code}: kept {registry.rules[rule.code].__module__}"
                )
                continue
            registry.rules[rule.code] = rule
    for _name, profiles in _each_plugin(manager, "budgetlint_profiles", registry):
        registry.profiles.extend(cast("list[Profile]", _iterable(profiles)))
    _collect_readers(manager, registry)
    return registry


def _iterable(value: object) -> list[object]:
    try:
        return list(value or ())  # type: ignore[call-overload]
    except TypeError:
        return [value]


BUILTIN_PLUGIN = "builtin"


def _collect_readers(manager: pluggy.PluginManager, registry: Registry) -> None:
    """Suffix -> reader; a third-party reader replaces the built-in one for its suffix."""
    impls = manager.hook.budgetlint_readers.get_hookimpls()
    # Built-in first so that plugins override it; among plugins, the first wins.
    ordered = sorted(impls, key=lambda impl: impl.plugin_name != BUILTIN_PLUGIN)
    builtin_suffixes: set[str] = set()
    for impl in ordered:
        try:
            readers = impl.function() or {}
            if not isinstance(readers, Mapping):
                raise TypeError(f"expected a mapping of suffix to reader, got {type(readers).__name__}")
            items = list(readers.items())
        except (Exception, SystemExit) as exc:  # noqa: BLE001
            registry.errors.append(f"plugin {impl.plugin_name!r}: budgetlint_readers() failed: {exc!r}")
            continue
        for suffix, reader in items:
            if not (isinstance(suffix, str) and suffix.startswith(".") and callable(reader)):
                registry.warnings.append(f"plugin {impl.plugin_name!r}: ignored reader {suffix!r}: {reader!r}")
                continue
            suffix = suffix.lower()
            if impl.plugin_name == BUILTIN_PLUGIN:
                builtin_suffixes.add(suffix)
            elif suffix in registry.readers and suffix not in builtin_suffixes:
                registry.warnings.append(f"duplicate reader for {suffix}: kept the first")
                continue
            else:
                builtin_suffixes.discard(suffix)
            registry.readers[suffix] = reader


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The registry of installed plugins, built once per process."""
    return build_registry()
