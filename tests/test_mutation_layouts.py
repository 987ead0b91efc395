"""Mutation test of the layouts the table reader learned from wide/ (Yantai, Xi'an, Changsha).

Each layout is taken from a real document and its figures hold, so the table rules
report no error on it. Changing any one printed amount by +10.00 must then raise an
error: a reader that makes a layout silent by not checking it fails here. (+10, not
+1: the Xi'an 收入总表 prints its zeros as ``0``, and each integer-printed part widens
the rounding tolerance by 0.5, so ten such parts absorb a change of 1.00.)
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import tomllib

from budgetlint.model.diagnostics import Severity
from budgetlint.model.numbers import format_figure
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

CASES = Path(__file__).parent / "cases"
TABLE_CODES = ("BL201", "BL202", "BL203", "BL204", "BL206")
CONFIG = Config(select=TABLE_CODES)
#: The silent cases of the layouts (file, case name prefix) whose every amount is mutated.
LAYOUTS = (
    ("BL203.toml", "codes split over 类|款|项 with the parent parts left blank"),
    ("BL203.toml", "a 款 printed as its own two digits under its 类 row"),
    ("BL203.toml", "部门经济 and 政府经济 codes side by side"),
    ("BL201.toml", "a table continued on the next page"),
    ("BL202.toml", "单位编码, a ** 1 2 3 column-number row"),
    ("BL406.toml", "类 | 款 | 项 headers with no heading above them"),
)
_AMOUNT = re.compile(r"^-?\d{1,3}(?:,\d{3})*\.\d\d$|^-?\d+\.\d\d?$")


def _layout(file: str, prefix: str) -> str:
    cases = tomllib.loads((CASES / file).read_text(encoding="utf-8"))["case"]
    return next(c["text"] for c in cases if c["name"].startswith(prefix))


def _errors(text: str) -> list[str]:
    result = lint_document_text(text, "layout.txt", CONFIG)
    assert result.failures == []
    return [d.message for d in result.diagnostics if d.severity is not Severity.INFO]


def _mutations(text: str) -> list[tuple[int, str]]:
    """Every copy of ``text`` with one printed amount (a figure with decimals) raised by 10.00."""
    lines = text.split("\n")
    found: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        cells = line.split("\t")
        for index, cell in enumerate(cells):
            if index == 0 or not _AMOUNT.match(cell):
                continue
            figure = cell.replace(",", "")
            decimals = len(figure.partition(".")[2])
            changed = format_figure(Decimal(figure) + 10, decimals)
            if "," in cell:
                changed = f"{Decimal(changed):,.{decimals}f}"
            mutated = list(cells)
            mutated[index] = changed
            copy = list(lines)
            copy[number] = "\t".join(mutated)
            found.append((number + 1, "\n".join(copy)))
    return found


@pytest.mark.parametrize(("file", "prefix"), LAYOUTS, ids=[p for _, p in LAYOUTS])
def test_layout_holds_and_every_changed_amount_is_caught(file: str, prefix: str) -> None:
    text = _layout(file, prefix)
    assert _errors(text) == []
    mutations = _mutations(text)
    assert len(mutations) >= 6
    missed = [line for line, mutated in mutations if not _errors(mutated)]
    assert missed == []
