"""The contract every rule implements, built-in or third-party.

A rule is a class with a code, a kebab-case name, a default severity, a
docstring in four sections (What it does / Why is this bad? / Example / Source),
optionally the same documentation in Chinese (``doc_zh``: 作用 / 为什么有问题？ / 示例 /
依据; ``budgetlint rule CODE`` shows it by default, as messages are Chinese by default)
and a ``check(ctx)`` generator. The engine creates one instance per run with
the message language, so rules only state facts in both languages through
:meth:`Rule.report`.

``check`` receives a :class:`~budgetlint.analysis.context.DocumentContext`:
``ctx.doc`` is the immutable Document, ``ctx.options`` the run's options (exact
rounding, the requested profile) and the other attributes the shared analyses
(``ctx.table_models``, ``ctx.narrative``, ``ctx.fact_index``, ``ctx.toc_match``,
``ctx.profile_selection`` …), each computed once per document.

Changed in 0.2: rules of 0.1 wrote ``check(self, doc)`` and received the Document.
They keep working for one release: :func:`run_check` sees, once per class, that the
first parameter of ``check`` is not a context (named ``ctx``/``context`` or
annotated ``DocumentContext``), passes the Document and warns (DeprecationWarning).
Removed in 0.3.
"""

from __future__ import annotations

import inspect
import re
import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import ClassVar, NamedTuple

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.model.nodes import Document

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Source")
#: The same four sections in the Chinese documentation (``doc_zh``).
DOC_SECTIONS_ZH = ("作用", "为什么有问题？", "示例", "依据")
_CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class LineMatch(NamedTuple):
    span: Span
    shown: str  # the matched text as printed (original width)
    match: re.Match[str]


def line_matches(
    source: DocumentContext | Document, pattern: re.Pattern[str], normalized: bool = True
) -> Iterator[LineMatch]:
    """Every match of ``pattern`` within a source line, searched in width-normalized text
    (full-width ASCII → ASCII) unless ``normalized`` is false.

    One pass of the pattern over the whole document (much faster than one per line);
    normalization keeps lengths, so the columns are the printed text's. Matches that
    would run across a line end are skipped. ``source`` is the rule's context (whose
    joined text is built once for all rules); a 0.1 rule may still pass its Document.
    """
    ctx = source if isinstance(source, DocumentContext) else DocumentContext(source)
    doc = ctx.doc
    text, starts = ctx.normalized_text if normalized else ctx.printed_text
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


def cite_line(doc: Document, line: int, lang: str = "zh") -> str:
    """How a message names another ``line`` of the document so its reader can find it.

    The reader of a PDF sees pages, not the lines budgetlint extracted: ``第 17 页`` (with
    the file's name in front when parts were joined, as each part counts its own pages);
    a Word or Excel line is named by its origin (``T2:R3``, ``表1!A5``); plain text by its
    line, ``第 58 行``, which is what its reader sees.
    """
    place = doc.place(line)
    if place is None:
        return f"第 {line} 行" if lang == "zh" else f"line {line}"
    if not place.page:
        return place.label
    page = f"第 {place.page} 页" if lang == "zh" else f"page {place.page}"
    return f"{place.label} {page}" if place.label else page


def cite_lines(doc: Document, lines: Sequence[int], lang: str = "zh", most: int = 5) -> str:
    """:func:`cite_line` for several lines: ``第 3、5 行``, ``第 17、18 页``; at most ``most`` named."""
    places = [doc.place(line) for line in lines]
    if all(p is None for p in places):
        numbers = [str(line) for line in lines]
        unit_zh, unit_en = "行", "lines"
    elif all(p is not None and p.page and not p.label for p in places):
        numbers = list(dict.fromkeys(str(p.page) for p in places if p is not None))
        unit_zh, unit_en = "页", "page" if len(numbers) == 1 else "pages"
    else:
        cited = list(dict.fromkeys(cite_line(doc, line, lang) for line in lines))
        shown = ("、" if lang == "zh" else ", ").join(cited[:most])
        return shown + (("等" if lang == "zh" else ", …") if len(cited) > most else "")
    more = len(numbers) > most
    if lang == "zh":
        return f"第 {'、'.join(numbers[:most])}{'等' if more else ''} {unit_zh}"
    return f"{unit_en} {', '.join(numbers[:most])}{', …' if more else ''}"


