"""The command line, through click's CliRunner: formats, exit codes, stdin, directories."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli

from .conftest import SAMPLE

JSON_FIELDS = ["path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message"]


def run(*args: str, input: bytes | str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_full_format_on_sample() -> None:
    result = run(str(SAMPLE))
    assert result.exit_code == 1
    out = result.output
    assert f"{SAMPLE}:450:14: BL501 [error] 日期“2023年11月31日”不存在" in out
    assert "450 | " in out and "^^^" in out
    assert out.rstrip().endswith("个提示。")


def test_concise_english() -> None:
    result = run("--format", "concise", "--lang", "en", str(SAMPLE))
    lines = result.output.strip().splitlines()
    assert any("BL502 [warning]" in line and "draft or internal mark" in line for line in lines)
    assert lines[-1].startswith("Checked 1 file:")


def test_json_contract_and_order() -> None:
    result = run("--format", "json", str(SAMPLE))
    data = json.loads(result.output)
    assert data and all(list(item) == JSON_FIELDS for item in data)
    keys = [(d["path"], d["line"], d["column"], d["code"]) for d in data]
    assert keys == sorted(keys)


def test_select_and_ignore() -> None:
    only_dates = json.loads(run("--format", "json", "--select", "BL501", str(SAMPLE)).output)
    assert {d["code"] for d in only_dates} == {"BL501"}
    without = json.loads(run("--format", "json", "--ignore", "BL5", str(SAMPLE)).output)
    assert not any(d["code"].startswith("BL5") for d in without)
    specific = json.loads(run("--format", "json", "--ignore", "BL5", "--select", "ALL,BL502", str(SAMPLE)).output)
    codes = {d["code"] for d in specific}
    assert "BL502" in codes and not any(c.startswith("BL5") and c != "BL502" for c in codes)


def test_exit_codes() -> None:
    assert run("--select", "BL502", "--exit-zero", str(SAMPLE)).exit_code == 0
    assert run("--select", "BL101", str(SAMPLE)).exit_code == 0
    assert run("--select", "BL502", str(SAMPLE)).exit_code == 1
    usage = run("--select", "XX9", str(SAMPLE))
    assert usage.exit_code == 2 and "unknown rule" in usage.output
    assert run("--format", "xml", str(SAMPLE)).exit_code == 2
    assert run().exit_code == 2


def test_info_only_exits_zero(tmp_path: Path) -> None:
    from budgetlint.plugins.registry import default_registry

    infos = [code for code, rule in default_registry().rules.items() if rule.severity.value == "info"]
    if not infos:
        pytest.skip("no info-level rule registered yet")
    assert run("--select", ",".join(infos), "--exit-zero", str(SAMPLE)).exit_code == 0


def test_stdin() -> None:
    result = run("--format", "json", "-", input="2023年11月31日\n本文件为部门预算。\n".encode())
    data = json.loads(result.output)
    assert [(d["path"], d["code"]) for d in data] == [("-", "BL501")]


def test_directory_recursion_and_bad_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(SAMPLE, tmp_path / "sub" / "a.txt")
    (tmp_path / "b.md").write_text("2023年2月30日\n本文件为部门预算。\n", encoding="gb18030")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "ignored.csv").write_text("2023年2月30日")
    result = run("--format", "json", str(tmp_path), str(tmp_path / "missing.txt"))
    data = json.loads(result.output)
    by_file = {}
    for d in data:
        by_file.setdefault(Path(d["path"]).name, set()).add(d["code"])
    assert by_file["b.md"] == {"BL501"}
    assert by_file["empty.txt"] == {"BL001"} and by_file["image.txt"] == {"BL001"}
    assert by_file["missing.txt"] == {"BL001"}
    assert "BL501" in by_file["a.txt"] and "ignored.csv" not in by_file
    assert result.exit_code == 1


def test_rules_and_rule_commands() -> None:
    listing = run("rules")
    assert listing.exit_code == 0
    assert any(line.startswith("BL101  toc-entry-missing") for line in listing.output.splitlines())
    rows = json.loads(run("rules", "--format", "json").output)
    assert {"code", "name", "severity", "summary"} <= set(rows[0])
    doc = run("rule", "bl501")
    assert doc.exit_code == 0 and "## 作用" in doc.output and "BL501 invalid-date (error)" in doc.output
    assert "## What it does" in run("rule", "bl501", "--lang", "en").output
    assert run("rule", "BL999").exit_code == 2


def test_never_modifies_input(tmp_path: Path) -> None:
    target = tmp_path / "doc.txt"
    shutil.copy(SAMPLE, target)
    before = target.read_bytes(), target.stat().st_mtime_ns
    run(str(target))
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before


def test_internal_error_is_exit_2_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import budgetlint.run.runner as runner
    from budgetlint import cli as cli_module

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(runner, "lint_file", boom)
    with pytest.raises(SystemExit) as info:
        cli_module.main([str(SAMPLE)])
    assert info.value.code == 2


def test_clean_removes_the_cache_and_the_next_run_rebuilds_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGETLINT_CACHE_DIR", str(tmp_path))
    (tmp_path / "unrelated.txt").write_text("keep", encoding="utf-8")
    from budgetlint.analysis.profiles import load_package_profiles

    load_package_profiles("budgetlint.rules")  # writes the parsed-profiles entry
    assert any(p.name.startswith("budgetlint-") for p in tmp_path.iterdir())
    result = run("clean")
    assert result.exit_code == 0
    assert "removed 1 cache file(s)" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["unrelated.txt"]
    monkeypatch.setenv("BUDGETLINT_CACHE_DIR", "")
    assert "cache is off" in run("clean").output


def test_ctrl_c_exits_130_not_the_findings_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from budgetlint import cli as cli_module
    from budgetlint.output import report

    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "lint_files", interrupted)
    with pytest.raises(SystemExit) as stopped:
        cli_module.main(["--isolated", str(SAMPLE)])
    assert stopped.value.code == 130
    assert "Aborted!" in capsys.readouterr().err


#: Runs the console script's entry point in a fresh interpreter where importing click (the
#: first thing the command line imports) is interrupted, as Ctrl-C during a cold start is.
_INTERRUPTED_IMPORT = """
import sys
import budgetlint.__main__ as entry

class Interrupts:
    def find_spec(self, name, path=None, target=None):
        if name == "click":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupts())
entry.main()
"""


def test_ctrl_c_during_the_startup_imports_exits_130_without_a_traceback() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED_IMPORT, str(SAMPLE)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 130
    assert done.stderr == "Aborted!\n"


def test_the_console_script_is_the_guarded_entry_point() -> None:
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "budgetlint"]
    assert script.value == "budgetlint.__main__:main"


@pytest.mark.parametrize(("args", "status"), [(["--bogus"], 2), (["rule", "BL999"], 2), (["--help"], 0)])
def test_usage_errors_and_help_keep_their_exit_status(args: list[str], status: int) -> None:
    from budgetlint import cli as cli_module

    try:
        returned = cli_module.main(args)
    except SystemExit as stopped:
        returned = stopped.code
    assert (returned or 0) == status
