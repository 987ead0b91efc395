"""Batch runs: --jobs parity and order, compact results, --summary, csv, the Python API."""

from __future__ import annotations

import csv
import io
import json
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import budgetlint
from budgetlint.cli import cli
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.run.batch import FileResult, SparseLines, compact, lint_files, portable, progress_wanted
from budgetlint.run.options import Config

from .conftest import CORPUS, SAMPLE

JSON_FIELDS = ["path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message"]


def run(*args: str):  # type: ignore[no-untyped-def]
    """Invoke the CLI with stdout and stderr apart (click 8.1 needs mix_stderr=False; 8.2 has no such option)."""
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    return runner.invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus three times over, in nested folders, plus one unreadable file."""
    root = tmp_path_factory.mktemp("archive")
    for copy in ("a", "b/c", "d"):
        folder = root / copy
        folder.mkdir(parents=True)
        for path in CORPUS:
            shutil.copy(path, folder / path.name)
    (root / "b" / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    return root


def test_parallel_output_equals_in_process(archive: Path) -> None:
    one = run("--format", "json", "--jobs", "1", str(archive))
    two = run("--format", "json", "--jobs", "2", str(archive))
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    data = json.loads(two.stdout)
    assert any(d["code"] == "BL001" and d["path"].endswith("broken.txt") for d in data)
    full_one = run("--jobs", "1", str(archive)).stdout
    full_two = run("--jobs", "2", str(archive)).stdout
    assert full_one == full_two and "450 | " in full_two


def test_results_stream_in_input_order(archive: Path) -> None:
    from budgetlint.run.runner import discover

    paths = list(discover([str(archive)]))
    results = list(lint_files(paths, Config(), jobs=2))
    assert [r.path for r in results] == paths
    assert [r.index for r in results] == list(range(len(paths)))
    assert all(isinstance(r, FileResult) and r.document is None for r in results)


def test_compact_result_keeps_only_lines_with_findings() -> None:
    from budgetlint.run.runner import lint_file

    result = compact(lint_file(str(SAMPLE), Config()), 0)
    assert result.document is None
    assert len(result.source_lines) == len(SAMPLE.read_text(encoding="utf-8").splitlines())
    assert "2023年11月31日" in result.source_lines[449]
    assert result.source_lines[100] == ""  # no finding there: not kept
    assert result.kind == "单位预算" and result.title and result.profile == "shanxi-municipal-unit-budget"
    clone = pickle.loads(pickle.dumps(result))
    assert clone.diagnostics == result.diagnostics and clone.source_lines[449] == result.source_lines[449]
    assert len(pickle.dumps(result)) < 5_000  # never the document


def test_config_travels_to_workers() -> None:
    config = Config(severity={"BL501": Severity.WARNING})
    pickle.dumps(portable(config))
    results = list(lint_files([str(SAMPLE), str(SAMPLE)], config, jobs=2))
    assert {d.severity for r in results for d in r.diagnostics if d.code == "BL501"} == {Severity.WARNING}


def test_spawned_workers_give_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where fork is unavailable (macOS, Windows) workers are spawned: the Config is pickled."""
    import budgetlint.run.batch as batch

    config = Config(lang="en", severity={"BL501": Severity.WARNING})
    paths = [str(p) for p in CORPUS]
    forked = [(r.path, r.diagnostics) for r in lint_files(paths, config, jobs=2)]
    monkeypatch.setattr(batch, "START_METHOD", "spawn")
    spawned = [(r.path, r.diagnostics) for r in lint_files(paths, config, jobs=2)]
    assert spawned == forked


def test_sparse_lines_behave_like_a_tuple() -> None:
    lines = SparseLines({1: "b"}, 3)
    assert len(lines) == 3 and list(lines) == ["", "b", ""] and lines[-2] == "b" and lines[0:2] == ["", "b"]
    with pytest.raises(IndexError):
        lines[3]


def test_stdin_runs_in_process() -> None:
    result = CliRunner().invoke(
        cli, ["--format", "json", "--jobs", "2", "-", str(SAMPLE)], input="2023年2月30日\n本文件为部门预算。\n".encode()
    )
    data = json.loads(result.output)
    assert ("-", "BL501") in {(d["path"], d["code"]) for d in data}


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert not progress_wanted(1000)  # pytest captures stderr: not a terminal
    assert "budgetlint" not in run("--jobs", "2", str(SAMPLE), str(SAMPLE)).stderr


