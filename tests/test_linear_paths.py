"""Text paths that once took quadratic time (issue 17): each is linear now, reads the same as
the regular expression it replaces, and a long adversarial input is linted in bounded time."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.analysis.narrative import clean_label
from budgetlint.parsing.document import (
    _TITLE_FURNITURE,
    _TITLE_SUFFIX,
    is_table_title_text,
    organization,
    title_part,
)
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

#: The patterns as they were: the reference the linear readings must agree with.
OLD_ORG = re.compile(
    r"(?:单位名称|编制单位|编制部门|预算单位|预算部门|部门名称|填报单位|编报单位)\s*:\s*([^\s:]+(?:[^\n:]*?[^\s:])?)(?=\s+单位\s*:|\s*$)"
)
OLD_TRAILING_VERBS = re.compile(r"(?:为|是|达到|达|共计|合计|约)+$")

ORG_TEXT = st.lists(
    st.sampled_from(
        ["单位名称", "编制单位", "部门名称", "单位", ":", " ", "\t", "\n", "\u3000", "甲", "乙", "万元", "x"]
    ),
    max_size=14,
).map("".join)
VERB_TEXT = st.lists(
    st.sampled_from(["为", "是", "达到", "达", "到", "共计", "合计", "计", "约", "甲", "\n", " "]), max_size=10
).map("".join)


def elapsed(text: str) -> float:
    start = time.perf_counter()
    lint_document_text(text, "long.txt", Config())
    return time.perf_counter() - start


@settings(max_examples=400, deadline=None)
@given(ORG_TEXT)
def test_organization_reads_as_the_old_pattern(text: str) -> None:
    old = OLD_ORG.search(text)
    assert organization(text) == (old.group(1).strip() if old else None)


def test_organization_examples() -> None:
    assert organization("编制单位:某某局  单位:万元") == "某某局"
    assert organization("单位名称: 某 某 局 ") == "某 某 局"
    assert organization("单位名称:某局 金额:万元") is None
    assert organization("部门名称:某局 单位名称:某所") == "某所"


@settings(max_examples=400, deadline=None)
@given(VERB_TEXT)
def test_trailing_verbs_strip_as_the_old_pattern(text: str) -> None:
    label = "经费" + text  # 经费 is no leading connector: only the end is cleaned
    assert clean_label(label) == OLD_TRAILING_VERBS.sub("", label.strip(" \"'“”")).strip()


def test_long_issuer_line_is_linear() -> None:
    """A 96 KB 单位名称 line with no ending took 47 s (the lazy tail backtracked)."""
    assert elapsed("说明\n单位名称：" + "甲" * 96_000 + ":\n") < 5


def test_long_run_of_verbs_is_linear() -> None:
    assert elapsed("说明\n" + "为" * 96_000 + "1.00万元。\n") < 5


DATE_TEXT = st.lists(
    st.sampled_from(["2023", "年", "11", "月", "31", "日", "2", "30", "-", "/", ".", " ", "13", "\n", "，", "0"]),
    max_size=30,
).map(lambda pieces: "说明\n" + "".join(pieces))


def old_invalid_dates(text: str) -> list[tuple[int, int]]:
    """BL501's findings (line, column) as the rule read them with its quadratic overlap scan."""
    from budgetlint.analysis.context import DocumentContext
    from budgetlint.parsing.document import parse
    from budgetlint.plugins.rule import line_matches
    from budgetlint.rules.bl501_invalid_date import _DATES, _valid

    ctx = DocumentContext(parse(text, path="d.txt"))
    taken: list[tuple[int, int]] = []
    spans = []
    for pattern in _DATES:
        for found in line_matches(ctx, pattern):
            span = found.span
            if any(
                s.line == span.line
                and (s.column <= span.column < s.end_column or s.column < span.end_column <= s.end_column)
                for s in spans
            ):
                continue
            spans.append(span)
            groups = found.match.groupdict()
            year = int(groups["y"]) if groups.get("y") else None
            day = int(groups["d"]) if groups.get("d") else None
            if (span.line, span.column) in taken or _valid(year, int(groups["m"]), day):
                continue
            taken.append((span.line, span.column))
    return sorted(taken)


