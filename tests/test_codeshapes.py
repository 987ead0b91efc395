"""Column roles and 科目编码 shapes seen in wide/ (Xi'an, Yantai, Huzhou) read into one hierarchy."""

from __future__ import annotations

from budgetlint.analysis.codeshapes import CodeReader, split_levels
from budgetlint.analysis.tablemodel import table_models
from budgetlint.model.labels import expects_items, is_economic_code
from budgetlint.model.nodes import ColumnRole, RowKind
from budgetlint.parsing.document import parse


def test_split_levels_only_for_columns_headed_by_level() -> None:
    assert split_levels(["类", "款", "项"]) == (3, 2, 2)
    assert split_levels(["类", "款"]) == (3, 2)
    assert split_levels(["科目编码"]) is None
    assert split_levels(["款", "项"]) is None  # a 款 cannot open a code


def test_split_codes_complete_blank_parents_from_the_rows_above() -> None:
    reader = CodeReader((3, 2, 2), literal_sections=False)
    assert [reader.split(p) for p in (["208", "", ""], ["", "05", ""], ["", "", "01"], ["", "", "05"])] == [
        "208",
        "20805",
        "2080501",
        "2080505",
    ]
    assert reader.split(["210", "11", "02"]) == "2101102"  # printed in full


def test_split_codes_without_context_or_of_another_shape_are_not_guessed() -> None:
    reader = CodeReader((3, 2, 2), literal_sections=False)
    assert reader.split(["", "", "02"]) is None  # its 类 and 款 are on an earlier page
    assert reader.split(["", "5", ""]) is None  # one digit: not a 款 part
    assert reader.split(["7", "11", "02"]) == "71102"  # a misprinted 类 stays as printed, for BL203


def test_two_digit_codes_in_one_column() -> None:
    sections = CodeReader(None, literal_sections=False)  # Xi'an: 201 / 10 / 2011007
    assert [sections.single(c) for c in ("201", "10", "2011007", "205", "03")] == [
        "201",
        "20110",
        "2011007",
        "205",
        "20503",
    ]
    items = CodeReader(None, literal_sections=True)  # 款 printed in full: a 2-digit code is a 项
    assert [items.single(c) for c in ("208", "20805", "01")] == ["208", "20805", "2080501"]
    assert CodeReader(None, literal_sections=False).single("10") is None


def test_economic_codes_and_classes_without_items() -> None:
    assert is_economic_code("30101") and is_economic_code("50201") and not is_economic_code("20101")
    assert expects_items("208") and expects_items("20805")
    assert not expects_items("21999") and not expects_items("227") and not expects_items("301")


XIAN_INCOME = (
    "2020年部门综合预算收入总表\n单位：万元\n"
    "单位编码\t单位名称\t部门预算\n"
    "\t\t合计\t一般公共预算拨款\t\t政府性基金拨款\n"
    "\t\t\t小计\t其中：专项资金列入部门预算项目\n"
    "**\t**\t1\t2\t3\t4\n"
    "242001\t西安市人力资源和社会保障局\t24417.66\t24417.66\t20830\t0\n"
)


def test_unit_code_column_star_index_row_and_subset_column() -> None:
    table = parse(XIAN_INCOME).tables[0]
    assert [c.role for c in table.columns] == [
        ColumnRole.UNIT_CODE,
        ColumnRole.LABEL,
        ColumnRole.AMOUNT,
        ColumnRole.AMOUNT,
        ColumnRole.AMOUNT,
        ColumnRole.AMOUNT,
    ]
    assert [r.kind for r in table.header_rows][-1] is RowKind.INDEX
    (side,) = table_models(parse(XIAN_INCOME))[0].sides
    assert side.amount == (2, 3, 4, 5)
    assert {g.total: g.parts for g in side.groups if g.total is not None} == {2: (3, 5)}


def test_row_number_and_percent_columns_are_neither_labels_nor_amounts() -> None:
    text = "2023年支出决算表\n单位：万元\n项目\t行次\t金额\t比上年增长%\n合计\t1\t10.00\t5.2\n工资\t2\t10.00\t5.2\n"
    table = parse(text).tables[0]
    assert [c.role for c in table.columns] == [
        ColumnRole.LABEL,
        ColumnRole.ROW_NUMBER,
        ColumnRole.AMOUNT,
        ColumnRole.PERCENT,
    ]
    (side,) = table_models(parse(text))[0].sides
    assert side.amount == (2,)
