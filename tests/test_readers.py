"""PDF, Word and Excel readers: same findings as the text versions, origins, bad input, limits."""

from __future__ import annotations

import json
import sys
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.plugins.hookspecs import hookimpl
from budgetlint.plugins.registry import build_registry
from budgetlint.read import Limits, ReadDocument, SourceMap, read_docx, read_pdf, read_xlsx
from budgetlint.read.xlsx import display
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text, lint_file

from .conftest import EXAMPLES, ROOT
from .minimal_pdf import encrypted_pdf, image_only_pdf, text_pdf
from .office_docs import tables_to_xlsx, text_to_docx

PDFS = ROOT / "tests" / "fixtures" / "pdf"
PDF_NAMES = sorted(p.stem for p in PDFS.glob("*.pdf"))

# Differences between a PDF's findings and its .txt's (codes found only on the PDF: positive
# counts; only on the .txt: negative), each with the reason. pdfplumber made the .txt files,
# so the table rows are identical; the differences come from how running text is laid out.
#: Findings by which a PDF and its .txt differ because of how the .txt was made. None today: the
#: .txt of shanghai-putuo-social-work-dept-2024-final-accounts has a blank line after
#: "一般公共预算财政拨款支出 307.82 万元，主要用于以下方面：", which the PDF has not, but the shares
#: after it are read either way (of the stated whole in the PDF, of the parts' sum 307.82 in the
#: .txt), and "住房保障支出 29.42 万元，占9.55%" (29.42 / 307.82 = 9.5575 %, shaved so the shares
#: total 100.00) is the same one-digit plug, info, in both.
KNOWN_EXTRACTION_DIFFERENCES: dict[str, dict[str, int]] = {}


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def codes(result) -> Counter[str]:  # type: ignore[no-untyped-def]
    return Counter(d.code for d in result.diagnostics)


@cache
def pdf_result(name: str):  # type: ignore[no-untyped-def]
    return lint_file(str(PDFS / f"{name}.pdf"), Config())


# -- PDF: the corpus --------------------------------------------------------------
def test_every_corpus_pdf_has_its_text() -> None:
    assert len(PDF_NAMES) == 5
    for name in PDF_NAMES:
        assert (EXAMPLES / f"{name}.txt").exists()


@pytest.mark.parametrize("name", PDF_NAMES)
def test_pdf_findings_equal_text_findings(name: str) -> None:
    from_pdf = pdf_result(name)
    from_text = lint_file(str(EXAMPLES / f"{name}.txt"), Config())
    assert from_pdf.failures == []
    difference = Counter(codes(from_pdf))
    difference.subtract(codes(from_text))
    assert {code: n for code, n in difference.items() if n} == KNOWN_EXTRACTION_DIFFERENCES.get(name, {})


@pytest.mark.parametrize("name", PDF_NAMES)
def test_pdf_text_has_the_lines_of_the_text_version(name: str) -> None:
    """Every table row of the .txt comes out of the PDF verbatim (running text may be re-joined)."""
    text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    produced = set(read_pdf(str(PDFS / f"{name}.pdf")).text.splitlines())
    rows = [line for line in text.splitlines() if "\t" in line and line.strip("\t")]
    missing = [
        row for row in rows if row not in produced and row.rstrip("\t") not in {p.rstrip("\t") for p in produced}
    ]
    assert missing == []


def test_wrapped_sentences_are_rejoined() -> None:
    text = read_pdf(str(PDFS / "shanghai-putuo-welfare-home-2024-unit-budget.pdf")).text
    assert (
        "2024年，上海市普陀区社会福利院收入预算1,212.12万元，其中：财政拨款收入950.12万元，比2023年预算增加0.46万元；"
        "事业收入262.00万元；事业单位经营收入0.00万元；其他收入0.00万元。"
    ) in text.splitlines()
    # centred titles are not glued to the unit line below them
    assert (
        "表 4：高等学校财政拨款支出决算表" in read_pdf(str(PDFS / "swu-2023-dept-final-accounts.pdf")).text.splitlines()
    )


