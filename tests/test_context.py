"""The per-document context: analyses computed once, options delivered to rules, an immutable AST,
and 0.1-style ``check(doc)`` rules still run (with a DeprecationWarning)."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from budgetlint.analysis import context as context_module
from budgetlint.analysis.context import AnalysisOptions, DocumentContext
from budgetlint.analysis.profiles import builtin_profiles
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.nodes import Document
from budgetlint.parsing.document import parse
from budgetlint.plugins.registry import Registry, default_registry
from budgetlint.plugins.rule import Rule, line_matches, run_check, takes_document
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

from .conftest import SAMPLE

T = TypeVar("T")

#: A word the sample prints many times (what the old-style rule looks for).
SAMPLE_WORD = re.compile("预算")

#: The analysis builders DocumentContext calls, by the name it imports them under.
BUILDERS = (
    "table_models",
    "amount_cells",
    "table_checks",
    "structure_gate",
    "build_narrative",
    "build_fact_index",
    "match_toc",
    "title_span",
    "select_profile",
    "section_heading_keys",
    "section_paragraph_texts",
    "join_lines",
)


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count every call of the context's analysis builders (they still compute the real thing)."""
    counted: Counter[str] = Counter()

    def counting(name: str, builder: Callable[..., T]) -> Callable[..., T]:
        def wrapper(*args: object, **kwargs: object) -> T:
            counted[name] += 1
            return builder(*args, **kwargs)

        return wrapper

    for name in BUILDERS:
        monkeypatch.setattr(context_module, name, counting(name, getattr(context_module, name)))
    return counted


def _touch_everything(ctx: DocumentContext) -> None:
    for _ in range(3):
        assert ctx.table_models and ctx.amount_cells and ctx.narrative.flows
        assert ctx.table_identities is not None and ctx.fact_index is not None
        assert ctx.structure_gate.skipped_tables == 0  # every table of the sample is understood
        assert ctx.toc_match is not None and ctx.title_span.line >= 1
        assert ctx.profile_selection is not None  # the sample is a unit budget the built-in profiles know
        assert ctx.section_heading_keys and ctx.section_paragraph_texts
        assert ctx.normalized_text.text and ctx.printed_text.text


def test_each_analysis_is_computed_once_per_context(calls: Counter[str]) -> None:
    ctx = DocumentContext(parse(SAMPLE.read_text(encoding="utf-8"), path="s.txt"))
    _touch_everything(ctx)
    assert {name: calls[name] for name in BUILDERS} == {name: 2 if name == "join_lines" else 1 for name in BUILDERS}
    assert ctx.table_models is ctx.table_models  # the same object handed to every rule


def test_a_full_run_computes_each_analysis_once(calls: Counter[str]) -> None:
    result = lint_document_text(SAMPLE.read_text(encoding="utf-8"), "s.txt", Config())
    assert result.failures == [] and result.diagnostics
    # Many rules read the narrative and the table models; each was built once for all of them.
    assert calls["build_narrative"] == 1
    assert calls["table_models"] == 1
    assert calls["table_checks"] == 1
    assert calls["structure_gate"] == 1
    assert calls["match_toc"] == 1
    assert calls["select_profile"] == 1


def test_analyses_are_not_computed_before_a_rule_asks(calls: Counter[str]) -> None:
    ctx = DocumentContext(parse("一、说明\n本单位无数据。\n"))
    assert ctx.toc_match.matches == ()
    assert sum(calls.values()) == 1 and calls["match_toc"] == 1


def test_two_contexts_of_one_document_do_not_share_results() -> None:
    doc = parse(SAMPLE.read_text(encoding="utf-8"), path="s.txt")
    assert DocumentContext(doc).table_models is not DocumentContext(doc).table_models


# -- options ----------------------------------------------------------------------------


class _Recorder(Rule):
    """Records what the runner handed it."""

    code = "XX901"
    name = "records-the-context"
    severity = Severity.INFO
    seen: list[DocumentContext] = []

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        self.seen.append(ctx)
        return iter(())


def _registry_with(*rules: type[Rule]) -> Registry:
    registry = Registry()
    registry.rules = {rule.code: rule for rule in rules}
    registry.profiles = list(default_registry().profiles)
    return registry


