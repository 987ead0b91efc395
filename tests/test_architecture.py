"""The layer contract of pyproject.toml ([tool.importlinter]) holds, checked by ``lint-imports``.

The contract is only meaningful when import-linter sees the whole installed package: with the
default editable install, ``budgetlint.rules`` and ``budgetlint.grammar`` live behind an import
hook and would silently drop out of the graph. So one test also checks that every module file
was analysed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _run_lint_imports() -> subprocess.CompletedProcess[str]:
    if not LINT_IMPORTS.exists():
        pytest.fail(f"{LINT_IMPORTS} not found: install the test extras (pip install -e '.[test]')")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300
    )


def test_lint_imports_sees_every_module_of_the_package() -> None:
    result = _run_lint_imports()
    analysed = re.search(r"Analyzed (\d+) files", result.stdout)
    assert analysed, result.stdout + result.stderr
    module_files = [p for folder in ("lint", "rules", "grammar") for p in (ROOT / folder).rglob("*.py")]
    assert int(analysed.group(1)) == len(module_files), (
        "lint-imports did not analyse lint/, rules/ and grammar/ as one package: "
        "install with `pip install -e . --config-settings editable_mode=strict` (see README, Developing)"
    )


def test_import_contracts_are_kept() -> None:
    result = _run_lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
