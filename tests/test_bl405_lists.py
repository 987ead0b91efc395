"""BL405's severities: a list of unexplained changes is one info, a lone unexplained change a warning.

The case files pin codes and lines, not severities; precision first means the list form must
not count as a warning (a 决算 template that lists every item's change is not a dozen defects).
"""

from __future__ import annotations

from budgetlint.model.diagnostics import Severity
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

LIST = """（四）高等学校财政拨款支出决算表说明
1.小学教育（2050202），2023年度决算数为7,970.38万元，比2022年度决算数增长0.39%。
2.高中教育（2050204），2023年度决算数为16,769.73万元，比2022年度决算数增长17.14%。
3.高等教育（2050205），2023年度决算数为186,663.39万元，比2022年度决算数增长0.29%。
4.来华留学教育（2050602），2023年度决算数为570.14万元，比2022年度决算数增长28.30%。
四、名词解释
"""

LONE = "2023年度一般公共预算当年拨款140.30万元，比上年减少84.74万元，下降37.66%。\n"


def _bl405(text: str) -> list[tuple[int, Severity]]:
    result = lint_document_text(text, "case.txt", Config(select=("BL405",)))
    return [(d.line, d.severity) for d in result.diagnostics if d.code == "BL405"]


def test_a_list_of_unexplained_changes_is_one_info() -> None:
    assert _bl405(LIST) == [(2, Severity.INFO)]


def test_a_lone_unexplained_change_stays_a_warning() -> None:
    assert _bl405(LONE) == [(1, Severity.WARNING)]
