"""budgetlint never overwrites what it reads, and what it writes is whole or not at all."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.output import report as report_module
from budgetlint.run import baseline as baseline_module
from budgetlint.run.safe_write import AtomicTextFile

from .conftest import SAMPLE


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    shutil.copy(SAMPLE, tmp_path / "docs" / "b.txt")
    return tmp_path


class Killed(Exception):
    """Stands for the run dying midway (a crash, a kill)."""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--isolated", *args], catch_exceptions=False)
    return result.exit_code, result.output


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "args",
    [
        ["a.txt", "-o", "a.txt"],
        ["a.txt", "-o", "./a.txt"],
        ["--write-baseline", "a.txt", "a.txt"],
        ["docs", "-o", "docs/b.txt"],
        ["docs", "-o", "docs/report.txt"],  # would be a document of the folder on the next run
        ["--baseline", "bl.json", "-o", "bl.json", "a.txt"],
        ["--baseline", "bl.json", "--write-baseline", "bl.json", "a.txt"],
        ["--write-baseline", "x.json", "-o", "x.json", "a.txt"],
    ],
    ids=lambda args: " ".join(args),
)
def test_an_output_onto_an_input_is_refused_and_nothing_changes(workdir: Path, args: list[str]) -> None:
    assert run("--write-baseline", "bl.json", "a.txt")[0] == 0
    before = _snapshot(workdir)
    code, output = run(*args)
    assert code == 2
    assert "budgetlint: error:" in output and "would" in output or "same file" in output
    assert _snapshot(workdir) == before


def test_outputs_beside_the_inputs_are_written(workdir: Path) -> None:
    assert run("docs", "-o", "docs/report.json", "--format", "json")[0] == 1  # .json is not a document
    assert json.loads((workdir / "docs" / "report.json").read_text(encoding="utf-8"))
    assert run("a.txt", "-o", "out/report.txt")[0] == 1
    assert "BL501" in (workdir / "out" / "report.txt").read_text(encoding="utf-8")


def test_a_failed_run_keeps_the_previous_report(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workdir / "report.txt").write_text("previous report\n", encoding="utf-8")

    def interrupted(*args: object, **kwargs: object) -> object:
        raise Killed

    monkeypatch.setattr(report_module, "lint_files", interrupted)
    with pytest.raises(Killed):
        CliRunner().invoke(cli, ["--isolated", "a.txt", "-o", "report.txt"], catch_exceptions=False)
    assert (workdir / "report.txt").read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in workdir.iterdir()) == ["a.txt", "docs", "report.txt"]  # no temporary left


def test_a_baseline_write_that_fails_midway_keeps_the_old_baseline(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--write-baseline", "bl.json", "a.txt")[0] == 0
    old = (workdir / "bl.json").read_bytes()

    def dies_midway(document: object, handle: object, **kwargs: object) -> None:
        handle.write('{"version": 1, "find')  # type: ignore[attr-defined]
        raise Killed

    monkeypatch.setattr(baseline_module.json, "dump", dies_midway)
    with pytest.raises(Killed):
        CliRunner().invoke(cli, ["--isolated", "--write-baseline", "bl.json", "a.txt"], catch_exceptions=False)
    assert (workdir / "bl.json").read_bytes() == old
    assert not list(workdir.glob(".bl.json.*"))


def test_the_report_is_not_emptied_before_the_run_ends(workdir: Path) -> None:
    (workdir / "report.txt").write_text("previous report\n", encoding="utf-8")
    target = AtomicTextFile(str(workdir / "report.txt"))
    target.handle.write("new")
    assert (workdir / "report.txt").read_text(encoding="utf-8") == "previous report\n"
    target.commit()
    assert (workdir / "report.txt").read_text(encoding="utf-8") == "new"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_written_files_get_the_usual_permissions_not_mkstemps_private_ones(workdir: Path) -> None:
    umask = os.umask(0o022)
    try:
        assert run("a.txt", "-o", "report.txt")[0] == 1
    finally:
        os.umask(umask)
    assert stat.S_IMODE((workdir / "report.txt").stat().st_mode) == 0o644
    (workdir / "kept.txt").write_text("x", encoding="utf-8")
    os.chmod(workdir / "kept.txt", 0o640)
    target = AtomicTextFile(str(workdir / "kept.txt"))
    target.commit()
    assert stat.S_IMODE((workdir / "kept.txt").stat().st_mode) == 0o640
