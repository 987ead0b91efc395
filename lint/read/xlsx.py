"""Excel reader (openpyxl): every visible sheet becomes a titled table.

Per sheet: the rows above the table that hold only a title or a unit line
(``单位：万元``, ``编制单位：…``) become text lines; when there is no title row, the
sheet's name is the title (unless it is a default name such as ``Sheet1``). The
table's rows are tab-separated over the sheet's used columns; merged cells are blank
except their top-left cell; rows that are entirely empty are dropped; a one-cell row
starting with 注 after the table is a note line. Numbers appear as displayed: with the
decimals, thousands separators and percent sign of their number format. Origins are
``Sheet!A5`` for a line and ``Sheet!C5`` for each cell.

A number is exact unless its format shows fewer decimals than it holds: ``40`` in a
General cell is forty, so the table checks give it no rounding tolerance (a printed
``40`` in a PDF stands for 39.5 to 40.5), while a ``0``-format cell showing ``40`` for
40.3 keeps the tolerance of its printed digits. The origin's ``stored`` names those
exact cells.

Formulas are read from the values Excel cached when it last saved the file. A
workbook written by a program that never computed them has no values there: such a
sheet's table is not read (its blank totals would make every sum look wrong), and a
note asks for the workbook to be opened and saved once in Excel, WPS or LibreOffice.

The workbook is opened in openpyxl's read-only mode: each sheet's XML is parsed as a
stream, row by row, so memory holds the text read, not a cell object per cell. Bounds,
checked while streaming (a file beyond them is refused, BL001): at most ``--max-pages`` ×
``_CELLS_PER_PAGE`` cells in the workbook (a printed page of a budget table holds a few
hundred; openpyxl spends microseconds on each, so this bounds time too), and no row number past
Excel's last row (a gap is filled with empty rows, so a row numbered in the billions
would be a loop of billions). The sheet's declared dimension is ignored (writers get it
wrong; read-only mode would cut the rows to it).
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import IO, TYPE_CHECKING

from budgetlint.read.base import Limits, MissingExtra, Origin, ReadDocument, ReaderError, TextBuilder
from budgetlint.read.zipguard import check_office_file, count_elements, damaged

if TYPE_CHECKING:  # pragma: no cover - openpyxl is the optional [xlsx] extra, imported when a workbook is read
    from openpyxl.worksheet.worksheet import Worksheet

_WORKSHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_CELL_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}c"
_SHARED_STRINGS_PART = "xl/sharedStrings.xml"
_SHARED_STRING_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}si"
_CELLS_PER_PAGE = 500  # --max-pages bounds a workbook's cells in pages of this many
_EXCEL_MAX_ROWS = 1_048_576
_DEFAULT_SHEET_NAME = re.compile(r"^(?:Sheet|工作表|Feuil|Tabelle)\d*$", re.IGNORECASE)
_UNIT_LINE = re.compile(r"单位(?:名称)?\s*[:：]")
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
#: Excel holds 15 significant digits; the General format shows at most 10 decimals.
_SIGNIFICANT_DIGITS = 15
_GENERAL_DECIMALS = 10
#: Cells named in the note about formulas without values (the rest is "…").
_FORMULAS_NAMED = 3
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def read_xlsx(path: str, limits: Limits) -> ReadDocument:
    """Read a workbook into budgetlint's text form; raise :class:`ReaderError` when it cannot."""
    check_office_file(path, limits, "Excel")
    _check_cell_count(path, limits.max_pages)
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - exercised without the extra installed
        raise MissingExtra("xlsx", "openpyxl") from exc
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure of a damaged file
        raise damaged("Excel", exc) from exc
    try:
        uncached = _formulas_without_values(path)
        out = TextBuilder()
        budget = _Budget(limits.max_pages)
        for sheet in workbook.worksheets:
            if sheet.sheet_state == "visible":
                _read_sheet(sheet, out, budget, uncached.get(sheet.title, []))
        return out.build("xlsx")
    except ReaderError:
        raise
    except Exception as exc:  # noqa: BLE001 - read-only mode parses while iterating: a damaged sheet fails here
        raise damaged("Excel", exc) from exc
    finally:
        workbook.close()


