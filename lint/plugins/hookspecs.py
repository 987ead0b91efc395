"""The plugin contract of budgetlint (pluggy project name ``budgetlint``).

A plugin is a module or object with functions of these names decorated with
``budgetlint.plugins.hookspecs.hookimpl``, registered through the entry point group
``budgetlint`` in its package metadata::

    [project.entry-points.budgetlint]
    myplugin = "my_package.budgetlint_plugin"

The built-in rules are registered exactly this way (``budgetlint.rules``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from budgetlint.plugins.rule import Rule

PROJECT = "budgetlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def budgetlint_rules() -> list[type[Rule]]:
    """Return the rule classes this plugin provides."""


@hookspec
def budgetlint_profiles() -> list[Any]:
    """Return disclosure profiles (mandated tables and sections per document kind).

    Profiles are data; the built-in ones ship as TOML in ``budgetlint.rules``.
    """


@hookspec
def budgetlint_readers() -> dict[str, Any]:
    """Return readers for file suffixes: ``{".pdf": reader, ...}`` (lower-case, with the dot).

    A reader is ``reader(path: str, limits: budgetlint.read.Limits) -> ReadDocument``
    (see :mod:`budgetlint.read`): the text the parser reads (one line per
    paragraph, table rows as tab-separated cells) plus a source map from each line
    to its origin; it raises ``budgetlint.read.ReaderError`` for a file it cannot
    read. Import heavy libraries inside the reader, not at module import. A
    third-party reader for a suffix replaces the built-in one.
    """
