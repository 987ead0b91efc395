"""Where a table starts and ends and which of its rows are the header (issue 14: every province).

Each reading is pinned on both sides: the layout that used to be misread, and the nearby
layout that must keep its old reading (a sentence is no title, an empty 合计 row is data).
"""

from __future__ import annotations

from budgetlint.model.nodes import RowKind
from budgetlint.parsing.document import parse, title_part
from budgetlint.parsing.tables import respaced_cells


def test_title_part_drops_the_furniture_printed_after_the_title() -> None:
    assert title_part("表5:2026年市级部门一般公共预算支出预算表部门名称:杭州市司法局 单位:万元") == (
        "表5:2026年市级部门一般公共预算支出预算表"
    )
    assert title_part("支出预算总表部门:中共江苏省委办公厅单位:万元") == "支出预算总表"
    # No table title before the label: the line is returned whole.
    assert title_part("本年收入合计如下部门:中共江苏省委办公厅") == "本年收入合计如下部门:中共江苏省委办公厅"
    assert title_part("单位:万元") == "单位:万元"


def test_a_title_line_with_department_and_unit_starts_a_new_table() -> None:
    doc = parse(
        "表4：财政拨款收支预算总表\n部门名称：杭州市司法局 单位：万元\n项目\t预算数\n一、财政拨款\t100.00\n"
        "表5：一般公共预算支出预算表部门名称：杭州市司法局 单位：万元\n"
        "功能分类科目名称\t合计\t基本支出\n合计\t100.00\t100.00\n"
    )
    assert [t.title for t in doc.tables] == ["表4：财政拨款收支预算总表", "表5：一般公共预算支出预算表"]
    second = doc.tables[1]
    assert second.unit == "万元" and second.organization == "杭州市司法局"
    assert [c.path for c in second.columns] == [("功能分类科目名称",), ("合计",), ("基本支出",)]


def test_a_sentence_mentioning_the_unit_is_no_title() -> None:
    doc = parse("项目\t预算数\n一、财政拨款\t100.00\n以下金额均为万元部门：本局 单位：万元\n二、其他\t1.00\n")
    assert len(doc.tables) == 1


def test_a_label_in_chinese_numerals_belongs_to_the_next_table() -> None:
    doc = parse(
        "“三公”经费支出预算表\n合计\t会议费\n1.00\t1.00\n表十二\n"
        "政府采购预算表部门：某办公厅 单位：万元\n采购品目\t总计\n合计\t2.00\n"
    )
    assert [t.label for t in doc.tables] == [None, "表十二"]
    assert doc.tables[0].unknown == ()


def test_the_title_repeated_with_its_furniture_continues_the_table() -> None:
    doc = parse(
        "政府采购预算表部门：某办公厅 单位：万元\n采购品目\t总计\n合计\t2.00\n"
        "政府采购预算表部门：某办公厅 单位：万元\n采购品目\t总计\n一、货物\t2.00\n"
    )
    assert len(doc.tables) == 1
    assert [r.label for r in doc.tables[0].rows] == ["合计", "一、货物"]


def test_a_department_and_unit_row_is_no_header_row() -> None:
    table = parse("三公经费预算表\n部门：某办公厅\t\t单位：万元\n合计\t会议费\t培训费\n3.00\t1.00\t2.00\n").tables[0]
    assert [r.cells[0].text for r in table.header_rows] == ["合计"]
    assert table.unit == "万元"


def test_a_total_header_needs_its_layout_to_confirm_it() -> None:
    # Directly over a row of figures in the columns it names: a header.
    over_figures = parse("支出预算总表\n合 计\t基本支出\t项目支出\n3.00\t1.00\t2.00\n").tables[0]
    assert [r.kind for r in over_figures.header_rows] == [RowKind.HEADER]
    # Over another header row, with no figure below: a 合计 data row stays data.
    unconfirmed = parse("支出预算总表\n合计\t基本支出\t项目支出\n\t小计\t人员经费\n3.00\t1.00\t2.00\n").tables[0]
    assert [r.cells[0].text for r in unconfirmed.rows][:1] == ["合计"]
    # Dashes beside 合计 are empty figures, not column names.
    dashes = parse("支出表\n科目名称\t合计\t基本支出\n合计\t-\t-\n").tables[0]
    assert [r.label for r in dashes.rows] == ["合计"]


def test_a_header_wrapped_over_six_lines_is_all_header() -> None:
    rows = [
        "\t\t三公\t\t",
        "\t合计\t\t因公出国\t",
        "\t\t小计\t(境)费\t",
        "\t\t\t\t公务用车运",
        "\t\t\t\t",
        "\t\t\t\t行维护费",
    ]
    text = "三公经费表\n" + "\n".join(r for r in rows if r.strip()) + "\n\t1.00\t1.00\t0.50\t0.50\n"
    table = parse(text).tables[0]
    assert len(table.rows) == 1 and table.rows[0].cells[1].text == "1.00"


def test_an_index_row_of_one_column_after_a_placeholder() -> None:
    table = parse("国有资本经营预算支出预算表\n功能分类科目名称\t项目支出\n**\t1\n合计\t\n").tables[0]
    assert [r.kind for r in table.header_rows] == [RowKind.HEADER, RowKind.INDEX]
    assert [r.label for r in table.rows] == ["合计"]


def test_respaced_cells_follow_the_row_before() -> None:
    template = ["30311", "", "住房公积金", "", "1,029.15"]
    assert respaced_cells("2210201 住房公积金 1,029.15", template) == [(0, 7), None, (8, 13), None, (14, 22)]
    # The label may hold blanks; the codes and figures may not be missing or extra.
    assert respaced_cells("30399 其他 对个人 补助 3.00", template) == [(0, 5), None, (6, 15), None, (16, 20)]
    assert respaced_cells("2210201 住房公积金", template) is None
    assert respaced_cells("2210201 住房公积金 1.00 2.00", template) is None
    assert respaced_cells("住房公积金 1,029.15", template) is None