def test_pdf_diagnostic_names_page_and_line() -> None:
    path = str(PDFS / "shanghai-putuo-social-work-dept-2024-final-accounts.pdf")
    concise = run("--format", "concise", path).output
    assert f"{path}:p17:L1: BL104 [warning]" in concise
    records = json.loads(run("--format", "json", path).output)
    (record,) = [r for r in records if r["code"] == "BL104"]
    assert record["page"] == 17 and record["origin"] == "p17:L1"
    assert list(record)[:9] == [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
    ]
    lines = [json.loads(line) for line in run("--format", "json-lines", path).output.splitlines()]
    assert [r for r in lines if r["code"] == "BL104"] == [record]


def test_plain_text_json_keeps_exactly_nine_fields() -> None:
    records = json.loads(run("--format", "json", str(EXAMPLES / "xinzhou-2023-unit-budget.txt")).output)
    assert records and all(len(record) == 9 for record in records)


def test_show_text_prints_numbered_lines_with_origins() -> None:
    result = run("--show-text", str(PDFS / "shanghai-putuo-welfare-home-2024-unit-budget.pdf"))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["1", "p1:L1", "|", "上海市普陀区社会福利院2024年单位预算"]
    assert any(" p7:L8 " in line and "9,501,164" in line for line in lines)


# -- PDF: bad input and limits -------------------------------------------------------
def bl001(path: Path, *args: str) -> str:
    result = run("--format", "concise", *args, str(path))
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.output.splitlines() if "BL001" in line]
    return line


def test_scanned_pdf_says_ocr_is_needed(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_only_pdf())
    assert "没有文字层" in bl001(path) and "OCR" in bl001(path)


def test_a_scanned_page_among_text_pages_is_reported_not_skipped(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    path.write_bytes(text_pdf(3, image_pages=(2,)))
    document = read_pdf(str(path))
    assert document.text.count("Budget 2023") == 2
    (note,) = document.notes
    assert "第 2 页" in note.reason_zh
    line = bl001(path)
    assert "第 2 页只有图像" in line and "mixed.pdf:p2: BL001" in line
    last = tmp_path / "last.pdf"
    last.write_bytes(text_pdf(2, image_pages=(2,)))
    assert "last.pdf:p2: BL001" in bl001(last)


def test_one_image_page_among_many_text_pages_is_info_more_stay_errors(tmp_path: Path) -> None:
    """A chart on a page of its own (one page in ten or fewer) loses no budget text: info.
    Two image pages in ten, or a document of image pages, stays an error."""
    chart = tmp_path / "chart.pdf"
    chart.write_bytes(text_pdf(10, image_pages=(6,)))
    (note,) = read_pdf(str(chart)).notes
    assert note.lone_page
    result = lint_file(str(chart), Config())
    (finding,) = [d for d in result.diagnostics if d.code == "BL001"]
    assert finding.severity.value == "info"
    scans = tmp_path / "scans.pdf"
    scans.write_bytes(text_pdf(10, image_pages=(3, 6)))
    assert not any(note.lone_page for note in read_pdf(str(scans)).notes)
    result = lint_file(str(scans), Config())
    assert [d.severity.value for d in result.diagnostics if d.code == "BL001"] == ["error", "error"]


def test_repeated_page_header_is_kept_once(tmp_path: Path) -> None:
    path = tmp_path / "headed.pdf"
    path.write_bytes(text_pdf(4, header="Putuo District Budget Office"))
    document = read_pdf(str(path))
    assert document.text.count("Putuo District Budget Office") == 1
    assert document.text.count("Budget 2023") == 4


def test_a_diagonal_watermark_gets_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "draft.pdf"
    path.write_bytes(text_pdf(4, lines=("Budget 2023", "Total 1.00", "Note 2.00"), watermark="DRAFT ONLY"))
    lines = read_pdf(str(path)).text.splitlines()
    assert lines[:5] == ["Budget 2023", "Total 1.00", "Note 2.00", "DRAFT ONLY", ""]
    assert lines.count("DRAFT ONLY") == 4  # one per page: BL502 counts the marks


def test_a_column_in_a_rejoined_line_maps_to_its_physical_line() -> None:
    document = read_pdf(str(PDFS / "shanghai-putuo-welfare-home-2024-unit-budget.pdf"))
    lines = document.text.splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("2024年，上海"))
    assert document.source_map.origins[number - 1].label == "p6:L2-3"
    column = lines[number - 1].index("262.00") + 1
    assert document.source_map.origin(number, column).label == "p6:L3"
    assert document.source_map.origin(number, 1).label == "p6:L2"


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf())
    assert "已加密" in bl001(path)


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes((PDFS / "swu-2021-dept-budget.pdf").read_bytes()[:3000])
    assert "已损坏" in bl001(path)


