"""Property-based: no input, however malformed, makes the linter raise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.model.diagnostics import Diagnostic
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_bytes, lint_document_text

from .conftest import SAMPLE, time_limit

# Characters that steer the grammar: tabs, numbering, leaders, brackets, digits, CJK.
STRUCTURAL = st.sampled_from(
    list("\t\n .…、（）()：:一二三十第部分表目录注合计总单位万元年月日0123456789-—,，%％XＸ×【】")
)
LINE_PIECES = st.sampled_from(
    [
        "目 录",
        "第一部分 概况.....1",
        "一、",
        "（一）",
        "1.",
        "合计\t",
        "\t140.30",
        "单位：万元",
        "注：本表无数据",
        "2023年预算收支总表",
        "仅供内部审核",
        "3",
        "\t\t",
        "科目编码\t科目名称\t合计",
        "208\t社会保障\t1.00",
        "收支总表\t\t",
        "说明文字。",
        "",
        "x" + " " * 60 + "表 ",
        "一般公共预算支出表.....5",
    ]
)
NARRATIVE_PIECES = st.sampled_from(
    [
        "本年支出",
        "140.30万元",
        "0万元",
        "3,320,000元",
        "，",
        "；",
        "。",
        "：",
        "、",
        "其中",
        "具体为",
        "主要用于",
        "比上年",
        "较2022年预算执行数",
        "同比",
        "增加",
        "减少",
        "下降",
        "减幅",
        "持平",
        "占",
        "占比",
        "完成全年预算数的",
        "37.66%",
        "0%",
        "100.00%",
        "主要原因是",
        "决算数小于全年预算数",
        "全年预算为",
        "支出决算为",
        "2023年",
    ]
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def no_hang():  # type: ignore[no-untyped-def]
    """An input that makes the linter loop must fail the test, not hang the suite."""
    with time_limit(300, "the linter did not finish: an endless loop?"):
        yield


def _check(result) -> None:  # type: ignore[no-untyped-def]
    assert result.failures == []
    assert isinstance(result.diagnostics, list)
    assert all(isinstance(d, Diagnostic) for d in result.diagnostics)


@SETTINGS
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    _check(lint_document_text(text, "fuzz.txt", Config()))


@SETTINGS
@given(st.lists(st.one_of(LINE_PIECES, st.text(STRUCTURAL, max_size=30)), max_size=40))
def test_structured_garbage(pieces: list[str]) -> None:
    _check(lint_document_text("\n".join(pieces), "fuzz.txt", Config()))


@SETTINGS
@given(st.binary())
def test_arbitrary_bytes(data: bytes) -> None:
    _check(lint_document_bytes(data, "fuzz.bin", Config()))


@SETTINGS
@given(st.data())
def test_sample_with_random_edits(data: st.DataObject) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for _ in range(data.draw(st.integers(0, 5))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "garble"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        else:
            lines[index] = data.draw(st.text(STRUCTURAL, max_size=40))
    _check(lint_document_text("\n".join(lines), "fuzz.txt", Config()))


@SETTINGS
@given(st.lists(st.lists(NARRATIVE_PIECES, max_size=25).map("".join), max_size=8))
def test_narrative_garbage(paragraphs: list[str]) -> None:
    table = "2023年预算支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\n合计\t\t140.30\t57.30\n"
    _check(lint_document_text(table + "\n\n".join(paragraphs), "fuzz.txt", Config()))


# Digit runs of any length: fuzzing found cells of 4,300+ digits (Python's int(str) limit)
# and 27–29 digit amounts or 30-decimal shares (past the decimal context's precision).
HUGE_FIGURES = st.builds(
    lambda integer, decimals: integer + (f".{decimals}" if decimals else ""),
    st.text("0123456789", min_size=1, max_size=5000),
    st.text("0123456789", max_size=40),
)


@SETTINGS
@given(st.lists(HUGE_FIGURES, min_size=1, max_size=6), st.data())
def test_sample_with_huge_figures(figures: list[str], data: st.DataObject) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    amounts = re.findall(r"\d[\d,]*\.\d+", text)
    for figure in figures:
        old = data.draw(st.sampled_from(amounts))
        text = text.replace(old, figure, 1)
    _check(lint_document_text(text, "fuzz.txt", Config()))


REPRO = Path(__file__).parent / "fixtures" / "repro"


@pytest.mark.parametrize("path", sorted(REPRO.glob("*.txt")), ids=lambda p: p.name)
def test_fuzzing_reproducers_lint_cleanly(path: Path) -> None:
    """Each input once crashed a rule (see ../shared/repro/README.md); now a clean result."""
    _check(lint_document_text(path.read_text(encoding="utf-8"), path.name, Config()))
