"""Baselines: record, hide, survive edits elsewhere, show what is new."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.fingerprint import content_key, fingerprint

from .conftest import SAMPLE


def run(*args: str, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    shutil.copy(SAMPLE, tmp_path / "docs" / "budget.txt")
    (tmp_path / "docs" / "other.txt").write_text("落款日期：2023年2月30日\n本文件为部门预算。\n", encoding="utf-8")
    return tmp_path


def test_round_trip_hides_everything_recorded(archive: Path) -> None:
    total = len(json.loads(run("--format", "json", "docs", cwd=archive).output))
    written = run("--write-baseline", "baseline.json", "docs", cwd=archive)
    assert written.exit_code == 0 and f"recorded {total} finding(s)" in written.output
    data = json.loads((archive / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["lang"] == "zh"
    assert {f["path"] for f in data["findings"]} == {"docs/budget.txt", "docs/other.txt"}
    assert all("line" not in f for f in data["findings"])
    result = run("--format", "json", "--baseline", "baseline.json", "docs", cwd=archive)
    assert result.exit_code == 0 and json.loads(result.output) == []
    # the baseline's paths are relative to the baseline file, not to the working directory
    inside = run("--format", "json", "--baseline", "../baseline.json", ".", cwd=archive / "docs")
    assert json.loads(inside.output) == []


def test_edits_elsewhere_keep_findings_hidden_new_ones_show(archive: Path) -> None:
    run("--write-baseline", "baseline.json", "docs", cwd=archive)
    budget = archive / "docs" / "budget.txt"
    text = budget.read_text(encoding="utf-8")
    # fix one of the two wrong dates on line 450 too: the other one stays hidden
    assert text.count("2023年11月31日") == 2
    text = text.replace("2023年11月31日", "2023年11月30日", 1)
    budget.write_text("补充说明：本段为新增内容。\n\n" + text + "\n附注日期：2023年4月31日\n", encoding="utf-8")
    result = run("--format", "json", "--baseline", "baseline.json", "docs", cwd=archive)
    new = json.loads(result.output)
    assert [(d["code"], d["message"]) for d in new] == [("BL501", "日期“2023年4月31日”不存在")]
    assert result.exit_code == 1


def test_a_repeated_finding_is_new(archive: Path) -> None:
    run("--write-baseline", "baseline.json", "docs/other.txt", cwd=archive)
    other = archive / "docs" / "other.txt"
    other.write_text("落款日期：2023年2月30日\n落款日期：2023年2月30日\n本文件为部门预算。\n", encoding="utf-8")
    new = json.loads(run("--format", "json", "--baseline", "baseline.json", "docs/other.txt", cwd=archive).output)
    assert [(d["code"], d["line"]) for d in new] == [("BL501", 2)]


def test_fixing_the_flagged_line_changes_the_fingerprint() -> None:
    d = Diagnostic("a.txt", 1, 6, 1, 16, "BL501", "invalid-date", Severity.ERROR, "日期“2023年2月30日”不存在")
    lines = ("落款日期：2023年2月30日",)
    moved = d._replace(line=3, end_line=3)
    assert fingerprint(d, lines) == fingerprint(moved, ("", "") + lines)
    assert fingerprint(d, lines) != fingerprint(d, ("落款日期：2023年2月31日",))
    # other text on the flagged line (another cell of a table row) does not matter
    assert fingerprint(d, lines) == fingerprint(d, ("落款日期：2023年2月30日\t审核日期：2023年3月1日",))
    # full-width and spacing differences do not matter; line references in messages do not either
    assert fingerprint(d, lines) == fingerprint(d, ("落款日期:2023年2月30日 ",))
    cited = d._replace(code="BL105", message="标题“一、收入”与第 12 行重复")
    assert content_key(cited, lines) == content_key(cited._replace(message="标题“一、收入”与第 40 行重复"), lines)


def test_a_baseline_written_in_zh_hides_the_same_findings_in_en(archive: Path) -> None:
    """Fingerprints hash the Chinese message in every run: the language does not matter."""
    run("--write-baseline", "baseline.json", "docs", cwd=archive)
    shown = CliRunner().invoke(cli, ["--lang", "en", "--format", "json", str(archive / "docs")])
    assert json.loads(shown.output)  # there are findings to hide
    result = CliRunner().invoke(
        cli, ["--lang", "en", "--format", "json", "--baseline", str(archive / "baseline.json"), str(archive / "docs")]
    )
    assert result.exit_code == 0 and json.loads(result.stdout) == []


@pytest.mark.parametrize(
    "content", ["", "not json", '{"version": 99, "findings": []}', '{"version": 1, "findings": [1]}']
)
def test_bad_baseline_files_are_errors(archive: Path, content: str) -> None:
    (archive / "baseline.json").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--baseline", str(archive / "baseline.json"), str(archive / "docs")])
    assert result.exit_code == 2 and "baseline.json" in result.output and "Traceback" not in result.output
    missing = CliRunner().invoke(cli, ["--baseline", str(archive / "missing.json"), str(archive / "docs")])
    assert missing.exit_code == 2 and "cannot read the baseline" in missing.output
