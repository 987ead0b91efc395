"""budgetlint.model.text and budgetlint.model.labels on texts printed in the corpus documents.

Each numbering variant is pinned on the lines that make it differ from the others, so
that merging two variants (and so changing a call site's answer) fails here first.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from budgetlint.model.labels import is_code, is_total_label, leading_bracket_code
from budgetlint.model.numbers import parse_amount, try_parse_amount, try_parse_normalized_amount
from budgetlint.model.text import (
    HEADING_NUMBERING,
    LABEL_NUMBERING,
    NUMBERING_LEVELS,
    PRINTED_ITEM_NUMBERING,
    PRINTED_PARAGRAPH_NUMBERING,
    ROW_LABEL_NUMBERING,
    TITLE_NUMBERING,
    TO_WAN,
    TO_YUAN,
    chinese_number,
    chinese_numeral,
    code_in_label,
    fact_lookup_key,
    normalize_width,
    row_match_key,
    split_numbering,
    squash,
)


def _matched(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.match(text)
    return match.group(0) if match else None


# -- width ---------------------------------------------------------------------
def test_normalize_width_maps_full_width_ascii_and_keeps_length() -> None:
    printed = "４．2023年部门财政拨款收支预算总表（续）\u3000单位：万元"
    normalized = normalize_width(printed)
    assert normalized == "4.2023年部门财政拨款收支预算总表(续) 单位:万元"
    assert len(normalized) == len(printed)  # columns of normalized text are the printed ones


def test_normalize_width_leaves_chinese_punctuation_and_is_idempotent() -> None:
    text = "一、2023年“三公”经费预算情况说明。"
    assert normalize_width(text) == text  # 、“”。 are not full-width ASCII
    long_line = "（一）" * 40  # longer than the memo limit: the same answer unmemoized
    assert normalize_width(long_line) == "(一)" * 40
    assert normalize_width(normalize_width(long_line)) == normalize_width(long_line)


def test_squash_removes_every_kind_of_blank() -> None:
    assert squash("政府性 基金预\t算\u3000收入") == "政府性基金预算收入"


# -- numbering -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "numbering", "title"),
    [
        ("一、单位主要职能", "一、", "单位主要职能"),
        ("二十三、其他支出", "二十三、", "其他支出"),
        ("第三部分 附件", "第三部分", "附件"),
        (normalize_width("（一）政府购买服务"), "(一)", "政府购买服务"),
        ("1.小学教育(2050202)", "1.", "小学教育(2050202)"),
        ("  4、来华留学教育", "4、", "来华留学教育"),
        ("6.4\t0\t0", "", "6.4\t0\t0"),  # a decimal, not a numbering
        ("2023年预算", "", "2023年预算"),
    ],
)
def test_heading_numbering_splits_headings(line: str, numbering: str, title: str) -> None:
    assert split_numbering(line) == (numbering, title)


def test_heading_numbering_needs_normalized_brackets() -> None:
    assert HEADING_NUMBERING.match("（一）政府购买服务") is None  # printed width: normalize first
    assert HEADING_NUMBERING.match("(1)高等教育") is None  # (1) is not a heading level


def test_printed_paragraph_numbering_reads_printed_text() -> None:
    assert _matched(PRINTED_PARAGRAPH_NUMBERING, "（一）政府购买服务情况") == "（一）"
    assert _matched(PRINTED_PARAGRAPH_NUMBERING, "第十一部分 名词解释") == "第十一部分"
    assert _matched(PRINTED_PARAGRAPH_NUMBERING, "2.高中教育(2050204),2023 年度决算数") == "2."
    assert PRINTED_PARAGRAPH_NUMBERING.match("3.51%") is None
    assert PRINTED_PARAGRAPH_NUMBERING.match("（1）高等教育：反映教育部直属高校") is None


def test_label_numbering_strips_row_label_numbering() -> None:
    assert _matched(LABEL_NUMBERING, "八、社会保障和就业支出") == "八、"
    assert _matched(LABEL_NUMBERING, "①公务用车购置费") == "①"
    assert _matched(LABEL_NUMBERING, "(一)公共安全支出") == "(一)"
    assert LABEL_NUMBERING.match("(1)高等教育") is None  # kept by the fact index
    assert LABEL_NUMBERING.match(" 一、一般公共预算") is None  # cells are stripped first
    assert LABEL_NUMBERING.match("第一部分 单位概况") is None
    assert LABEL_NUMBERING.match("4.2023年部门财政拨款收支预算总表") is None


def test_row_label_numbering_also_strips_bracketed_digits() -> None:
    assert _matched(ROW_LABEL_NUMBERING, "(1)高等教育") == "(1)"
    assert _matched(ROW_LABEL_NUMBERING, "(12)其他") == "(12)"
    assert _matched(ROW_LABEL_NUMBERING, "二十一、国有资本经营预算支出") == "二十一、"
    assert ROW_LABEL_NUMBERING.match("公务接待费") is None


@pytest.mark.parametrize(
    ("label", "level"),
    [
        ("一、一般公共预算", 1),
        ("(一)公共安全支出", 2),
        ("1.小学教育", 3),
        ("①公务用车购置费", 4),
        ("(1)高等教育", 4),
        ("公务接待费", None),
        ("6.4", None),
    ],
)
def test_numbering_levels_name_the_level(label: str, level: int | None) -> None:
    match = NUMBERING_LEVELS.match(label)
    assert (match.lastindex if match else None) == level


def test_title_numbering_allows_a_year_after_the_number() -> None:
    title = normalize_width("４．2023年部门财政拨款收支预算总表")
    assert _matched(TITLE_NUMBERING, title) == "4."
    assert _matched(TITLE_NUMBERING, "五、单位预算表") == "五、"
    assert TITLE_NUMBERING.match("4.25万元") is None


def test_printed_item_numbering_accepts_full_width_forms() -> None:
    pattern = re.compile(rf"^\s*(?:{PRINTED_ITEM_NUMBERING})")
    assert _matched(pattern, "４．2023年部门财政拨款收支预算总表") == "４．"
    assert _matched(pattern, "（1）高等教育") == "（1）"
    assert _matched(pattern, "（一）政府购买服务") == "（一）"
    assert pattern.match("6.4") is None


def test_chinese_numbers_both_ways() -> None:
    assert [chinese_number(t) for t in ("一", "十", "十二", "二十三", "三十", "12")] == [1, 10, 12, 23, 30, 12]
    assert chinese_number("十零") is None
    assert chinese_number("") is None
    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    assert all(chinese_number(chinese_numeral(n)) == n for n in range(1, 100))


# -- comparison keys -------------------------------------------------------------
@pytest.mark.parametrize(
    ("label", "fact_key", "row_key"),
    [
        ("八、社会保障和就业支出", "社会保障和就业支出", "社会保障和就业支出"),
        ("（一）公共安全支出（204类）", "公共安全支出", "公共安全支出"),
        ("2023年“三公”经费", "三公经费", "2023年三公经费"),  # only the fact key drops a year
        ("（1）高等教育", "(1)高等教育", "高等教育"),  # only the row key drops (1)
        ("其中：公务接待费", "其中:公务接待费", "其中公务接待费"),  # only the row key drops punctuation
        ("1.小学教育（2050202）", "小学教育", "小学教育"),
        ("收 入 总 计", "收入总计", "收入总计"),
    ],
)
def test_the_two_label_keys(label: str, fact_key: str, row_key: str) -> None:
    assert fact_lookup_key(label) == fact_key
    assert row_match_key(normalize_width(label)) == row_key


def test_code_in_label() -> None:
    assert code_in_label(normalize_width("公共安全支出（204类）")) == "204"
    assert code_in_label("1.小学教育(2050202)") == "2050202"
    assert code_in_label("出(2131)") is None  # four digits are no 科目编码
    assert code_in_label("社会保障和就业支出") is None


# -- labels ----------------------------------------------------------------------
def test_codes_and_total_labels() -> None:
    assert [is_code(t) for t in ("205", "20502", "2050202", "2050", "20502a")] == [True, True, True, False, False]
    assert is_total_label("本年收入合计")
    assert is_total_label("收 入 总 计")
    assert not is_total_label("其中：小计")
    assert not is_total_label("一般公共预算财政拨款支出合计（按功能分类科目）")


# -- units -----------------------------------------------------------------------
def test_one_unit_table() -> None:
    assert TO_WAN == {"亿元": Decimal(10000), "万元": Decimal(1), "千元": Decimal("0.1"), "元": Decimal("0.0001")}
    assert TO_YUAN == {"亿元": Decimal(10**8), "万元": Decimal(10000), "千元": Decimal(1000), "元": Decimal(1)}
    assert all(TO_WAN[unit] * 10000 == TO_YUAN[unit] for unit in TO_WAN)
    # 元 figures of the xinzhou document in 万元, with their rounding carried along
    assert parse_amount("27,073,236").scaled(TO_WAN["元"]).value == Decimal("2707.3236")


def test_normalized_amounts_parse_like_printed_ones() -> None:
    for printed in ("１２３．４５", "3,320,000", "-", "—", "140.30", "abc"):
        assert try_parse_normalized_amount(normalize_width(printed)) == try_parse_amount(printed)


def test_leading_bracket_code() -> None:
    # Guangzhou prints economic codes in brackets before the name: [301]工资福利支出, [30101]基本工资.
    assert leading_bracket_code("[301]工资福利支出") == "301"
    assert leading_bracket_code(" [30101]基本工资") == "30101"
    assert leading_bracket_code("[2080501]行政单位离退休") == "2080501"
    assert leading_bracket_code("[3010]工资") is None  # not a 类/款/项 length
    assert leading_bracket_code("工资福利支出[301]") is None  # only at the start
    assert leading_bracket_code("[2024]年度") is None
