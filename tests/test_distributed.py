"""examples/distributed: the Dask example on the bundled documents, with Dask's local scheduler."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli

from .conftest import CORPUS, ROOT

pytest.importorskip("dask.bag", reason="Dask is an optional extra: pip install 'budgetlint[dask]'")

SCRIPT = ROOT / "examples" / "distributed" / "lint_with_dask.py"


def test_dask_example_matches_cli(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for path in CORPUS:  # the example documents (examples/*.txt)
        shutil.copy(path, archive / path.name)
    out = tmp_path / "findings"
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), str(archive), str(out), "--scheduler", "processes", "--partition-size", "2"],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) == (len(CORPUS) + 1) // 2  # two documents per task
    records = [json.loads(line) for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    expected = json.loads(CliRunner().invoke(cli, ["--format", "json", str(archive)]).output)
    key = lambda d: (d["path"], d["line"], d["column"], d["code"])  # noqa: E731
    assert sorted(records, key=key) == sorted(expected, key=key)
    assert any(r["code"] == "BL501" and r["line"] == 450 for r in records)
