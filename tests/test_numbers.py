"""Figures as printed, and the tolerance arithmetic of RULES.md."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.model.numbers import (
    Figure,
    NotANumber,
    Verdict,
    compare_sum,
    parse_amount,
    parse_percent,
    ratio_consistent,
    try_parse_amount,
)


@pytest.mark.parametrize(
    ("text", "value", "decimals", "exact"),
    [
        ("140.30", "140.30", 2, False),
        ("3,320,000", "3320000", 0, False),
        ("１２３．４５", "123.45", 2, False),
        ("1，234．5", "1234.5", 1, False),
        ("-12.5", "-12.5", 1, False),
        ("0.00", "0", 2, False),
        ("", "0", 0, True),
        ("-", "0", 0, True),
        ("—", "0", 0, True),
        (" 5.75 ", "5.75", 2, False),
    ],
)
def test_parse_amount(text: str, value: str, decimals: int, exact: bool) -> None:
    figure = parse_amount(text)
    assert figure.value == Decimal(value)
    assert figure.decimals == decimals
    assert figure.exact is exact


@pytest.mark.parametrize("text", ["万元", "12.3.4", "1,23", "abc", "12万", "%"])
def test_parse_amount_rejects_text(text: str) -> None:
    with pytest.raises(NotANumber):
        parse_amount(text)
    assert try_parse_amount(text) is None


def test_parse_percent() -> None:
    assert parse_percent("95.02%") == Figure(Decimal("95.02"), 2)
    assert parse_percent("９５．０２％") == Figure(Decimal("95.02"), 2)
    assert parse_percent("95.02") is None


def test_half_width_follows_displayed_decimals() -> None:
    assert parse_amount("5.43").half_width == Decimal("0.005")
    assert parse_amount("330,000").half_width == Decimal("0.5")
    assert parse_amount("-").half_width == 0


def test_sum_exact_rounding_mismatch() -> None:
    f = parse_amount
    assert compare_sum(f("140.30"), [f("57.30"), f("83.00")], exact=False).verdict is Verdict.EXACT
    # 商品和服务支出 5.43 against its seven items summing to 5.42 (the sample's rounding case)
    items = [f(x) for x in ("0.90", "0.20", "0.04", "1.00", "0.44", "1.28", "1.56")]
    rounding = compare_sum(f("5.43"), items, exact=False)
    assert rounding.verdict is Verdict.ROUNDING
    assert rounding.difference == Decimal("0.01")
    assert rounding.envelope == Decimal("0.040")
    assert compare_sum(f("5.53"), items, exact=False).verdict is Verdict.MISMATCH


def test_blank_parts_add_no_uncertainty() -> None:
    total = parse_amount("1.00")
    assert (
        compare_sum(total, [parse_amount("1.00"), parse_amount(""), parse_amount("-")], exact=False).verdict
        is Verdict.EXACT
    )
    assert compare_sum(total, [parse_amount("1.01"), parse_amount("")], exact=False).envelope == Decimal("0.010")


def test_ratio_consistency_uses_intervals() -> None:
    f = parse_amount
    # 133.31 / 140.30 = 95.018 % → stated 95.02 % is exact at two decimals
    assert ratio_consistent(f("95.02"), f("133.31"), f("140.30"), exact=False) is Verdict.EXACT
    assert ratio_consistent(f("95.0"), f("133.31"), f("140.30"), exact=False) is Verdict.EXACT
    # 11.67 → 45.41 is +289 %, not +314.82 %
    assert ratio_consistent(f("314.82"), f("33.74"), f("11.67"), exact=False) is Verdict.MISMATCH
    assert ratio_consistent(f("5"), f("1"), f("0"), exact=False) is None


def test_scaling_keeps_uncertainty() -> None:
    yuan = parse_amount("830,000")
    wan = yuan.scaled(Decimal("0.0001"))
    assert wan.value == Decimal("83.0000")
    assert wan.half_width == Decimal("0.00005")


def test_digit_runs_too_long_for_a_budget_figure_are_not_numbers() -> None:
    # 15 integer digits (a thousand 万亿 元) and 12 decimals are the longest figures read.
    assert try_parse_amount("9" * 15) is not None
    assert try_parse_amount("0." + "5" * 12) is not None
    assert try_parse_amount("0" * 20 + "1.00") is not None  # leading zeros do not count
    assert try_parse_amount("1" * 16) is None
    assert try_parse_amount("1" * 4301) is None
    assert try_parse_amount("50." + "0" * 13) is None
