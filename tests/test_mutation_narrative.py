"""Mutation test of the narrative rules on the reference sample.

Every percentage, every narrative amount that quotes a table figure and every
change rate of the sample is changed, one at a time, by a clear margin; each
mutant must produce a new BL3xx finding at warning or error level. The
unmodified sample has no BL3xx error (its performance-form mismatch is a
BL307 warning, and the 100.01 % shares are info).
"""

from __future__ import annotations

import re

import pytest

from budgetlint.analysis.context import DocumentContext
from budgetlint.parsing.document import parse
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

from .conftest import SAMPLE

CONFIG = Config(select=("BL3",))
TEXT = SAMPLE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _findings(text: str) -> set[tuple[str, int, str]]:
    result = lint_document_text(text, "sample.txt", CONFIG)
    assert result.failures == []
    return {(d.code, d.line, d.message) for d in result.diagnostics if d.severity.value in ("error", "warning")}


BASELINE = _findings(TEXT)


def _targets() -> list[tuple[str, int, int]]:
    """(what, line, column) of each figure to mutate."""
    doc = parse(TEXT, path=str(SAMPLE))
    ctx = DocumentContext(doc)
    story = ctx.narrative
    index = ctx.fact_index
    targets = [("share", s.span.line, s.span.column) for s in story.shares]
    targets += [("amount", a.span.line, a.span.column) for a in story.amounts if a.label and index.get(a.label)]
    targets += [("rate", c.span.line, c.span.column) for c in story.changes if c.percent is not None]
    return targets


def _mutate(line: int, column: int, what: str) -> str:
    text = LINES[line - 1]
    if what == "rate":  # the span starts at the change word; mutate its percentage
        match = re.compile(r"\d+(?:\.\d+)?(?=\s*[%％])").search(text, column - 1)
    else:
        match = _NUMBER.match(text, column - 1)
    assert match, (line, column, text[column - 1 : column + 10])
    value = float(match.group().replace(",", ""))
    mutated = f"{value + 7:.2f}"
    lines = list(LINES)
    lines[line - 1] = text[: match.start()] + mutated + text[match.end() :]
    return "\n".join(lines)


def test_unmodified_sample_has_no_bl3_error() -> None:
    codes = sorted({code for code, _, _ in BASELINE})
    assert codes == ["BL307"]


TARGETS = _targets()


def test_targets_cover_the_narrative() -> None:
    kinds = [t[0] for t in TARGETS]
    assert kinds.count("share") == 11 and kinds.count("rate") >= 4 and kinds.count("amount") >= 25


@pytest.mark.parametrize(("what", "line", "column"), TARGETS, ids=[f"{w}-L{n}:{c}" for w, n, c in TARGETS])
def test_each_mutation_is_caught(what: str, line: int, column: int) -> None:
    new = _findings(_mutate(line, column, what)) - BASELINE
    assert any(code.startswith("BL3") for code, _, _ in new), (what, LINES[line - 1][column - 1 : column + 30])
