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
    """Return the rule classes this plugin provides (subclasses of ``budgetlint.plugins.rule.Rule``).

    The engine calls ``check(ctx)`` on one instance per run with a
    :class:`budgetlint.analysis.context.DocumentContext` for each document:
    ``ctx.doc`` is the parsed, immutable Document; ``ctx.options`` the run's options
    (``exact_rounding``, ``requested_profile``); the shared analyses
    (``ctx.table_models``, ``ctx.narrative``, ``ctx.fact_index``, ``ctx.toc_match``,
    ``ctx.profile_selection`` …) are computed once per document, whichever rule
    asks first. Compare figures with ``exact=ctx.options.exact_rounding``.

    Changed in 0.2: in 0.1, ``check(doc)`` received the Document (and analyses were
    cached in ``doc.memo``, which is gone). Such rules still work for one release:
    a rule whose ``check`` parameter is not named ``ctx``/``context`` nor annotated
    ``DocumentContext`` receives the Document, with a DeprecationWarning once per
    class. Removed in 0.3.
    """


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
