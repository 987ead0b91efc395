"""The table-arithmetic analysis returns data; the rules of ``bl201_table_identities`` word it.

The rule cases (tests/cases/BL20x.toml, BL301.toml) pin which findings each rule reports;
these tests pin the contract between the two layers: every kind of identity the analysis
can record is reported by exactly one rule, and the analysis carries the figures, not words.
"""

from __future__ import annotations

from decimal import Decimal

from budgetlint.analysis.context import AnalysisOptions, DocumentContext
from budgetlint.analysis.identities import IdentityKind
from budgetlint.model.numbers import Verdict
from budgetlint.parsing.document import parse
from budgetlint.plugins.registry import default_registry
from budgetlint.rules.bl201_table_identities import message
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

IDENTITY_RULES = ("BL201", "BL202", "BL203", "BL204", "BL301")

EXPENDITURE_TABLE = """2023年预算支出总表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t140.40\t57.30\t83.10
208\t社会保障和就业支出\t133.31\t50.21\t83.10
221\t住房保障支出\t4.47\t4.47\t
"""


def test_every_identity_kind_is_reported_by_exactly_one_rule() -> None:
    rules = default_registry().rules
    owners: dict[IdentityKind, list[str]] = {}
    for code in IDENTITY_RULES:
        rule = rules[code]
        assert rule.verdict is Verdict.MISMATCH  # type: ignore[attr-defined]
        for kind in rule.kinds:  # type: ignore[attr-defined]
            owners.setdefault(kind, []).append(code)
    assert set(owners) == set(IdentityKind), "a kind no rule reports"
    assert {kind: codes for kind, codes in owners.items() if len(codes) > 1} == {}, "a kind two rules report"
    rounding = rules["BL205"]
    assert rounding.verdict is Verdict.ROUNDING  # type: ignore[attr-defined]
    assert rounding.kinds == frozenset(IdentityKind)  # type: ignore[attr-defined]


def test_the_analysis_records_figures_and_verdict_not_words() -> None:
    doc = parse(EXPENDITURE_TABLE, path="t.txt")
    first, second = DocumentContext(doc, AnalysisOptions()).table_identities
    assert (first.kind, first.verdict) == (IdentityKind.COLUMN_TOTAL, Verdict.MISMATCH)
    assert first.whole is not None and first.comparison is not None
    assert (first.whole.text, first.whole.column, first.whole.span.line) == ("140.40", "合计", 4)
    assert [part.text for part in first.parts] == ["133.31", "4.47"]
    assert [part.row.code for part in first.parts if part.row] == ["208", "221"]
    assert first.comparison.expected == Decimal("137.78")
    assert first.table == "2023年预算支出总表"
    assert second.whole is not None and second.whole.column == "基本支出"


def test_the_rule_module_words_an_identity_in_both_languages() -> None:
    first = DocumentContext(parse(EXPENDITURE_TABLE, path="t.txt"), AnalysisOptions()).table_identities[0]
    assert message(first) == (
        "“2023年预算支出总表”合计（合计） 140.40 ≠ 各行合计 137.78（差 2.62）",
        "'2023年预算支出总表' 合计 (合计) 140.40 ≠ the sum of its rows 137.78 (difference 2.62)",
    )


def test_the_rules_report_the_words_in_the_run_language() -> None:
    config = Config(select=("BL201",), lang="en")
    result = lint_document_text(EXPENDITURE_TABLE, "t.txt", config)
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("BL201", 4, 5), ("BL201", 4, 12)]
    assert result.diagnostics[0].message.endswith("≠ the sum of its rows 137.78 (difference 2.62)")
