"""Binary inputs within the size limits end quickly, in bounded memory, with a BL001 or a bounded read.

Small versions of the hostile inputs in :mod:`tests.hostile_inputs` (the full sizes are in
``benchmarks/reader_bounds.py``). Each test failed before the readers were bounded: the reader
took the file's word for its sizes, built every page or cell, or read nested text once per level.
"""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.read import Limits, read_docx, read_pdf, read_xlsx
from budgetlint.read.base import MB, ReaderError
from budgetlint.run.runner import discover

from . import hostile_inputs as hostile
from .conftest import time_limit
from .minimal_pdf import text_pdf


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--isolated", "--format", "concise", *args])
    return result.exit_code, result.output


def peak_bytes(call: object) -> tuple[object, int]:
    """``call()``'s result (or the exception it raised) and the peak of Python allocations during it."""
    tracemalloc.start()
    try:
        try:
            result: object = call()  # type: ignore[operator]
        except Exception as exc:  # noqa: BLE001 - the caller checks what was raised
            result = exc
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- zip members that understate their size ---------------------------------------------
def test_a_docx_member_larger_than_it_declares_is_refused_without_inflating_it(tmp_path: Path) -> None:
    path = hostile.understated_docx(tmp_path / "u.docx", real_bytes=40 * MB)
    with time_limit(30):
        result, peak = peak_bytes(lambda: read_docx(str(path)))
    assert isinstance(result, ReaderError) and "实际大于声明的 1000 字节" in result.reason_zh
    assert peak < 8 * MB  # zipfile inflated all 40 MB before cutting to the declared size


def test_a_zip_member_compressed_with_another_method_than_deflate_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "b.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("word/document.xml", "<x/>")
    with pytest.raises(ReaderError, match="unsupported compression"):
        read_docx(str(path))


# -- Word ---------------------------------------------------------------------------------
def test_a_docx_row_claiming_millions_of_grid_columns_is_refused(tmp_path: Path) -> None:
    path = hostile.wide_grid_docx(tmp_path / "g.docx", rows=20)
    with time_limit(30, "the claimed grid columns were laid out"):
        code, output = run(str(path))
    assert code == 1 and "BL001" in output and "过宽（超过 1000 列）" in output


def test_text_box_paragraphs_nested_in_a_cell_are_read_once(tmp_path: Path) -> None:
    path = hostile.nested_docx(tmp_path / "n.docx", depth=6, cells=10)
    text = read_docx(str(path)).text
    assert text.count("数" * 200) == 10  # one per cell
    assert "数" * 201 not in text  # was 6 times over in each cell, once per nesting level


def test_a_docx_body_of_too_many_elements_is_refused_before_its_tree_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from budgetlint.read import docx as docx_reader

    monkeypatch.setattr(docx_reader, "_MAX_ELEMENTS", 1000, raising=False)
    many = hostile.many_elements_docx(tmp_path / "e.docx", paragraphs=1000)
    few = hostile.many_elements_docx(tmp_path / "f.docx", paragraphs=900)
    with pytest.raises(ReaderError, match="too many elements"):
        read_docx(str(many))
    assert read_docx(str(few)).text == "说明\n"


# -- Excel --------------------------------------------------------------------------------
def test_max_pages_bounds_a_workbooks_cells(tmp_path: Path) -> None:
    path = hostile.big_xlsx(tmp_path / "b.xlsx", rows=60, columns=10)  # 600 cells: more than 1 page of 500
    code, output = run("--max-pages", "1", str(path))
    assert code == 1 and "BL001" in output and "单元格过多" in output
    assert "收支总表" in read_xlsx(str(path), Limits(max_pages=2)).text


def test_a_big_workbook_is_refused_quickly_in_little_memory(tmp_path: Path) -> None:
    path = hostile.big_xlsx(tmp_path / "big.xlsx", rows=26_000, columns=20)  # 520,000 cells, over 1,000 pages
    with time_limit(20, "the workbook was read cell by cell"):
        with pytest.raises(ReaderError, match="too many cells"):
            read_xlsx(str(path))


def test_a_row_numbered_past_excels_last_row_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = hostile.big_xlsx(tmp_path / "r.xlsx", rows=2, columns=2)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", '<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>'
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with time_limit(60), pytest.raises(ReaderError, match="past Excel's last row"):
        read_xlsx(str(path))


