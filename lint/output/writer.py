"""The one contract every output format meets, and what formats share.

A report is written through a :class:`ReportWriter`: ``start`` once, ``add`` per
document as its result arrives (in the order of the input paths), ``finish`` once with
the run's counts. Streamed formats (full, concise, csv) write in ``add``, so a long run
shows its findings as it goes and holds nothing but counts; whole-run formats (json,
sarif, ...) collect compact results and write at ``finish``; the HTML report asks for
each document's fragment to be rendered in the worker that linted it
(:attr:`ReportWriter.document_renderer`) and spools the fragments until ``finish``.

Writers never print: they write to a :class:`Sink` (standard output, a file, a string).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol, TextIO

from budgetlint.model.diagnostics import Severity
from budgetlint.run.batch import DocumentRenderer
from budgetlint.run.runner import LintResult

#: ``click.style``-like: ``style(text, fg=..., bold=...)``; :func:`plain` adds nothing.
Style = Callable[..., str]


def plain(text: str, **_: object) -> str:
    """The style for files and pipes: the text unchanged."""
    return text


class Counts(NamedTuple):
    """Files and findings per severity of a whole run (the closing line of full and concise)."""

    files: int
    errors: int
    warnings: int
    infos: int
    #: Of ``files``, those that were no budget disclosure (BL004): not checked.
    not_disclosures: int = 0

    @classmethod
    def of(cls, results: Sequence[LintResult]) -> Counts:
        diagnostics = [d for r in results for d in r.diagnostics]
        return cls(
            files=len(results),
            errors=sum(d.severity is Severity.ERROR for d in diagnostics),
            warnings=sum(d.severity is Severity.WARNING for d in diagnostics),
            infos=sum(d.severity is Severity.INFO for d in diagnostics),
            not_disclosures=sum(r.not_a_disclosure for r in results),
        )


class Sink(Protocol):
    """Where a report goes."""

    def __call__(self, text: str) -> None:
        """Write ``text`` (nothing for an empty string)."""

    def stream(self) -> TextIO:
        """The raw text stream, for writers that produce a lot at once and need no colors."""


class ReportWriter(Protocol):
    """One output format. Built as ``Writer(sink, lang, style)`` (see budgetlint.output.formats)."""

    #: Renders a document's part of the report while its AST is alive (None: not needed).
    document_renderer: DocumentRenderer | None

    def start(self) -> None:
        """Before the first result (e.g. the CSV header)."""

    def add(self, result: LintResult) -> None:
        """One document's result, in input order, after per-file-ignores and the baseline."""

    def finish(self, counts: Counts) -> None:
        """After the last result."""


class WholeRunRender(Protocol):
    """A whole-run format as a function of every result: ``render(results, lang=..., style=...)``."""

    def __call__(self, results: Sequence[LintResult], lang: str = ..., style: Style = ...) -> str: ...


class WholeRunWriter:
    """A format written at the end from all results (json, json-lines, github, gitlab, sarif, junit).

    Only compact results are kept (diagnostics and the source lines they point at, never
    documents), so holding a whole run costs little.
    """

    document_renderer: DocumentRenderer | None = None

    def __init__(self, render: WholeRunRender, sink: Sink, lang: str, style: Style) -> None:
        self.render = render
        self.sink = sink
        self.lang = lang
        self.style = style
        self.results: list[LintResult] = []

    def start(self) -> None:
        """Nothing before the results."""

    def add(self, result: LintResult) -> None:
        self.results.append(result)

    def finish(self, counts: Counts) -> None:
        self.sink(self.render(self.results, lang=self.lang, style=self.style))
