"""Mutation test of what a sentence names, on the corpus documents (issue 15).

Every narrative amount that budgetlint resolves through a 科目 chain
(``“一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元``, or a 决算 item titled
by its chain) or as a 三公 figure of the 三公 paragraph is changed, one at a time, by a
clear margin (a digit moved by 4, as in the wide/ mutations); each mutant must raise a
new BL302 error on its line. The resolved sets are floored, so that a reading that
stops resolving them fails here rather than passing with nothing to mutate.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budgetlint.analysis.context import DocumentContext
from budgetlint.parsing.document import parse
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text
from tests.corpus.wide_mutation import mutate_number

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CONFIG = Config(select=("BL302",))
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
#: Document → (kind, least number of resolved amounts of that kind).
FLOORS = {
    "shanghai-putuo-wanli-2023-dept-budget.txt": (("chain", 30), ("三公", 5)),
    "shanghai-putuo-social-work-dept-2024-final-accounts.txt": (("chain", 8),),
    "shanghai-putuo-welfare-home-2024-unit-budget.txt": (("三公", 3),),
}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/ is not here")


def _errors(text: str, name: str) -> set[tuple[int, str]]:
    result = lint_document_text(text, name, CONFIG)
    assert result.failures == []
    return {(d.line, d.message) for d in result.diagnostics if d.severity.value == "error"}


def _targets(name: str) -> list[tuple[str, str, int, int]]:
    """(document, kind, line, column) of each resolved amount."""
    path = CORPUS / name
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    ctx = DocumentContext(parse(text, path=str(path)))
    found = [(name, "chain", c.claim.span.line, c.claim.span.column) for c in ctx.chain_claims]
    found += [(name, "三公", c.claim.span.line, c.claim.span.column) for c in ctx.three_public_claims]
    return found


def _changeable(lines: list[str], line: int, column: int) -> bool:
    """A figure of zero or too small to change clearly (mutate_number gives None) is not a target."""
    match = _NUMBER.match(lines[line - 1], column - 1)
    return match is None or mutate_number(match.group()) is not None


RESOLVED = [t for name in FLOORS for t in _targets(name)]
TARGETS = [t for t in RESOLVED if _changeable((CORPUS / t[0]).read_text(encoding="utf-8").split("\n"), t[2], t[3])]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_corpus_subjects_are_resolved(name: str) -> None:
    kinds = [kind for document, kind, _, _ in RESOLVED if document == name]
    for kind, floor in FLOORS[name]:
        assert kinds.count(kind) >= floor, (name, kind, kinds.count(kind))


@pytest.mark.parametrize(
    ("name", "kind", "line", "column"), TARGETS, ids=[f"{n[:20]}-{k}-L{line}" for n, k, line, _ in TARGETS]
)
def test_each_resolved_amount_is_checked(name: str, kind: str, line: int, column: int) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    match = _NUMBER.match(lines[line - 1], column - 1)
    assert match, (line, column)
    mutated = mutate_number(match.group())
    assert mutated is not None, match.group()
    baseline = _errors(text, name)
    lines[line - 1] = lines[line - 1][: match.start()] + mutated + lines[line - 1][match.end() :]
    new = _errors("\n".join(lines), name) - baseline
    assert any(at == line for at, _ in new), (kind, match.group(), mutated, new)
