"""The README's commands are copy-paste correct, and installation pins a release that exists.

Every ``budgetlint`` command of the README's ``sh`` blocks must parse against the real
command line (subcommand, options, choices): a renamed option fails here, on every run.
``bash benchmarks/readme_check.sh`` goes further (slow, needs the package index for the
dependencies): it builds a wheel, installs it into a fresh virtual environment and runs
those commands there.
"""

from __future__ import annotations

import re
import shlex
import sys

import click
import pytest
import yaml

from budgetlint.cli import cli
from budgetlint.version import __version__

from .conftest import ROOT
from .readme_commands import README, budgetlint_commands, sh_blocks

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TEXT = README.read_text(encoding="utf-8")
COMMANDS = budgetlint_commands(TEXT)
REPOSITORY = "https://github.com/budgetlint/budgetlint"


def parse(arguments: list[str]) -> None:
    """Parse ``budgetlint ARGUMENTS`` as the CLI would, without running the command."""
    try:
        ctx = cli.make_context("budgetlint", list(arguments))
    except click.exceptions.Exit as exit_:  # --version: printed, exit 0
        assert exit_.exit_code == 0
        return
    # click 8 keeps the subcommand apart (protected_args, deprecated for 9, where args holds all)
    tokens = [*getattr(ctx, "_protected_args", []), *ctx.args]
    name, command, rest = cli.resolve_command(ctx, tokens)
    assert command is not None, name
    command.make_context(name or "", rest, parent=ctx)


def test_the_readme_has_the_commands_it_should() -> None:
    assert len(COMMANDS) >= 8
    assert ["--version"] in COMMANDS
    assert any(arguments[:1] == ["accept"] for arguments in COMMANDS)


@pytest.mark.parametrize("arguments", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_each_readme_command_parses(arguments: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the README's paths (examples/) are the repository's
    parse(arguments)


def test_a_misspelt_option_would_fail() -> None:
    with pytest.raises(click.UsageError):
        parse(["--sumary", "docs/"])
    with pytest.raises(click.UsageError):
        parse(["--severity", "fatal", "docs/"])


def _pip_targets(line: str) -> list[str]:
    """What ``pip install`` installs on a shell line (options and their values left out)."""
    words = shlex.split(line.split("pip install", 1)[1].split("&&")[0], comments=True)
    return [w for w in words if not w.startswith("-") and w != "editable_mode=strict"]


def test_nothing_is_installed_from_a_package_index() -> None:
    """budgetlint is not on an index: every install names the repository at the release, a wheel or a checkout."""
    ci = [
        (ROOT / "examples" / "ci" / name).read_text(encoding="utf-8")
        for name in ("github-actions.yml", "gitlab-ci.yml")
    ]
    lines = [
        line for text in [*sh_blocks(TEXT), *ci] for line in text.splitlines() if re.search(r"pip install\b", line)
    ]
    targets = [target for line in lines for target in _pip_targets(line)]
    assert len(targets) >= 8
    for target in targets:
        if target.startswith("budgetlint"):
            assert target.endswith(f" @ git+{REPOSITORY}@v{__version__}") or "git+…" in target, target
        else:
            assert target.startswith(".") or ".whl" in target or target.endswith("/"), target


def test_the_pinned_release_is_this_version_with_a_changelog_entry() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__ == "0.2.0"
    example = yaml.safe_load((ROOT / "examples" / "ci" / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert example["repos"][0]["repo"] == REPOSITORY and example["repos"][0]["rev"] == f"v{__version__}"
    assert f"rev: v{__version__}" in TEXT and "commit" in TEXT.split("## pre-commit", 1)[1].split("##", 1)[0]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"\n## {__version__}\n" in changelog
    assert any(f"budgetlint-{__version__}-py3-none-any.whl" in block for block in sh_blocks(TEXT))
