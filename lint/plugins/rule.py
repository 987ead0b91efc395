"""The contract every rule implements, built-in or third-party.

A rule is a class with a code, a kebab-case name, a default severity, a
docstring in four sections (What it does / Why is this bad? / Example / Source)
and a ``check(doc)`` generator. The engine creates one instance per run with
the message language, so rules only state facts in both languages through
:meth:`Rule.report`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import ClassVar, NamedTuple

from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.model.nodes import NORMALIZED_LINES, Document

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Source")
_CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class LineMatch(NamedTuple):
    span: Span
    shown: str  # the matched text as printed (original width)
    match: re.Match[str]


def _document_text(doc: Document, normalized: bool) -> tuple[str, list[int]]:
    """The whole document as one string (normalized or as printed) and each line's start offset."""

    def build(doc: Document) -> tuple[str, list[int]]:
        from itertools import accumulate

        lines = doc.lines
        if normalized:
            from budgetlint.model.numbers import normalize_width

            lines = doc.derived(NORMALIZED_LINES, lambda d: tuple(normalize_width(line) for line in d.lines))
        starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        return "\n".join(lines), starts

    result: tuple[str, list[int]] = doc.derived(f"document-text-{normalized}", build)
    return result


def line_matches(doc: Document, pattern: re.Pattern[str], normalized: bool = True) -> Iterator[LineMatch]:
    """Every match of ``pattern`` within a source line, searched in width-normalized text
    (full-width ASCII → ASCII) unless ``normalized`` is false.

    One pass of the pattern over the whole document (much faster than one per line);
    normalization keeps lengths, so the columns are the printed text's. Matches that
    would run across a line end are skipped.
    """
    from bisect import bisect_right

    text, starts = _document_text(doc, normalized)
    for match in pattern.finditer(text):
        start, end = match.span()
        if "\n" in text[start:end]:
            continue
        number = bisect_right(starts, start)
        offset = starts[number - 1]
        raw = doc.lines[number - 1]
        yield LineMatch(
            Span(number, start - offset + 1, number, end - offset + 1), raw[start - offset : end - offset], match
        )


def han_run_start(text: str, end: int, longest: int, floor: int = 0) -> int:
    """Start of the run of Chinese characters (U+4E00–U+9FFF) that ends at ``end``: at most
    ``longest`` characters long and not reaching before ``floor``.

    Rules find "words + figure" by the figure, then read the words backwards: a regex that
    starts with a class of 21,000 Chinese characters takes milliseconds to compile and is
    tried at every character of the text.
    """
    start = end
    while start > floor and end - start < longest and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    return start


class Rule:
    """Base class of all rules. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    #: One-line summaries shown by ``budgetlint rules``.
    summary_zh: ClassVar[str] = ""
    summary_en: ClassVar[str] = ""
    #: Whether the rule also runs on a document whose input yielded no text
    #: (:meth:`Document.unread <budgetlint.model.nodes.Document.unread>`): true only for a rule
    #: that reports ``doc.read_failures``; any other rule would judge an empty document.
    runs_on_unread_documents: ClassVar[bool] = False

    def __init__(self, lang: str = "zh", severity: Severity | None = None) -> None:
        self.lang = lang
        self.effective_severity = severity or self.severity

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        """Yield this rule's findings for ``doc``."""
        raise NotImplementedError  # pragma: no cover - abstract

    # -- helpers for subclasses ------------------------------------------------
    def report(self, doc: Document, span: Span, zh: str, en: str, severity: Severity | None = None) -> Diagnostic:
        """A diagnostic at ``span`` with the message in the run's language."""
        return Diagnostic(
            path=doc.path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            code=self.code,
            name=self.name,
            severity=severity or self.effective_severity,
            message=zh if self.lang == "zh" else en,
        )

    # -- documentation -----------------------------------------------------------
    @classmethod
    def documentation(cls) -> str:
        """The rule's docstring, dedented (``budgetlint rule CODE`` prints it)."""
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls, lang: str = "zh") -> str:
        if lang == "zh" and cls.summary_zh:
            return cls.summary_zh
        if cls.summary_en:
            return cls.summary_en
        return cls.documentation().splitlines()[0] if cls.__doc__ else ""

    @classmethod
    def problems(cls) -> list[str]:
        """What is wrong with this rule's declaration (empty when it is well formed)."""
        found = []
        if not _CODE.match(cls.code):
            found.append(f"code {cls.code!r} is not like BL123")
        if not _NAME.match(cls.name):
            found.append(f"name {cls.name!r} is not kebab-case")
        if not isinstance(cls.severity, Severity):
            found.append("severity is not a Severity")
        doc = cls.documentation()
        for section in DOC_SECTIONS:
            if f"## {section}" not in doc:
                found.append(f"docstring lacks the section '## {section}'")
        if not cls.summary_zh or not cls.summary_en:
            found.append("summary_zh and summary_en are required")
        return found
