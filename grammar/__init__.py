"""The Lark grammars shipped as package data, and the one place that turns them into parsers.

``document.lark`` classifies a disclosure's lines (used by
:mod:`budgetlint.parsing.lines`); ``narrative.lark`` turns sentences into claims
(used by :mod:`budgetlint.analysis.narrative`). The loader lives here, beside the
files, so both layers import ``budgetlint.grammar`` and neither imports the other.

Analysing an LALR grammar costs far more than loading the result, so an analysed
grammar is kept with Lark's documented ``Lark.save`` and read back with
``Lark.load``, as an entry of budgetlint's user cache (:mod:`budgetlint.cache`,
which writes atomically, so workers starting together never read half an entry).
``Lark.load`` unpickles, so it may run code: it is only ever given bytes that
:mod:`budgetlint.cache` has checked (a folder private to the user, an entry whose
SHA-256 header matches its name and payload). The entry's name is a digest of
everything the saved parser depends on: the grammar's text, the options, Lark's
version, the exact Python version, budgetlint's version and this loader's format.
An entry that fails a check or does not load is analysed again and replaced; with
the cache off, refused or unwritable the grammar is analysed in memory on every run.

(Lark's ``cache=`` option was the other documented route; it writes its file in
place, and its key includes the file's path, so it cannot be written under a
temporary name and renamed.)
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from typing import Final

import lark

from budgetlint import cache
from budgetlint.version import __version__

#: The grammars shipped in this package, by name (without ``.lark``).
GRAMMARS: Final = ("document", "narrative")
#: The Lark options every grammar is compiled with: one LALR table and one scanner per grammar.
OPTIONS: Final = {"parser": "lalr", "lexer": "basic"}
#: Bump when what a cache entry holds changes in a way the key below would not notice.
CACHE_FORMAT: Final = 1

_DIRECTORY = os.path.dirname(os.path.abspath(__file__))


def grammar_source(name: str) -> str:
    """The text of grammar ``name`` (a plain read: importlib.resources costs more import time)."""
    if name not in GRAMMARS:
        raise ValueError(f"unknown grammar {name!r}; expected one of {', '.join(GRAMMARS)}")
    with open(os.path.join(_DIRECTORY, f"{name}.lark"), encoding="utf-8") as handle:
        return handle.read()


def cache_entry_name(name: str, source: str) -> str:
    """The cache entry of grammar ``name`` with text ``source`` under this Lark, Python and budgetlint.

    The family (``grammar-<name>-``) stays the same across versions, so
    :mod:`budgetlint.cache` prunes entries an upgrade left behind.
    """
    key = "\0".join(
        [
            str(CACHE_FORMAT),
            __version__,
            lark.__version__,
            sys.version,
            sys.implementation.cache_tag or "",
            repr(sorted(OPTIONS.items())),
            source,
        ]
    )
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return f"grammar-{name}-{digest}.pickle"  # no "-" after the digest: the family ends there


def load_parser(name: str) -> lark.Lark:
    """A Lark LALR parser for grammar ``name``, from the cache when it holds a valid entry.

    ``parse`` returns Lark's tree; rules that want their own values apply their
    callbacks to it (Lark does not take a transformer for a loaded parser).
    """
    source = grammar_source(name)
    entry = cache_entry_name(name, source)
    saved = cache.read(entry)
    if saved:
        parser = _loaded(saved)
        if parser is not None:
            return parser
    parser = lark.Lark(source, **OPTIONS)
    if cache.cache_dir() is not None:
        buffer = io.BytesIO()
        parser.save(buffer)
        cache.write(entry, buffer.getvalue())  # False when unwritable: the next run analyses again
    return parser


def _loaded(saved: bytes) -> lark.Lark | None:
    """The parser ``Lark.save`` wrote as ``saved``; None when these bytes are not one."""
    try:
        parser = lark.Lark.load(io.BytesIO(saved))
    except Exception:  # noqa: BLE001 - a cut-short or foreign file fails in many ways; rebuilding fixes all
        return None
    return parser if parser.options.parser == OPTIONS["parser"] else None
