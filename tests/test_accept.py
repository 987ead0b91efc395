"""Accepted findings (``[[tool.budgetlint.accepted]]``, ``budgetlint accept``) and their fingerprints."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from budgetlint.cli import cli
from budgetlint.model.fingerprint import fingerprint
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_file

from .conftest import EXAMPLES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_fingerprints_do_not_depend_on_the_message_language() -> None:
    for path in sorted(EXAMPLES.glob("*.txt")):
        zh, en = (lint_file(str(path), Config(lang=lang)) for lang in ("zh", "en"))
        assert [d.message for d in zh.diagnostics] != [d.message for d in en.diagnostics] or not zh.diagnostics
        zh_prints = [fingerprint(d, zh.source_lines) for d in zh.diagnostics]
        assert zh_prints == [fingerprint(d, en.source_lines) for d in en.diagnostics], path.name


# -- budgetlint accept and the configuration table ------------------------------------
DOCUMENT = "2023年度单位预算公开\n落款日期：2023年2月30日\n审核日期：2023年11月31日\n"


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _prints(path: str = "a.txt") -> dict[str, str]:
    """Each finding's message -> its fingerprint (the full output's 12 digits)."""
    lines = _run("--format", "full", path).output.splitlines()
    found = {}
    for index, line in enumerate(lines):
        if line.startswith(f"{path}:"):
            following = next(text for text in lines[index + 1 :] if "= fingerprint " in text)
            found[line.split("] ", 1)[1]] = following.split("= fingerprint ")[1]
    return found


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    return tmp_path


def test_accept_writes_the_entry_hides_the_finding_and_never_touches_the_document(drafts: Path) -> None:
    prints = _prints()
    assert len(prints) == 2
    february = next(fp for message, fp in prints.items() if "2月30日" in message)
    result = _run("accept", february, "--reason", "原文如此，已核实")
    assert result.exit_code == 0, result.output
    assert (drafts / "a.txt").read_text(encoding="utf-8") == DOCUMENT
    data = tomllib.loads((drafts / "budgetlint.toml").read_text(encoding="utf-8"))
    (entry,) = data["tool"]["budgetlint"]["accepted"]
    assert entry["code"] == "BL501" and entry["file"] == "a.txt" and entry["reason"] == "原文如此，已核实"
    assert entry["fingerprint"].startswith(february) and len(entry["fingerprint"]) == 64
    shown = json.loads(_run("--format", "json", "a.txt").output)
    assert [d["message"] for d in shown] == [next(m for m in prints if "11月31日" in m)]
    # the other finding still fails the run; accept it too and the run is clean
    assert _run("a.txt").exit_code == 1
    november = next(fp for message, fp in prints.items() if "11月31日" in message)
    assert _run("accept", november, "--reason", "同上").exit_code == 0
    clean = _run("a.txt")
    assert clean.exit_code == 0 and "0 个错误" in clean.output
    listed = _run("--show-accepted", "a.txt").output
    assert "已接受的发现（2 个）" in listed and "原文如此，已核实" in listed and "同上" in listed


def test_accepting_again_updates_the_reason_in_place(drafts: Path) -> None:
    (drafts / "budgetlint.toml").write_text('# our settings\nselect = ["BL5"]\n', encoding="utf-8")
    february = next(fp for message, fp in _prints().items() if "2月30日" in message)
    assert _run("accept", february, "--reason", "first").exit_code == 0
    assert _run("accept", february, "--reason", "second").exit_code == 0
    text = (drafts / "budgetlint.toml").read_text(encoding="utf-8")
    assert text.startswith('# our settings\nselect = ["BL5"]\n') and "[[accepted]]" in text
    data = tomllib.loads(text)
    assert [e["reason"] for e in data["accepted"]] == ["second"] and data["select"] == ["BL5"]


def test_accept_writes_into_the_governing_pyproject(drafts: Path) -> None:
    (drafts / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.budgetlint]\nlang = "zh"\n', "utf-8")
    february = next(fp for message, fp in _prints().items() if "2月30日" in message)
    assert _run("accept", february, "--reason", "ok").exit_code == 0
    assert not (drafts / "budgetlint.toml").exists()
    data = tomllib.loads((drafts / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["name"] == "x" and data["tool"]["budgetlint"]["accepted"][0]["reason"] == "ok"


def test_accept_refuses_unknown_short_and_missing_reasons(drafts: Path) -> None:
    assert _run("accept", "0000000000", "--reason", "x").exit_code == 2
    assert "no finding" in _run("accept", "0000000000", "--reason", "x").output
    assert _run("accept", "abc", "--reason", "x").exit_code == 2
    february = next(fp for message, fp in _prints().items() if "2月30日" in message)
    assert _run("accept", february, "--reason", "  ").exit_code == 2
    assert not (drafts / "budgetlint.toml").exists()


def test_a_stale_acceptance_is_reported_once_the_document_is_fixed(drafts: Path) -> None:
    february = next(fp for message, fp in _prints().items() if "2月30日" in message)
    assert _run("accept", february, "--reason", "ok").exit_code == 0
    (drafts / "a.txt").write_text(DOCUMENT.replace("2月30日", "2月28日"), encoding="utf-8")
    codes = [d["code"] for d in json.loads(_run("--format", "json", "a.txt").output)]
    assert codes == ["BL009", "BL501"]
    assert [d["code"] for d in json.loads(_run("--format", "json", "--ignore", "BL009", "a.txt").output)] == ["BL501"]
    # en runs match the same entry (the fingerprint is the Chinese message's)
    (drafts / "a.txt").write_text(DOCUMENT, encoding="utf-8")
    assert [d["code"] for d in json.loads(_run("--lang", "en", "--format", "json", "a.txt").output)] == ["BL501"]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('{ code = "BL501", file = "a.txt", fingerprint = "abc", reason = "x" }', "64 hex"),
        ('{ code = "BL999", file = "a.txt", fingerprint = "' + "0" * 64 + '", reason = "x" }', "unknown rule"),
        ('{ code = "BL501", file = "a.txt", fingerprint = "' + "0" * 64 + '" }', "missing reason"),
    ],
)
def test_bad_acceptances_are_configuration_errors(drafts: Path, entry: str, problem: str) -> None:
    (drafts / "budgetlint.toml").write_text(f"accepted = [{entry}]\n", encoding="utf-8")
    result = _run("a.txt")
    assert result.exit_code == 2 and problem in result.output
