"""Build Word and Excel fixtures from the text form, the way budget offices lay them out.

Tests generate these files (python-docx, openpyxl) instead of storing binaries, so the
documents' content is the reviewed .txt samples and the layout is visible here: text
lines become paragraphs; runs of tab-separated rows become real tables whose header
cells are merged (a header cell followed by empty cells spans them; an empty cell under
a first-column header continues it vertically).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

_LEADER = re.compile(r"(?:\.{2,}|…+)\s*\t")
_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)$")


def blocks(text: str) -> Iterator[tuple[str, list[str]]]:
    """("text", [line]), ("blank", []) and ("table", rows) blocks in order."""
    table: list[str] = []
    for line in text.splitlines():
        is_row = "\t" in line and not _LEADER.search(line)
        if is_row:
            table.append(line)
            continue
        if table:
            yield "table", table
            table = []
        yield ("text", [line]) if line.strip() else ("blank", [])
    if table:
        yield "table", table


def header_count(rows: list[list[str]]) -> int:
    """Leading rows without any figure: the header rows, where merged cells live."""
    count = 0
    for cells in rows:
        if any(re.search(r"\d", c) for c in cells[1:]) or count >= 3:
            break
        count += 1
    return count


def text_to_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for kind, lines in blocks(text):
        if kind != "table":
            document.add_paragraph(lines[0] if lines else "")
            continue
        rows = [line.split("\t") for line in lines]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        table = document.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                if value:
                    table.cell(r, c).text = value
        headers = header_count(rows)
        for r in range(headers):  # horizontal merges: a header cell takes the empty cells after it
            c = 0
            while c < width:
                end = c + 1
                while (
                    end < width and not rows[r][end] and rows[r][c] and all(rows[x][end] == "" for x in range(r, r + 1))
                ):
                    end += 1
                if end - c > 1:
                    table.cell(r, c).merge(table.cell(r, end - 1))
                c = end
        if headers > 1 and rows[0][0] and not rows[1][0] and (width < 2 or rows[0][1]):
            below = 1
            while below < headers and not rows[below][0]:
                below += 1
            table.cell(0, 0).merge(table.cell(below - 1, 0))  # vertical merge in the first column
    document.save(str(path))


def tables_to_xlsx(text: str, path: Path) -> str:
    """One sheet per table (title row merged across, unit row, merged headers); returns the tables' text.

    A table split by a page break is one sheet; a titleless table block that cannot
    continue the previous sheet (other columns) is left out."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    expected: list[str] = []
    pending: list[str] = []
    sheet, sheet_width = None, 0
    for kind, lines in blocks(text):
        if kind != "table":
            pending = (pending + lines)[-3:]
            continue
        title = next((p for p in pending if "表" in p and "单位：" not in p), None)
        units = [p for p in pending if "单位：" in p]
        rows = [line.split("\t") for line in lines]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        if title is None:
            # A table's rest after a page break (only a page number between, same columns): same sheet.
            if sheet is None or width != sheet_width or any(len(p.strip()) > 3 for p in pending):
                pending = []
                continue
            expected.pop()  # the blank line that ended the sheet's text
            headers = 0
        else:
            sheet, sheet_width = workbook.create_sheet(f"表{len(workbook.worksheets) + 1}"), width
            sheet.append([title])
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
            expected.append(title)
            for unit in units:
                sheet.append([unit])
                expected.append(unit)
            headers = header_count(rows)
        for r, cells in enumerate(rows):
            values: list[object] = []
            for value in cells:
                if _AMOUNT.match(value):
                    values.append(float(value.replace(",", "")))
                else:
                    values.append(value or None)
            sheet.append(values)
            row = sheet.max_row
            for c, value in enumerate(cells, start=1):
                if _AMOUNT.match(value):
                    decimals = len(value.partition(".")[2])
                    sheet.cell(row, c).number_format = ("#,##0" if "," in value else "0") + (
                        "." + "0" * decimals if decimals else ""
                    )
            if r < headers:  # merge a header cell with the empty cells after it
                c = 0
                while c < width:
                    end = c + 1
                    while end < width and cells[c] and not cells[end]:
                        end += 1
                    if end - c > 1:
                        sheet.merge_cells(start_row=row, start_column=c + 1, end_row=row, end_column=end)
                    c = end
        expected.extend("\t".join(r) for r in rows)
        expected.append("")
        pending = []
    if not workbook.worksheets:
        workbook.create_sheet("Sheet1")
    workbook.save(str(path))
    return "\n".join(expected) + "\n"
