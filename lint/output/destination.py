"""Where a report goes: standard output (through click, colors only on a terminal) or a file.

Opening ``-o FILE`` creates its directory; a file that cannot be written ends the run
(:class:`~budgetlint.run.status.FatalError`, exit 2) before anything is linted.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

import click

from budgetlint.run.status import FatalError


class Destination:
    """A :class:`~budgetlint.output.writer.Sink` for standard output or ``-o FILE``.

    With ``clear_progress`` (a progress bar on a terminal's standard error) each write
    first clears the bar's line, so the bar redraws below the output.
    """

    def __init__(self, output_file: str | None, clear_progress: bool = False) -> None:
        self.file: TextIO | None = None
        if output_file is not None:
            try:
                os.makedirs(os.path.dirname(os.path.abspath(output_file)), exist_ok=True)
                self.file = open(output_file, "w", encoding="utf-8", newline="")
            except OSError as exc:
                raise FatalError(f"{output_file}: cannot write the report: {exc.strerror or exc}") from exc
        self.clear_progress = clear_progress and self.file is None

    def __call__(self, text: str) -> None:
        if not text:
            return
        if self.file is not None:
            self.file.write(text)
            return
        if self.clear_progress:
            click.echo("\r\033[K", nl=False, err=True)
        click.echo(text, nl=False)

    def stream(self) -> TextIO:
        if self.file is not None:
            return self.file
        if self.clear_progress:
            sys.stderr.write("\r\033[K")
        return sys.stdout

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def write_text(text: str, output_file: str | None) -> None:
    """Write a finished report (``--statistics``) to standard output or ``output_file``."""
    destination = Destination(output_file)
    try:
        destination(text)
    finally:
        destination.close()
