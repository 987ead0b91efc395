"""Writing reports and baselines without ever losing a file.

Two promises of the README meet here: "input files are never modified", and a file
budgetlint writes is either the old one or the complete new one.

- :func:`refuse_overwriting_inputs` stops the run (exit 2, before anything is linted)
  when ``-o``, ``--write-baseline`` or the report would land on a document being linted,
  on a lintable file inside a folder being linted, or on the baseline being read.
  ``budgetlint a.txt -o a.txt`` used to replace the document with its own report.
- :class:`AtomicTextFile` writes to a temporary file beside the target (created
  exclusively, so a planted name or symlink is never followed) and moves it into place
  with :func:`os.replace` only when the writing is done: a run killed mid-write, or one
  that fails, leaves the previous file as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TextIO

from budgetlint.run.status import FatalError

STDIN = "-"


def _same_file(a: str, b: str) -> bool:
    """The two paths name one file (after symlinks), whether or not it exists yet."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _inside(path: str, folder: str) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, base]) == base


def refuse_overwriting_inputs(
    inputs: Sequence[str],
    files: Sequence[str],
    suffixes: Sequence[str],
    *,
    output_file: str | None,
    baseline: str | None,
    write_baseline: str | None,
) -> None:
    """Raise :class:`FatalError` when a path the run writes is one it reads.

    ``inputs`` are the paths the user gave, ``files`` the documents found in them and
    ``suffixes`` the lintable extensions (a report written as ``docs/report.txt`` into a
    linted folder ``docs`` is a document of that folder).
    """
    targets = [("-o/--output", output_file), ("--write-baseline", write_baseline)]
    folders = [p for p in inputs if p != STDIN and os.path.isdir(p)]
    for option, target in targets:
        if not target:
            continue
        for document in files:
            if document != STDIN and _same_file(target, document):
                raise FatalError(f"{target}: {option} would overwrite a document being linted; choose another file")
        lintable = target.lower().endswith(tuple(s.lower() for s in suffixes))
        for folder in folders:
            if lintable and _inside(target, folder):
                raise FatalError(
                    f"{target}: {option} would write a {os.path.splitext(target)[1]} file into the folder "
                    f"being linted ({folder}); write it elsewhere or use another extension"
                )
        if baseline and _same_file(target, baseline):
            raise FatalError(f"{target}: {option} would overwrite the baseline being read (--baseline)")
    if output_file and write_baseline and _same_file(output_file, write_baseline):
        raise FatalError(f"{output_file}: -o/--output and --write-baseline name the same file")


class AtomicTextFile:
    """A text file written beside its target and moved into place by :meth:`commit`.

    Until :meth:`commit`, the target is untouched; :meth:`discard` (or a failure)
    removes the temporary file. The new file gets the old one's permissions, or the
    usual ones for a new file (0666 less the umask) — not ``mkstemp``'s private 0600.
    """

    def __init__(self, path: str, newline: str = "") -> None:
        self.path = path
        import tempfile  # only when a file is written: not on a plain run's start-up path

        directory = os.path.dirname(os.path.abspath(path))
        os.makedirs(directory, exist_ok=True)
        descriptor, self.temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp"
        )
        self.handle: TextIO = os.fdopen(descriptor, "w", encoding="utf-8", newline=newline)

    def commit(self) -> None:
        """Finish the file and put it in the target's place."""
        self.handle.close()
        try:
            os.chmod(self.temporary, _mode_for(self.path))
            os.replace(self.temporary, self.path)
        except OSError:
            self.discard()
            raise

    def discard(self) -> None:
        """Drop what was written; the target keeps its old content."""
        self.handle.close()
        try:
            os.unlink(self.temporary)
        except FileNotFoundError:
            pass


def write_atomically(path: str, write: Callable[[TextIO], object], newline: str = "") -> None:
    """Write ``path`` through :class:`AtomicTextFile`: ``write`` fills the file, and only a
    complete file replaces the old one (a failure, or Ctrl-C, leaves it as it was)."""
    target = AtomicTextFile(path, newline=newline)
    try:
        write(target.handle)
    except BaseException:
        target.discard()
        raise
    target.commit()


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
