"""Recall of the narrative rules on real documents (issue 15): a changed narrative figure is caught.

Seeded mutations of the 情况说明 of the six corpus documents and of wide/ (a narrative amount
that quotes a table figure, a 三公 figure, a change rate, a share; see
``tests/corpus/narrative_mutation.py``) are linted in-process. Per kind, the share of the
mutations that another printed figure contradicts and that raise a new error or warning on
the claim's lines must reach :data:`FLOORS`: issue 15's 90 % where that holds today, today's
share where it does not (the 三公 paragraph is read by work in progress; raise the floor as
it lands). The harness itself is tested on the bundled samples, so that a harness that can
only say "caught" (or only "missed") fails here.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetlint.model.numbers import Figure
from tests.corpus import narrative_mutation
from tests.corpus.wide_mutation import Original, read_original, share

from .conftest import EXAMPLES, SAMPLE

#: Per kind, the least share of contradicted mutations caught: issue 15's 90 % (``sangong``:
#: 73/79 = 92.4 %; the misses are a 三公 table whose letter-spaced header the reader splits
#: across other columns' levels, and economic-classification items 公务用车运行维护费（款） that
#: print the 三公 table's value but quote no 三公 figure).
FLOORS = {"amount": 0.90, "sangong": 0.90, "rate": 0.90, "share": 0.90}
#: Per kind, the least share of *all* mutations caught (today: 100, 92, 81, 80 %, a few points
#: of margin): a regression of the reading (fewer claims read with their figures) fails here
#: even when the contradicted subset shrinks with it. Raise them as the narrative reading grows.
ALL_FLOORS = {"amount": 0.90, "sangong": 0.88, "rate": 0.75, "share": 0.70}


@pytest.mark.parametrize(
    ("label", "item"),
    [
        ("2023年“三公”经费预算数", "三公"),
        ("(一)因公出国(境)费", "出国"),
        ("公务接待费", "接待"),
        ("2026 年安排公务用车购置及运行维护费预算", "车"),
        ("公务用车购置费", "购置"),
        ("公务车用车运行费", "运行"),
        ("本部门机关运行经费安排", None),  # 机关运行经费 is no 三公 item
        ("单位预算安排购置单价", None),  # 购置 without 车
        ("会议费", None),
    ],
)
def test_the_sangong_item_of_a_narrative_label(label: str, item: str | None) -> None:
    assert narrative_mutation.sangong_item(label) == item


def test_in_the_sangong_table_a_bare_total_or_running_cost_is_an_item() -> None:
    assert narrative_mutation.sangong_item("合计", in_table=True) == "三公"
    assert narrative_mutation.sangong_item("运行费", in_table=True) == "运行"
    assert narrative_mutation.sangong_item("合计") is None


@pytest.fixture(scope="module")
def xinzhou() -> Original:
    original = read_original(str(SAMPLE))
    assert original is not None
    return original


@pytest.fixture(scope="module")
def wanli() -> Original:
    original = read_original(str(EXAMPLES / "shanghai-putuo-wanli-2023-dept-budget.txt"))
    assert original is not None
    return original


@pytest.mark.parametrize(("kind", "least"), [("amount", 15), ("rate", 2), ("share", 3)])
def test_the_harness_catches_narrative_mutations_of_the_sample(xinzhou: Original, kind: str, least: int) -> None:
    """Every contradicted mutation of the sample is caught (its component rates, 减幅13.5% after
    基本支出57.3万元, are caught too but state no figure of their own: not contradicted; the
    third 下降37.66% is on a line with a BL405 finding: not drawn)."""
    outcomes = [narrative_mutation.judge(xinzhou, t) for t in narrative_mutation.TARGETS[kind](xinzhou)]
    contradicted = [o for o in outcomes if o.contradicted]
    assert len(contradicted) >= least and all(o.caught for o in contradicted), outcomes


def test_an_unchanged_figure_is_neither_contradicted_nor_caught(xinzhou: Original) -> None:
    """The judge compares with the original: the same text must count as a miss, with a reason."""
    target = narrative_mutation.sample(xinzhou, "amount", 1)[0]
    outcome = narrative_mutation.judge(xinzhou, target._replace(changed=target.printed))
    assert not outcome.contradicted and not outcome.caught
    assert outcome.reason == "the changed amount is no longer read with its table figure"


def test_sangong_figures_are_those_the_sangong_table_prints(wanli: Original) -> None:
    """wanli's 三公 paragraph: 22.91 (合计), 21.56 (车 and 运行), 1.35 (接待); the 0万元 items are not drawn."""
    targets = list(narrative_mutation.sangong_targets(wanli))
    assert sorted(t.printed for t in targets) == ["1.35", "21.56", "21.56", "22.91"]
    outcomes = [narrative_mutation.judge(wanli, t) for t in targets]
    assert all(o.contradicted for o in outcomes)
    caught = {o.where for o in outcomes if o.caught}
    assert any("1.35" in where for where in caught), outcomes  # 公务接待费 resolves in the fact index


