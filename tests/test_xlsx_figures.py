"""Excel figures: a stored number is exact unless its format shows fewer digits; formulas
without computed values are reported, never summed as blanks.

The workbooks are built here with openpyxl (as a budget office's template lays a table
out: a unit line, a header, a 合计 row over 7-digit 科目 rows).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.read.xlsx import cell_text


def workbook(
    path: Path, parts: list[float], total: float | str, number_format: str = "General", sheets: int = 1
) -> Path:
    """A workbook of ``sheets`` identical 支出 tables; ``total`` may be a formula (``=SUM(…)``)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for index in range(sheets):
        sheet = book.create_sheet(f"支出表{index + 1}")
        sheet.append(["单位：万元"])
        sheet.append(["科目编码", "科目名称", "合计"])
        sheet.append(["", "合计", total])
        for i, part in enumerate(parts):
            sheet.append([f"20101{i + 1:02d}", f"行政运行{i + 1}", part])
        for row in range(3, 4 + len(parts)):
            sheet.cell(row, 3).number_format = number_format
    book.save(str(path))
    return path


def lint(path: Path) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(cli, ["--isolated", "--format", "json", str(path)], catch_exceptions=False)
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("number_format", ["General", "0.00", "#,##0.00"])
def test_a_quarter_wan_error_in_exact_cells_is_an_error(number_format: str, tmp_path: Path) -> None:
    status, found = lint(workbook(tmp_path / "t.xlsx", [10, 20.25, 9.5], 40, number_format))
    assert status == 1
    assert [(d["code"], d["severity"]) for d in found] == [("BL201", "error")]


def test_general_cells_that_add_up_are_silent(tmp_path: Path) -> None:
    assert lint(workbook(tmp_path / "t.xlsx", [10, 20.25, 9.75], 40)) == (0, [])


def test_a_format_with_fewer_decimals_keeps_the_rounding_tolerance(tmp_path: Path) -> None:
    # 40.2 shows as 40 and each 13.4 as 13: 40 ≠ 39 as printed, but within the rounding of four
    # figures printed to the unit (±0.5 each), which is all a reader of the sheet can tell.
    status, found = lint(workbook(tmp_path / "t.xlsx", [13.4, 13.4, 13.4], 40.2, "0"))
    assert status == 0
    assert [(d["code"], d["severity"]) for d in found] == [("BL205", "info")]


def test_a_format_that_shows_every_digit_is_exact(tmp_path: Path) -> None:
    # 13 in a "0" cell is thirteen: 40 ≠ 13 + 13 + 13 is a real difference of 1.
    status, found = lint(workbook(tmp_path / "t.xlsx", [13, 13, 13], 40, "0"))
    assert status == 1 and [d["code"] for d in found] == ["BL201"]


@pytest.mark.parametrize(
    ("value", "fmt", "shown", "exact"),
    [
        (40, "General", "40", True),
        (40.25, "General", "40.25", True),
        (0.1 + 0.2, "General", "0.3", True),  # Excel's 15 significant digits
        (100, "General", "100", True),
        (100 / 3, "General", "33.3333333333", False),  # General shows at most 10 decimals
        (40.3, "0", "40", False),
        (40.3, "0.00", "40.30", True),
        (1234.5, "#,##0.00", "1,234.50", True),
        (0.9502, "0.0%", "95.0%", False),
        ("40", "@", "40", False),  # text is not a stored number
    ],
)
def test_cell_text_says_whether_it_shows_the_stored_number(value: object, fmt: str, shown: str, exact: bool) -> None:
    assert cell_text(value, fmt) == (shown, exact)


def test_formulas_without_values_are_reported_once_per_sheet_never_summed(tmp_path: Path) -> None:
    # openpyxl writes formulas without computing them: the 合计 cells would read as blank.
    path = workbook(tmp_path / "script.xlsx", [10, 20.25, 9.75], "=SUM(C4:C6)", sheets=2)
    status, found = lint(path)
    assert status == 1
    assert [(d["code"], d["severity"]) for d in found] == [("BL001", "error")] * 2
    assert all("打开并保存" in str(d["message"]) for d in found)
    assert {str(d["message"]).split("”")[0] for d in found} == {
        "无法读取输入：工作表“支出表1",
        "无法读取输入：工作表“支出表2",
    }


def test_formulas_with_cached_values_are_read(tmp_path: Path) -> None:
    """A workbook saved by Excel keeps each formula's value next to it: those values are read."""
    path = workbook(tmp_path / "excel.xlsx", [10, 20.25, 9.5], "=SUM(C4:C6)")
    _cache_formula_value(path, "39.75")
    assert lint(path) == (0, [])
    _cache_formula_value(path, "40")  # a stale cached total is what the sheet shows: an error
    assert [d["code"] for d in lint(path)[1]] == ["BL201"]


def _cache_formula_value(path: Path, value: str) -> None:
    """Write ``value`` as the cached result of the sheet's one formula, as Excel does on saving."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml = members[name].decode()
    xml = re.sub(r"(<f>[^<]*</f>)(?:<v\s*/>|<v>[^<]*</v>)?", rf"\1<v>{value}</v>", xml)
    members[name] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)


def test_a_formula_whose_computed_value_is_empty_text_is_not_uncached(tmp_path: Path) -> None:
    """Excel saves =IF(…,"",…) that yields "" as t="str" with an empty value: computed, not missing."""
    import re
    import zipfile

    path = workbook(tmp_path / "excel.xlsx", [10, 20.25, 9.75], 40)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml = members[name].decode()
    xml = re.sub(r"(<row r=\"1\"[^>]*>)", r'\1<c r="F1" t="str"><f>IF(A1="","",A1)</f><v></v></c>', xml)
    members[name] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    assert 'r="F1" t="str"' in xml
    assert lint(path) == (0, [])
