"""A disclosure published as several files is linted as one document (issue 14 item 4)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.run.joined import lint_joined, part_groups
from budgetlint.run.options import Config

from .minimal_pdf import text_pdf

PART1 = "2023年部门预算\n一、部门概况\n本部门负责统计工作。\n"
PART2 = "二、预算情况\n比上年增加（减少）12.50万元。\n"


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_part_groups_join_only_complete_sets() -> None:
    paths = ["d/a.part1.pdf", "d/b.pdf", "d/a.part2.pdf", "d/c.part2.pdf", "d/e.part1.pdf", "d/e.part1.txt"]
    assert part_groups(paths) == [
        ("d/a.part1.pdf", "d/a.part2.pdf"),
        "d/b.pdf",
        "d/c.part2.pdf",
        "d/e.part1.pdf",
        "d/e.part1.txt",
    ]


def test_part_groups_need_numbers_without_gap() -> None:
    assert part_groups(["x.part1.pdf", "x.part3.pdf"]) == ["x.part1.pdf", "x.part3.pdf"]
    assert part_groups(["x.part2.pdf", "x.part1.pdf"]) == [("x.part1.pdf", "x.part2.pdf")]


def test_joined_text_points_each_finding_at_its_file(tmp_path: Path) -> None:
    one = _write(tmp_path, "doc.part1.txt", PART1)
    two = _write(tmp_path, "doc.part2.txt", PART2)
    result = lint_joined([one, two], Config(select=("BL504",)))
    assert result.path == one
    found = [(d.path, d.code) for d in result.diagnostics]
    assert found == [(two, "BL504")]
    d = result.diagnostics[0]
    assert result.source_map is not None
    origin = result.source_map.origin(d.line)
    assert origin is not None and origin.label == "L2"  # part 2's own line 2
    assert result.source_lines[d.line - 1].startswith("比上年增加")


def test_joined_pdfs_keep_each_part_pages(tmp_path: Path) -> None:
    one, two = tmp_path / "r.part1.pdf", tmp_path / "r.part2.pdf"
    one.write_bytes(text_pdf(1, ("Narrative 2023",)))
    two.write_bytes(text_pdf(2, ("Tables 2023", "Total 1.00")))
    result = lint_joined([str(one), str(two)], Config())
    assert result.failures == []
    assert result.source_map is not None
    text = result.source_lines
    last = max(i for i, line in enumerate(text, 1) if line.startswith("Total"))
    origin = result.source_map.origin(last)
    assert origin is not None and origin.page == 2 and origin.label.startswith("p2:")
    first = next(i for i, line in enumerate(text, 1) if line.startswith("Narrative"))
    assert result.source_map.origin(first).page == 1  # type: ignore[union-attr]


def _json(*args: str) -> list[dict[str, object]]:
    out = CliRunner().invoke(
        cli, ["--isolated", "--format", "json", "--select", "BL504", *args], catch_exceptions=False
    )
    return json.loads(out.stdout)


def _summary(*args: str) -> str:
    out = CliRunner().invoke(cli, ["--isolated", "--format", "concise", *args], catch_exceptions=False)
    return out.stdout


def test_cli_join_and_part_detection(tmp_path: Path) -> None:
    one = _write(tmp_path, "doc.part1.txt", PART1)
    two = _write(tmp_path, "doc.part2.txt", PART2)
    other = _write(tmp_path, "notes.txt", PART2)
    assert [d["path"] for d in _json("--join", other, one)] == [other]
    assert "检查了 1 个文件" in _summary("--join", one, other)
    assert "检查了 1 个文件" in _summary(str(tmp_path / "doc.part1.txt"), str(tmp_path / "doc.part2.txt"))
    assert "检查了 2 个文件" in _summary("--no-join-parts", one, two)
    assert "检查了 2 个文件" in _summary(one, other)
    assert [d["path"] for d in _json(one, two)] == [two]


def test_config_key_join_parts(tmp_path: Path) -> None:
    one = _write(tmp_path, "doc.part1.txt", PART1)
    two = _write(tmp_path, "doc.part2.txt", PART2)
    (tmp_path / "budgetlint.toml").write_text("join-parts = false\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["--format", "concise", one, two], catch_exceptions=False)
    assert "检查了 2 个文件" in out.stdout
    (tmp_path / "budgetlint.toml").write_text("join-parts = 1\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["--format", "concise", one, two], catch_exceptions=False)
    assert out.exit_code == 2 and "join-parts" in out.output


def test_per_file_ignores_apply_to_each_part(tmp_path: Path) -> None:
    one = _write(tmp_path, "doc.part1.txt", PART1 + "XX局\n")
    two = _write(tmp_path, "doc.part2.txt", PART2)
    (tmp_path / "budgetlint.toml").write_text(
        'select = ["BL504"]\n[per-file-ignores]\n"doc.part2.txt" = ["BL504"]\n', encoding="utf-8"
    )
    out = CliRunner().invoke(cli, ["--format", "json", one, two], catch_exceptions=False)
    assert {d["path"] for d in json.loads(out.stdout)} == {one}