# -- PDF ----------------------------------------------------------------------------------
def count_pages_built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record every pdfplumber page object built (its number)."""
    from pdfplumber.page import Page

    built: list[int] = []
    original = Page.__init__

    def init(self: Page, *args: object, **kwargs: object) -> None:
        built.append(1)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Page, "__init__", init)
    return built


def test_refusing_a_pdf_of_too_many_pages_builds_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.pdf"
    path.write_bytes(hostile.many_pages_pdf(3000))
    built = count_pages_built(monkeypatch)
    with pytest.raises(ReaderError, match="too many pages"):
        read_pdf(str(path))
    assert built == []  # PDF.close() used to build all 3,000 pages to close them


def test_a_page_tree_understating_its_count_is_refused_after_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "l.pdf"
    path.write_bytes(hostile.many_pages_pdf(3000, declared=1))
    built = count_pages_built(monkeypatch)
    with pytest.raises(ReaderError, match=r"too many pages \(11,"):
        read_pdf(str(path), Limits(max_pages=10))
    assert len(built) == 11


def test_a_flate_bomb_pdf_is_refused_without_inflating_it(tmp_path: Path) -> None:
    path = tmp_path / "b.pdf"
    path.write_bytes(hostile.flate_bomb_pdf(40 * MB))
    with time_limit(30):
        result, peak = peak_bytes(lambda: read_pdf(str(path), Limits(max_unzipped_bytes=4 * MB)))
    assert isinstance(result, ReaderError) and "decompress to over 4 MB" in result.reason_en
    assert peak < 16 * MB
    code, output = run("--max-unzipped-size", "4", str(path))
    assert code == 1 and "BL001" in output and "解压后过大" in output


def test_a_page_of_too_many_content_operators_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "q.pdf"
    path.write_bytes(hostile.q_operators_pdf(3_000_000))  # 12 MB of q … Q, Flate-compressed
    with time_limit(30, "the content operators were all executed"):
        code, output = run(str(path))
    assert code == 1 and "BL001" in output and "内容流过大" in output


def test_compressed_streams_within_the_limits_are_read(tmp_path: Path) -> None:
    compressed = tmp_path / "c.pdf"
    compressed.write_bytes(hostile.flate_bomb_pdf(2 * MB))  # 2 MB of content: under both bounds
    assert "Budget 2023" in read_pdf(str(compressed), Limits(max_unzipped_bytes=4 * MB)).text
    plain = tmp_path / "t.pdf"
    plain.write_bytes(text_pdf(3))
    assert read_pdf(str(plain)).text.count("Budget 2023") == 3


# -- file system --------------------------------------------------------------------------
def make_deep_tree(base: Path, levels: int, name: str = "d") -> None:
    """``levels`` nested folders under ``base`` and a document 5 levels down (with dir_fd:
    the paths of the deepest ones exceed what a single call may name)."""
    base.mkdir()
    top = os.open(base, os.O_RDONLY)
    current = top
    try:
        for level in range(levels):
            os.mkdir(name, dir_fd=current)
            inner = os.open(name, os.O_RDONLY, dir_fd=current)
            if level == 5:
                with open(os.open("a.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=inner), "w") as handle:
                    handle.write("部门预算\n")
            if current != top:
                os.close(current)
            current = inner
    finally:
        if current != top:
            os.close(current)
        os.close(top)


def remove_deep_tree(base: Path, name: str = "d") -> None:
    """Remove a tree too deep for :func:`shutil.rmtree` (it recurses, as pytest's clean-up
    of old temporary folders does): lift the next level up, one level at a time."""
    top, spare = base / name, base / "spare"
    while top.exists():
        for child in top.iterdir():
            if child.name == name and child.is_dir():
                child.rename(spare)
            else:
                child.unlink()
        top.rmdir()
        if spare.exists():
            spare.rename(top)
    base.rmdir()


@pytest.mark.skipif(os.name != "posix", reason="dir_fd")
def test_a_tree_deeper_than_the_recursion_limit_is_searched(tmp_path: Path) -> None:
    make_deep_tree(tmp_path / "deep", 1500)
    try:
        skipped: list[str] = []
        with time_limit(60):
            found = list(discover([str(tmp_path / "deep")], (".txt",), skipped))
        assert found == [str(tmp_path / "deep" / os.path.join(*["d"] * 6) / "a.txt")]
        assert skipped == []
    finally:
        remove_deep_tree(tmp_path / "deep")


@pytest.mark.skipif(os.name != "posix", reason="dir_fd")
def test_folders_past_the_path_length_limit_are_named_and_the_rest_is_linted(tmp_path: Path) -> None:
    make_deep_tree(tmp_path / "long", 40, name="x" * 200)  # 8,000 characters deep
    skipped: list[str] = []
    found = list(discover([str(tmp_path / "long")], (".txt",), skipped))
    assert len(found) == 1 and found[0].endswith("a.txt")
    assert len(skipped) == 1 and "folder not searched" in skipped[0]
