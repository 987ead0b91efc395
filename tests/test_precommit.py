"""The pre-commit hook, through the real pre-commit (``pre-commit try-repo``).

pre-commit installs the hook repository with pip into its own environment, so
this test needs the package index (as the test set-up itself does) and takes
tens of seconds. The repository it installs is a fresh git repository made
from a copy of the working tree, so the test checks exactly the files being
tested, committed or not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml  # a dependency of pre-commit

from .conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "*.egg-info", "build", "dist", "__pycache__", ".pytest_cache", ".hypothesis", "*.pyc"
)
GIT = [
    "git",
    "-c",
    "user.name=budgetlint tests",
    "-c",
    "user.email=tests@example.invalid",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "init.defaultBranch=main",
]


def test_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "budgetlint")
    assert hook["language"] == "python" and hook["entry"] == "budgetlint"
    assert hook["types_or"] == ["plain-text", "markdown"] and hook["require_serial"] is True
    example = yaml.safe_load((ROOT / "examples" / "ci" / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert example["repos"][0]["hooks"][0]["id"] == "budgetlint"


def _git(*args: str, cwd: Path) -> None:
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True)


def test_pre_commit_try_repo_runs_and_reports(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    hook_repo = tmp_path / "budgetlint"
    shutil.copytree(ROOT, hook_repo, ignore=IGNORED)
    _git("init", "-q", cwd=hook_repo)
    _git("add", "-A", cwd=hook_repo)
    _git("commit", "-q", "-m", "snapshot", cwd=hook_repo)

    work = tmp_path / "drafts"
    work.mkdir()
    shutil.copy(SAMPLE, work / "budget.txt")
    (work / "clean.md").write_text("# 说明\n\n本单位无政府采购。\n", encoding="utf-8")
    (work / "notes.csv").write_text("2023年2月30日\n", encoding="utf-8")  # not plain-text/markdown: skipped
    _git("init", "-q", cwd=work)
    _git("add", "-A", cwd=work)

    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(hook_repo),
        "budgetlint",
        "--verbose",
        "--files",
        "budget.txt",
        "clean.md",
        "notes.csv",
    ]
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output  # the hook failed because budgetlint found errors
    assert "budgetlint" in output and "Failed" in output
    assert "budget.txt:450:14: BL501 [error]" in output
    assert "notes.csv" not in output.split("- exit code:", 1)[-1]
    assert "Traceback" not in output

    (work / "budget.txt").unlink()
    clean = subprocess.run([*command[:-3], "clean.md"], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout


def test_the_example_configuration_with_its_tagged_rev(tmp_path: Path) -> None:
    """The pre-commit example, as a user copies it, installs the release its ``rev`` names.

    The hook repository is a snapshot of this checkout tagged with the example's ``rev``; only
    its URL is replaced by the snapshot's path (the network is not needed for the tag to
    resolve). A ``rev`` that is not this release's tag fails here.
    """
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    from budgetlint.version import __version__

    example = yaml.safe_load((ROOT / "examples" / "ci" / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    entry = example["repos"][0]
    assert entry["rev"] == f"v{__version__}"
    hook_repo = tmp_path / "budgetlint"
    shutil.copytree(ROOT, hook_repo, ignore=IGNORED)
    _git("init", "-q", cwd=hook_repo)
    _git("add", "-A", cwd=hook_repo)
    _git("commit", "-q", "-m", "release", cwd=hook_repo)
    _git("tag", entry["rev"], cwd=hook_repo)

    work = tmp_path / "drafts"
    (work / "docs").mkdir(parents=True)
    shutil.copy(SAMPLE, work / "docs" / "budget.txt")
    (work / "README.md").write_text("2023年2月30日\n", encoding="utf-8")  # outside files: ^docs/
    entry["repo"] = str(hook_repo)
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(example, allow_unicode=True), encoding="utf-8")
    _git("init", "-q", cwd=work)
    _git("add", "-A", cwd=work)

    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose"]
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "docs/budget.txt:450:14: BL501 [error]" in output
    assert "does not exist" in output  # the example's args: English messages
    assert "README.md" not in output.split("- exit code:", 1)[-1]
    assert "Traceback" not in output