def test_page_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(text_pdf(3))
    assert "页数过多（3 页，上限 2 页" in bl001(path, "--max-pages", "2")
    assert read_pdf(str(path)).text.count("Budget 2023") == 3


def test_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(text_pdf(1) + b"%" + b"x" * (1024 * 1024))
    assert "文件过大" in bl001(path, "--max-file-size", "1")


def test_missing_extra_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(text_pdf(1))
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import now raises ImportError
    assert "pip install 'budgetlint[pdf]'" in bl001(path)


def test_directories_include_pdf_word_excel(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("2023年预算\n", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(text_pdf(1))
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    result = run("--format", "concise", "--lang", "en", str(tmp_path))
    # Both are linted; the PDF's English "Budget 2023 / Total 1.00" is no disclosure (BL004).
    assert "Checked 1 file:" in result.output and "1 file was not a disclosure" in result.output
    assert "b.pdf:p1:L1: BL004" in result.output


# -- Word -------------------------------------------------------------------------------
OFFICE_SAMPLES = [
    "xinzhou-2023-unit-budget",
    "shanghai-putuo-welfare-home-2024-unit-budget",
    "swu-2023-dept-final-accounts",
]


@pytest.mark.parametrize("name", OFFICE_SAMPLES)
def test_docx_gives_the_text_and_findings_of_the_text(name: str, tmp_path: Path) -> None:
    text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    path = tmp_path / f"{name}.docx"
    text_to_docx(text, path)
    document = read_docx(str(path))
    assert [line.rstrip("\t") for line in document.text.splitlines() if line.strip()] == [
        line.rstrip("\t") for line in text.splitlines() if line.strip()
    ]
    assert codes(lint_file(str(path), Config())) == codes(lint_document_text(text, "t.txt", Config()))


def test_docx_merged_header_cells_are_blank_and_origins_name_cells(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2023年预算收入总表")
    table = document.add_table(rows=3, cols=4)
    for (r, c), value in {
        (0, 0): "项目",
        (0, 2): "本年收入",
        (1, 2): "合计",
        (1, 3): "一般公共预算",
        (2, 0): "208",
        (2, 1): "社会保障和就业支出",
        (2, 2): "5.00",
        (2, 3): "5.00",
    }.items():
        table.cell(r, c).text = value
    table.cell(0, 0).merge(table.cell(1, 1))  # 项目 spans two rows and two columns
    table.cell(0, 2).merge(table.cell(0, 3))
    path = tmp_path / "t.docx"
    document.save(str(path))
    read = read_docx(str(path))
    assert read.text.splitlines() == [
        "2023年预算收入总表",
        "",
        "项目\t\t本年收入\t",
        "\t\t合计\t一般公共预算",
        "208\t社会保障和就业支出\t5.00\t5.00",
    ]
    assert read.source_map.origin(1).label == "P1"
    assert read.source_map.origin(5, 15, read.text.splitlines()[4]).label == "T1:R3:C3"


def test_truncated_docx(tmp_path: Path) -> None:
    whole = tmp_path / "whole.docx"
    text_to_docx("2023年预算\n", whole)
    path = tmp_path / "cut.docx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert "已损坏或不完整" in bl001(path)


def test_zip_bomb_is_refused_before_opening(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 1024 * 1024))
    assert path.stat().st_size < 20_000
    assert "解压后过大" in bl001(path, "--max-unzipped-size", "2")


def test_password_protected_office_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "已加密" in bl001(path)


# -- Excel -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", OFFICE_SAMPLES)
def test_xlsx_tables_give_the_text_and_findings_of_the_text(name: str, tmp_path: Path) -> None:
    text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    path = tmp_path / f"{name}.xlsx"
    expected = tables_to_xlsx(text, path)
    assert expected.count("\n") > 100
    document = read_xlsx(str(path))
    assert [line.rstrip("\t") for line in document.text.splitlines() if line.strip()] == [
        line.rstrip("\t") for line in expected.splitlines() if line.strip()
    ]
    # The workbook holds the printed figures themselves, which are exact in a cell: a rounding
    # difference of the text (BL205, info) is a real difference between the stored figures.
    in_text = codes(lint_document_text(expected, "t.txt", Config()))
    rounding = in_text.pop("BL205", 0)
    in_workbook = codes(lint_file(str(path), Config()))
    assert "BL205" not in in_workbook
    arithmetic = Counter({c: n - in_text.get(c, 0) for c, n in in_workbook.items() if c.startswith("BL20")})
    assert in_workbook - arithmetic == in_text and sum(arithmetic.values()) == rounding


def test_xlsx_origin_is_sheet_and_cell(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    tables_to_xlsx((EXAMPLES / "xinzhou-2023-unit-budget.txt").read_text(encoding="utf-8"), path)
    records = json.loads(run("--format", "json", str(path)).output)
    dates = [r for r in records if r["code"] == "BL501"]
    assert dates and all("!" in r["origin"] and "page" not in r for r in dates)
    assert run("--format", "concise", str(path)).output.count(f"{path}:表") == len(records)


def test_xlsx_sheet_name_is_the_title_without_a_title_row(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "2023年支出总表"
    sheet.append(["科目编码", "科目名称", "合计"])
    sheet.append(["208", "社会保障和就业支出", 133.3])
    sheet["C2"].number_format = "#,##0.00"
    path = tmp_path / "s.xlsx"
    workbook.save(str(path))
    assert read_xlsx(str(path)).text.splitlines() == [
        "2023年支出总表",
        "",
        "科目编码\t科目名称\t合计",
        "208\t社会保障和就业支出\t133.30",
    ]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (1234.5, "#,##0.00", "1,234.50"),
        (9501164, "#,##0", "9,501,164"),
        (0.9502, "0.00%", "95.02%"),
        (5.0, "General", "5"),
        (5.43, "General", "5.43"),
        (2.675, "0.00", "2.68"),
        (-3, "0.0", "-3.0"),
        ("  文本 ", "@", "文本"),
        (None, "General", ""),
    ],
)
def test_numbers_as_displayed(value: object, fmt: str, shown: str) -> None:
    assert display(value, fmt) == shown


# -- the hook ------------------------------------------------------------------------------
def test_plugins_add_and_replace_readers(tmp_path: Path) -> None:
    def read_html(path: str, limits: Limits) -> ReadDocument:
        from budgetlint.read import Origin

        return ReadDocument("2023年预算\n草稿\n", SourceMap("html", (Origin("h1"), Origin("p1"))))

    class Plugin:
        @hookimpl
        def budgetlint_readers(self) -> dict[str, object]:
            return {".html": read_html, ".pdf": read_html}

    registry = build_registry(extra_plugins=(Plugin(),))
    assert registry.readers[".html"] is read_html and registry.readers[".pdf"] is read_html
    assert registry.readers[".docx"] is read_docx
    path = tmp_path / "a.html"
    path.write_text("<p>ignored</p>", encoding="utf-8")
    result = lint_file(str(path), Config(), registry)
    assert result.source_map is not None and result.source_map.kind == "html"


def test_profiles_command_reads_pdfs() -> None:
    result = run("profiles", str(PDFS / "swu-2021-dept-budget.pdf"))
    assert "unreadable" not in result.output and "部门预算" in result.output
