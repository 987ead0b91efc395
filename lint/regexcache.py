"""Regular expressions compiled once per machine, not once per run.

Python compiles a pattern in pure Python (``re._parser`` then ``re._compiler``) and
keeps the result only as long as the process lives. budgetlint compiles about a
hundred patterns on every start (its rules, the disclosure profiles, the lexers of
its two grammars), which cost a cold run 30–40 ms: the largest single part of a
pre-commit hook's time after importing click. What the compiler produces for a
pattern is a list of integers (the regex engine's program); :func:`compiled` keeps
those programs in the user cache (:mod:`budgetlint.cache`) and hands them straight
to the engine on later runs.

The entry's name covers the exact Python version and the engine's own version
(``_sre.MAGIC``): a program is never given to an engine that did not produce it.
Anything unexpected (a damaged entry, an engine that rejects a program, an
interpreter without these internals) falls back to :func:`re.compile`, which is
always correct, only slower.

Rules in plugins may use :func:`compiled` too; nothing else changes for them.
"""

from __future__ import annotations

import re
import sys
from types import SimpleNamespace
from typing import Any

#: (pattern, flags) → (flags, program, groups, group index, index group): the arguments
#: ``_sre.compile`` takes after the pattern. Loaded from the cache on first use.
_programs: dict[tuple[str, int], tuple[Any, ...]] | None = None
#: (pattern, flags) → compiled pattern, for this process (like ``re``'s own cache).
_patterns: dict[tuple[str, int], re.Pattern[str]] = {}
_state: dict[str, Any] = {"added": False, "directory": None}

#: A run that finds more programs than this in its entry starts the entry afresh: user
#: patterns (``noise_patterns``) change from one configuration to the next.
MAX_PROGRAMS = 2000


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from a program compiled on an earlier run when there is one."""
    key = (pattern, int(flags))
    found = _patterns.get(key)
    if found is None:
        found = _compile(pattern, key[1]) if type(pattern) is str else re.compile(pattern, flags)
        _patterns[key] = found
    return found


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    programs = _load()
    program = programs.get((pattern, flags))
    if program is not None:
        try:
            import _sre

            return _sre.compile(pattern, *program)  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - an entry this engine rejects: compile afresh
            pass
    try:
        program = _program(pattern, flags)
        import _sre

        result = _sre.compile(pattern, *program)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals not as expected: the public way
        return re.compile(pattern, flags)
    programs[(pattern, flags)] = program
    _state["added"] = True
    return result  # type: ignore[no-any-return]


def _program(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` computes before it calls the engine (CPython 3.11+)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    state = parsed.state
    index_group: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        index_group[index] = name
    # Plain ints (the compiler's opcodes are an int subclass marshal cannot store).
    return (int(flags | state.flags), [int(c) for c in code], state.groups - 1, dict(state.groupdict),
            tuple(index_group))


def entry_name() -> str:
    """The cache entry of this interpreter's regex programs for this budgetlint: a new
    release starts a new entry (the old one is pruned with the cache's stale entries), so
    patterns a release no longer uses do not pile up."""
    from budgetlint import __version__

    try:
        import _sre

        magic = _sre.MAGIC
    except (ImportError, AttributeError):  # pragma: no cover - CPython always has it
        magic = 0
    return f"regex-{sys.implementation.cache_tag}-{sys.hexversion:x}{magic}-{__version__}.marshal"


def _load() -> dict[tuple[str, int], tuple[Any, ...]]:
    global _programs
    if _programs is None:
        from budgetlint import cache

        loaded = cache.load(entry_name(), {})
        _programs = loaded if isinstance(loaded, dict) and len(loaded) <= MAX_PROGRAMS else {}
        _state["directory"] = cache.cache_dir()
        import atexit

        atexit.register(save)
    return _programs


def save() -> bool:
    """Store the programs compiled by this run that the cache did not hold yet (at exit).

    Only into the cache directory the programs were read from: a test that points
    ``BUDGETLINT_CACHE_DIR`` elsewhere and restores it must not write the user's cache.
    """
    from budgetlint import cache

    if not _state["added"] or _programs is None or cache.cache_dir() != _state["directory"]:
        return False
    _state["added"] = False
    return cache.store(entry_name(), _programs)


def re_module() -> Any:
    """The ``re`` module with ``compile`` and ``match`` going through :func:`compiled`:
    for code that takes a module (Lark's lexers compile every terminal and their union)."""
    namespace = SimpleNamespace(**{name: getattr(re, name) for name in dir(re) if not name.startswith("__")})
    namespace.compile = compiled
    namespace.match = lambda pattern, string, flags=0: compiled(pattern, flags).match(string)
    return namespace