@settings(max_examples=300, deadline=None)
@given(DATE_TEXT)
def test_invalid_dates_read_as_the_old_scan(text: str) -> None:
    found = lint_document_text(text, "d.txt", Config(select=("BL501",))).diagnostics
    assert sorted((d.span.line, d.span.column) for d in found if d.code == "BL501") == old_invalid_dates(text)


def test_many_dates_are_linear() -> None:
    """40,000 dates on one line took 65 s (each date was compared with every date read)."""
    assert elapsed("说明\n" + "2023年1月1日，" * 40_000 + "2023年11月31日\n") < 10


def test_long_paragraph_of_changes_is_linear() -> None:
    """Flow.position scanned every line of the flow, _prior every amount of the sentence."""
    assert elapsed("说明\n" + "支出1.00万元，比上年增加1.00万元，\n" * 4_000) < 10
    assert elapsed("说明\n" + "2022年支出1.00万元，比2022年增加1.00万元，" * 4_000 + "。\n") < 10


def test_long_flow_of_chains_is_linear() -> None:
    """A 科目 chain was searched from every character of a long run without a bracket."""
    assert elapsed("说明\n" + "为" * 50_000 + "一般公共服务支出（类）统计（款）管理（项）1.00万元。\n") < 5


OLD_SENTENCE = re.compile(r"(?:[^。!?！？]|[。!?！？]+(?=[ ]*\)))+(?:[。!?！？]+|$)")
SENTENCE_TEXT = st.lists(
    st.sampled_from(["。", "？", "!", "?", "！", " ", ")", "(", "甲", "\n", "1.00万元"]), max_size=16
).map("".join)


@settings(max_examples=500, deadline=None)
@given(SENTENCE_TEXT)
def test_sentences_split_as_the_old_pattern(text: str) -> None:
    from budgetlint.analysis.narrative import _sentences

    assert _sentences(text) == [(m.start(), m.group()) for m in OLD_SENTENCE.finditer(text)]


def test_a_long_run_of_stops_is_linear() -> None:
    """Unmapped glyphs printed as ？: the sentence pattern retried the run from each of them."""
    assert elapsed("说明\n支出1.00万元" + "？" * 50_000 + "x1.00万元。\n") < 5


OLD_WAN_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万元")
WAN_TEXT = st.lists(st.sampled_from(["1", "2", ",", ".", " ", "万元", "万", "元", "甲"]), max_size=16).map("".join)


@settings(max_examples=500, deadline=None)
@given(WAN_TEXT)
def test_wan_amounts_found_as_with_the_old_pattern(text: str) -> None:
    from budgetlint.rules.bl307_attachment_amount_mismatch import _WAN_AMOUNT

    assert [m.span(1) for m in _WAN_AMOUNT.finditer(text)] == [m.span(1) for m in OLD_WAN_AMOUNT.finditer(text)]


def test_a_long_run_of_digits_is_linear() -> None:
    """BL307 reads the cells of a 绩效 form: 20,000 digits not followed by 万元 took 20 s."""
    from budgetlint.rules.bl307_attachment_amount_mismatch import _worded_amounts

    start = time.perf_counter()
    assert list(_worded_amounts("项目经费" + "1" * 200_000 + "x万元")) == []
    assert list(_worded_amounts("电费" + "1" * 200_000 + "万元")) != []
    assert time.perf_counter() - start < 2


# --- Title suffix and furniture, 目录 leaders: no match starts inside a run of blanks or dashes.

