"""The per-file time budget (``--timeout``): a file that takes too long gets one BL001 ("too slow
to check") and the run goes on, in this process (a timer, or the check between rules where no
timer may be used) and in worker processes."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint import cli as cli_module
from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins import hookspecs
from budgetlint.plugins import registry as plugin_registry
from budgetlint.plugins.rule import Rule
from budgetlint.run import budget
from budgetlint.run.batch import lint_files
from budgetlint.run.options import Config

from .conftest import SAMPLE

#: A document the sleeping rule is slow on; every other document it passes at once.
SLOW_MARK = "请稍候"


class Sleeps(Rule):
    """A plugin rule that takes 20 s on a document holding the mark (listed first: code AAA001)."""

    code = "AAA001"
    name = "sleeps"
    severity = Severity.WARNING
    summary_zh = "睡眠"
    summary_en = "sleeps"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        if any(SLOW_MARK in line for line in ctx.doc.lines):
            time.sleep(20)
        return iter(())


class SleepsInSteps(Sleeps):
    """Sleeps 1.5 s, in pieces (a rule that finishes, but late): the check between rules stops the file."""

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        if any(SLOW_MARK in line for line in ctx.doc.lines):
            time.sleep(1.5)
        return iter(())


class Plugin:
    def __init__(self, rule: type[Rule]) -> None:
        self.rule = rule

    @hookspecs.hookimpl
    def budgetlint_rules(self) -> list[type[Rule]]:
        return [self.rule]


@pytest.fixture
def documents(tmp_path: Path) -> list[str]:
    slow = tmp_path / "slow.txt"
    slow.write_text(SAMPLE.read_text(encoding="utf-8") + f"\n{SLOW_MARK}\n", encoding="utf-8")
    fast = tmp_path / "fast.txt"
    fast.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return [str(slow), str(fast)]


def with_plugin(monkeypatch: pytest.MonkeyPatch, rule: type[Rule]) -> plugin_registry.Registry:
    """A registry with ``rule`` besides the built-in rules, also in forked workers."""
    registry = plugin_registry.build_registry(extra_plugins=(Plugin(rule),))
    monkeypatch.setattr(plugin_registry, "default_registry", lambda: registry)
    return registry


def check_outcome(results: list, started: float) -> None:  # type: ignore[type-arg]
    slow, fast = results
    assert [d.code for d in slow.diagnostics] == ["BL001"]
    assert "检查超时（超过 1 秒" in slow.diagnostics[0].message  # the run's language: zh
    assert slow.failures == []
    assert fast.failures == [] and "BL001" not in [d.code for d in fast.diagnostics]
    assert time.monotonic() - started < 15  # not the 20 s the rule sleeps


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_slow_file_gets_one_bl001_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch, documents: list[str], jobs: int
) -> None:
    registry = with_plugin(monkeypatch, Sleeps)
    started = time.monotonic()
    results = list(lint_files(documents, Config(timeout=1), jobs=jobs, registry=registry))
    check_outcome(results, started)
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL  # the timer is disarmed
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_without_the_timer_the_check_between_rules_stops_the_file(
    monkeypatch: pytest.MonkeyPatch, documents: list[str]
) -> None:
    """Someone else's SIGALRM handler is left alone: the budget is checked between rules."""
    registry = with_plugin(monkeypatch, SleepsInSteps)
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    try:
        started = time.monotonic()
        results = list(lint_files(documents, Config(timeout=1), jobs=1, registry=registry))
        assert signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None)
    finally:
        signal.signal(signal.SIGALRM, previous)
    check_outcome(results, started)


def test_a_timeout_of_zero_is_no_limit() -> None:
    assert budget.effective(0) is None
    assert budget.effective(None) == budget.DEFAULT_TIMEOUT
    assert budget.effective(2.5) == 2.5


def test_the_command_line_option_and_the_config_key(
    monkeypatch: pytest.MonkeyPatch, documents: list[str], tmp_path: Path
) -> None:
    with_plugin(monkeypatch, Sleeps)
    result = CliRunner().invoke(cli_module.cli, ["--isolated", "--timeout", "1", "--format", "concise", documents[0]])
    assert result.exit_code == 1 and "BL001" in result.output
    (tmp_path / "budgetlint.toml").write_text("timeout = 1\n", encoding="utf-8")
    result = CliRunner().invoke(cli_module.cli, ["--format", "concise", "--lang", "en", documents[0]])
    assert result.exit_code == 1 and "too slow to check (over 1 s" in result.output
    (tmp_path / "budgetlint.toml").write_text('timeout = "soon"\n', encoding="utf-8")
    result = CliRunner().invoke(cli_module.cli, [documents[1]])
    assert result.exit_code == 2 and "timeout" in result.output
