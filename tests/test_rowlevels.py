"""The levels of a list printed without codes, read from its figures (issue 14)."""

from __future__ import annotations

from decimal import Decimal

from budgetlint.analysis.rowlevels import MAX_SPLIT_ROWS, Node, resolve_levels, split_groups

HALF = Decimal("0.005")

#: wide/218 表1's 支出 side, 类/款/项 by name: 一般公共服务支出 … 卫生健康支出 (abridged).
HANGZHOU = [
    "12868.19",  # 0 一般公共服务支出
    "0.19",  # 1 社会工作事务
    "0.19",  # 2 其他社会工作事务支出
    "12868.00",  # 3 其他一般公共服务支出 (款)
    "12868.00",  # 4 其他一般公共服务支出 (项)
    "7458.52",  # 5 社会保障和就业支出
    "7458.52",  # 6 行政事业单位养老支出
    "1307.07",  # 7 行政单位离退休
    "4100.96",  # 8 机关事业单位基本养老保险缴费支出
    "2050.48",  # 9 机关事业单位职业年金缴费支出
    "2434.95",  # 10 卫生健康支出
    "2434.95",  # 11 行政事业单位医疗
    "2434.95",  # 12 行政单位医疗
]


def _figures(texts: list[str]) -> tuple[list[Decimal], list[Decimal]]:
    return [Decimal(t) for t in texts], [HALF] * len(texts)


def _shape(nodes: tuple[Node, ...]) -> list[tuple[int, list[int]]]:
    return [(n.index, [c.index for c in n.children]) for n in nodes]


def test_three_levels_by_name_resolve_to_their_classes() -> None:
    values, halves = _figures(HANGZHOU)
    resolution = resolve_levels(values, halves, Decimal("22761.66"), HALF)
    assert resolution.levels is not None
    assert [n.index for n in resolution.levels.top] == [0, 5, 10]
    parents = {n.index: [c.index for c in n.children] for n in resolution.levels.parents()}
    assert parents[0] == [1, 3] and parents[1] == [2] and parents[6] == [7, 8, 9]


def test_a_flat_list_is_its_own_reading() -> None:
    values, halves = _figures(["10.00", "20.00", "30.00"])
    resolution = resolve_levels(values, halves, Decimal("60.00"), HALF)
    assert resolution.levels is not None and not resolution.levels.nested


def test_a_flat_list_with_a_typo_is_not_nested() -> None:
    """The caller then reports the flat sum: a typo in a flat list is still caught."""
    values, halves = _figures(["10.00", "21.00", "30.00"])
    resolution = resolve_levels(values, halves, Decimal("60.00"), HALF)
    assert resolution.levels is None and not resolution.nested


def test_a_mistyped_item_leaves_a_nested_list_unresolved() -> None:
    texts = list(HANGZHOU)
    texts[8] = "4100.69"
    values, halves = _figures(texts)
    resolution = resolve_levels(values, halves, Decimal("22761.66"), HALF)
    assert resolution.levels is None and resolution.nested


def test_negative_figures_are_not_read() -> None:
    values, halves = _figures(["10.00", "-5.00", "15.00"])
    assert resolve_levels(values, halves, Decimal("10.00"), HALF) == (None, False)


def test_split_blames_a_mistyped_item_at_its_head() -> None:
    # 司法 60 = 行政运行 45 + 一般行政管理事务 15, the 15 printed 51.
    values, halves = _figures(["60.00", "45.00", "51.00"])
    assert _shape(split_groups(values, halves, Decimal("60.00"), HALF) or ()) == [(0, [1, 2])]


def test_split_blames_a_mistyped_head() -> None:
    # wide/219 表1: 一般公共服务支出 printed 6651.38, its 款 give 1.98 + 6,700.00.
    values, halves = _figures(["1.98", "1.98", "6700.00", "6700.00"])
    assert _shape(split_groups(values, halves, Decimal("6651.38"), HALF) or ()) == [(0, [1]), (2, [3])]


def test_split_of_units_and_projects() -> None:
    # wide/211 表12: 办公厅 1,361.61 | 6 projects, 信息中心 70.30 | 4, 公文交换站 65.15 | 4.
    texts = "1361.61 226.48 21.20 156.38 749.25 138.05 70.25 70.30 16.10 7.00 21.00 26.20 65.15 56.15 1.02 3.00 4.98"
    values, halves = _figures(texts.split())
    assert [n.index for n in split_groups(values, halves, Decimal("1497.06"), HALF) or ()] == [0, 7, 12]


def test_split_gives_up_when_two_figures_are_wrong() -> None:
    values, halves = _figures(["200.00", "121.00", "80.00", "100.00", "60.00", "40.00"])
    assert split_groups(values, halves, Decimal("310.00"), HALF) is None


def test_split_never_blames_the_total_of_heads_without_items() -> None:
    """Any list of leaves would 'explain' a wrong total: only confirmed heads may."""
    values, halves = _figures(["10.00", "21.00", "30.00"])
    assert split_groups(values, halves, Decimal("60.00"), HALF) is None


def test_split_is_bounded() -> None:
    values, halves = _figures(["1.00"] * (MAX_SPLIT_ROWS + 1))
    assert split_groups(values, halves, Decimal("1.00"), HALF) is None
