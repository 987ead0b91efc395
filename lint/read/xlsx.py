"""Excel reader (openpyxl): every visible sheet becomes a titled table.

Per sheet: the rows above the table that hold only a title or a unit line
(``单位：万元``, ``编制单位：…``) become text lines; when there is no title row, the
sheet's name is the title (unless it is a default name such as ``Sheet1``). The
table's rows are tab-separated over the sheet's used columns; merged cells are blank
except their top-left cell; rows that are entirely empty are dropped; a one-cell row
starting with 注 after the table is a note line. Numbers appear as displayed: with the
decimals, thousands separators and percent sign of their number format. Origins are
``Sheet!A5`` for a line and ``Sheet!C5`` for each cell.

Formulas are read from the values Excel cached when it last saved the file; a
workbook written by a program that never computed them shows those cells blank.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from budgetlint.read.base import Limits, MissingExtra, Origin, ReadDocument, ReaderError, TextBuilder
from budgetlint.read.zipguard import check_office_file, damaged

if TYPE_CHECKING:  # pragma: no cover - openpyxl is the optional [xlsx] extra, imported when a workbook is read
    from openpyxl.worksheet.worksheet import Worksheet

_MAX_CELLS_PER_SHEET = 2_000_000
_DEFAULT_SHEET_NAME = re.compile(r"^(?:Sheet|工作表|Feuil|Tabelle)\d*$", re.IGNORECASE)
_UNIT_LINE = re.compile(r"单位(?:名称)?\s*[:：]")
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def read_xlsx(path: str, limits: Limits) -> ReadDocument:
    """Read a workbook into budgetlint's text form; raise :class:`ReaderError` when it cannot."""
    check_office_file(path, limits, "Excel")
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - exercised without the extra installed
        raise MissingExtra("xlsx", "openpyxl") from exc
    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure of a damaged file
        raise damaged("Excel", exc) from exc
    try:
        out = TextBuilder()
        for sheet in workbook.worksheets:
            if sheet.sheet_state == "visible":
                _read_sheet(sheet, out)
        return out.build("xlsx")
    finally:
        workbook.close()


def _read_sheet(sheet: Worksheet, out: TextBuilder) -> None:
    from openpyxl.utils import get_column_letter

    if sheet.max_row * sheet.max_column > _MAX_CELLS_PER_SHEET:
        raise ReaderError(
            f"工作表“{sheet.title}”过大（{sheet.max_row} 行 × {sheet.max_column} 列）",
            f"sheet {sheet.title!r} is too large ({sheet.max_row} rows × {sheet.max_column} columns)",
        )
    rows: list[tuple[int, list[str]]] = []
    for cells in sheet.iter_rows():
        values = [display(cell.value, cell.number_format) for cell in cells]
        if any(values):
            rows.append((cells[0].row, values))
    if not rows:
        return
    width = max(max((i for i, v in enumerate(values) if v), default=0) for _, values in rows) + 1
    letters = [get_column_letter(i) for i in range(1, width + 1)]
    name = sheet.title

    def origin(row: int, values: list[str]) -> Origin:
        first = next((i for i, v in enumerate(values) if v), 0)
        return Origin(f"{name}!{letters[first]}{row}")

    out.blank()
    index = 0
    while index < len(rows) and _is_text_row(rows[index][1]):
        row, values = rows[index]
        if index == 0 and any(_UNIT_LINE.search(v) for v in values if v) and not _DEFAULT_SHEET_NAME.match(name):
            out.add(name, Origin(f"{name}!"))  # a unit line first: the sheet has no title row
        out.add(" ".join(v for v in values if v), origin(row, values))
        index += 1
    if index == 0 and not _DEFAULT_SHEET_NAME.match(name):
        out.add(name, Origin(f"{name}!"))
    out.blank()
    for row, values in rows[index:]:
        filled = [v for v in values if v]
        if len(filled) == 1 and filled[0].startswith("注"):
            out.blank()
            out.add(filled[0], origin(row, values))
            continue
        cells = values[:width] + [""] * (width - len(values))
        out.add("\t".join(cells), Origin(f"{name}!A{row}", tuple(f"{name}!{letter}{row}" for letter in letters)))
    out.blank()


def _is_text_row(values: list[str]) -> bool:
    """A title or unit line above a table: one filled cell, or cells that all name a 单位."""
    filled = [v for v in values if v]
    if any(_looks_numeric(v) for v in filled):
        return False
    return len(filled) == 1 or (len(filled) == 2 and all(_UNIT_LINE.search(v) for v in filled))


def _looks_numeric(text: str) -> bool:
    return bool(text) and text.replace(",", "").replace(".", "").replace("%", "").lstrip("-").isdigit()


def display(value: object, number_format: str = "General") -> str:
    """A cell's value as Excel shows it (decimals, thousands separator, percent of its format)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        return _format_number(value, number_format or "General")
    return str(value).replace("\t", " ").replace("\r\n", "").replace("\n", "").strip()


def _format_number(value: int | float | Decimal, number_format: str) -> str:
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return str(value)
    section = _FORMAT_NOISE.sub("", number_format.split(";")[0])
    if section.lower() in ("general", "@", ""):
        return format(number.normalize(), "f")
    percent = "%" in section
    if percent:
        number *= 100
    integer_part, _, fraction = section.partition(".")
    decimals = sum(1 for ch in fraction if ch in "0#?")
    grouping = "," if "," in integer_part else ""
    quantized = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)  # as Excel rounds
    text = f"{quantized:{grouping}.{decimals}f}"
    return text + ("%" if percent else "")