def test_summary_tables() -> None:
    result = run("--summary", "--format", "concise", *map(str, CORPUS))
    out = result.stdout
    assert "文档" in out and "类型" in out and "模板" in out and "涉及文档" in out
    findings = json.loads(run("--format", "json", *map(str, CORPUS)).stdout)
    mine = [d for d in findings if d["path"] == str(SAMPLE)]
    counts = [str(sum(d["severity"] == s for d in mine)) for s in ("error", "warning", "info")]
    sample_row = next(line for line in out.splitlines() if line.startswith(str(SAMPLE) + " "))
    assert sample_row.split()[1:] == ["单位预算", "shanxi-municipal-unit-budget", *counts]
    dates = [d for d in findings if d["code"] == "BL501"]
    rule_row = next(line for line in out.splitlines() if line.startswith("BL501"))
    assert rule_row.split() == ["BL501", "invalid-date", str(len(dates)), str(len({d["path"] for d in dates}))]
    total_row = next(line for line in out.splitlines() if line.startswith("合计"))
    assert total_row.split()[1:] == [
        str(sum(d["severity"] == s for d in findings)) for s in ("error", "warning", "info")
    ]
    english = run("--summary", "--lang", "en", "--format", "concise", str(SAMPLE)).stdout
    assert "documents" in english and "profile" in english and "kind" in english


def test_summary_keeps_machine_output_parseable() -> None:
    result = run("--summary", "--format", "json", str(SAMPLE))
    json.loads(result.stdout)
    assert "BL501" in result.stderr


def test_csv_has_bom_and_one_row_per_finding(tmp_path: Path) -> None:
    out = tmp_path / "findings.csv"
    result = run("--format", "csv", "--output-file", str(out), str(SAMPLE))
    assert result.exit_code == 1 and result.stdout == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [*JSON_FIELDS, "origin", "page"]  # the JSON fields, then the place in the published file
    expected = json.loads(run("--format", "json", str(SAMPLE)).stdout)
    assert len(rows) - 1 == len(expected)
    assert rows[2] == [*(str(v) for v in expected[1].values()), "", ""]  # plain text: no origin, no page
    assert "日期“2023年11月31日”不存在" in raw.decode("utf-8")


def test_output_file_for_every_format(tmp_path: Path) -> None:
    for fmt in ("full", "concise", "json"):
        out = tmp_path / f"out.{fmt}"
        result = run("--format", fmt, "-o", str(out), str(SAMPLE))
        assert result.stdout == "" and result.exit_code == 1
        assert "2023年11月31日" in out.read_text(encoding="utf-8")
        assert "\x1b[" not in out.read_text(encoding="utf-8")


def test_jobs_must_be_positive() -> None:
    assert run("--jobs", "0", str(SAMPLE)).exit_code == 2


# -- the Python API is the CLI's code path -------------------------------------------
def test_api_matches_cli() -> None:
    cli_json = json.loads(run("--format", "json", str(SAMPLE)).stdout)
    from_path = [d.to_dict() for d in budgetlint.lint_path(SAMPLE)]
    assert from_path == cli_json
    from_text = budgetlint.lint_text(SAMPLE.read_text(encoding="utf-8"), path=str(SAMPLE))
    assert [d.to_dict() for d in from_text] == cli_json


def test_api_types_and_json_round_trip() -> None:
    doc = budgetlint.parse(SAMPLE.read_text(encoding="utf-8"))
    assert doc.year == 2023 and doc.tables
    diagnostics = budgetlint.lint_text("2023年11月31日\n", config=Config(lang="en"))
    assert [d.code for d in diagnostics] == ["BL501"] and isinstance(diagnostics[0], Diagnostic)
    text = json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False)
    back = [Diagnostic.from_dict(item) for item in json.loads(text)]
    # The JSON contract has no Chinese message for an en run: the rest comes back whole.
    assert back == [d._replace(message_zh="") for d in diagnostics] and back[0].severity is Severity.ERROR
    assert diagnostics[0].path == "<text>" and "does not exist" in diagnostics[0].message