def _formulas_without_values(path: str) -> dict[str, list[str]]:
    """Sheet title → cells holding a formula whose value was never computed (blank when read).

    Read from the sheet XML, where the difference shows: a computed formula keeps its value
    (``<f>SUM(C4:C6)</f><v>39.75</v>``; an empty text result is ``t="str"`` with an empty
    value), a never computed one has no value (``<v></v>`` or none). openpyxl reads both as
    blank. A workbook laid out otherwise than Excel's standard parts reports nothing.
    """
    import zipfile
    from xml.etree import ElementTree

    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        try:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except (KeyError, ElementTree.ParseError):
            return {}
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
        found: dict[str, list[str]] = {}
        for sheet in book.iter(f"{{{_MAIN}}}sheet"):
            target = targets.get(sheet.get(f"{{{_RELATIONSHIPS}}}id"), "")
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if member in names:
                with archive.open(member) as stream:
                    cells = _uncached_cells(stream)
                if cells:
                    found[sheet.get("name", "")] = cells
        return found


def _uncached_cells(stream: IO[bytes]) -> list[str]:
    """The references of formula cells without a computed value in one sheet's XML.

    Streamed (each cell is dropped once looked at): a sheet's tree would cost memory in
    proportion to its cells, which the reader's bounds keep to the text read."""
    from xml.etree import ElementTree

    cell_tag, formula_tag, value_tag = f"{{{_MAIN}}}c", f"{{{_MAIN}}}f", f"{{{_MAIN}}}v"
    cells: list[str] = []
    for _, element in ElementTree.iterparse(stream, events=("end",)):
        if element.tag != cell_tag:
            continue
        if element.find(formula_tag) is not None:
            value = element.find(value_tag)
            if (value is None or not value.text) and element.get("t") not in ("str", "inlineStr"):
                cells.append(element.get("r", "?"))
        element.clear()
    return cells


def _check_cell_count(path: str, max_pages: int) -> None:
    """Count every worksheet's cells with a fast streaming parse before openpyxl opens the
    workbook: opening parses a whole sheet once already when it declares no dimension, and
    loads every shared string (a workbook has no more distinct strings than cells)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = [name for name in archive.namelist() if _WORKSHEET_PART.match(name)]
    except (zipfile.BadZipFile, OSError) as exc:  # pragma: no cover - check_office_file opened it already
        raise damaged("Excel", exc) from exc
    budget = _Budget(max_pages)
    for part in parts:
        try:
            cells = count_elements(path, part, budget.cells, _CELL_TAG)
        except Exception as exc:  # noqa: BLE001 - malformed XML: openpyxl would fail on it too
            raise damaged("Excel", exc) from exc
        budget.spend(part.rsplit("/", 1)[-1], cells)
    try:
        strings = count_elements(path, _SHARED_STRINGS_PART, max_pages * _CELLS_PER_PAGE, _SHARED_STRING_TAG)
    except Exception as exc:  # noqa: BLE001
        raise damaged("Excel", exc) from exc
    _Budget(max_pages).spend(_SHARED_STRINGS_PART.rsplit("/", 1)[-1], strings)


class _Budget:
    """What is left of the workbook's cell bound (shared by its sheets)."""

    def __init__(self, max_pages: int) -> None:
        self.cells = max_pages * _CELLS_PER_PAGE
        self.max_pages = max_pages

    def spend(self, sheet: str, cells: int) -> None:
        """Account for one row of ``cells`` cells; raise :class:`ReaderError` past the bound."""
        self.cells -= cells
        if self.cells < 0:
            limit = self.max_pages * _CELLS_PER_PAGE
            raise ReaderError(
                f"Excel 文件单元格过多（到工作表“{sheet}”已超过 {limit} 个；每 {_CELLS_PER_PAGE} 个单元格计为一页，"
                f"上限 {self.max_pages} 页，可用 --max-pages 调整）",
                f"the Excel file has too many cells (over {limit} by sheet {sheet!r}; {_CELLS_PER_PAGE} cells "
                f"count as a page, limit {self.max_pages} pages; see --max-pages)",
            )


