"""Golden output: ``budgetlint --format json`` on the sample equals a reviewed file.

Regenerate after a reviewed change with ``BUDGETLINT_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and read the diff before committing it.
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


@pytest.mark.parametrize("name", DOCUMENTS)
def test_golden_json(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    result = CliRunner().invoke(cli, ["--format", "json", f"examples/{name}"])
    assert result.exit_code in (0, 1), result.output
    actual = json.loads(result.output)
    expected_path = GOLDEN / (Path(name).stem + ".json")
    if os.environ.get("BUDGETLINT_UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected
