"""BL002 says so once per table: a grid is one info, an isolated broken row one warning."""

from __future__ import annotations

from budgetlint.model.diagnostics import Severity
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

GRID = """部门整体预算绩效目标申报表
部门名称\t广州市政务服务和数据管理局
预算整体情况\t部门预算支出\t预算金额（万元）\t收入来源\t预算金额（万元）
\t基本支出\t12,634.14\t财政拨款\t98,880.78
绩效指标\t一级指标\t\t二级指标\t三级指标\t实施周期指标值\t年度指标值
\t产出指标\t\t数量指标\t提出规划任务举措数量（条）\t≥20\t≥20
\t\t\t\t中介服务机构进驻检查率\t100%\t100%
\t\t\t\t汇聚数据数量\t≥10亿条\t≥10亿条
"""


BROKEN_ROW = """2023年预算支出总表
单位：万元
科目编码\t科目名称\t合计
208\t社会保障和就业支出\t133.31
210 卫生健康支出
221\t住房保障支出\t4.47
"""


def _bl002(text: str) -> list[tuple[int, Severity]]:
    result = lint_document_text(text, "doc.txt", Config(select=("BL002",)))
    return [(d.line, d.severity) for d in result.diagnostics if d.code == "BL002"]


def test_a_grid_is_one_info() -> None:
    assert _bl002(GRID) == [(5, Severity.INFO)]


def test_an_isolated_broken_row_stays_a_warning() -> None:
    assert _bl002(BROKEN_ROW) == [(5, Severity.WARNING)]
