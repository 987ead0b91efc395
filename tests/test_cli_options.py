"""The everyday options: --version, --quiet, --severity, colours, --statistics with --summary, extend."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from budgetlint.cli import cli, color_from_environment
from budgetlint.version import __version__

from .conftest import ROOT, SAMPLE

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def test_version_agrees_with_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    result = _run("--version")
    assert result.exit_code == 0 and result.output == f"budgetlint {__version__}\n"
    assert project["version"] == __version__


def test_quiet_prints_the_findings_only() -> None:
    loud, quiet = _run("--format", "concise", str(SAMPLE)), _run("--format", "concise", "-q", str(SAMPLE))
    assert loud.exit_code == quiet.exit_code == 1
    assert quiet.output.splitlines() == loud.output.splitlines()[:-1]
    assert loud.output.splitlines()[-1].startswith("检查了")


def test_minimum_severity_hides_and_keeps_the_exit_status() -> None:
    every = json.loads(_run("--format", "json", str(SAMPLE)).stdout)
    assert {d["severity"] for d in every} == {"error", "warning", "info"}
    warning = _run("--format", "json", "--severity", "warning", str(SAMPLE))
    assert json.loads(warning.stdout) == [d for d in every if d["severity"] != "info"]
    assert warning.exit_code == 1
    errors = _run("--format", "json", "--severity", "error", str(SAMPLE))
    assert errors.exit_code == 1 and {d["severity"] for d in json.loads(errors.stdout)} == {"error"}
    assert "hid" in errors.stderr and "warning(s)" in errors.stderr


def test_hidden_warnings_still_fail_the_run(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("2023年度单位预算公开（征求意见稿）\n", encoding="utf-8")  # BL502: a warning
    result = _run("--format", "json", "--severity", "error", str(draft))
    assert json.loads(result.stdout) == [] and result.exit_code == 1
    assert _run("--format", "json", "--severity", "error", "--exit-zero", str(draft)).exit_code == 0


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"NO_COLOR": "1"}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": "0"}, None),
        ({"NO_COLOR": "", "FORCE_COLOR": "1"}, True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_from_the_environment(environ: dict[str, str], expected: bool | None) -> None:
    assert color_from_environment(environ) is expected


@pytest.mark.parametrize("output_format", ["full", "concise"])
def test_force_color_colours_and_no_color_does_not(output_format: str) -> None:
    forced = _run("--format", output_format, str(SAMPLE), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert ANSI.search(forced.stdout)
    plain = _run("--format", output_format, str(SAMPLE), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not ANSI.search(plain.stdout)
    assert ANSI.sub("", forced.stdout) == plain.stdout
    # not a terminal, no variable: no colour (CliRunner's output is not a TTY)
    assert not ANSI.search(_run("--format", output_format, str(SAMPLE), env={"FORCE_COLOR": ""}).stdout)


def test_statistics_with_summary_is_refused_clearly() -> None:
    result = _run("--statistics", "--summary", str(SAMPLE))
    assert result.exit_code == 2 and "--statistics and --summary cannot be combined" in result.output


def test_extend_builds_on_a_shared_base(tmp_path: Path) -> None:
    bureau = tmp_path / "bureau"
    unit = bureau / "unit"
    unit.mkdir(parents=True)
    (bureau / "budgetlint.toml").write_text('ignore = ["BL502"]\nlang = "en"\n', encoding="utf-8")
    (unit / "budgetlint.toml").write_text('extend = "../budgetlint.toml"\nlang = "zh"\n', encoding="utf-8")
    (unit / "a.txt").write_text("2023年度单位预算公开（征求意见稿）\n落款日期：2023年2月30日\n", encoding="utf-8")
    found = json.loads(_run("--format", "json", str(unit / "a.txt")).stdout)
    assert [d["code"] for d in found] == ["BL501"]  # the base's ignore
    assert "不存在" in found[0]["message"]  # the extending file's language wins


def test_extend_cycles_and_missing_bases_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('extend = "budgetlint.toml"\n', encoding="utf-8")
    (tmp_path / "budgetlint.toml").write_text('extend = "a.toml"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("2023年2月30日\n", encoding="utf-8")
    result = _run(str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "cycle" in result.output
    (tmp_path / "budgetlint.toml").write_text('extend = "missing.toml"\n', encoding="utf-8")
    result = _run(str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "no such file" in result.output


def test_rule_documentation_is_chinese_by_default_and_english_with_lang_en() -> None:
    zh = _run("rule", "BL201")
    assert zh.exit_code == 0 and "## 作用" in zh.output and "## What it does" not in zh.output
    en = _run("rule", "BL201", "--lang", "en")
    assert en.exit_code == 0 and "## What it does" in en.output and "## 作用" not in en.output
    assert "## What it does" in _run("rule", "bl201", env={"BUDGETLINT_LANG": "en"}).output
    assert _run("rule", "BL201", env={"BUDGETLINT_LANG": "fr"}).exit_code == 2


def test_every_rule_is_documented_in_both_languages() -> None:
    listing = _run("rules", "--format", "json").output
    codes = [row["code"] for row in json.loads(listing)]
    assert "BL009" in codes
    for code in codes:
        zh, en = _run("rule", code).output, _run("rule", code, "--lang", "en").output
        assert zh.startswith(f"# {code} ") and "## 作用" in zh and "## 依据" in zh, code
        assert "## What it does" in en and "## Source" in en, code
    assert "输入无法读取" in _run("rules").output and "Input is empty" in _run("rules", "--lang", "en").output


def test_an_extended_files_globs_stay_relative_to_it(tmp_path: Path) -> None:
    """per-file-ignores of the base match paths from the base's folder, not the extending file's."""
    bureau = tmp_path / "bureau"
    unit = bureau / "unit"
    unit.mkdir(parents=True)
    (bureau / "budgetlint.toml").write_text('[per-file-ignores]\n"unit/a.txt" = ["BL501"]\n', encoding="utf-8")
    (unit / "budgetlint.toml").write_text('extend = "../budgetlint.toml"\n', encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (unit / name).write_text("落款日期：2023年2月30日\n本文件为部门预算。\n", encoding="utf-8")
    found = json.loads(_run("--format", "json", str(unit)).stdout)
    assert [Path(str(d["path"])).name for d in found if d["code"] == "BL501"] == ["b.txt"]