def _sheet_rows(sheet: Worksheet, budget: _Budget) -> tuple[list[tuple[int, list[str]]], dict[int, tuple[int, ...]]]:
    """(row number, displayed values) of the rows with a value, streamed within the budget,
    and for each row the columns whose text is the exact number the cell holds."""
    sheet.reset_dimensions()  # ReadOnlyWorksheet's: the declared dimension may cut rows
    rows: list[tuple[int, list[str]]] = []
    stored: dict[int, tuple[int, ...]] = {}
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if number > _EXCEL_MAX_ROWS:
            raise ReaderError(
                f"工作表“{sheet.title}”的行号超出 Excel 的上限（{_EXCEL_MAX_ROWS} 行）",
                f"sheet {sheet.title!r} numbers a row past Excel's last row ({_EXCEL_MAX_ROWS})",
            )
        if not cells:  # a row the file skips (read-only mode fills gaps with empty rows)
            continue
        budget.spend(sheet.title, len(cells))
        shown = [cell_text(cell.value, getattr(cell, "number_format", "General")) for cell in cells]
        values = [text for text, _ in shown]
        if any(values):
            rows.append((number, values))
            stored[number] = tuple(i for i, (_, exact) in enumerate(shown) if exact)
    return rows, stored


def _read_sheet(sheet: Worksheet, out: TextBuilder, budget: _Budget, uncached: list[str]) -> None:
    from openpyxl.utils import get_column_letter

    rows, stored = _sheet_rows(sheet, budget)
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
    if uncached:
        _note_uncached(name, uncached, out)
        return
    for row, values in rows[index:]:
        filled = [v for v in values if v]
        if len(filled) == 1 and filled[0].startswith("注"):
            out.blank()
            out.add(filled[0], origin(row, values))
            continue
        cells = values[:width] + [""] * (width - len(values))
        labels = tuple(f"{name}!{letter}{row}" for letter in letters)
        out.add("\t".join(cells), Origin(f"{name}!A{row}", labels, stored=stored[row]))
    out.blank()


def _note_uncached(name: str, cells: list[str], out: TextBuilder) -> None:
    """The note for a sheet whose formulas have no values: its table is left unread."""
    named = "、".join(cells[:_FORMULAS_NAMED]) + ("…" if len(cells) > _FORMULAS_NAMED else "")
    out.note(
        f"工作表“{name}”有 {len(cells)} 个公式单元格没有计算结果（{named}），本表未检查："
        "请用 Excel、WPS 或 LibreOffice 打开并保存工作簿（重新计算）后再检查",
        f"sheet {name!r} has {len(cells)} formula cells without a computed value ({named.replace('、', ', ')}); "
        "its table was not checked: open and save the workbook in Excel, WPS or LibreOffice (to recalculate it), "
        "then check it again",
        Origin(f"{name}!{cells[0]}"),
    )


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
    return cell_text(value, number_format)[0]


def cell_text(value: object, number_format: str = "General") -> tuple[str, bool]:
    """A cell's value as Excel shows it, and whether that text is the exact number it holds."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return _format_number(value, number_format or "General")
    return _display_other(value), False


def _display_other(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).replace("\t", " ").replace("\r\n", "").replace("\n", "").strip()


def _format_number(value: int | float | Decimal, number_format: str) -> tuple[str, bool]:
    """The number as its format shows it, and whether the text shows all of its digits.

    A float is taken at Excel's precision (15 significant digits), so that 0.1 + 0.2
    computed by a formula is the 0.3 Excel holds and shows.
    """
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if number.is_finite() and number:
            digits = number.adjusted() - _SIGNIFICANT_DIGITS + 1
            if number.as_tuple().exponent < digits:  # type: ignore[operator]
                number = number.quantize(Decimal(1).scaleb(digits), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value), False
    section = _FORMAT_NOISE.sub("", number_format.split(";")[0])
    if section.lower() in ("general", "@", ""):
        shown = number.quantize(Decimal(1).scaleb(-_GENERAL_DECIMALS), rounding=ROUND_HALF_UP).normalize()
        if number == number.to_integral_value():
            shown = number.quantize(Decimal(1))  # normalize() would print 100 as 1E+2
        return format(shown, "f"), shown == number
    percent = "%" in section
    if percent:
        number *= 100
    integer_part, _, fraction = section.partition(".")
    decimals = sum(1 for ch in fraction if ch in "0#?")
    grouping = "," if "," in integer_part else ""
    quantized = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)  # as Excel rounds
    text = f"{quantized:{grouping}.{decimals}f}"
    return text + ("%" if percent else ""), quantized == number
