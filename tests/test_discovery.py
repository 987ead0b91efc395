"""Which files a run lints: suffixes in any case, old office formats, exclusions, .gitignore."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.run.discovery import Pattern

DOCUMENT = "2023年部门预算\n一、部门职责\n本部门负责财政工作。\n"


def invoke(*args: str, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    if cwd is None:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    here = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(here)


def shown(tree: Path, *args: str) -> list[str]:
    """The files ``--show-files`` lists for ``tree``, relative to it, from inside it."""
    result = invoke("--show-files", *args, ".", cwd=tree)
    assert result.exit_code == 0, result.output
    return sorted(os.path.relpath(line, ".") for line in result.output.splitlines())


def make(tree: Path, *names: str) -> Path:
    for name in names:
        path = tree / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DOCUMENT, encoding="utf-8")
    return tree


def test_suffixes_match_in_any_case(tmp_path: Path) -> None:
    make(tmp_path, "A.TXT", "b.Txt", "c.txt", "notes.csv")
    (tmp_path / "d.Pdf").write_bytes(b"%PDF-1.4\n")
    assert shown(tmp_path, "--isolated") == ["A.TXT", "b.Txt", "c.txt", "d.Pdf"]


def test_old_office_formats_are_listed_and_reported_as_to_convert(tmp_path: Path) -> None:
    for name in ("a.doc", "b.XLS", "c.wps", "d.et"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    result = invoke("--isolated", "--format", "json", str(tmp_path))
    assert result.exit_code == 1
    found = {Path(str(d["path"])).name: str(d["message"]) for d in json.loads(result.output)}
    assert set(found) == {"a.doc", "b.XLS", "c.wps", "d.et"}
    assert "另存为 .docx 或 .pdf" in found["a.doc"] and "另存为 .docx 或 .pdf" in found["c.wps"]
    assert "另存为 .xlsx 或 .pdf" in found["b.XLS"] and "另存为 .xlsx 或 .pdf" in found["d.et"]
    named = invoke("--isolated", "--format", "json", "--lang", "en", str(tmp_path / "a.doc"))
    assert [d["code"] for d in json.loads(named.output)] == ["BL001"]
    assert "save it as .docx or .pdf" in json.loads(named.output)[0]["message"]


def test_build_output_and_tool_folders_are_skipped(tmp_path: Path) -> None:
    make(
        tmp_path,
        "report.txt",
        "budgetlint.egg-info/SOURCES.txt",
        "build/lib/x.txt",
        "dist/y.txt",
        "venv/lib/z.txt",
        "node_modules/pkg/README.md",
        "__pycache__/w.txt",
        ".tox/py/v.txt",
        "archive/2019.txt",
    )
    assert shown(tmp_path, "--isolated") == ["archive/2019.txt", "report.txt"]


def test_exclude_and_extend_exclude_on_the_command_line(tmp_path: Path) -> None:
    make(tmp_path, "report.txt", "build/x.txt", "archive/2019.txt", "drafts/草稿1.txt", "drafts/final.txt")
    assert shown(tmp_path, "--isolated", "--extend-exclude", "archive,草稿*") == ["drafts/final.txt", "report.txt"]
    # --exclude replaces the defaults: build/ is searched again.
    assert shown(tmp_path, "--isolated", "--exclude", "drafts/*") == ["archive/2019.txt", "build/x.txt", "report.txt"]


def test_exclude_in_the_configuration_file(tmp_path: Path) -> None:
    make(tmp_path, "report.txt", "archive/2019.txt", "sub/archive.txt", "sub/old/a.txt")
    (tmp_path / "budgetlint.toml").write_text('extend-exclude = ["archive", "sub/old/*"]\n', encoding="utf-8")
    assert shown(tmp_path) == ["report.txt", "sub/archive.txt"]
    assert shown(tmp_path, "--isolated") == ["archive/2019.txt", "report.txt", "sub/archive.txt", "sub/old/a.txt"]
    (tmp_path / "budgetlint.toml").write_text('exclude = ["sub"]\n', encoding="utf-8")
    assert shown(tmp_path) == ["archive/2019.txt", "report.txt"]


def test_a_bad_exclude_key_is_a_configuration_error(tmp_path: Path) -> None:
    make(tmp_path, "report.txt")
    (tmp_path / "budgetlint.toml").write_text('exclude = "archive"\n', encoding="utf-8")
    result = invoke("--show-files", ".", cwd=tmp_path)
    assert result.exit_code == 2 and "key 'exclude'" in result.output


def test_a_named_file_is_linted_even_when_excluded_unless_force_exclude(tmp_path: Path) -> None:
    make(tmp_path, "build/x.txt", "archive/a.txt")
    assert shown(tmp_path, "--isolated") == ["archive/a.txt"]
    named = invoke("--show-files", "--isolated", "build/x.txt", "archive/a.txt", cwd=tmp_path)
    assert named.output.splitlines() == ["build/x.txt", "archive/a.txt"]
    forced = invoke("--show-files", "--isolated", "--force-exclude", "build/x.txt", "archive/a.txt", cwd=tmp_path)
    assert forced.output.splitlines() == ["archive/a.txt"]


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git_tree(tree: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tree)], check=True)
    return tree


@needs_git
def test_gitignore_is_respected_inside_a_git_work_tree(tmp_path: Path) -> None:
    make(git_tree(tmp_path), "report.txt", "out/generated.txt", "sub/keep.txt", "sub/scratch.txt", "sub/a.log.txt")
    (tmp_path / ".gitignore").write_text("out/\n*.log.txt\n", encoding="utf-8")
    (tmp_path / "sub" / ".gitignore").write_text("scratch.txt\n", encoding="utf-8")
    assert shown(tmp_path, "--isolated") == ["report.txt", "sub/keep.txt"]
    assert shown(tmp_path, "--isolated", "--no-respect-gitignore") == [
        "out/generated.txt",
        "report.txt",
        "sub/a.log.txt",
        "sub/keep.txt",
        "sub/scratch.txt",
    ]
    named = invoke("--show-files", "--isolated", "out/generated.txt", cwd=tmp_path)
    assert named.output.splitlines() == ["out/generated.txt"]
    forced = invoke("--show-files", "--isolated", "--force-exclude", "out/generated.txt", cwd=tmp_path)
    assert forced.output == ""
    # A folder named on the command line is searched even if git ignores it.
    assert invoke("--show-files", "--isolated", "out", cwd=tmp_path).output.splitlines() == ["out/generated.txt"]


@needs_git
def test_a_tracked_file_is_linted_even_if_a_pattern_ignores_it(tmp_path: Path) -> None:
    make(git_tree(tmp_path), "kept.txt", "other.txt")
    subprocess.run(["git", "-C", str(tmp_path), "add", "kept.txt"], check=True)
    (tmp_path / ".gitignore").write_text("*.txt\n", encoding="utf-8")
    assert shown(tmp_path, "--isolated") == ["kept.txt"]


def test_gitignore_outside_a_work_tree_ignores_nothing(tmp_path: Path) -> None:
    make(tmp_path, "report.txt", "out/generated.txt")
    (tmp_path / ".gitignore").write_text("out/\n", encoding="utf-8")
    if shutil.which("git") is not None:
        inside = subprocess.run(["git", "-C", str(tmp_path), "rev-parse"], capture_output=True, check=False)
        if inside.returncode == 0:
            pytest.skip("the temporary folder is inside a git work tree")
    assert shown(tmp_path, "--isolated") == ["out/generated.txt", "report.txt"]


def test_show_files_lints_nothing_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")  # would be BL001
    result = invoke("--show-files", "--isolated", str(tmp_path))
    assert result.exit_code == 0 and result.output == f"{tmp_path / 'empty.txt'}\n"


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("build", "/p/build", True),
        ("build", "/p/rebuild", False),
        ("*.egg-info", "/p/budgetlint.egg-info", True),
        ("archive/*", "/p/archive/a/b.txt", True),  # * crosses /, as in ruff
        ("archive/*", "/p/sub/archive/b.txt", False),  # a path glob is relative to its root
        ("**/archive/*", "/p/sub/archive/b.txt", True),
        ("drafts/", "/p/drafts", True),
        ("archive/*", "/elsewhere/archive/b.txt", False),
    ],
)
def test_patterns(glob: str, path: str, matches: bool) -> None:
    assert Pattern(glob, "/p").matches(path) is matches
