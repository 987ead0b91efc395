"""The third-party plugin in examples/plugin: its rule and profile reach users.

Most checks register the plugin module in process (fast); one test installs the
package for real, with pip, into a temporary virtual environment and runs
budgetlint there, so that the entry point and the fast entry-point scan in
``budgetlint.plugins.registry`` are exercised as users meet them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.plugins.registry import Registry, build_registry
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

from .conftest import EXAMPLES

PLUGIN_DIR = EXAMPLES / "plugin"

#: Four tables naming the same unit, and one naming another.
DOCUMENT = """2023年度单位预算公开
2023年预算收支总表
单位名称：甲中心
项目\t金额
合计\t1.00
2023年预算收入总表
单位名称：甲中心
项目\t金额
合计\t1.00
2023年预算支出总表
单位名称：乙局
项目\t金额
合计\t1.00
2023年财政拨款收支总表
单位名称：甲中心
项目\t金额
合计\t1.00
"""


@pytest.fixture()
def plugin_module(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(PLUGIN_DIR))
    import budgetlint_example.plugin

    return budgetlint_example.plugin


@pytest.fixture()
def registry(plugin_module: ModuleType) -> Registry:
    return build_registry(extra_plugins=(plugin_module,))


def _codes(text: str, registry: Registry, **config: object) -> list[str]:
    result = lint_document_text(text, "doc.txt", Config(**config), registry)  # type: ignore[arg-type]
    assert result.failures == []
    return [f"{d.code}:{d.line}" for d in result.diagnostics]


def test_plugin_rule_runs_and_can_be_selected_and_ignored(registry: Registry) -> None:
    assert registry.warnings == []
    assert "EXA001" in registry.rules and "BL401" in registry.rules
    assert _codes(DOCUMENT, registry, select=("EXA001",)) == ["EXA001:10"]
    assert "EXA001:10" in _codes(DOCUMENT, registry)
    assert "EXA001:10" not in _codes(DOCUMENT, registry, ignore=("EXA001",))
    assert "EXA001:10" not in _codes(DOCUMENT, registry, ignore=("EXA",))


def test_plugin_rule_appears_in_budgetlint_rules(registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("budgetlint.plugins.registry.default_registry", lambda: registry)
    result = CliRunner().invoke(cli, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["code"]: row for row in json.loads(result.output)}
    assert rows["EXA001"]["name"] == "table-organization-differs"
    assert rows["EXA001"]["plugin"] == "budgetlint_example.rules"
    checked = CliRunner().invoke(cli, ["--select", "EXA001", "--format", "concise", "-"], input=DOCUMENT)
    assert checked.exit_code == 1 and "EXA001" in checked.output


def test_plugin_profile_is_listed_and_wins_for_its_documents(
    registry: Registry, sample_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [getattr(p, "name", None) for p in registry.profiles]
    assert "shanxi-municipal-department-budget" in names
    monkeypatch.setattr("budgetlint.plugins.registry.default_registry", lambda: registry)
    listed = CliRunner().invoke(cli, ["profiles"])
    assert "shanxi-municipal-department-budget" in listed.output
    # The sample as a 部门预算: the plugin's Shanxi department profile beats the national one.
    department = sample_text.replace("2023年度单位预算公开", "2023年度部门预算公开", 1)
    from budgetlint.analysis.profiles import select_profile, validate_profiles
    from budgetlint.parsing.document import parse

    chosen = select_profile(parse(department), validate_profiles(registry.profiles)[0])
    assert chosen is not None and chosen.profile.name == "shanxi-municipal-department-budget"
    assert _codes(department, registry, select=("BL401", "BL404")) == []
    without_table = department.replace("2023年政府性基金预算收入表（不含上年结转）\n", "")
    assert _codes(without_table, registry, select=("BL401",)) == ["BL401:35"]  # its 目录 line


def _site_dirs() -> list[str]:
    """This environment's site directories (where budgetlint and its dependencies are)."""
    found = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    found += [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
    return list(dict.fromkeys(p for p in found if os.path.isdir(p)))


@pytest.mark.slow
def test_real_install_into_a_temporary_venv(tmp_path: Path) -> None:
    """pip-install examples/plugin into a fresh venv and run budgetlint there."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # budgetlint (and setuptools to build the plugin) come from this environment, offline:
    # an import line in a .pth file runs at start-up, and addsitedir honours editable installs.
    lines = [f"import site; site.addsitedir({path!r})" for path in _site_dirs()]
    Path(purelib, "_budgetlint_test_parent.pth").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Build from a copy: an in-tree build leaves build/ and *.egg-info behind in the source.
    source = tmp_path / "plugin"
    shutil.copytree(PLUGIN_DIR, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "-q",
            str(source),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    assert any(Path(purelib).glob("budgetlint_example_plugin-*.dist-info/entry_points.txt"))

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python), "-m", "budgetlint.cli", *args], capture_output=True, text=True, input=stdin, cwd=tmp_path
        )

    rules = run("rules")
    assert rules.returncode == 0, rules.stderr
    assert "EXA001  table-organization-differs" in rules.stdout and "BL401" in rules.stdout
    assert "warning" not in rules.stderr
    selected = run("--select", "EXA001", "--format", "concise", "-", stdin=DOCUMENT)
    assert selected.returncode == 1 and "EXA001" in selected.stdout, selected.stdout + selected.stderr
    ignored = run("--ignore", "EXA001", "--format", "concise", "-", stdin=DOCUMENT)
    assert "EXA001" not in ignored.stdout, ignored.stdout + ignored.stderr
    profiles = run("profiles")
    assert "shanxi-municipal-department-budget" in profiles.stdout, profiles.stdout + profiles.stderr
