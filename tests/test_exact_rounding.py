"""``rounding = "exact"``: a difference within the rounding envelope becomes the rule's error."""

from __future__ import annotations

import ast
from pathlib import Path

from budgetlint.analysis.context import AnalysisOptions, DocumentContext
from budgetlint.model.numbers import Verdict, compare_sum, parse_amount, ratio_consistent
from budgetlint.parsing.document import parse
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

from .conftest import SAMPLE

ROOT = Path(__file__).resolve().parent.parent


def test_the_flag_switches_the_verdict() -> None:
    items = [parse_amount(x) for x in ("0.90", "0.20", "0.04", "1.00", "0.44", "1.28", "1.56")]
    assert compare_sum(parse_amount("5.43"), items, exact=False).verdict is Verdict.ROUNDING
    assert compare_sum(parse_amount("5.43"), items, exact=True).verdict is Verdict.MISMATCH
    # 133.31 / 140.30 = 95.018 %: 95.02 % is exact; 95.01 % only within the figures' rounding
    part, whole = parse_amount("133.31"), parse_amount("140.30")
    assert ratio_consistent(parse_amount("95.01"), part, whole, exact=False) is Verdict.ROUNDING
    assert ratio_consistent(parse_amount("95.01"), part, whole, exact=True) is Verdict.MISMATCH
    assert ratio_consistent(parse_amount("95.02"), part, whole, exact=True) is Verdict.EXACT


def test_the_context_computes_identities_under_the_runs_rounding() -> None:
    doc = parse(SAMPLE.read_text(encoding="utf-8"), path="s.txt")
    default = DocumentContext(doc).table_identities
    exact = DocumentContext(doc, AnalysisOptions(exact_rounding=True)).table_identities
    assert any(i.verdict is Verdict.ROUNDING for i in default)
    assert not any(i.verdict is Verdict.ROUNDING for i in exact)
    rounding_spans = {i.span for i in default if i.verdict is Verdict.ROUNDING}
    assert rounding_spans <= {i.span for i in exact if i.verdict is Verdict.MISMATCH}


def test_sample_rounding_infos_become_errors() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    default = lint_document_text(text, "s.txt", Config(select=("BL2", "BL3")))
    exact = lint_document_text(text, "s.txt", Config(select=("BL2", "BL3"), rounding="exact"))
    assert {d.code for d in default.diagnostics if d.severity.value == "info"} >= {"BL205"}
    assert not any(d.code == "BL205" for d in exact.diagnostics)
    errors = {(d.code, d.line) for d in exact.diagnostics if d.severity.value == "error"}
    assert ("BL201", 256) in errors or any(code.startswith("BL20") and line == 256 for code, line in errors)
    assert any(d.code == "BL303" and d.severity.value == "warning" for d in exact.diagnostics)


COMPARISONS = {"compare_sum", "compare_equal", "ratio_consistent"}


def _comparison_calls_without_exact(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    missing = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in COMPARISONS and not any(k.arg == "exact" for k in node.keywords):
                missing.append(f"{path.name}:{node.lineno} {name}")
    return missing


def test_every_built_in_comparison_passes_the_runs_rounding() -> None:
    """``exact`` defaults to False for 0.1 plugins; the engine and the rules must always pass it."""
    sources = sorted((ROOT / "lint").rglob("*.py")) + sorted((ROOT / "rules").glob("*.py"))
    calls = [call for path in sources for call in _comparison_calls_without_exact(path)]
    assert calls == []