def test_a_rate_after_a_zero_prior_is_not_contradicted(wanli: Original) -> None:
    """比2022年预算执行数（0万元）增加100.00%: no rate follows from a prior of 0."""
    targets = [t for t in narrative_mutation.rate_targets(wanli) if t.printed == "100.00"]
    assert targets
    assert not narrative_mutation.judge(wanli, targets[0]).contradicted


@pytest.mark.slow
@pytest.mark.skipif(not narrative_mutation.WIDE.is_dir(), reason="../shared/corpus/wide/ is not here")
def test_contradicted_narrative_mutations_are_caught() -> None:
    outcomes = narrative_mutation.run()
    summary = narrative_mutation.report(outcomes)
    print(summary)
    for kind, floor in FLOORS.items():
        of_kind = [o for o in outcomes if o.kind == kind]
        contradicted = [o for o in of_kind if o.contradicted]
        assert contradicted, f"no contradicted {kind} mutation was drawn\n{summary}"
        caught, of = share(contradicted)
        assert caught >= floor * of, f"{kind}: only {caught}/{of} contradicted mutations caught\n{summary}"
        caught, of = share(of_kind)
        assert caught >= ALL_FLOORS[kind] * of, f"{kind}: only {caught}/{of} mutations caught\n{summary}"


def test_a_figure_the_sangong_table_also_prints_is_not_contradicted(wanli: Original) -> None:
    """A change to another figure printed under the same item (a 运行费 that equals its 小计)
    is not contradicted by the table: it must not count as a miss of the rules."""
    target = next(t for t in narrative_mutation.sangong_targets(wanli) if t.printed == "21.56")
    assert target.sangong is not None
    item, figures, _ = target.sangong
    same = Figure(figures[0], 2)
    outcome = narrative_mutation.judge(wanli, target._replace(sangong=(item, figures, same)))
    assert not outcome.contradicted  # (BL306 still catches it: the list's parts no longer add up)


#: A 三公 table whose header the reader leaves in the body (wide/ Suzhou template) and its paragraph.
_BODY_HEADER = """一般公共预算“三公”经费、会议费、培训费支出表
单位：万元
“三公”经费合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t会议费\t培训费
\t\t小计\t公务用车购置费\t公务用车运行维护费
43.80\t0.00\t7.80\t0.00\t7.80\t36.00\t26.60\t56.05

九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明
2026 年度一般公共预算拨款安排的“三公”经费支出预算 43.8 万元。
1．公务用车购置及运行维护费预算支出 7.8 万元。
2．公务接待费预算支出 36 万元。
"""


def test_a_sangong_table_with_its_header_in_the_body_is_read_and_its_mutations_caught(tmp_path: Path) -> None:
    """The harness names the figures of such a table by the names printed above them (43.80 under
    “三公”经费合计, 7.80 under the car's 小计, 36.00 under 公务接待费), and a changed total is caught."""
    path = tmp_path / "body-header-2026-dept-budget.txt"
    path.write_text(_BODY_HEADER, encoding="utf-8")
    original = read_original(str(path))
    assert original is not None
    printed = narrative_mutation.sangong_figures(original.context)
    assert {item: [f.value for f in figures] for item, figures in printed.items()} == {
        "三公": [Decimal("43.80")],
        "车": [Decimal("7.80")],
        "运行": [Decimal("7.80")],
        "接待": [Decimal("36.00")],
    }
    targets = list(narrative_mutation.sangong_targets(original))
    assert [t.printed for t in targets] == ["43.8"]  # (the harness's digit change skips 7.8 and 36)
    outcomes = [narrative_mutation.judge(original, t) for t in targets]
    assert all(o.contradicted and o.caught for o in outcomes), outcomes
