"""Golden output: ``budgetlint --format json`` on the sample equals a reviewed file.

A normal run only compares. After a reviewed change, regenerate with
``BUDGETLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``: that writes the files and
still fails, so an update can never pass silently; read ``git diff tests/golden`` and commit it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli

from .conftest import EXAMPLES

GOLDEN = Path(__file__).parent / "golden"
DOCUMENTS = ["xinzhou-2023-unit-budget.txt"]
UPDATE_VARIABLE = "BUDGETLINT_UPDATE_GOLDEN"


def _golden_text(findings: object) -> str:
    return json.dumps(findings, ensure_ascii=False, indent=2) + "\n"


def check_golden(actual: object, expected_path: Path, update: bool) -> None:
    """Compare ``actual`` with the reviewed file; with ``update``, write it and fail instead."""
    if update:
        expected_path.write_text(_golden_text(actual), encoding="utf-8")
        pytest.fail(f"{UPDATE_VARIABLE} is set: wrote {expected_path}; review the diff, commit it, rerun without it")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected


@pytest.mark.parametrize("name", DOCUMENTS)
def test_golden_json(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    result = CliRunner().invoke(cli, ["--format", "json", f"examples/{name}"])
    assert result.exit_code in (0, 1), result.output
    actual = json.loads(result.output)
    check_golden(actual, GOLDEN / (Path(name).stem + ".json"), update=os.environ.get(UPDATE_VARIABLE) == "1")


def test_updating_writes_the_golden_file_and_fails(tmp_path: Path) -> None:
    golden = tmp_path / "doc.json"
    golden.write_text(_golden_text([{"code": "OLD"}]), encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match=UPDATE_VARIABLE):
        check_golden([{"code": "NEW"}], golden, update=True)
    assert json.loads(golden.read_text(encoding="utf-8")) == [{"code": "NEW"}]


def test_a_normal_run_never_writes_and_fails_on_a_difference(tmp_path: Path) -> None:
    golden = tmp_path / "doc.json"
    reviewed = _golden_text([{"code": "OLD"}])
    golden.write_text(reviewed, encoding="utf-8")
    with pytest.raises(AssertionError):
        check_golden([{"code": "NEW"}], golden, update=False)
    assert golden.read_text(encoding="utf-8") == reviewed
