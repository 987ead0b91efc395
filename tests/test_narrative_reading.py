"""How the narrative analysis reads sentence shapes of the wide corpus's templates (issue 14):
the figure after 比…预算数 is the prior, a bracketed sub-breakdown is not a list's sibling,
a figure followed by 其中 starts its own list, letter-spaced text is one label, a year is
not an amount. Each test names what was misread before."""

from __future__ import annotations

from budgetlint.analysis.narrative import Narrative, build_narrative
from budgetlint.parsing.document import parse


def _narrative(text: str) -> Narrative:
    return build_narrative(parse(text, path="case.txt"))


def test_the_figure_after_bi_is_the_prior_and_the_one_before_the_subject() -> None:
    story = _narrative(
        "2026 年度收入预算 51036.22 万元，比 2025 年年初预算数 45557.68 万元增加 5478.54 万元，增长 12.03%。\n"
    )
    (change,) = [c for c in story.changes if c.delta is not None]
    assert change.subject is not None and change.subject.shown == "51036.22 万元"
    assert change.prior is not None and change.prior.shown == "45557.68 万元"


def test_a_bare_bi_shangnian_amount_is_not_a_prior() -> None:
    story = _narrative("2026年本单位机关运行经费安排210.32万元，比上年1.43万元，增加0.68%。\n")
    assert all(c.prior is None for c in story.changes)


def test_a_bracketed_sub_breakdown_is_not_a_sibling_and_its_full_stop_ends_no_sentence() -> None:
    story = _narrative(
        "“三公”经费19.86万元。其中：因公出国（境）费5万元；公务用车购置及运行维护费6.7万元（公务用车购置费0万元；"
        "公务用车运行维护费6.7万元。）比上年减少2.3万元；公务接待费8.16万元。\n"
    )
    (breakdown,) = story.breakdowns
    assert [p.shown for p in breakdown.parts] == ["5万元", "6.7万元", "8.16万元"]


def test_a_figure_followed_by_qizhong_starts_its_own_list() -> None:
    story = _narrative(
        "当年收入5,093.76万元，其中：一般公共预算拨款5,093.76万元，较上年增加662.08万元；"
        "当年支出5,093.76万元，其中：一般公共预算拨款5,093.76万元，较上年增加662.08万元。\n"
    )
    assert [len(b.parts) for b in story.breakdowns] == [1, 1]


def test_letter_spaced_text_is_one_label_and_keeps_its_columns() -> None:
    line = "其中：一般公共预算拨款收入 37018.75 万元；政 府 性 基 金 收 入 27600.00 万 元 ， 占 5.4%。"
    story = _narrative(line + "\n")
    claim = next(a for a in story.amounts if a.figure.value == 27600)
    assert claim.label == "政府性基金收入" and claim.unit == "万元"
    assert claim.span.column == line.index("27600.00") + 1


def test_the_documents_year_before_wanyuan_is_not_an_amount() -> None:
    story = _narrative("某局2025年部门预算\n\n（一）基本支出：2025万元，主要是人员经费。项目支出40233.95万元。\n")
    assert [a.shown for a in story.amounts] == ["40233.95万元"]
