"""Files beside the disclosures (README.md, requirements.txt): one BL004 info, never a document of a report."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from budgetlint.analysis.disclosure import is_disclosure
from budgetlint.cli import cli
from budgetlint.model.read_failures import ReadFailure
from budgetlint.parsing.document import parse
from budgetlint.run.runner import lint_text

from .conftest import SAMPLE

README = "# 说明\n\n本目录存放各单位报送的文件。\n\n1. 第一项\n3. 第三项\n"
REQUIREMENTS = "pdfplumber==0.11.0\nclick>=8.1\n"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    (tmp_path / "requirements.txt").write_text(REQUIREMENTS, encoding="utf-8")
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--isolated", *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_a_folder_run_says_once_per_file_and_still_checks_the_disclosure(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    code, out = _run("--format", "concise", str(folder))
    lines = out.splitlines()
    not_checked = [line for line in lines if "BL004" in line]
    assert sorted(line.split(":", 1)[0] for line in not_checked) == [
        str(folder / "README.md"),
        str(folder / "requirements.txt"),
    ]
    assert all(":1:1: BL004 [info] 不是预算/决算公开文件，未检查" in line for line in not_checked)
    # No other rule judged them (the README's 1. 3. would be a BL104 numbering gap) …
    assert not [line for line in lines if line.startswith(str(folder / "README.md")) and "BL004" not in line]
    # … while the disclosure beside them is checked as before (its real 2023年11月31日).
    assert any(SAMPLE.name in line and "BL501" in line for line in lines)
    assert code == 1
    assert lines[-1].startswith("检查了 1 个文件：") and lines[-1].endswith(
        "另有 2 个文件不是预算/决算公开文件，未检查。"
    )


def test_a_file_named_explicitly_gets_the_same_info(tmp_path: Path) -> None:
    readme = _folder(tmp_path) / "README.md"
    code, out = _run("--format", "concise", "--lang", "en", str(readme))
    assert code == 0
    assert f"{readme}:1:1: BL004 [info] not a budget or final-accounts disclosure; not checked" in out
    assert (
        out.splitlines()[-1]
        == "Checked 0 files: 0 error(s), 0 warning(s), 1 info(s). 1 file was not a disclosure; not checked."
    )


def test_the_html_report_never_lists_a_non_disclosure(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    code, page = _run("--format", "html", "--jobs", "2", str(folder))
    assert code == 1
    # Listed first and numbered 1 (its section keeps the run's index, 2, of README.md requirements.txt x…).
    assert f'<td class="no">1</td><td><a href="#doc-2">{folder / SAMPLE.name}</a>' in page
    assert page.count('<section class="doc"') == 1
    assert "BL004" not in page
    assert page.count("README.md") == 1 and page.count("requirements.txt") == 1  # the header line only
    assert (
        f'<p class="not-disclosures">2 个文件不是预算/决算公开文件，未检查：{folder / "README.md"}、'
        f"{folder / 'requirements.txt'}</p>"
    ) in page
    assert 'class="checked">检查了 1 个文件：' in page


def test_a_report_of_disclosures_only_has_no_such_line() -> None:
    code, page = _run("--format", "html", str(SAMPLE))
    assert code == 1 and "not-disclosures" not in page.split("</header>")[0]


def test_text_handed_to_the_api_is_checked_as_given() -> None:
    assert [d.code for d in lint_text(README)] == ["BL104"]


def test_the_verdict_is_conservative() -> None:
    assert not is_disclosure(parse(README, path="README.md"))
    assert not is_disclosure(parse(REQUIREMENTS, path="requirements.txt"))
    # One 预算 or 决算 anywhere, a table holding a figure, or a page that could not be read
    # (it may hold the words) keep a file a document.
    assert is_disclosure(parse("单位决算\n" + README, path="d.txt"))
    assert is_disclosure(parse(README + "附：预算公开表\n", path="d.txt"))
    assert is_disclosure(parse("收入总表\n单位：万元\n项目\t金额\n一、财政拨款\t100.00\n", path="t.txt"))
    assert is_disclosure(parse("一、概况\n本单位本年支出增加，主要是人员增加。\n", path="n.txt"))
    assert is_disclosure(parse("一、概况\n共计 12.50 万元。\n", path="n.txt"))
    assert not is_disclosure(parse("一、安装\n版本 1.50，共 3 项。\n", path="README.md"))
    scanned = parse(README, path="s.pdf")._replace(read_failures=(ReadFailure(2, "无文字层", "no text layer"),))
    assert is_disclosure(scanned)
