"""A small on-disk cache for work that is the same on every run (compiled grammars, profiles).

A pre-commit hook starts budgetlint for every commit, so anything a run can
reuse from the previous one should not be recomputed: the analysed grammars
(Lark's own grammar cache, see :mod:`budgetlint.grammar`) and the parsed profile
files (plain data, stored with ``marshal``). Entries are files in the user's
cache directory, named by a key that covers everything they depend on, written
atomically (a temporary file renamed into place, so concurrent workers never
read half a file) and never trusted beyond their key: a stale or damaged entry
is simply rebuilt. The grammar entries are read only by Lark's documented
``cache=`` option; everything else here is plain data, never code.

The directory is ``$BUDGETLINT_CACHE_DIR`` when set, else the platform's user
cache directory (``$XDG_CACHE_HOME/budgetlint`` or ``~/.cache/budgetlint`` on
Linux). ``BUDGETLINT_CACHE_DIR=""`` (empty) turns the cache off. A cache that
cannot be written (read-only home, sandbox) only costs speed, never a failure.
"""

from __future__ import annotations

import os
import sys
from typing import Any

ENV_DIR = "BUDGETLINT_CACHE_DIR"


def cache_dir() -> str | None:
    """The cache directory to use, or None when caching is turned off."""
    configured = os.environ.get(ENV_DIR)
    if configured is not None:
        return configured or None
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
        return os.path.join(base, "budgetlint", "Cache")
    if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        return os.path.expanduser("~/Library/Caches/budgetlint")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "budgetlint")


#: Every entry's file name starts with this, so that :func:`clear` never touches other files
#: (the directory may be shared: ``BUDGETLINT_CACHE_DIR=/tmp``).
PREFIX = "budgetlint-"


def entry_path(name: str) -> str | None:
    """Where the entry ``name`` lives (whether or not it exists yet); None when caching is off."""
    directory = cache_dir()
    return os.path.join(directory, PREFIX + name) if directory else None


def read(name: str) -> bytes | None:
    """The bytes of entry ``name``, or None when it is absent, unreadable or caching is off."""
    path = entry_path(name)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


#: Entries of the same family (``grammar-document-…``, ``profiles-…``) older than this are removed when a
#: new one is written, so old grammar versions do not pile up.
STALE_SECONDS = 30 * 24 * 3600


def _prepare(name: str) -> str | None:
    """The path of entry ``name`` with its directory created, ready to be written; None when
    caching is off or the directory cannot be made."""
    path = entry_path(name)
    if path is None:
        return None
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    except OSError:
        return None
    return path


def _temporary_path(path: str) -> str:
    """A file beside ``path`` that only this process writes (it keeps the entry's prefix, so
    :func:`clear` removes it if a crash leaves it behind)."""
    return f"{path}.{os.getpid()}.tmp"


def _discard(temporary: str) -> None:
    """Remove a temporary file that will not be published (it may already be gone)."""
    try:
        os.unlink(temporary)
    except OSError:
        pass


def _publish(temporary: str, path: str) -> bool:
    """Rename ``temporary`` (written completely) into place as ``path``, atomically, so that
    concurrent workers never read half an entry; False (nothing raised) when that fails.

    Entries are only written on a miss, so this is also when stale entries of the
    same family (the part of the name before its last ``-``) are pruned.
    """
    try:
        os.replace(temporary, path)
    except OSError:
        _discard(temporary)
        return False
    name = os.path.basename(path)
    _prune(os.path.dirname(path), name.rpartition("-")[0] + "-", keep=name)
    return True


def write(name: str, data: bytes) -> bool:
    """Store ``data`` as entry ``name`` atomically; False (and nothing raised) when that is impossible."""
    path = _prepare(name)
    if path is None:
        return False
    temporary = _temporary_path(path)
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
    except OSError:
        _discard(temporary)
        return False
    return _publish(temporary, path)


def _prune(directory: str, family: str, keep: str) -> None:
    import time

    limit = time.time() - STALE_SECONDS
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if name.startswith(family) and name != keep:
            path = os.path.join(directory, name)
            try:
                if os.stat(path).st_mtime < limit:
                    os.unlink(path)
            except OSError:
                pass


def load(name: str, default: Any = None) -> Any:
    """The value stored as entry ``name`` by :func:`store`; ``default`` when it is absent or damaged."""
    import marshal

    data = read(name)
    if data is None:
        return default
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):  # a damaged entry: the caller rebuilds it
        return default


def store(name: str, value: Any) -> bool:
    """Keep plain data ``value`` (str, numbers, lists, dicts … as ``marshal`` holds them) as entry
    ``name``; False when it cannot be stored (no cache, unwritable, a type marshal refuses)."""
    import marshal

    try:
        data = marshal.dumps(value)
    except ValueError:
        return False
    return write(name, data)


def clear() -> int:
    """Remove every entry budgetlint wrote; the number of files removed."""
    directory = cache_dir()
    removed = 0
    if not directory or not os.path.isdir(directory):
        return removed
    for name in os.listdir(directory):
        if not name.startswith(PREFIX):
            continue
        try:
            os.unlink(os.path.join(directory, name))
            removed += 1
        except OSError:
            pass
    return removed
