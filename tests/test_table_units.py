"""Where real tables state their unit (issue 14: BL408 on layouts seen in wide/)."""

from __future__ import annotations

import pytest

from budgetlint.parsing.document import parse

ROWS = "项目\t预算数\t项目\t预算数\n一、一般公共预算拨款收入\t9,947.88\t一、一般公共服务支出\t5,368.21\n"


@pytest.mark.parametrize(
    ("head", "title", "unit"),
    [
        # Wuxi / Suzhou 公开01表: the issuer's line ends with the unit.
        ("公开01表\n收支总表\n部门：无锡市发展和改革委员会 单位：万元\n", "收支总表", "万元"),
        # Huzhou 表01: a code before the issuer.
        (
            "表01\n2026年市级部门收支预算总表\n507-湖州市卫生健康委员会 单位：万元\n",
            "2026年市级部门收支预算总表",
            "万元",
        ),
        # Yantai 公开表2.
        ("公开表2\n收入总体情况表\n部门（单位）：烟台市民政局 单位：万元\n", "收入总体情况表", "万元"),
        # Beijing 预算01表: the unit in a header cell of its own.
        ("收支总表\n收 入\t\t支 出\t\t\t\t\t\t\t\t\t\t\t金额单位：万元\n", "收支总表", "万元"),
        # No unit anywhere: none is invented from the issuer's line.
        ("收支总表\n部门：无锡市发展和改革委员会\n", "收支总表", None),
    ],
)
def test_unit_layouts(head: str, title: str, unit: str | None) -> None:
    doc = parse(head + ROWS)
    assert [(t.title, t.unit) for t in doc.tables] == [(title, unit)]


def test_a_unit_in_a_long_row_of_text_is_not_the_tables_unit() -> None:
    row = "项目说明\t用于支付单位：元的测算依据及其他长篇说明文字，共计若干项，详见附件内容\t12.00\n"
    doc = parse("项目支出表\n项目\t说明\t金额\n" + row)
    assert [t.unit for t in doc.tables] == [None]
