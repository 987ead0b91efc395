"""The AST of the reference sample, checked against what the document prints."""

from __future__ import annotations

from decimal import Decimal

from budgetlint.model.nodes import ColumnRole, DocumentKind, HeadingKind, RowKind
from budgetlint.model.text import chinese_number, split_numbering
from budgetlint.parsing.document import numbering_of, parse

from .conftest import time_limit

TOC_TABLES = [
    "2023年预算收支总表",
    "2023年预算收入总表",
    "2023年预算支出总表",
    "2023年财政拨款收支总表",
    "2023年一般公共预算支出预算表（不含上年结转）",
    "2023年一般公共预算安排基本支出分经济科目表（不含上年结转）",
    "2023年政府性基金预算收入表（不含上年结转）",
    "2023年政府性基金预算支出表（不含上年结转）",
    "2023年国有资本经营预算收支预算表（不含上年结转）",
    "2023年一般公共预算“三公”经费支出预算表",
    "2023年机关运行经费预算财政拨款情况统计表",
    "2023年项目支出预算表（本年预算）",
    "2023年项目支出预算表（上年结转）",
]


def test_metadata(sample_doc) -> None:
    assert sample_doc.title == "2023年度单位预算公开"
    assert sample_doc.unit_name == "忻州市社会保障卡服务中心"
    assert sample_doc.year == 2023
    assert sample_doc.kind is DocumentKind.UNIT_BUDGET


def test_toc(sample_doc) -> None:
    toc = sample_doc.toc
    assert toc is not None and len(toc.entries) == 33
    first, last = toc.entries[0], toc.entries[-1]
    assert (first.text, first.page, first.kind) == ("第一部分 概况", 1, HeadingKind.PART)
    assert (last.text, last.page) == ("第四部分 名词解释", 21)
    assert [e.text for e in toc.entries if e.kind is HeadingKind.TABLE] == TOC_TABLES
    assert toc.entries[31].kind is HeadingKind.LEVEL2 and toc.entries[31].number == 2


def test_parts_and_sections(sample_doc) -> None:
    parts = [p for p in sample_doc.parts if p.heading is not None]
    assert [p.heading.title for p in parts] == ["概况", "2023年单位预算报表", "2023年度单位预算情况说明", "名词解释"]
    assert [s.heading.number for s in parts[0].sections] == [1, 2]
    narrative = parts[2].sections
    assert [s.heading.number for s in narrative] == list(range(1, 13))
    assert [s.heading.title for s in narrative[4].subsections] == [
        "一般公共预算当年拨款规模变化情况",
        "一般公共预算当年拨款结构情况",
    ]
    assert [s.heading.title for s in narrative[11].subsections] == ["政府购买服务指导性目录", "其他"]
    # The thirteen tables belong to part two; the performance form to section 十.
    assert [t.title for t in parts[1].blocks] == TOC_TABLES
    form = narrative[9].subsections[1].blocks[-1]
    assert form.title == "忻州市市级预算部门(单位)项目支出绩效目标申报表"


def test_tables_units_labels_notes(sample_doc) -> None:
    tables = {t.title: t for t in sample_doc.tables}
    assert len(sample_doc.tables) == 14
    assert tables["2023年预算收支总表"].label == "预算公开表1"
    for title in TOC_TABLES:
        assert tables[title].unit == "万元"
        assert tables[title].organization == "忻州市社会保障卡服务中心"
    empty = [t.title for t in sample_doc.tables if [n.text for n in t.notes] == ["注：本表无数据"]]
    assert empty == [TOC_TABLES[i] for i in (6, 7, 8, 9, 10, 12)]
    assert not any(tables[t].has_figures for t in empty)
    assert all(tables[t].has_figures for t in TOC_TABLES if t not in empty)


def test_rows_and_amounts_as_printed(sample_doc) -> None:
    lines = sample_doc.lines
    for table in sample_doc.tables:
        for row in table.rows + table.header_rows:
            printed = lines[row.span.line - 1].split("\t")
            assert [c.text for c in row.cells] == [c.strip() for c in printed]
            for cell, text in zip(row.cells, printed, strict=False):
                assert lines[row.span.line - 1][cell.span.column - 1 :].startswith(text.strip())
        for row in table.rows:
            for column in table.amount_columns:
                cell = row.cell(column.index)
                if cell is None or cell.is_blank:
                    continue
                assert cell.figure is not None, (table.title, row.label, cell.text)
                assert f"{cell.figure.value:,.{cell.figure.decimals}f}".replace(",", "") == cell.text.replace(",", "")


def test_income_table_structure(sample_doc) -> None:
    table = next(t for t in sample_doc.tables if t.title == "2023年预算收入总表")
    assert [c.path for c in table.columns[:4]] == [
        ("项目", "科目编码"),
        ("项目", "科目名称"),
        ("本年收入", "合计"),
        ("本年收入", "一般公共预算"),
    ]
    assert [c.role for c in table.columns[:3]] == [ColumnRole.CODE, ColumnRole.LABEL, ColumnRole.AMOUNT]
    assert table.columns[-1].path == ("上年结转",)
    assert [r.kind for r in table.header_rows] == [RowKind.HEADER, RowKind.HEADER]
    total, first = table.rows[0], table.rows[1]
    assert total.is_total and total.label == "合计" and total.code is None
    assert (first.code, first.label) == ("208", "社会保障和就业支出")
    assert first.cells[2].figure.value == Decimal("133.31") and first.cells[2].figure.decimals == 2
    assert [r.code for r in table.rows[1:]] == [
        "208",
        "20801",
        "2080199",
        "20805",
        "2080505",
        "210",
        "21011",
        "2101102",
        "221",
        "22102",
        "2210201",
    ]


