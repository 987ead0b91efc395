"""Disclosure profiles: loading, title matching, automatic selection, and the sample.

The sample (xinzhou) follows the Shanxi municipal unit template exactly: it must
give no BL401/BL404, and deleting any one of its 13 mandated tables (with its
目录 line) must give exactly one BL401 naming that table.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from budgetlint.analysis.profiles import (
    ProfileError,
    builtin_profiles,
    load_profile_text,
    select_profile,
    title_key,
)
from budgetlint.cli import cli
from budgetlint.parsing.document import parse
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

from .conftest import CORPUS, EXAMPLES
from .test_parser import TOC_TABLES

#: The profile every corpus document must get automatically.
EXPECTED_PROFILES = {
    "xinzhou-2023-unit-budget.txt": "shanxi-municipal-unit-budget",
    "shanghai-putuo-welfare-home-2024-unit-budget.txt": "shanghai-district-unit-budget",
    "shanghai-putuo-wanli-2023-dept-budget.txt": "shanghai-district-department-budget",
    "shanghai-putuo-social-work-dept-2024-final-accounts.txt": "shanghai-district-final-accounts",
    "swu-2021-dept-budget.txt": "moe-university-budget",
    "swu-2023-dept-final-accounts.txt": "moe-university-final-accounts",
}

#: The sample's 13 tables, as its 目录 and body print them (the Shanxi template's list).
SHANXI_TABLES = TOC_TABLES


def _codes(text: str, select: str = "BL401,BL404", profile: str | None = None) -> list[str]:
    config = Config(select=tuple(select.split(",")), profile=profile)
    result = lint_document_text(text, "doc.txt", config)
    assert result.failures == []
    return [f"{d.code}:{d.line}" for d in result.diagnostics]


def test_builtin_profiles_load_and_have_unique_names() -> None:
    profiles = builtin_profiles()
    names = [p.name for p in profiles]
    assert len(names) == len(set(names)) >= 8
    by_name = {p.name: p for p in profiles}
    assert len(by_name["national-department-budget"].tables) == 8
    assert len(by_name["national-department-final-accounts"].tables) == 9
    assert len(by_name["shanxi-municipal-unit-budget"].tables) == 13
    assert all(p.source for p in profiles)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_profile_detected_for_every_corpus_document(path) -> None:  # type: ignore[no-untyped-def]
    doc = parse(path.read_text(encoding="utf-8"), path=str(path))
    chosen = select_profile(doc, builtin_profiles())
    assert chosen is not None
    assert chosen.profile.name == EXPECTED_PROFILES[path.name]
    assert chosen.match.missing == ()
    result = lint_document_text(path.read_text(encoding="utf-8"), path.name, Config(select=("BL401", "BL404")))
    assert result.diagnostics == [], [d.message for d in result.diagnostics]


def test_every_corpus_document_has_an_expected_profile() -> None:
    assert {p.name for p in CORPUS} == set(EXPECTED_PROFILES)


def test_sample_gives_no_bl401_or_bl404(sample_text: str) -> None:
    assert _codes(sample_text) == []


@pytest.mark.parametrize("title", SHANXI_TABLES)
def test_sample_with_a_mandated_table_deleted(sample_text: str, title: str) -> None:
    lines = sample_text.split("\n")
    assert any(line.strip() == title for line in lines), title
    kept = [line for line in lines if line.strip() != title and not line.startswith(title + ".....")]
    assert len(kept) == len(lines) - 2  # the table's title and its 目录 line
    result = lint_document_text("\n".join(kept), "doc.txt", Config(select=("BL401",)))
    assert result.failures == []
    assert [d.code for d in result.diagnostics] == ["BL401"]
    name = title.removeprefix("2023年").replace("（不含上年结转）", "")
    assert f"“{name}”" in result.diagnostics[0].message, result.diagnostics[0].message


def test_sample_with_a_section_deleted(sample_text: str) -> None:
    text = sample_text.replace("八、机关运行经费增减变动原因说明\n", "").replace(
        "中心不属于参照公务员法管理的事业单位，无机关运行经费\n", ""
    )
    text = text.replace("八、机关运行经费增减变动原因说明.....\t17\n", "")
    config = Config(select=("BL404",))
    messages = [d.message for d in lint_document_text(text, "doc.txt", config).diagnostics]
    assert messages == [
        "缺少必须说明的内容“机关运行经费增减变动原因说明”：山西省市级单位预算（13 张表，情况说明一至十二）要求此项说明"
    ]


def test_profile_none_and_forced_profile(sample_text: str) -> None:
    assert _codes(sample_text, profile="none") == []
    forced = _codes(sample_text, select="BL401", profile="moe-university-budget")
    assert len(forced) == 2  # 收入预算表 and 支出预算表 are not in a Shanxi document
    assert _codes(sample_text, profile="auto") == []


def test_title_key_tolerance() -> None:
    assert title_key("2023年预算收支总表（续）") == "预算收支总表"
    assert title_key("表 1：高等学校收支决算总表") == "高等学校收支决算总表"
    assert title_key("4．2024年预算单位财政拨款收支预算总表") == "预算单位财政拨款收支预算总表"
    assert title_key("预算公开表1 2023 年度 一般公共预算“三公”经费支出预算表") == "一般公共预算三公经费支出预算表"
    assert title_key("西南大学收入预算表", "西南大学") == "收入预算表"
    assert title_key("2023年项目支出预算表(上年结转)") == "项目支出预算表上年结转"


def test_profile_file_errors_are_clear() -> None:
    with pytest.raises(ProfileError, match="kinds"):
        load_profile_text('name = "x"\n[[table]]\nname = "收入表"\n')
    with pytest.raises(ProfileError, match="unknown key"):
        load_profile_text('name = "x"\nkinds = ["部门预算"]\ntabel = 1\n')
    with pytest.raises(ProfileError, match="bad regular expression"):
        load_profile_text('name = "x"\nkinds = ["部门预算"]\n[[table]]\nname = "收入表"\npatterns = ["("]\n')
    with pytest.raises(ProfileError, match="kebab-case"):
        load_profile_text('name = "Not Kebab"\nkinds = ["部门预算"]\n[[table]]\nname = "收入表"\n')
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profile_text("name = ")


def test_cli_profiles_lists_and_detects(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    runner = CliRunner()
    listed = runner.invoke(cli, ["profiles"])
    assert listed.exit_code == 0, listed.output
    assert "shanxi-municipal-unit-budget" in listed.output and "national-department-budget" in listed.output
    verbose = runner.invoke(cli, ["profiles", "--verbose"])
    assert "财预〔2016〕143号" in verbose.output
    detected = runner.invoke(cli, ["profiles", "--format", "json", *(f"examples/{p.name}" for p in CORPUS)])
    rows = json.loads(detected.output)
    assert {row["path"].split("/")[-1]: row["profile"] for row in rows} == EXPECTED_PROFILES


def test_cli_profile_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    runner = CliRunner()
    bad = runner.invoke(cli, ["--profile", "nope", "examples/xinzhou-2023-unit-budget.txt"])
    assert bad.exit_code == 2 and "unknown profile 'nope'" in bad.output
    forced = runner.invoke(
        cli,
        [
            "--profile",
            "national-department-budget",
            "--select",
            "BL401",
            "--format",
            "json",
            "examples/swu-2021-dept-budget.txt",
        ],
    )
    assert forced.exit_code == 1
    assert {d["code"] for d in json.loads(forced.output)} == {"BL401"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("shanghai-putuo-wanli-2023-dept-budget.txt", "national-department-budget"),
        ("shanghai-putuo-social-work-dept-2024-final-accounts.txt", "national-department-final-accounts"),
    ],
)
def test_national_profiles_outside_the_regional_templates(name: str, expected: str) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8").replace("上海市", "某省某市").replace("上海", "某市")
    chosen = select_profile(parse(text, path=name), builtin_profiles())
    assert chosen is not None and chosen.profile.name == expected
    assert _codes(text) == []


def test_kind_decides_between_budget_profiles(sample_text: str) -> None:
    # The sample under a 部门预算 title is no longer a Shanxi *unit* budget; it has all
    # 8 national tables, so the national department profile applies.
    text = sample_text.replace("2023年度单位预算公开", "2023年度部门预算公开", 1)
    chosen = select_profile(parse(text), builtin_profiles())
    assert chosen is not None and chosen.profile.name == "national-department-budget"


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_each_corpus_table_deleted_is_named(path) -> None:  # type: ignore[no-untyped-def]
    """Deleting any one mandated table's title from a corpus document gives one BL401 naming it."""
    text = path.read_text(encoding="utf-8")
    chosen = select_profile(parse(text), builtin_profiles())
    assert chosen is not None
    lines = text.split("\n")
    for match in chosen.match.tables:
        assert match.title is not None
        number = match.title.span.line
        kept = "\n".join(lines[: number - 1] + lines[number:])
        result = lint_document_text(kept, path.name, Config(select=("BL401",)))
        messages = [d.message for d in result.diagnostics]
        assert len(messages) == 1 and f"“{match.spec.name}”" in messages[0], (match.spec.name, messages)


