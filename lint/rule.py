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
from typing import ClassVar, Iterator, NamedTuple

from budgetlint.diagnostics import Diagnostic, Severity, Span
from budgetlint.nodes import Document

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Source")
_CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class LineMatch(NamedTuple):
    span: Span
    shown: str  # the matched text as printed (original width)
    match: "re.Match[str]"


def line_matches(doc: Document, pattern: "re.Pattern[str]", normalized: bool = True) -> Iterator[LineMatch]:
    """Every match of ``pattern`` in every source line, searched in width-normalized text
    (full-width ASCII → ASCII) unless ``normalized`` is false.

    Normalization keeps lengths, so the match's columns are the printed text's.
    """
    from budgetlint.numbers import normalize_width

    for number, raw in enumerate(doc.lines, start=1):
        for match in pattern.finditer(normalize_width(raw) if normalized else raw):
            start, end = match.span()
            yield LineMatch(Span(number, start + 1, number, end + 1), raw[start:end], match)


class Rule:
    """Base class of all rules. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    #: One-line summaries shown by ``budgetlint rules``.
    summary_zh: ClassVar[str] = ""
    summary_en: ClassVar[str] = ""

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
