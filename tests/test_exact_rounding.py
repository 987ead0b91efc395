"""``rounding = "exact"``: a difference within the rounding envelope becomes the rule's error."""

from __future__ import annotations

from budgetlint.model.numbers import Verdict, compare_sum, exact_rounding, parse_amount, rounding_is_exact
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

from .conftest import SAMPLE


def test_context_switches_the_verdict() -> None:
    items = [parse_amount(x) for x in ("0.90", "0.20", "0.04", "1.00", "0.44", "1.28", "1.56")]
    assert compare_sum(parse_amount("5.43"), items).verdict is Verdict.ROUNDING
    with exact_rounding(True):
        assert rounding_is_exact()
        assert compare_sum(parse_amount("5.43"), items).verdict is Verdict.MISMATCH
    assert not rounding_is_exact()


def test_sample_rounding_infos_become_errors() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    default = lint_document_text(text, "s.txt", Config(select=("BL2", "BL3")))
    exact = lint_document_text(text, "s.txt", Config(select=("BL2", "BL3"), rounding="exact"))
    assert {d.code for d in default.diagnostics if d.severity.value == "info"} >= {"BL205"}
    assert not any(d.code == "BL205" for d in exact.diagnostics)
    errors = {(d.code, d.line) for d in exact.diagnostics if d.severity.value == "error"}
    assert ("BL201", 256) in errors or any(code.startswith("BL20") and line == 256 for code, line in errors)
    assert any(d.code == "BL303" and d.severity.value == "warning" for d in exact.diagnostics)