def test_builtin_profile_patterns_all_compile() -> None:
    """Built-in profiles compile their patterns lazily; make sure every one is valid."""
    import re

    from budgetlint.analysis.profiles import LazyPattern, builtin_profiles

    patterns = []
    for profile in builtin_profiles():
        patterns.append(profile.detect)
        patterns += [t.pattern for t in profile.tables]
        patterns += [p for s in profile.sections for p in (s.headings, s.mentions)]
    lazy = [p for p in patterns if isinstance(p, LazyPattern)]
    assert lazy, "built-in profiles are expected to compile on first use"
    for pattern in lazy:
        assert isinstance(pattern.compiled, re.Pattern)


def test_selection_score_weighs_identity_and_coverage(sample_text: str) -> None:
    """A detected template scores above one half, one chosen by its tables alone at most one half,
    a forced one 1: BL401/BL404 give errors only above one half."""
    detected = select_profile(parse(sample_text), builtin_profiles())
    assert detected is not None and detected.match.detected and detected.score == 1.0
    anonymous = sample_text.replace("忻州市", "某市").replace("忻州", "某市").replace("山西", "某省")
    anonymous = anonymous.replace("2023年度单位预算公开", "2023年度部门预算公开", 1)
    chosen = select_profile(parse(anonymous), builtin_profiles())
    assert chosen is not None and not chosen.match.detected
    assert chosen.score == chosen.match.coverage / 2 <= 0.5
    forced = select_profile(parse(anonymous), builtin_profiles(), requested="national-department-budget")
    assert forced is not None and forced.score == 1.0


