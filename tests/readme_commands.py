"""The ``budgetlint`` command lines of the README's ``sh`` blocks (for tests and benchmarks/readme_check.sh).

Each fenced block marked ``sh`` is split into shell commands (``&&``, ``;``, ``|`` and line
ends separate them; ``#`` starts a comment); a command whose program is ``budgetlint`` (or
``….venv/bin/budgetlint``) is returned as its argument list. ``python tests/readme_commands.py``
prints them one per line, shell-quoted, for the script that runs them.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
_SEPARATORS = {"&&", "||", ";", "|"}


def sh_blocks(text: str) -> list[str]:
    return _BLOCK.findall(text)


def budgetlint_commands(text: str) -> list[list[str]]:
    """Every ``budgetlint …`` command of the ``sh`` blocks, as its arguments (without the program)."""
    commands: list[list[str]] = []
    for block in sh_blocks(text):
        for line in block.replace("\\\n", " ").splitlines():
            lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
            lexer.whitespace_split = True
            lexer.commenters = "#"
            words: list[str] = []
            for token in [*lexer, ";"]:
                if token in _SEPARATORS:
                    if words and (words[0] == "budgetlint" or words[0].endswith("/bin/budgetlint")):
                        commands.append(words[1:])
                    words = []
                else:
                    words.append(token)
    return commands


if __name__ == "__main__":  # pragma: no cover - used by benchmarks/readme_check.sh
    for arguments in budgetlint_commands(README.read_text(encoding="utf-8")):
        sys.stdout.write(shlex.join(arguments) + "\n")
