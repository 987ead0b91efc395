"""Lint documents: read, parse, run the enabled rules, collect diagnostics.

The CLI and the Python API share this code path. Nothing here lets an
exception escape for bad *input*: what could not be read is recorded as
:class:`~budgetlint.model.read_failures.ReadFailure` values on the document, and the
unreadable-input rule (BL001) reports them like any other finding.
A crashing *rule* is a bug: it is recorded in :attr:`LintResult.failures` (the
CLI exits with 2) and the other rules still run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from budgetlint.analysis.context import AnalysisOptions, DocumentContext
from budgetlint.model.diagnostics import Diagnostic
from budgetlint.model.nodes import Document, LinePlace
from budgetlint.model.read_failures import ReadFailure
from budgetlint.plugins.registry import Registry, default_registry
from budgetlint.plugins.rule import Rule, run_check
from budgetlint.read.text import UnreadableInput, decode_bytes
from budgetlint.run import budget
from budgetlint.run.options import Config

if TYPE_CHECKING:  # pragma: no cover
    from budgetlint.read.base import ReaderNote, SourceMap

DEFAULT_SUFFIXES = (".txt", ".md")
STDIN = "-"


class LintResult:
    """Diagnostics of one document, plus rule crashes (bugs, never the user's fault)."""

    __slots__ = (
        "path",
        "diagnostics",
        "failures",
        "source_lines",
        "document",
        "context",
        "source_map",
        "not_a_disclosure",
    )

    def __init__(self, path: str, diagnostics: list[Diagnostic] | None = None) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        self.failures: list[str] = []
        self.source_lines: tuple[str, ...] = ()
        self.source_map: SourceMap | None = None  # set for PDF/Word/Excel: line -> page, paragraph, cell
        #: The parsed document, for callers that render it (HTML report); batch runs drop it
        #: as soon as they have taken what they need, so ASTs never accumulate.
        self.document: Any = None
        #: The document's analyses as the rules saw them (the profile chosen, …); dropped with it.
        self.context: DocumentContext | None = None
        #: The file is no budget disclosure (a README beside them): reports do not list it.
        self.not_a_disclosure = False


def active_rules(config: Config, registry: Registry):  # type: ignore[no-untyped-def]
    """Instances of the enabled rules, in code order."""
    return [
        rule(lang=config.lang, severity=config.severity_of(rule.code, rule.severity))
        for rule in registry.sorted_rules()
        if config.is_enabled(rule.code)
    ]


def analysis_options(config: Config, registry: Registry, judge_disclosure: bool = False) -> AnalysisOptions:
    """The options the rules and analyses read, from the run's configuration and plugins."""
    return AnalysisOptions(
        exact_rounding=config.exact_rounding,
        requested_profile=config.profile,
        profiles=tuple(registry.profiles),
        judge_disclosure=judge_disclosure,
    )


def lint_document_text(
    text: str,
    path: str,
    config: Config,
    registry: Registry | None = None,
    read_failures: tuple[ReadFailure, ...] = (),
    places: tuple[LinePlace, ...] = (),
    stored_cells: frozenset[tuple[int, int]] = frozenset(),
    *,
    judge_disclosure: bool = False,
) -> LintResult:
    """Parse decoded text and run every enabled rule on it.

    ``read_failures`` are the parts of the input its reader could not turn into text
    (a scanned page); an empty text is itself a failure to read. ``places`` say where each
    line is in a PDF/Word/Excel original, so messages cite pages rather than text lines.
    ``stored_cells`` are the cells whose text is the exact number the file holds (a
    spreadsheet's, from its source map): no rounding tolerance for them.
    ``judge_disclosure``: the text is a whole file (not a snippet): one that is no budget
    disclosure gets only BL004's info (:mod:`budgetlint.analysis.disclosure`).
    """
    registry = registry or default_registry()
    if not text.strip():
        return _lint_unread(path, (_whole_file("文件为空", "the file is empty"), *read_failures), config, registry)
    with collector_paused():
        return _lint_parsed(text, path, config, registry, read_failures, places, stored_cells, judge_disclosure)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector out of one document's parse and lint.

    Building the AST allocates ~10^5 objects that all stay alive until the rules are
    done, so every automatic collection in between walks a growing heap for nothing:
    on a document 40 times the sample that made the run superlinear (a third of its
    time in the collector). Linting leaves no cyclic garbage (checked on the sample); the collector
    resumes — if it was enabled — as soon as the document is done. Nested pauses resume it
    only at the outermost: a batch run pauses it until the AST is dropped, so the collection
    the resumption triggers does not walk a document that is about to be freed anyway.
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _lint_parsed(
    text: str,
    path: str,
    config: Config,
    registry: Registry,
    read_failures: tuple[ReadFailure, ...],
    places: tuple[LinePlace, ...] = (),
    stored_cells: frozenset[tuple[int, int]] = frozenset(),
    judge_disclosure: bool = False,
) -> LintResult:
    from budgetlint.parsing.document import parse

    try:
        doc = parse(text, path=path, noise_patterns=config.noise_patterns, stored_cells=stored_cells)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not hide the other files
        # What the reader could not read is still reported (on a document without text).
        result = _lint_unread(path, read_failures, config, registry) if read_failures else LintResult(path)
        result.failures.insert(0, f"{path}: internal parser error: {exc!r}")
        return result
    if read_failures or places:
        doc = doc._replace(read_failures=read_failures, places=places)
    result = LintResult(path)
    result.source_lines = doc.lines
    result.document = doc
    ctx = DocumentContext(doc, analysis_options(config, registry, judge_disclosure))
    result.context = ctx
    rules = active_rules(config, registry)
    if ctx.not_a_disclosure:  # a README beside the disclosures: say so once, judge nothing
        result.not_a_disclosure = True
        rules = [rule for rule in rules if rule.runs_on_non_disclosures]
    _run_rules(rules, ctx, result)
    return result


def _lint_unread(path: str, read_failures: tuple[ReadFailure, ...], config: Config, registry: Registry) -> LintResult:
    """Report an input that yielded no text: only the rules that report read failures run."""
    result = LintResult(path)
    rules = [rule for rule in active_rules(config, registry) if rule.runs_on_unread_documents]
    _run_rules(rules, DocumentContext(Document.unread(path, read_failures), analysis_options(config, registry)), result)
    return result


def _run_rules(rules: list[Rule], ctx: DocumentContext, result: LintResult) -> None:
    """Every rule's findings on ``ctx`` into ``result``, in stable order; a crashing rule is a failure.

    Between rules the file's time budget is checked (where no timer can interrupt a rule)."""
    for rule in rules:
        budget.check()
        try:
            result.diagnostics.extend(run_check(rule, ctx))
        except Exception as exc:  # noqa: BLE001
            result.failures.append(f"{ctx.doc.path}: rule {rule.code} crashed: {exc!r}")
    result.diagnostics.sort(key=lambda d: d.sort_key)


def too_slow(path: str, seconds: float, config: Config, registry: Registry | None = None) -> LintResult:
    """The result of a file given up after its time budget (``--timeout``): one BL001, no other finding."""
    failure = _whole_file(
        f"检查超时（超过 {seconds:g} 秒，可用 --timeout 调整），未完成检查",
        f"too slow to check (over {seconds:g} s; see --timeout); not checked",
    )
    return _lint_unread(path, (failure,), config, registry or default_registry())


def _whole_file(reason_zh: str, reason_en: str) -> ReadFailure:
    """A failure to read the file as a whole (reported at its first line)."""
    return ReadFailure(1, reason_zh, reason_en)


def lint_document_bytes(
    data: bytes, path: str, config: Config, registry: Registry | None = None, *, judge_disclosure: bool = False
) -> LintResult:
    """Decode and lint (an undecodable input is reported as a read failure)."""
    try:
        decoded = decode_bytes(data)
    except UnreadableInput as exc:
        return _lint_unread(path, (_whole_file(exc.reason_zh, exc.reason_en),), config, registry or default_registry())
    return lint_document_text(decoded.text, path, config, registry, judge_disclosure=judge_disclosure)


def lint_file(path: str, config: Config, registry: Registry | None = None) -> LintResult:
    """Read one file (or stdin for ``-``) and lint it; read errors are reported as read failures.

    A file is judged whether it is a disclosure at all, named or found in a folder alike: a
    user who lints README.md learns why nothing was checked (BL004).
    """
    import sys

    kind = file_kind(path) if path != STDIN else None
    if kind is not None:  # a FIFO would block the run, a device be read without end
        failure = _whole_file(f"不是普通文件（{kind[0]}），未读取", f"not a regular file ({kind[1]}); not read")
        return _lint_unread(path, (failure,), config, registry or default_registry())
    reader = (registry or default_registry()).readers.get(os.path.splitext(path)[1].lower()) if path != STDIN else None
    if reader is not None:
        return lint_with_reader(reader, path, config, registry)
    from budgetlint.read.base import LEGACY_FORMATS

    legacy = LEGACY_FORMATS.get(os.path.splitext(path)[1].lower()) if path != STDIN else None
    if legacy is not None:  # a binary format no reader reads: say what to convert it to
        return _lint_unread(path, (_whole_file(*legacy),), config, registry or default_registry())
    from budgetlint.read.base import DEFAULT_LIMITS

    limit = (config.limits or DEFAULT_LIMITS).max_bytes
    try:
        if path == STDIN:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        failure = _whole_file(f"无法读取文件：{reason}", f"cannot read the file: {reason}")
        return _lint_unread(path, (failure,), config, registry or default_registry())
    if len(data) > limit:  # read no further than the limit: the input may not end
        mb = limit / 2**20
        failure = _whole_file(
            f"文件过大（超过 {mb:.0f} MB，可用 --max-file-size 调整）",
            f"the file is too large (over {mb:.0f} MB; see --max-file-size)",
        )
        return _lint_unread(path, (failure,), config, registry or default_registry())
    return lint_document_bytes(data, path, config, registry, judge_disclosure=True)


def lint_with_reader(reader, path: str, config: Config, registry: Registry | None = None) -> LintResult:  # type: ignore[no-untyped-def]
    """Read a PDF/Word/Excel file with its reader, lint the text, attach the source map.

    Reader failures (missing extra, encrypted, damaged, over a limit) are failures to read
    the whole file; notes about parts of it (a scanned page) are failures at their line.
    """
    from budgetlint.read.base import DEFAULT_LIMITS, ReaderError

    try:
        document = reader(path, config.limits or DEFAULT_LIMITS)
    except ReaderError as exc:
        return _lint_unread(path, (_whole_file(exc.reason_zh, exc.reason_en),), config, registry or default_registry())
    except Exception as exc:  # noqa: BLE001 - a damaged file (or a reader bug) is this file's BL001
        # Damaged files raise whatever the parsing library meets (TypeError, a library's own
        # exception …): the file could not be read, which is BL001 for it; the run goes on.
        detail = f"{type(exc).__name__}: {exc}"[:200]
        failure = _whole_file(
            f"文件已损坏或无法解析（{detail}）", f"the file is damaged or cannot be parsed ({detail})"
        )
        return _lint_unread(path, (failure,), config, registry or default_registry())
    notes = tuple(ReadFailure(note.line, note.reason_zh, note.reason_en, note.lone_page) for note in document.notes)
    result = lint_document_text(
        document.text,
        path,
        config,
        registry,
        notes,
        line_places(document.source_map),
        document.source_map.stored_cells(),
        judge_disclosure=True,
    )
    result.source_map = document.source_map
    return result


def line_places(source_map: SourceMap) -> tuple[LinePlace, ...]:
    """Each line's place for the rules' messages: its PDF page, or its Word/Excel origin label.

    A PDF line's label (``p17:L3``) counts lines of the extraction, which the reader of the
    PDF does not see either, so only its page is kept.
    """
    return tuple(
        LinePlace("", origin.page) if origin.page else LinePlace(origin.label) for origin in source_map.origins
    )


def read_document_text(
    path: str, config: Config | None = None, registry: Registry | None = None
) -> tuple[str, SourceMap | None, tuple[ReaderNote, ...]]:
    """The text the rules read from ``path`` (its reader's, or the decoded file), its source map
    (None for text) and the reader's notes; raises :class:`UnreadableInput` (BL001's reasons) or OSError."""
    import sys

    reader = (registry or default_registry()).readers.get(os.path.splitext(path)[1].lower()) if path != STDIN else None
    if reader is not None:
        from budgetlint.read.base import DEFAULT_LIMITS

        document = reader(path, (config.limits if config else None) or DEFAULT_LIMITS)
        return document.text, document.source_map, document.notes
    if path == STDIN:
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as handle:
            data = handle.read()
    return decode_bytes(data).text, None, ()


def discover(
    paths: Iterable[str], suffixes: tuple[str, ...] = DEFAULT_SUFFIXES, skipped: list[str] | None = None
) -> Iterator[str]:
    """Expand directories recursively with the default exclusions; keep files and ``-`` as given
    (:func:`budgetlint.run.discovery.discover`, which also takes the run's exclusions)."""
    from budgetlint.run.discovery import discover as search

    return search(paths, suffixes, skipped)


#: What a path is when it is not a regular file: (中文, English).
_NOT_REGULAR = {
    "fifo": ("命名管道（FIFO）", "a FIFO (named pipe)"),
    "device": ("设备文件", "a device"),
    "socket": ("套接字", "a socket"),
    "other": ("特殊文件", "a special file"),
}


def file_kind(path: str) -> tuple[str, str] | None:
    """None for a regular file (or one that cannot be examined: reading it reports why),
    else what it is, in Chinese and English."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return _NOT_REGULAR["fifo"]
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _NOT_REGULAR["device"]
    if stat.S_ISSOCK(mode):
        return _NOT_REGULAR["socket"]
    return _NOT_REGULAR["other"]


# -- the public Python API ------------------------------------------------------
def lint_text(text: str, *, path: str | None = None, config: Config | None = None) -> list[Diagnostic]:
    """Lint document text; returns the diagnostics in stable order."""
    result = lint_document_text(text, path or "<text>", config or Config())
    _log_failures(result.failures)
    return result.diagnostics


def lint_path(path: str | os.PathLike[str], *, config: Config | None = None) -> list[Diagnostic]:
    """Lint a file (any readable encoding); an unreadable file yields its BL001 finding."""
    result = lint_file(os.fspath(path), config or Config())
    _log_failures(result.failures)
    return result.diagnostics


def _log_failures(failures: list[str]) -> None:
    """Rule crashes reach API users through the "budgetlint" logger (imported only then:
    logging costs a CLI start a few milliseconds, and the CLI reports failures itself)."""
    if failures:
        import logging

        log = logging.getLogger("budgetlint")
        for failure in failures:
            log.error(failure)
