"""The table model and table kinds that BL2xx/BL3xx (and later the narrative rules) rely on."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.analysis.tablekinds import TableKind, kind_of_title, tables_of_kind
from budgetlint.analysis.tablemodel import table_models
from budgetlint.parsing.document import parse


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2023年预算收支总表", TableKind.SUMMARY),
        ("2024年预算单位财务收支预算总表", TableKind.SUMMARY),
        ("收入支出决算总表", TableKind.SUMMARY),
        ("表 1：高等学校收支决算总表", TableKind.SUMMARY),
        ("2023年预算收入总表", TableKind.INCOME),
        ("西南大学收入预算表", TableKind.INCOME),
        ("收入决算表", TableKind.INCOME),
        ("2023年部门支出预算总表", TableKind.EXPENDITURE),
        ("表 3：高等学校支出决算表", TableKind.EXPENDITURE),
        ("2023年财政拨款收支总表", TableKind.FISCAL_SUMMARY),
        ("财政拨款收入支出决算总表", TableKind.FISCAL_SUMMARY),
        ("西南大学财政拨款支出预算表", TableKind.FISCAL_EXPENDITURE),
        ("2023年一般公共预算支出预算表（不含上年结转）", TableKind.GENERAL_EXPENDITURE),
        ("一般公共预算财政拨款支出决算表", TableKind.GENERAL_EXPENDITURE),
        ("2023年一般公共预算安排基本支出分经济科目表（不含上年结转）", TableKind.BASIC_ECONOMIC),
        ("一般公共预算财政拨款基本支出决算表", TableKind.BASIC_ECONOMIC),
        ("2023年政府性基金预算支出表（不含上年结转）", TableKind.GOVERNMENT_FUND),
        ("2023年国有资本经营预算收支预算表（不含上年结转）", TableKind.STATE_CAPITAL),
        ("2023年一般公共预算“三公”经费支出预算表", TableKind.THREE_PUBLIC),
        ("2023年部门“三公”经费和机关运行经费预算表", TableKind.THREE_PUBLIC),
        ("2023年机关运行经费预算财政拨款情况统计表", TableKind.OPERATING_COSTS),
        ("2023年项目支出预算表（上年结转）", TableKind.PROJECT),
        ("忻州市市级预算部门(单位)项目支出绩效目标申报表", TableKind.PERFORMANCE),
        ("一、部门基本情况", TableKind.OTHER),
    ],
)
def test_kind_of_title(title: str, kind: TableKind) -> None:
    assert kind_of_title(title) is kind


def test_sample_models(sample_doc) -> None:  # type: ignore[no-untyped-def]
    models = table_models(sample_doc)
    summary = next(m for m in models if m.kind is TableKind.SUMMARY)
    income, expenditure = summary.sides  # two-sided: 收入 | 支出
    assert (income.heading, expenditure.heading) == ("收入", "支出")
    assert expenditure.groups[0].total == expenditure.primary == 3
    assert expenditure.groups[0].parts == (4, 5)  # 2023年合计 = 当年预算安排 + 上年结转安排
    economic = next(m for m in models if m.kind is TableKind.BASIC_ECONOMIC)
    assert not economic.sides[0].coded  # hierarchy by economic class names
    spending = tables_of_kind(sample_doc, TableKind.EXPENDITURE)
    assert [t.title for t in spending] == ["2023年预算支出总表"]


def test_subset_columns_and_units() -> None:
    doc = parse(
        "西南大学收入预算表\n单位：元\n科目编码\t科目名称\t本年收入合计\t财政拨款收入\t事业收入\t\t其他收入\n"
        "\t\t\t\t金额\t其中：教育收费\t\n205\t教育支出\t30\t10\t15\t5\t5\n",
        "t.txt",
    )
    (model,) = table_models(doc)
    assert model.factor == Decimal("0.0001")
    side = model.sides[0]
    totals = [g for g in side.groups if g.total is not None]
    subsets = [g for g in side.groups if g.subsets]
    assert totals[0].total == 2 and totals[0].parts == (3, 4, 6)  # 其中 is never a part
    assert subsets[0].subsets == (5,) and subsets[0].whole == 4


def test_codes_inside_labels() -> None:
    doc = parse("支出预算表\n单位：万元\n项目\t金额\n公共安全支出（204类）\t10.00\n公安（20402款）\t10.00\n", "t.txt")
    rows = table_models(doc)[0].sides[0].rows
    assert [r.code for r in rows] == ["204", "20402"]
    assert [r.name for r in rows] == ["公共安全支出", "公安"]
