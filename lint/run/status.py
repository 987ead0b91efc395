"""How a run ends: the exit statuses and the two kinds of problem that stop a run early.

Why here and not in the CLI: the run and output modules detect these problems (a bad
configuration file, an unwritable report), and the CLI only turns them into messages.
"""

from __future__ import annotations

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: Interrupted (Ctrl-C): 128 + SIGINT, as shells report it; never 1, which means findings.
EXIT_INTERRUPTED = 130


class UsageProblem(ValueError):
    """An option value that cannot be used; the CLI reports it as a usage error (exit 2)."""


class FatalError(Exception):
    """A problem that ends the run with exit status 2; the message names the file."""


def exit_status(failures: list[str], worst: int, exit_zero: bool) -> int:
    """2 after internal failures, 1 for findings at warning or above (unless ``--exit-zero``), else 0."""
    if failures:
        return EXIT_ERROR
    return EXIT_FINDINGS if worst >= 1 and not exit_zero else EXIT_CLEAN
