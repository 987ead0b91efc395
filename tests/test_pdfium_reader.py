"""The PDFium reader gives the rules the same text as the pdfplumber reader.

Each PDF is written by hand (tests/minimal_pdf.py) so that one layout feature is under
test: a ruled table, running text, a rotated page, a Type 3 font, and the inter-word
space heuristic (where PDFium invents spaces of its own and drops some real ones).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.read import read_pdf
from budgetlint.read.base import DEFAULT_LIMITS, ReadDocument, ReaderError
from tests.minimal_pdf import content_pdf, encrypted_pdf, image_only_pdf, ruled_table, text_pdf

pytest.importorskip("pypdfium2")

PDFIUM = DEFAULT_LIMITS._replace(pdf_engine="pdfium")


def _both(tmp_path: Path, data: bytes) -> tuple[ReadDocument, ReadDocument]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return read_pdf(str(path), DEFAULT_LIMITS), read_pdf(str(path), PDFIUM)


def _lines(document: ReadDocument) -> list[str]:
    return document.text.splitlines()


def test_table_and_text_are_read_identically(tmp_path: Path) -> None:
    content = b"BT /F1 12 Tf 72 760 Td (Budget 2023) Tj ET\n" + ruled_table(
        72, 700, (120, 80, 80), [("Item", "2023", "2024"), ("Total", "1.00", "2.00")]
    )
    plumber, pdfium = _both(tmp_path, content_pdf(content))
    assert _lines(pdfium) == ["Budget 2023", "", "Item\t2023\t2024", "Total\t1.00\t2.00"]
    assert pdfium == plumber  # text, every line's and cell's origin, notes


def test_a_changed_figure_is_read_as_printed(tmp_path: Path) -> None:
    """Recall: the reader does not smooth anything over; a typo in a cell reaches the rules."""
    content = ruled_table(72, 700, (120, 80), [("Total", "1.00"), ("Part", "1.01")])
    plumber, pdfium = _both(tmp_path, content_pdf(content))
    assert _lines(pdfium) == ["Total\t1.00", "Part\t1.01"] == _lines(plumber)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        # a space character inside the text: a word break
        (b"BT /F1 12 Tf 72 700 Td (Total 1.00) Tj ET", "Total 1.00"),
        # a space in a text object of its own, the page number kerned back over it (a 目录 leader):
        # PDFium leaves the ink-less object out; the word still ends there, as in pdfminer
        (
            b"BT /F1 12 Tf 72 700 Td (Page....) Tj ET BT /F1 12 Tf 113.36 700 Td ( ) Tj ET "
            b"BT /F1 12 Tf 115.5 700 Td (3) Tj ET",
            "Page.... 3",
        ),
        # a kerning gap wider than 3 pt and no space: pdfplumber's word gap makes the space
        (b"BT /F1 12 Tf 72 700 Td [(Total) -500 (2.00)] TJ ET", "Total 2.00"),
        # a narrower gap: PDFium would generate a space here; pdfplumber joins the word
        (b"BT /F1 12 Tf 72 700 Td [(ab) -200 (cd)] TJ ET", "abcd"),
    ],
)
def test_inter_word_spaces(tmp_path: Path, shown: bytes, expected: str) -> None:
    plumber, pdfium = _both(tmp_path, content_pdf(shown))
    assert _lines(pdfium) == [expected] == _lines(plumber)


def test_hyphen_at_a_line_end_is_kept(tmp_path: Path) -> None:
    """PDFium marks a line-ending hyphen as a soft break (code 2); the printed "-" stays."""
    content = b"BT /F1 12 Tf 72 700 Td (Project plan-) Tj ET BT /F1 12 Tf 72 684 Td (2026 budget) Tj ET"
    plumber, pdfium = _both(tmp_path, content_pdf(content))
    assert _lines(pdfium) == ["Project plan-", "2026 budget"] == _lines(plumber)


def test_rotated_page_reads_in_its_displayed_orientation(tmp_path: Path) -> None:
    """A landscape page: /Rotate 90 and content drawn a quarter turn back, upright on screen."""
    content = b"q 0 1 -1 0 595 0 cm BT /F1 12 Tf 72 500 Td (Landscape line) Tj ET Q\n" + (
        b"q 0 1 -1 0 595 0 cm " + ruled_table(72, 400, (100, 60), [("Total", "1.00")]) + b" Q"
    )
    plumber, pdfium = _both(tmp_path, content_pdf(content, rotate=90))
    assert _lines(pdfium) == ["Landscape line", "", "Total\t1.00"]
    assert pdfium == plumber


@pytest.mark.parametrize(
    ("rotate", "turn"),
    [(0, b"1 0 0 1 0 0"), (90, b"0 1 -1 0 595 0"), (180, b"-1 0 0 -1 595 842"), (270, b"0 -1 1 0 0 842")],
)
@pytest.mark.parametrize("media_box", [b"0 0 595 842", b"10 20 605 862"])
def test_every_rotation_and_an_offset_media_box(tmp_path: Path, rotate: int, turn: bytes, media_box: bytes) -> None:
    """pdfminer's page matrix for each /Rotate, and pdfplumber's media box offsets, are reproduced."""
    table = ruled_table(72, 400, (100, 60), [("Total", "1.00"), ("Part", "0.50")])
    content = b"q " + turn + b" cm BT /F1 12 Tf 72 500 Td (Upright line) Tj ET " + table + b" Q"
    plumber, pdfium = _both(tmp_path, content_pdf(content, rotate=rotate, media_box=media_box))
    assert pdfium == plumber


def test_rotated_text_is_the_watermark_line(tmp_path: Path) -> None:
    plumber, pdfium = _both(tmp_path, text_pdf(1, watermark="DRAFT"))
    assert _lines(pdfium)[-1] == "DRAFT"
    assert pdfium == plumber


def test_type3_font(tmp_path: Path) -> None:
    plumber, pdfium = _both(tmp_path, content_pdf(b"BT /F3 12 Tf 72 700 Td (abba) Tj ET"))
    assert _lines(pdfium) == ["abba"]
    assert pdfium == plumber


def test_headers_and_page_numbers_as_with_pdfplumber(tmp_path: Path) -> None:
    plumber, pdfium = _both(tmp_path, text_pdf(4, header="Unit budget 2023"))
    assert _lines(pdfium).count("Unit budget 2023") == 1
    assert pdfium == plumber


def test_scanned_and_encrypted_files_fail_as_with_pdfplumber(tmp_path: Path) -> None:
    for data, words in ((image_only_pdf(), "OCR"), (encrypted_pdf(), "encrypted")):
        path = tmp_path / "doc.pdf"
        path.write_bytes(data)
        for limits in (DEFAULT_LIMITS, PDFIUM):
            with pytest.raises(ReaderError) as caught:
                read_pdf(str(path), limits)
            assert words in caught.value.reason_en


def test_damaged_file_is_a_reader_error(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.4\nnot a pdf at all")
    with pytest.raises(ReaderError):
        read_pdf(str(path), PDFIUM)


# -- choosing the engine ---------------------------------------------------------------------------
def test_config_key_and_command_line_choose_the_engine(tmp_path: Path) -> None:
    from budgetlint.run.configfile import CommandLine, ConfigError, merge, validate
    from budgetlint.run.options import Config

    settings = validate("budgetlint.toml", {"pdf-engine": "pdfium"}, [])
    assert merge(CommandLine(Config()), settings).limits == PDFIUM
    given = Config(limits=DEFAULT_LIMITS)  # --pdf-engine pdfplumber on the command line wins
    assert merge(CommandLine(given, pdf_engine_given=True), settings).limits == DEFAULT_LIMITS
    assert merge(CommandLine(Config()), validate("budgetlint.toml", {}, [])).limits is None
    with pytest.raises(ConfigError, match="pdf-engine"):
        validate("budgetlint.toml", {"pdf-engine": "mupdf"}, [])


def test_show_text_with_either_engine(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from budgetlint.cli import cli

    path = tmp_path / "doc.pdf"
    path.write_bytes(content_pdf(ruled_table(72, 700, (120, 80), [("Total", "1.00")])))
    outputs = [
        CliRunner().invoke(cli, ["--show-text", "--pdf-engine", engine, str(path)], catch_exceptions=False).output
        for engine in ("pdfplumber", "pdfium")
    ]
    assert "Total\t1.00" in outputs[0]
    assert outputs[0] == outputs[1]
