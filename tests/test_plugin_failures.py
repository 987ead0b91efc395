"""A failing third-party plugin is reported and never takes the built-in rules with it.

The worst outcome is a falsely clean run: a plugin whose hook raises used to drop every
rule (0 findings, exit 0), and one whose profiles hook raised made a missing-table error
vanish. Now each plugin's hooks are called one by one, a failure is an error of the run
(exit 2), and ``BUDGETLINT_DISABLE_PLUGINS`` runs without the broken plugin.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from budgetlint import cli as cli_module
from budgetlint.plugins import hookspecs
from budgetlint.plugins.registry import build_registry, default_registry
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text

from .conftest import SAMPLE

hookimpl = hookspecs.hookimpl


class RulesRaise:
    @hookimpl
    def budgetlint_rules(self) -> list[type]:
        raise RuntimeError("broken rules hook")


class ProfilesRaise:
    @hookimpl
    def budgetlint_profiles(self) -> list[object]:
        raise RuntimeError("broken profiles hook")


class ExitsInHook:
    @hookimpl
    def budgetlint_rules(self) -> list[type]:
        raise SystemExit(0)


@pytest.mark.parametrize("plugin", [RulesRaise(), ProfilesRaise(), ExitsInHook()], ids=type)
def test_a_failing_hook_keeps_the_builtin_rules_and_profiles(plugin: object) -> None:
    builtin = build_registry()
    registry = build_registry(extra_plugins=(plugin,))
    assert sorted(registry.rules) == sorted(builtin.rules)
    assert [p.name for p in registry.profiles] == [p.name for p in builtin.profiles]
    assert len(registry.errors) == 1 and "failed" in registry.errors[0]
    text = SAMPLE.read_text(encoding="utf-8")
    codes = [d.code for d in lint_document_text(text, "s.txt", Config(), registry).diagnostics]
    assert codes == [d.code for d in lint_document_text(text, "s.txt", Config(), builtin).diagnostics]


@pytest.fixture
def broken_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installed-looking plugin ``brokenplug`` whose import calls ``sys.exit(0)``."""
    (tmp_path / "brokenplug.py").write_text("import sys\nsys.exit(0)\n", encoding="utf-8")
    info = tmp_path / "brokenplug-1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text(
        textwrap.dedent(f"""
            [{hookspecs.PROJECT}]
            brokenplug = brokenplug
        """),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "brokenplug", raising=False)
    default_registry.cache_clear()
    yield tmp_path
    default_registry.cache_clear()


def test_a_plugin_that_exits_at_import_is_an_error_not_a_clean_run(broken_entry_point: Path) -> None:
    registry = build_registry()
    assert any("brokenplug" in e and "failed to load" in e for e in registry.errors)
    assert "BL501" in registry.rules
    result = CliRunner().invoke(cli_module.cli, ["--isolated", str(SAMPLE)])
    assert result.exit_code == 2
    assert "BL501" in result.output  # the built-in rules still ran
    assert "budgetlint: error: plugin 'brokenplug'" in result.output


def test_disabling_the_broken_plugin_gives_the_normal_run(
    broken_entry_point: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUDGETLINT_DISABLE_PLUGINS", "brokenplug")
    assert build_registry().errors == []
    result = CliRunner().invoke(cli_module.cli, ["--isolated", str(SAMPLE)])
    assert result.exit_code == 1
    assert "brokenplug" not in result.output


def test_a_failing_plugin_module_is_reported_too() -> None:
    # A plugin that is a module (not a class instance) is handled the same way.
    module = ModuleType("raising_module")
    module.budgetlint_rules = hookimpl(lambda: (_ for _ in ()).throw(RuntimeError("x")))  # type: ignore[attr-defined]
    registry = build_registry(extra_plugins=(module,))
    assert registry.errors and "BL501" in registry.rules
