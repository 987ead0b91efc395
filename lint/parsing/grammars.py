"""The grammars' LALR parsers, loaded without importing Lark on every run.

Importing Lark and loading a grammar (even from Lark's own cache) costs about a
third of a cold ``budgetlint`` run, and a pre-commit hook pays it on every
commit. Lark's standalone generator (``lark.tools.standalone``) turns a grammar
into Python source holding Lark's LALR runtime and the grammar's parse tables,
which needs neither Lark's grammar compiler nor its imports. budgetlint runs
that generator once — on the first run after installation or after a grammar
changes — for ``document.lark`` and ``narrative.lark`` together (one runtime,
two sets of tables), compiles the source and stores the bytecode in the user
cache (:mod:`budgetlint.cache`). Later runs load the bytecode with ``marshal``.

The grammars stay the single source of truth: the cache key covers their
text, this module's own source, budgetlint's version and the exact Python
version, so editing a grammar (or the generator) simply regenerates. When the
cache is off or unwritable the source is generated in memory (slower, same
parsers).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from types import ModuleType
from typing import Any

#: The grammars shipped in ``budgetlint.grammar``, by name (without ``.lark``).
GRAMMARS = ("document", "narrative")
#: Bump when the generated module's layout changes, so old cache entries are not used.
FORMAT = 1
#: The Lark options every grammar is compiled with.
OPTIONS: dict[str, Any] = {"parser": "lalr", "lexer": "basic"}
_MODULE_NAME = "budgetlint._lalr_runtime"


def grammar_sources() -> dict[str, str]:
    """The text of every grammar file, by name."""
    import budgetlint.grammar

    directory = os.path.dirname(budgetlint.grammar.__file__)
    sources = {}
    for name in GRAMMARS:
        # A plain file read: importlib.resources costs more import time than the parse itself.
        with open(os.path.join(directory, f"{name}.lark"), encoding="utf-8") as handle:
            sources[name] = handle.read()
    return sources


def cache_entry_name(sources: dict[str, str]) -> str:
    """The cache entry for these grammar texts under this budgetlint and this Python."""
    import zlib

    from budgetlint.version import __version__

    with open(__file__, encoding="utf-8") as handle:
        generator = handle.read()  # editing how the runtime is generated must regenerate it too
    # sys.version, not only the cache tag: marshal's bytecode may change in a patch release.
    key = "\0".join(
        [__version__, str(FORMAT), sys.version, generator, *(f"{name}\0{sources[name]}" for name in sorted(sources))]
    )
    checksum = zlib.crc32(key.encode("utf-8"))
    return f"lalr-{sys.implementation.cache_tag}-{checksum:08x}.marshal"


def generate_source(sources: dict[str, str]) -> str:
    """Python source with Lark's standalone LALR runtime and the tables of every grammar.

    The module defines ``PARSERS = {name: (data, memo)}``; :func:`load` builds a
    parser from one entry with the runtime's ``Lark._load_from_dict``.
    """
    import io

    from lark import Lark
    from lark.grammar import Rule
    from lark.lexer import TerminalDef
    from lark.tools.standalone import gen_standalone

    compiled = {name: Lark(sources[name], **OPTIONS) for name in GRAMMARS}
    out = io.StringIO()
    gen_standalone(compiled[GRAMMARS[0]], out=out)  # the runtime (and the first grammar's own tables)
    # The runtime imports pickle, zlib and base64 for compressed tables and Lark's own cache,
    # neither of which budgetlint uses; importing them is a noticeable part of loading.
    runtime_source = _without_logging(out.getvalue().replace("\nimport pickle, zlib, base64\n", "\n"))
    lines = [runtime_source, "", "PARSERS = {"]
    for name in GRAMMARS:
        data, memo = compiled[name].memo_serialize([TerminalDef, Rule])
        lines.append(f"    {name!r}: ({data!r}, {memo!r}),")
    lines.append("}")
    return "\n".join(lines) + "\n"


#: The runtime sets its logger to CRITICAL and logs only below that level (debug notes,
#: regex-collision warnings while a grammar is compiled): nothing it logs is ever shown.
#: A silent stand-in spares every start importing logging (with traceback and string).
_SILENT_LOGGER = """
class _SilentLogger:
    def _ignore(self, *args, **kwargs):
        pass

    debug = info = warning = error = exception = critical = setLevel = addHandler = _ignore


logger = _SilentLogger()
"""
_LOGGING_SETUP = (
    ("\nimport logging\n", "\n"),
    (
        '\nlogger: logging.Logger = logging.getLogger("lark")\nlogger.addHandler(logging.StreamHandler())\n',
        _SILENT_LOGGER,
    ),
    ("\nlogger.setLevel(logging.CRITICAL)\n", "\n"),
)


def _without_logging(source: str) -> str:
    """``source`` with the silent logger, or unchanged if this Lark sets its logger up otherwise."""
    patched = source
    for old, new in _LOGGING_SETUP:
        if patched.count(old) != 1:
            return source
        patched = patched.replace(old, new)
    return source if "logging." in patched else patched  # a use left would fail: keep the original


def _compiled_runtime() -> Any:
    """The runtime's code object: from the cache, or generated (and then cached)."""
    from types import CodeType

    from budgetlint import cache

    sources = grammar_sources()
    name = cache_entry_name(sources)
    code = cache.load(name)
    if not isinstance(code, CodeType):  # absent or damaged: generate it
        code = compile(generate_source(sources), f"<budgetlint LALR parsers {name}>", "exec")
        cache.store(name, code)
    return code


@lru_cache(maxsize=1)
def runtime() -> ModuleType:
    """The standalone runtime module with every grammar's tables, once per process."""
    module = ModuleType(_MODULE_NAME)
    sys.modules[_MODULE_NAME] = module  # dataclasses look their module up while the code runs
    try:
        exec(_compiled_runtime(), module.__dict__)  # noqa: S102 - code we generated from our own grammars
    except BaseException:
        del sys.modules[_MODULE_NAME]
        raise
    return module


def load(grammar: str, **options: Any) -> Any:
    """A Lark LALR parser for ``grammar`` (a name in :data:`GRAMMARS`); ``options`` as for
    Lark's standalone parsers (``transformer=`` runs callbacks while parsing)."""
    module = runtime()
    data, memo = module.PARSERS[grammar]
    return module.Lark._load_from_dict(data, memo, **options)
