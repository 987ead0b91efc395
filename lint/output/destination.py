"""Where a report goes: standard output (through click, colors only on a terminal) or a file.

Opening ``-o FILE`` creates its directory; a file that cannot be written ends the run
(:class:`~budgetlint.run.status.FatalError`, exit 2) before anything is linted. The report
is written atomically (:class:`~budgetlint.run.safe_write.AtomicTextFile`): the previous
report stays whole until the new one is complete, and a failed or interrupted run keeps it.
"""

from __future__ import annotations

import sys
from typing import TextIO

import click

from budgetlint.run.safe_write import AtomicTextFile
from budgetlint.run.status import FatalError


class Destination:
    """A :class:`~budgetlint.output.writer.Sink` for standard output or ``-o FILE``.

    With ``clear_progress`` (a progress bar on a terminal's standard error) each write
    first clears the bar's line, so the bar redraws below the output.
    """

    def __init__(self, output_file: str | None, clear_progress: bool = False) -> None:
        self.file: TextIO | None = None
        self._atomic: AtomicTextFile | None = None
        self.output_file = output_file
        if output_file is not None:
            try:
                self._atomic = AtomicTextFile(output_file)
            except OSError as exc:
                raise FatalError(f"{output_file}: cannot write the report: {exc.strerror or exc}") from exc
            self.file = self._atomic.handle
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
        """Put the finished report in place (``-o``)."""
        if self._atomic is not None:
            atomic, self._atomic = self._atomic, None
            try:
                atomic.commit()
            except OSError as exc:
                raise FatalError(f"{self.output_file}: cannot write the report: {exc.strerror or exc}") from exc

    def discard(self) -> None:
        """Drop a report the run did not finish; a previous ``-o`` file stays as it was."""
        if self._atomic is not None:
            atomic, self._atomic = self._atomic, None
            atomic.discard()


def write_text(text: str, output_file: str | None) -> None:
    """Write a finished report (``--statistics``) to standard output or ``output_file``."""
    destination = Destination(output_file)
    try:
        destination(text)
    except BaseException:
        destination.discard()
        raise
    destination.close()
