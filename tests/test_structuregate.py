"""The structure gate returns data: per table a verdict and the tallies behind it.

BL003 words the verdict; the arithmetic rules skip what it rejects. These tests pin the
analysis itself: which tables are understood, the reasons as (kind, failed, checked), and
which identities the gate makes the rules skip (cross-table ones included).
"""

from __future__ import annotations

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.identities import IdentityKind
from budgetlint.analysis.structuregate import KindTally
from budgetlint.parsing.document import parse

from .conftest import SAMPLE

HEADER = "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
#: 合计 and 基本支出 read in each other's place: every row with figures fails 合计 = 基本 + 项目.
SWAPPED = (
    "2023年一般公共预算支出表\n单位：万元\n" + HEADER + "合计\t\t57.30\t140.30\t83.00\n"
    "208\t社会保障和就业支出\t50.31\t133.31\t83.00\n"
    "20801\t人力资源和社会保障管理事务\t50.31\t133.31\t83.00\n"
    "2080199\t其他人力资源和社会保障管理事务支出\t50.31\t133.31\t83.00\n"
)
#: A consistent table with one mistyped 项目支出 figure.
TYPO = (
    "2023年预算支出总表\n单位：万元\n" + HEADER + "合计\t\t140.30\t57.30\t83.00\n"
    "208\t社会保障和就业支出\t133.31\t50.31\t83.00\n"
    "20801\t人力资源和社会保障管理事务\t133.31\t50.31\t83.00\n"
    "2080199\t其他人力资源和社会保障管理事务支出\t133.31\t50.31\t83.10\n"
    "221\t住房保障支出\t7.00\t7.00\t0.00\n"
)


def _gate(text: str) -> DocumentContext:
    return DocumentContext(parse(text, path="t.txt"))


def test_a_misread_table_is_not_understood_and_says_why() -> None:
    ctx = _gate(SWAPPED)
    (verdict,) = ctx.structure_gate.verdicts
    assert not verdict.understood
    assert verdict.reasons == (KindTally(IdentityKind.ROW_TOTAL, 4, 4),)
    assert ctx.structure_gate.skipped_tables == 1 and ctx.structure_gate.checked_tables == 0
    assert ctx.table_identities and all(ctx.structure_gate.skips(i) for i in ctx.table_identities)


def test_a_typo_leaves_the_table_understood() -> None:
    ctx = _gate(TYPO)
    (verdict,) = ctx.structure_gate.verdicts
    assert verdict.understood and verdict.reasons == ()
    assert verdict.checked > 10
    failed = [i for i in ctx.table_identities if i.kind is IdentityKind.ROW_TOTAL]
    assert len(failed) == 1 and not ctx.structure_gate.skips(failed[0])


def test_only_identities_with_a_figure_in_the_skipped_table_are_skipped() -> None:
    ctx = _gate(TYPO + "\n" + SWAPPED)
    gate = ctx.structure_gate
    assert [v.understood for v in gate.verdicts] == [True, False]
    for identity in ctx.table_identities:
        in_swapped = any(span.line > TYPO.count("\n") for span in [identity.span, *(p.span for p in identity.parts)])
        assert gate.skips(identity) == in_swapped


def test_every_table_of_the_sample_is_understood() -> None:
    ctx = _gate(SAMPLE.read_text(encoding="utf-8"))
    gate = ctx.structure_gate
    assert gate.checked_tables > 5 and gate.skipped_tables == 0