class Rule:
    """Base class of all rules. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    #: One-line summaries shown by ``budgetlint rules``.
    summary_zh: ClassVar[str] = ""
    summary_en: ClassVar[str] = ""
    #: The documentation in Chinese, in the sections of :data:`DOC_SECTIONS_ZH` (empty: English only).
    doc_zh: ClassVar[str] = ""
    #: Whether the rule also runs on a document whose input yielded no text
    #: (:meth:`Document.unread <budgetlint.model.nodes.Document.unread>`): true only for a rule
    #: that reports ``doc.read_failures``; any other rule would judge an empty document.
    runs_on_unread_documents: ClassVar[bool] = False
    #: Whether the rule also runs on a file that is no budget disclosure
    #: (:attr:`DocumentContext.not_a_disclosure <budgetlint.analysis.context.DocumentContext.not_a_disclosure>`):
    #: true only for the rule that says so; the others are written for budgets.
    runs_on_non_disclosures: ClassVar[bool] = False

    def __init__(self, lang: str = "zh", severity: Severity | None = None) -> None:
        self.lang = lang
        self.effective_severity = severity or self.severity

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        """Yield this rule's findings for the document ``ctx.doc``."""
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
            message_zh=zh,
        )

    # -- documentation -----------------------------------------------------------
    @classmethod
    def documentation(cls, lang: str = "en") -> str:
        """The rule's documentation, dedented (``budgetlint rule CODE`` prints it): the docstring,
        or ``doc_zh`` for ``lang="zh"`` when the rule has one."""
        if lang == "zh" and cls.doc_zh:
            return inspect.cleandoc(cls.doc_zh)
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
        if cls.doc_zh:
            doc_zh = cls.documentation("zh")
            for section in DOC_SECTIONS_ZH:
                if f"## {section}" not in doc_zh:
                    found.append(f"doc_zh lacks the section '## {section}'")
        return found


# -- calling a rule: the context, or the Document for a 0.1 rule ------------------------

#: Names of ``check``'s first parameter that say "the context" (0.1 rules named it ``doc``).
_CONTEXT_NAMES = frozenset({"ctx", "context"})

#: For each rule class, whether its ``check`` still takes the Document (decided once per class).
_TAKES_DOCUMENT: dict[type[Rule], bool] = {}


def _first_parameter_is_context(check: Callable[..., object]) -> bool:
    parameters = list(inspect.signature(check).parameters.values())
    if len(parameters) < 2:
        return False
    first = parameters[1]  # after self
    annotation = first.annotation
    if annotation is DocumentContext:
        return True
    if isinstance(annotation, str):  # ``from __future__ import annotations``
        return annotation.rsplit(".", 1)[-1] == "DocumentContext"
    if annotation is Document:
        return False
    return first.name in _CONTEXT_NAMES


def takes_document(rule_class: type[Rule]) -> bool:
    """Does this rule's ``check`` still take the Document (a 0.1 plugin)? Warns once per class."""
    known = _TAKES_DOCUMENT.get(rule_class)
    if known is not None:
        return known
    legacy = not _first_parameter_is_context(rule_class.check)
    _TAKES_DOCUMENT[rule_class] = legacy
    if legacy:
        warnings.warn(
            f"{rule_class.__module__}.{rule_class.__qualname__}.check(doc) takes the Document: that is "
            "deprecated; write check(self, ctx: DocumentContext) and read ctx.doc (removed in budgetlint 0.3)",
            DeprecationWarning,
            stacklevel=2,
        )
    return legacy


def run_check(rule: Rule, ctx: DocumentContext) -> Iterable[Diagnostic]:
    """``rule.check(ctx)``, or ``rule.check(ctx.doc)`` for a rule written for 0.1."""
    if takes_document(type(rule)):
        legacy_check = rule.check  # a 0.1 signature: check(self, doc: Document)
        return legacy_check(ctx.doc)  # type: ignore[arg-type]
    return rule.check(ctx)
