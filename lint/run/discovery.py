"""Which files a run lints: folders searched, exclusions, ``.gitignore``, explicit files.

A folder is searched recursively, in sorted order, for the suffixes budgetlint reads
(plain text and every reader's), matched without regard to case (``A.TXT``,
``d.Pdf``), plus the old binary office formats (``.doc``, ``.xls``, ``.wps``, ``.et``),
which are listed so the run can say to convert them (BL001) instead of passing over
them in silence. Left out of a folder's search, like ruff does:

- hidden entries (``.git``, ``.venv``, ``.tox`` …) and the usual build and tool
  folders (:data:`DEFAULT_EXCLUDE`); ``exclude`` replaces that list, ``extend-exclude``
  adds to it;
- inside a git work tree, what git ignores (``.gitignore`` files at every level,
  ``.git/info/exclude``, the user's global excludes). Git itself answers
  (``git check-ignore``), so the rules are git's exactly and budgetlint carries no
  matcher of its own; outside a work tree, or without git installed, nothing is
  ignored on that ground. ``respect-gitignore = false`` turns this off.

Patterns are globs: one without ``/`` matches a file or folder name at any depth
(``build``, ``*.egg-info``, ``草稿*.pdf``); one with ``/`` matches the path relative to
the folder of the configuration file that sets it, or to the current directory for
the command line (``archive/2019/*``; ``*`` crosses ``/``). A file named on the
command line is linted even when excluded or ignored, unless ``force-exclude`` is set
(as in ruff, for tools such as pre-commit that pass every changed file); a folder named
there is searched even when git ignores it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Iterator
from fnmatch import fnmatchcase
from typing import NamedTuple

from budgetlint.read.base import LEGACY_FORMATS
from budgetlint.run.runner import STDIN, file_kind

#: Folders (and files) no search enters unless ``exclude`` is replaced: version control,
#: virtual environments, caches and build output, where .txt files are not documents.
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".hg",
    ".mypy_cache",
    ".nox",
    ".pytest_cache",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    "__pycache__",
    "__pypackages__",
    "*.egg-info",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
)


class Pattern(NamedTuple):
    """An exclusion glob and the folder its ``/`` patterns are relative to."""

    glob: str
    root: str

    def matches(self, path: str) -> bool:
        glob = self.glob.replace("\\", "/").removeprefix("./").rstrip("/")
        name = os.path.basename(path)
        if "/" not in glob:
            return fnmatchcase(name, glob)
        relative = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        if relative.startswith("../"):
            return False
        return fnmatchcase(relative, glob) or (glob.startswith("**/") and fnmatchcase(relative, glob[3:]))


def patterns(globs: Iterable[str], root: str) -> tuple[Pattern, ...]:
    """``globs`` relative to ``root`` (made absolute now: the run may not change directory later)."""
    absolute = os.path.abspath(root)
    return tuple(Pattern(glob.strip(), absolute) for glob in globs if glob.strip())


class FileSelection(NamedTuple):
    """What the search leaves out (see the module docstring)."""

    exclude: tuple[Pattern, ...] = patterns(DEFAULT_EXCLUDE, os.sep)  # names only: no root needed
    extend_exclude: tuple[Pattern, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False

    def excluded(self, path: str) -> bool:
        return any(p.matches(path) for p in self.exclude + self.extend_exclude)


def suffix_of(name: str) -> str:
    """The lower-case suffix (``REPORT.PDF`` → ``.pdf``)."""
    return os.path.splitext(name)[1].lower()


def discover(
    paths: Iterable[str],
    suffixes: Iterable[str],
    skipped: list[str] | None = None,
    selection: FileSelection | None = None,
) -> Iterator[str]:
    """The files to lint, in order: each folder expanded, each named file kept (see the module docstring).

    Inside a folder only regular files are documents: a FIFO named ``x.txt`` would hang the
    run and a device would be read forever. What is left out for another reason than its
    name — an unreadable folder, a symbolic link to a folder (not followed: it can loop or
    leave the tree), a non-regular file — is described in ``skipped`` so the user is told.
    """
    selection = selection or FileSelection()
    wanted = frozenset(s.lower() for s in suffixes) | frozenset(LEGACY_FORMATS)
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            found = list(_search(path, wanted, selection, skipped))
            if selection.respect_gitignore:
                # A folder named on the command line is searched even when git ignores it (as a
                # file named there is linted): then git's answer covers it whole, so it is not asked.
                ignored = git_ignored(path, [path, *found])
                if path not in ignored:
                    found = [f for f in found if f not in ignored]
            yield from found
        elif path != STDIN and selection.force_exclude and _excluded_file(path, selection):
            continue
        else:
            yield path


def _excluded_file(path: str, selection: FileSelection) -> bool:
    """A named file that a folder's search would have left out (``force-exclude``): a pattern
    matches it or a folder on its path, or git ignores it."""
    current = os.path.normpath(path)
    while current not in ("", ".", os.sep):
        if selection.excluded(current):
            return True
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    return selection.respect_gitignore and bool(git_ignored(os.path.dirname(os.path.abspath(path)), [path]))


def _search(top: str, wanted: frozenset[str], selection: FileSelection, skipped: list[str] | None) -> Iterator[str]:
    def unreadable(error: OSError) -> None:
        if skipped is not None:
            skipped.append(f"{error.filename}: folder not searched ({error.strerror or error})")

    for root, dirs, files in _walk(top, unreadable):
        visible = sorted(d for d in dirs if not d.startswith("."))
        dirs[:] = []
        for name in visible:
            folder = os.path.join(root, name)
            if selection.excluded(folder):
                continue
            if os.path.islink(folder):
                if skipped is not None:
                    skipped.append(f"{folder}: symbolic link to a folder, not followed")
            else:
                dirs.append(name)
        for name in sorted(files):
            if suffix_of(name) not in wanted or name.startswith("."):
                continue
            candidate = os.path.join(root, name)
            if selection.excluded(candidate):
                continue
            kind = file_kind(candidate)
            if kind is None:
                yield candidate
            elif skipped is not None:
                skipped.append(f"{candidate}: {kind[1]}, not a regular file")


def _walk(top: str, onerror: Callable[[OSError], None]) -> Iterator[tuple[str, list[str], list[str]]]:
    """:func:`os.walk` (top-down, symbolic links to folders listed but not entered), with a
    stack instead of recursion: ``os.walk`` recurses once per level, so a tree deeper than
    Python's recursion limit (about 1,000 levels) failed the whole run. The caller may prune
    ``dirs`` in place; a folder that cannot be listed (unreadable, a path over the system's
    length limit) goes to ``onerror`` and the walk goes on."""
    stack = [top]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as listing:
                entries = list(listing)
        except OSError as error:
            onerror(error)
            continue
        dirs: list[str] = []
        files: list[str] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry.name)
        yield root, dirs, files
        stack.extend(
            os.path.join(root, name) for name in reversed(dirs) if not os.path.islink(os.path.join(root, name))
        )


def git_ignored(folder: str, files: list[str]) -> set[str]:
    """Those of ``files`` that git ignores, when ``folder`` is inside a git work tree (else none).

    One ``git check-ignore`` for the whole list; tracked files are never reported (git
    does not apply ignore rules to them). Any failure — git missing, not a work tree —
    means nothing is ignored: the search then lints what it found.
    """
    if not files:
        return set()
    try:
        done = subprocess.run(
            ["git", "-C", folder, "check-ignore", "-z", "--stdin"],
            input="\0".join(os.path.abspath(f) for f in files).encode("utf-8", "surrogateescape"),
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if done.returncode not in (0, 1):  # 128: not a work tree (or git failed)
        return set()
    ignored = {os.path.normcase(p) for p in done.stdout.decode("utf-8", "surrogateescape").split("\0") if p}
    return {f for f in files if os.path.normcase(os.path.abspath(f)) in ignored}
