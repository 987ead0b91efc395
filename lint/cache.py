"""A small on-disk cache for work that is the same on every run (compiled grammars, profiles).

A pre-commit hook starts budgetlint for every commit, so anything a run can
reuse from the previous one should not be recomputed: the analysed grammars
(Lark's ``Lark.save``, see :mod:`budgetlint.grammar`) and the parsed profile
files (plain data, stored with ``marshal``). Entries are files in the user's
cache directory, named by a key that covers everything they depend on.

Why the cache is guarded: a grammar entry is read back with ``Lark.load``, which
unpickles, i.e. can run code, and a rewritten profile entry could silently turn
a check off. Whoever can write the cache folder could therefore act with the
user's privileges. So the cache trusts a folder only as pip does:

* the folder is absolute. A relative ``BUDGETLINT_CACHE_DIR`` or
  ``XDG_CACHE_HOME``, or a home that does not expand (``HOME`` unset and no
  passwd entry gives ``~/.cache``), would put it in the current directory --
  inside the repository being linted, which may ship a planted entry -- so a
  relative ``XDG_CACHE_HOME`` falls back to ``~/.cache`` (as the XDG spec says)
  and anything else relative means no cache;
* the folder is created ``0700`` and is used only while it is a directory owned
  by the current user and not writable by group or others (a shared ``/tmp`` or
  another user's folder is refused); each entry must be a regular file of the
  user's, not writable by others, and is opened without following symlinks;
* every entry starts with a header: a format tag and the SHA-256 of the entry's
  name and payload, checked before the payload reaches ``marshal`` or
  ``Lark.load``. This catches a truncated, damaged (one flipped bit), foreign or
  older-format entry, and an entry copied under another entry's name; any entry
  that fails a check is rebuilt, never loaded. It is not a signature: an HMAC
  whose key lived in this same folder would add nothing, since anyone able to
  write the key could write entries too, and the ownership and permission checks
  already exclude everyone but the user;
* entries are written to a temporary file made exclusively (``mkstemp``:
  ``O_EXCL``, a random name, a planted symlink is never followed) in the cache
  folder and renamed into place with ``os.replace``, so concurrent workers never
  read half an entry.

The directory is ``$BUDGETLINT_CACHE_DIR`` when set, else the platform's user
cache directory (``$XDG_CACHE_HOME/budgetlint`` or ``~/.cache/budgetlint`` on
Linux). ``BUDGETLINT_CACHE_DIR=""`` (empty) turns the cache off. A cache that
cannot be used (read-only home, sandbox, a folder that fails the checks above)
only costs speed, never a failure.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from typing import Any

ENV_DIR = "BUDGETLINT_CACHE_DIR"


def cache_dir() -> str | None:
    """The cache directory to use (always absolute), or None when caching is turned off or no
    absolute folder can be named."""
    configured = os.environ.get(ENV_DIR)
    if configured is not None:
        return _absolute(os.path.expanduser(configured)) if configured else None
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
        return _absolute(os.path.join(base, "budgetlint", "Cache"))
    if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        return _absolute(os.path.expanduser("~/Library/Caches/budgetlint"))
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is invalid and ignored
        base = os.path.expanduser("~/.cache")
    return _absolute(os.path.join(base, "budgetlint"))


def _absolute(path: str) -> str | None:
    """``path`` when it is absolute; None for a relative one, which would land in the current
    directory (the working tree being linted)."""
    return path if os.path.isabs(path) else None


#: Every entry's file name starts with this, so that :func:`clear` never touches other files.
PREFIX = "budgetlint-"


def _private(status: os.stat_result) -> bool:
    """Whether a file or folder with ``status`` belongs to this user and only this user can
    write it (what pip asks of its cache). Systems without uids check nothing here."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # pragma: no cover - Windows
        return True
    return status.st_uid == geteuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def trusted_dir(create: bool = False) -> str | None:
    """The cache directory when it may be used: it exists (made ``0700`` when ``create``), is a
    directory and is private to this user; None otherwise (caching off, refused or impossible)."""
    directory = cache_dir()
    if directory is None:
        return None
    if create:
        try:
            os.makedirs(directory, mode=0o700, exist_ok=True)
        except OSError:
            return None
    try:
        status = os.stat(directory)
    except OSError:
        return None
    return directory if stat.S_ISDIR(status.st_mode) and _private(status) else None


def entry_path(name: str) -> str | None:
    """Where the entry ``name`` lives (whether or not it exists yet); None when caching is off."""
    directory = cache_dir()
    return os.path.join(directory, PREFIX + name) if directory else None


#: The first bytes of every entry: bump the digit when the header or payloads change meaning,
#: so that entries of another format are rebuilt rather than misread.
MAGIC = b"budgetlint-cache-2\n"
_DIGEST_SIZE = hashlib.sha256().digest_size


def _digest(name: str, payload: bytes) -> bytes:
    """What binds ``payload`` to entry ``name``: an entry copied under another name fails too."""
    return hashlib.sha256(MAGIC + name.encode("utf-8") + b"\0" + payload).digest()


def _sealed(name: str, payload: bytes) -> bytes:
    return MAGIC + _digest(name, payload) + payload


def _unsealed(name: str, data: bytes) -> bytes | None:
    """The payload of entry bytes ``data``; None unless the tag and the digest both match."""
    start = len(MAGIC) + _DIGEST_SIZE
    if len(data) < start or not data.startswith(MAGIC):
        return None
    payload = data[start:]
    return payload if data[len(MAGIC) : start] == _digest(name, payload) else None


def read(name: str) -> bytes | None:
    """The payload of entry ``name``; None when it is absent, unreadable, not private to this
    user, fails its integrity check, or caching is off."""
    directory = trusted_dir()
    if directory is None:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(os.path.join(directory, PREFIX + name), flags)
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not (stat.S_ISREG(status.st_mode) and _private(status)):
                return None
            data = handle.read()
    except OSError:
        return None
    return _unsealed(name, data)


#: Entries of the same family (``grammar-document-…``, ``profiles-…``) older than this are removed when a
#: new one is written, so old grammar versions do not pile up.
STALE_SECONDS = 30 * 24 * 3600


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
    """Store ``data`` as entry ``name`` atomically; False (and nothing raised) when that is impossible.

    The temporary file is made by ``mkstemp`` (exclusive creation, mode 0600, a name no one
    can plant a symlink at in advance); it keeps the entry's prefix, so :func:`clear`
    removes it if a crash leaves it behind.
    """
    import tempfile

    directory = trusted_dir(create=True)
    if directory is None:
        return False
    path = os.path.join(directory, PREFIX + name)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=PREFIX + name + ".", suffix=".tmp", dir=directory)
    except OSError:
        return False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(_sealed(name, data))
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
                if os.lstat(path).st_mtime < limit:
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
    except (EOFError, ValueError, TypeError):  # an entry of ours that marshal refuses: rebuilt
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