def test_unknown_template_gives_one_info_not_errors(sample_text: str) -> None:
    """The national template chosen by its tables alone: a missing table is one info, never an error;
    the same document with the template forced gets the error."""
    text = sample_text.replace("忻州市", "某市").replace("忻州", "某市").replace("山西", "某省")
    text = text.replace("2023年度单位预算公开", "2023年度部门预算公开", 1)
    chosen = select_profile(parse(text), builtin_profiles())
    assert chosen is not None and chosen.profile.name == "national-department-budget"
    title = next(m.title for m in chosen.match.tables if m.title is not None)
    lines = text.split("\n")
    kept = "\n".join(lines[: title.span.line - 1] + lines[title.span.line :])
    unknown = lint_document_text(kept, "doc.txt", Config(select=("BL401",))).diagnostics
    assert [(d.code, d.severity.value) for d in unknown] == [("BL401", "info")]
    assert "模板未知" in unknown[0].message
    forced = lint_document_text(
        kept, "doc.txt", Config(select=("BL401",), profile="national-department-budget")
    ).diagnostics
    assert [(d.code, d.severity.value) for d in forced] == [("BL401", "error")]


# -- the same document read from its PDF or its text gets the same profile ---------------
PDF_FIXTURES = sorted((EXAMPLES.parent / "tests" / "fixtures" / "pdf").glob("*.pdf"))


@pytest.mark.parametrize("pdf", PDF_FIXTURES, ids=lambda p: p.stem)
def test_a_pdf_and_its_text_get_the_same_profile(pdf) -> None:  # type: ignore[no-untyped-def]
    from budgetlint.run.runner import lint_file

    text = EXAMPLES / f"{pdf.stem}.txt"
    from_pdf = lint_file(str(pdf), Config()).document
    from_text = lint_file(str(text), Config()).document
    assert from_pdf is not None and from_text is not None
    assert from_pdf.unit_name == from_text.unit_name
    chosen = [select_profile(doc, builtin_profiles()) for doc in (from_pdf, from_text)]
    assert [s.profile.name if s else None for s in chosen] == [EXPECTED_PROFILES[text.name]] * 2


@pytest.mark.parametrize(
    ("cover", "title", "unit"),
    [
        # A PDF wraps a long cover title where the page ends; a text file may not.
        (
            "中共上海市普陀区委\n社会工作部 2024 年度\n部门决算\n",
            "中共上海市普陀区委社会工作部 2024 年度部门决算",
            "中共上海市普陀区委社会工作部",
        ),
        (
            "中共上海市普陀区委社会工作部 2024 年度\n部门决算\n",
            "中共上海市普陀区委社会工作部 2024 年度部门决算",
            "中共上海市普陀区委社会工作部",
        ),
        # Not the title's start: a label, a line with digits, a line after a blank, a kind word.
        ("附件1\n上海市2026年市级单位预算\n", "上海市2026年市级单位预算", "上海市"),
        ("公开时间：十月\n上海市2026年市级单位预算\n", "上海市2026年市级单位预算", "上海市"),
        ("中共上海市普陀区委\n\n社会工作部 2024 年度部门决算\n", "社会工作部 2024 年度部门决算", "社会工作部"),
        ("部门预算公开\n西南大学2021年度部门预算\n", "西南大学2021年度部门预算", "西南大学"),
        # A title that starts with its year names no issuer on its line: the line above is the unit.
        ("西安市审计局\n2026年部门预算公开说明\n", "2026年部门预算公开说明", "西安市审计局"),
    ],
)
def test_a_cover_title_wrapped_over_lines_is_one_title(cover: str, title: str, unit: str) -> None:
    doc = parse(cover + "目录\n一、部门职责\n")
    assert (doc.title, doc.unit_name) == (title, unit)


def test_profiles_command_gives_a_pdf_and_its_text_the_same_profile() -> None:
    pdf = next(p for p in PDF_FIXTURES if p.stem.startswith("shanghai-putuo-social-work"))
    result = CliRunner().invoke(cli, ["profiles", "--format", "json", str(pdf), str(EXAMPLES / f"{pdf.stem}.txt")])
    assert result.exit_code == 0, result.output
    documents = json.loads(result.output)
    assert [d["profile"] for d in documents] == ["shanghai-district-final-accounts"] * 2