def test_the_runner_gives_rules_the_runs_options() -> None:
    _Recorder.seen = []
    registry = _registry_with(_Recorder)
    config = Config(rounding="exact", profile="none")
    result = lint_document_text(SAMPLE.read_text(encoding="utf-8"), "s.txt", config, registry)
    (ctx,) = _Recorder.seen
    assert ctx.doc is result.document and result.context is ctx
    assert ctx.options.exact_rounding is True
    assert ctx.options.requested_profile == "none"
    assert ctx.profile_selection is None  # "none": no profile, whatever the document looks like
    assert {p.name for p in ctx.profiles} == {p.name for p in builtin_profiles()}


def test_default_options_round_and_choose_the_profile() -> None:
    _Recorder.seen = []
    lint_document_text(SAMPLE.read_text(encoding="utf-8"), "s.txt", Config(), _registry_with(_Recorder))
    (ctx,) = _Recorder.seen
    assert ctx.options == AnalysisOptions(exact_rounding=False, requested_profile=None, profiles=ctx.options.profiles)
    assert ctx.profile_selection is not None and not ctx.profile_selection.forced


def test_options_are_frozen() -> None:
    options = AnalysisOptions()
    with pytest.raises(AttributeError):
        options.exact_rounding = True  # type: ignore[misc]


# -- the immutable AST -------------------------------------------------------------------


def test_the_document_has_no_memo_and_cannot_be_changed() -> None:
    doc = parse(SAMPLE.read_text(encoding="utf-8"), path="s.txt")
    assert not hasattr(doc, "memo") and not hasattr(doc, "derived")
    with pytest.raises(AttributeError):
        doc.title = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        doc.memo = {}  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        doc.tables[0].title = "changed"  # type: ignore[misc]
    assert len(doc.normalized_lines) == len(doc.lines)
    lint_document_text(SAMPLE.read_text(encoding="utf-8"), "s.txt", Config())
    assert doc == parse(SAMPLE.read_text(encoding="utf-8"), path="s.txt")


# -- 0.1-style rules ---------------------------------------------------------------------


def _old_style_rule() -> type[Rule]:
    class OldStyle(Rule):
        """A rule written for budgetlint 0.1: ``check`` takes the Document."""

        code = "XX902"
        name = "old-style"
        severity = Severity.WARNING
        received: list[object] = []

        def check(self, doc: Document) -> Iterator[Diagnostic]:  # type: ignore[override]
            self.received.append(doc)
            for found in line_matches(doc, SAMPLE_WORD):
                yield self.report(doc, found.span, "旧式规则", "old-style rule")

    return OldStyle


def test_an_old_style_rule_still_runs_and_warns() -> None:
    old = _old_style_rule()
    registry = _registry_with(old)
    with pytest.warns(DeprecationWarning, match=r"OldStyle\.check\(doc\).*ctx"):
        result = lint_document_text(SAMPLE.read_text(encoding="utf-8"), "s.txt", Config(), registry)
    assert result.failures == []
    assert [type(seen) for seen in old.received] == [Document]  # type: ignore[attr-defined]
    assert result.diagnostics and {d.code for d in result.diagnostics} == {"XX902"}


def test_the_style_is_decided_once_per_class() -> None:
    old = _old_style_rule()
    with pytest.warns(DeprecationWarning):
        assert takes_document(old)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert takes_document(old)  # known now: no second warning


def test_new_style_rules_get_the_context_without_a_warning() -> None:
    class Unannotated(Rule):
        code = "XX903"

        def check(self, ctx):  # type: ignore[no-untyped-def]
            yield ctx

    ctx = DocumentContext(parse("一、说明\n"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not takes_document(_Recorder) and not takes_document(Unannotated)
        assert list(run_check(Unannotated(), ctx)) == [ctx]


def test_line_matches_gives_the_same_spans_from_a_document_or_its_context() -> None:
    doc = parse(SAMPLE.read_text(encoding="utf-8"), path="s.txt")
    from_doc = [m.span for m in line_matches(doc, SAMPLE_WORD)]
    assert from_doc and from_doc == [m.span for m in line_matches(DocumentContext(doc), SAMPLE_WORD)]