def test_two_sided_and_three_row_header(sample_doc) -> None:
    table = next(t for t in sample_doc.tables if t.title == "2023年财政拨款收支总表")
    assert [c.path for c in table.columns] == [
        ("收入", "项目"),
        ("收入", "金额"),
        ("支出", "项目"),
        ("支出", "金额", "小计"),
        ("支出", "金额", "一般公共预算"),
        ("支出", "金额", "政府性基金预算"),
        ("支出", "金额", "国有资本经营预算"),
    ]
    assert len(table.header_rows) == 3
    # The blank line inside the table (a page break) does not end it.
    assert table.rows[-1].label == "收入总计" and table.rows[-1].is_total


def test_project_table_index_row_and_wrapped_headers(sample_doc) -> None:
    table = next(t for t in sample_doc.tables if t.title == "2023年项目支出预算表（本年预算）")
    assert [r.kind for r in table.header_rows] == [RowKind.HEADER, RowKind.HEADER, RowKind.INDEX]
    assert table.columns[3].path == ("2023年财政拨款", "政府性基金预算")
    assert table.columns[5].path == ("财政专户管理资金",)
    assert [r.label for r in table.rows] == ["金保工程信息系统日常运营维护"]


def test_noise_and_paragraphs(sample_doc) -> None:
    assert {n.kind for n in sample_doc.noise} == {"watermark"}
    assert len(sample_doc.noise) == 14
    texts = [p.text for p in sample_doc.paragraphs]
    assert any(t.startswith("2023年度一般公共预算当年拨款140.30万元，主要用于") for t in texts)
    assert not sample_doc.unknown


def test_numbering_helpers() -> None:
    assert [chinese_number(t) for t in ("一", "十", "十二", "二十三", "三十")] == [1, 10, 12, 23, 30]
    assert numbering_of("第三部分") == (HeadingKind.PART, 3)
    assert numbering_of("(二)") == (HeadingKind.LEVEL2, 2)
    assert numbering_of("12.") == (HeadingKind.LEVEL3, 12)
    assert split_numbering("十二、其他说明") == ("十二、", "其他说明")
    assert split_numbering("2023年预算") == ("", "2023年预算")


def test_robust_to_odd_layouts() -> None:
    doc = parse("\ufeff目录\r\n一、说明.....1\r\n\r\n一、说明\r\n正文。", path="x")
    assert doc.toc is not None and len(doc.toc.entries) == 1
    assert [h.text for h in doc.headings] == ["一、说明"]
    rows_only = parse("合计\t1.00\n208\t社会保障\t1.00\n")
    assert len(rows_only.tables) == 1 and rows_only.tables[0].title == ""


def test_full_width_digits_in_cells() -> None:
    doc = parse("2023年预算支出总表\n单位：万元\n科目编码\t科目名称\t合计\n２０８\t社会保障\t１３３．３１\n")
    row = doc.tables[0].rows[0]
    assert row.code == "208"
    assert row.cells[2].figure.value == Decimal("133.31")


def test_title_like_row_with_nothing_below_ends() -> None:
    # A title exported with empty cells and no rows under it used to loop forever.
    with time_limit(10):
        doc = parse("2023年部门预算\n\n收支总表\t\t\n说明文字。\n")
    assert [t.span.line for t in doc.tables] == [3]
    assert [p.text for p in doc.paragraphs][-1] == "说明文字。"


def test_toc_entries_with_long_blank_runs_are_parsed_quickly() -> None:
    # The title-suffix pattern once backtracked cubically over runs of blanks: each of
    # these 目录 entries took over a second.
    entries = "".join(f"x{' ' * 190}y.....{page}\n" for page in range(1, 11))
    with time_limit(5):
        doc = parse("目录\n" + entries + "一、说明\n正文。\n")
    assert doc.toc is not None and len(doc.toc.entries) == 10


def test_a_cover_title_broken_by_the_text_layer_still_gives_the_year() -> None:
    """Covers print the year large: the PDF text puts it on its own line or spreads the title
    over short lines (wide/ Chongqing, Fuzhou, Quanzhou, Shenzhen templates)."""
    assert parse("重庆市商务委员会 年部门预算情况说明\n2026\n一、单位基本情况\n", path="a.txt").year == 2026
    assert parse("2026 年度\n福州经济技术开发区生态\n环境局\n单位预算\n目录\n", path="b.txt").year == 2026
    assert parse("2026 年深圳市气象局（本级）部门预\n算\n目 录\n", path="c.txt").year == 2026


def test_a_year_without_a_budget_title_near_it_is_not_the_documents() -> None:
    """A bare year next to lines that name no 预算/决算, or a title longer than a cover line, says nothing."""
    assert parse("2026\n单位基本情况\n主要职责\n", path="a.txt").year is None
    assert parse("2026 年度\n" + "很长的一行说明文字" * 5 + "\n部门预算\n", path="b.txt").year is None
