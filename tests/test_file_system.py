"""Only regular files are read, and what a folder holds that is not read is named.

A FIFO named ``x.txt`` used to hang the run, ``/dev/zero`` was read until memory ran out,
and unreadable or symlinked folders were skipped silently with exit 0.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.run.runner import discover

from .conftest import SAMPLE, time_limit

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and symlinks")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--isolated", "--format", "concise", *args])
    return result.exit_code, result.output


@posix_only
def test_a_fifo_in_a_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    with time_limit(60, "a FIFO blocked the run"):
        code, output = run(str(tmp_path))
    assert code == 1
    assert f"skipped {tmp_path / 'pipe.txt'}: a FIFO (named pipe), not a regular file" in output
    assert "a.txt:" in output


@posix_only
def test_a_fifo_or_a_device_named_on_the_command_line_is_bl001(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with time_limit(60, "a FIFO or a device blocked the run"):
        for path in (str(tmp_path / "pipe.txt"), "/dev/zero"):
            code, output = run(path)
            assert code == 1
            assert "BL001" in output and "不是普通文件" in output


@posix_only
def test_a_symlinked_folder_is_not_followed_and_is_named(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    shutil.copy(SAMPLE, tmp_path / "docs" / "a.txt")
    (tmp_path / "docs" / "loop").symlink_to(tmp_path / "docs")
    skipped: list[str] = []
    assert list(discover([str(tmp_path / "docs")], (".txt",), skipped)) == [str(tmp_path / "docs" / "a.txt")]
    assert skipped == [f"{tmp_path / 'docs' / 'loop'}: symbolic link to a folder, not followed"]


def test_an_unreadable_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    real_scandir = os.scandir

    def scandir(path: str) -> object:  # what a folder without read permission does
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    skipped: list[str] = []
    assert list(discover([str(tmp_path)], (".txt",), skipped)) == [str(tmp_path / "a.txt")]
    assert skipped == [f"{tmp_path / 'locked'}: folder not searched (Permission denied)"]


def test_a_text_file_over_the_size_limit_is_bl001_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(SAMPLE.read_bytes() * (2 * 2**20 // SAMPLE.stat().st_size + 1))
    code, output = run("--max-file-size", "1", str(big))
    assert code == 1
    assert "BL001" in output and "文件过大" in output
