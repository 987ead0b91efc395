"""The plain-text table convention the README documents: tab-separated cells are read and
checked; a table aligned with spaces is reported once (BL003, info), never passed as checked."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from budgetlint.cli import cli

from .conftest import ROOT


def readme_table() -> str:
    """The example table of the README's "Plain-text tables" section, with real tabs."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### Plain-text tables", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.S)
    assert block is not None
    return block.group(1).replace("<TAB>", "\t")


def lint(tmp_path: Path, text: str) -> tuple[int, list[dict[str, object]]]:
    path = tmp_path / f"t{len(list(tmp_path.iterdir()))}.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--isolated", "--format", "json", str(path)], catch_exceptions=False)
    return result.exit_code, json.loads(result.output)


def test_the_readme_table_is_read_and_checked(tmp_path: Path) -> None:
    table = readme_table()
    assert table.count("\t") == 20
    assert lint(tmp_path, table) == (0, [])
    status, found = lint(tmp_path, table.replace("\t合计\t133.31\t83.00\t50.31\n", "\t合计\t133.31\t83.00\t50.41\n"))
    assert status == 1 and {d["code"] for d in found} == {"BL201", "BL202"}


def test_the_same_table_aligned_with_spaces_is_reported_once_not_checked(tmp_path: Path) -> None:
    spaced = re.sub(r"\t+", "    ", readme_table()).replace("\n    合计", "\n合计")
    status, found = lint(
        tmp_path, spaced.replace("合计    133.31    83.00    50.31", "合计    133.31    83.00    50.41")
    )
    assert status == 0
    assert [(d["code"], d["severity"], d["line"]) for d in found] == [("BL003", "info", 4)]
    assert "以空格对齐" in str(found[0]["message"])
