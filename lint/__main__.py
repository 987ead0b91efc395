"""The ``budgetlint`` console script (and ``python -m budgetlint``).

The command line is imported inside a guard: Ctrl-C while the interpreter is still importing
click, Lark and the rules (most of a cold start) exits 130, as an interrupted command does,
with "Aborted!" and no traceback. Once imported, :func:`budgetlint.cli.main` handles Ctrl-C
itself (also 130).
"""

from __future__ import annotations

import sys

#: 128 + SIGINT (``budgetlint.run.status.EXIT_INTERRUPTED``, not imported: the import is what
#: may be interrupted).
_EXIT_INTERRUPTED = 130


def main() -> object:
    """Import the command line and run it; an interrupt at any point exits 130 quietly."""
    try:
        from budgetlint.cli import main as run

        return run()
    except KeyboardInterrupt:
        sys.stderr.write("Aborted!\n")
        sys.exit(_EXIT_INTERRUPTED)


if __name__ == "__main__":  # pragma: no cover
    main()