OLD_TITLE_SUFFIX = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?(?:\(?续表?\)?\s*)?$")
OLD_TITLE_FURNITURE = re.compile(
    r"\s*(?:部门名称|部门|单位名称|编制单位|编制部门|预算单位|预算部门|填报单位|编报单位|金额单位|单位)\s*:"
)
#: The 目录 text's last character as it was, and as it is (a dash only after no dash).
OLD_TOC_LAST, NEW_TOC_LAST = r"[^\s.…·]", r"(?:[^\s.…·-]|(?<!-)-)"
TITLE_TEXT = st.lists(
    st.sampled_from(["表", "续", "(", ")", " ", "\u3000", "\n", "甲", "注", "部门", "单位", ":", "名称", "x"]),
    max_size=16,
).map("".join)
TOC_TEXT = st.lists(st.sampled_from(["甲", "-", "-", ".", "…", "·", " ", "\t", "\n", "1", "23", "x"]), max_size=24).map(
    "".join
)


def grammar_pattern(terminal: str) -> str:
    from budgetlint.parsing.lines import document_parser

    return document_parser().get_terminal(terminal).pattern.to_regexp()


def run_time(function: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    function(text)
    return time.perf_counter() - start


@settings(max_examples=500, deadline=None)
@given(TITLE_TEXT)
def test_title_suffix_and_furniture_read_as_the_old_patterns(text: str) -> None:
    assert _TITLE_SUFFIX.sub("", text) == OLD_TITLE_SUFFIX.sub("", text)
    old, new = OLD_TITLE_FURNITURE.search(text), _TITLE_FURNITURE.search(text)
    assert (old and old.span()) == (new and new.span())
    assert bool(OLD_TITLE_FURNITURE.match(text)) == bool(_TITLE_FURNITURE.match(text))


@settings(max_examples=500, deadline=None)
@given(TOC_TEXT)
def test_toc_leaders_read_as_the_old_pattern(text: str) -> None:
    for terminal in ("TOC_ENTRIES", "ROWS"):
        new = grammar_pattern(terminal)
        assert NEW_TOC_LAST in new
        old_match = re.match(new.replace(NEW_TOC_LAST, OLD_TOC_LAST), text)
        new_match = re.match(new, text)
        assert (old_match and old_match.span()) == (new_match and new_match.span())


def test_title_examples() -> None:
    assert title_part("支出预算总表 部门:某局 单位:万元") == "支出预算总表"
    assert title_part("  单位:万元") == "  单位:万元"
    assert is_table_title_text("收入预算表 (不含上年结转) 续表 ")
    assert not is_table_title_text("收入预算表 x )")


def test_long_blank_runs_in_titles_are_linear() -> None:
    """A 100k run of blanks after 表 took minutes in ``title_part`` (the leading ``\\s*`` of
    each search start rescanned the run)."""
    blanks = " " * 100_000
    assert run_time(title_part, "收入预算表" + blanks + "x") < 0.5
    assert run_time(title_part, "收入预算表" + blanks + "部门 x") < 0.5
    assert run_time(is_table_title_text, "收入预算表" + blanks + "x )") < 0.5
    assert run_time(is_table_title_text, "收入预算表(注)" + blanks + "x )") < 0.5


def test_long_leader_runs_are_linear() -> None:
    """A 100k run of dashes in a 目录 line: each dash tried as the text's last character
    made the leader rescan the run (200 × its length)."""
    for terminal in ("TOC_ENTRIES", "ROWS"):
        pattern = re.compile(grammar_pattern(terminal))
        for run in ("-" * 100_000, " " * 100_000, "." * 100_000, "- " * 50_000):
            assert run_time(pattern.match, "甲" + run + "x1\n") < 0.5
            assert run_time(pattern.match, "x\t1\n甲" + run + "\t1\n") < 0.5


def test_a_long_dashed_toc_line_is_still_an_entry() -> None:
    """Recall: a 目录 entry with a long dash leader is still read as one."""
    match = re.match(grammar_pattern("TOC_ENTRIES"), "一、部门收支总表" + "-" * 5_000 + "12\n")
    assert match is not None and match.end() == len("一、部门收支总表") + 5_003


def test_long_blank_title_line_is_linted_quickly() -> None:
    assert elapsed("目录\na" + " " * 100_000 + "x1\n") < 5
