"""Messages that cite another line name the place its reader can find: the PDF page, the
Word/Excel origin; only plain text is cited by its line (what its reader sees)."""

from __future__ import annotations

from pathlib import Path

from budgetlint.model.nodes import LinePlace
from budgetlint.plugins.rule import cite_line, cite_lines
from budgetlint.read.base import Origin, ReadDocument, SourceMap
from budgetlint.run.options import Config
from budgetlint.run.runner import LintResult, lint_document_text, lint_with_reader

DUPLICATE_HEADING = "一、收入\n（一）财政拨款\n（二）财政拨款\n"
NARRATIVE_MISMATCH = (
    "2023年预算支出总表\n单位：万元\n科目编码\t科目名称\t合计\n208\t社会保障和就业支出\t133.31\n"
    "221\t住房保障支出\t6.99\n\n支出包括：社会保障和就业支出133.13万元、住房保障支出6.99万元。\n"
)


def _pdf_places(text: str, first_page: int = 3, lines_per_page: int = 2) -> tuple[LinePlace, ...]:
    count = len(text.splitlines())
    return tuple(LinePlace("", first_page + n // lines_per_page) for n in range(count))


def _lint(text: str, places: tuple[LinePlace, ...] = (), lang: str = "zh") -> LintResult:
    return lint_document_text(text, "report.pdf" if places else "report.txt", Config(lang=lang), places=places)


def _message(result: LintResult, code: str) -> str:
    (message,) = [d.message for d in result.diagnostics if d.code == code]
    return message


def test_pdf_input_cites_the_page_of_the_repeated_heading() -> None:
    pdf = _lint(DUPLICATE_HEADING, _pdf_places(DUPLICATE_HEADING, lines_per_page=1))
    assert _message(pdf, "BL105") == "标题“（二）财政拨款”与第 4 页重复"  # line 2 is on page 4
    english = _lint(DUPLICATE_HEADING, _pdf_places(DUPLICATE_HEADING, lines_per_page=1), lang="en")
    assert _message(english, "BL105") == "heading '（二）财政拨款' repeats page 4"
    # Plain text keeps its line, which its reader sees.
    assert _message(_lint(DUPLICATE_HEADING), "BL105") == "标题“（二）财政拨款”与第 2 行重复"


def test_pdf_input_cites_the_page_of_the_table_row() -> None:
    """The wrong figure is still reported (recall), and the table row is cited by its page."""
    message = _message(_lint(NARRATIVE_MISMATCH, _pdf_places(NARRATIVE_MISMATCH)), "BL302")
    assert "“2023年预算支出总表”第 4 页的 133.31万元" in message and "行" not in message.split("不一致")[0]
    assert "第 4 行的 133.31万元" in _message(_lint(NARRATIVE_MISMATCH), "BL302")


def test_word_and_excel_lines_are_cited_by_their_origin() -> None:
    places = tuple(LinePlace(f"表1!A{n}") for n in range(1, 8))
    message = _message(_lint(NARRATIVE_MISMATCH, places), "BL302")
    assert "“2023年预算支出总表”表1!A4的 133.31万元" in message


def test_several_lines() -> None:
    text = "\n".join(f"第{n}行" for n in range(1, 9)) + "\n"
    pdf = _lint(text, _pdf_places(text)).context
    txt = _lint(text).context
    assert pdf is not None and txt is not None
    assert cite_lines(pdf.doc, [1, 2, 3]) == "第 3、4 页"
    assert cite_lines(pdf.doc, [1], "en") == "page 3" and cite_lines(pdf.doc, [1, 3], "en") == "pages 3, 4"
    assert cite_lines(txt.doc, [1, 2, 3, 4, 5, 6]) == "第 1、2、3、4、5等 行"
    assert cite_lines(txt.doc, [2, 7], "en") == "lines 2, 7"
    joined = pdf.doc._replace(places=tuple(LinePlace("b.part2.pdf", 5) for _ in range(8)))
    assert cite_line(joined, 1) == "b.part2.pdf 第 5 页" and cite_line(joined, 1, "en") == "b.part2.pdf page 5"


def _one_page_per_line(path: str, limits: object) -> ReadDocument:
    """A reader whose every line is a page of its own (as a PDF reader's source map says)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    origins = tuple(Origin(f"p{n}:L1", page=n) for n in range(1, len(text.splitlines()) + 1))
    return ReadDocument(text, SourceMap("fake", origins))


def test_the_runner_hands_the_readers_pages_to_the_rules(tmp_path: Path) -> None:
    source = tmp_path / "report.fake"
    source.write_text(DUPLICATE_HEADING, encoding="utf-8")
    result = lint_with_reader(_one_page_per_line, str(source), Config())
    assert _message(result, "BL105") == "标题“（二）财政拨款”与第 2 页重复"


def test_joined_parts_name_the_file_whose_page_is_cited(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each part counts its own pages: page 2 of part 2 is named with part 2's file."""
    from budgetlint.plugins.registry import default_registry
    from budgetlint.run.joined import lint_joined

    monkeypatch.setitem(default_registry().readers, ".fake", _one_page_per_line)
    first, second = tmp_path / "a.part1.fake", tmp_path / "a.part2.fake"
    first.write_text("说明\n", encoding="utf-8")
    second.write_text(DUPLICATE_HEADING, encoding="utf-8")
    result = lint_joined([str(first), str(second)], Config())
    assert _message(result, "BL105") == "标题“（二）财政拨款”与a.part2.fake 第 2 页重复"


UNLABELLED_ROW = (
    "2023年支出预算总表\n单位：万元\n项目\t合计\t基本支出\t项目支出\n"
    "一般公共服务支出\t30.00\t10.00\t20.00\n\t31.00\t10.00\t20.00\n合计\t61.00\t20.00\t40.00\n"
)


def test_a_table_row_without_label_or_code_is_named_by_its_page() -> None:
    """BL202 on a row that prints neither a label nor a code: the PDF's page, not a text line;
    the wrong figure is still reported in both languages."""
    places = _pdf_places(UNLABELLED_ROW, first_page=1, lines_per_page=4)  # line 5 is on page 2
    (zh,) = [d.message for d in _lint(UNLABELLED_ROW, places).diagnostics if d.line == 5]
    assert zh.startswith("“2023年支出预算总表”第 2 页：合计 31.00 ≠ 基本支出+项目支出 30.00")
    (en,) = [d.message for d in _lint(UNLABELLED_ROW, places, lang="en").diagnostics if d.line == 5]
    assert en.startswith("'2023年支出预算总表' page 2: 合计 31.00")
    (text,) = [d.message for d in _lint(UNLABELLED_ROW, lang="en").diagnostics if d.line == 5]
    assert text.startswith("'2023年支出预算总表' line 5: ")
