"""The HTML report without a browser: self-contained, UTF-8, the findings placed where they belong."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.output.formats import render_report
from budgetlint.output.html_report import render_document
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text, lint_file

from .conftest import CORPUS, SAMPLE


def _page(*paths: str, jobs: str = "2") -> str:
    result = CliRunner().invoke(cli, ["--format", "html", "--jobs", jobs, *paths], catch_exceptions=False)
    assert result.exit_code == 1
    return result.output


def test_page_is_self_contained_utf8() -> None:
    page = _page(str(SAMPLE))
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing from the network
    assert "<style>" in page and "<script>" in page and "@media print" in page
    assert "Noto Sans CJK SC" in page and "Microsoft YaHei" in page


def test_findings_link_to_their_highlights() -> None:
    page = _page(str(SAMPLE))
    targets = re.findall(r'class="goto sev-\w+" href="#([\w-]+)" data-target="\1"', page)
    findings = json.loads(CliRunner().invoke(cli, ["--format", "json", str(SAMPLE)]).output)
    assert len(targets) == len(findings) > 3
    ids = re.findall(r'\sid="([\w-]+)"', page)
    assert len(ids) == len(set(ids)), "element ids are unique"
    for target in targets:
        assert f'id="{target}"' in page
    cells = re.findall(r'<td id="(e0-\d+)"[^>]*class="hit sev-error">2023年11月31日</td>', page)
    assert len(cells) == 2
    assert re.search(r'<mark class="sev-warning" id="e0-\d+"[^>]*>仅供内部审核</mark>', page)


def test_tables_render_as_tables_with_merged_group_headers() -> None:
    page = _page(str(SAMPLE))
    assert page.count('<table class="data">') >= 13
    assert '<th colspan="6">本年收入</th>' in page  # 收入总表: 本年收入 over six columns


def test_same_page_in_process_and_in_workers(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the header's date, fixed
    assert _page(*map(str, CORPUS), jobs="1") == _page(*map(str, CORPUS), jobs="2")


def test_index_lists_every_document_with_counts() -> None:
    page = _page(*map(str, CORPUS))
    for i, path in enumerate(CORPUS):
        assert f'<a href="#doc-{i}">{path}</a>' in page
        assert f'<section class="doc" id="doc-{i}"' in page


def test_unreadable_and_escaped_input(tmp_path: Path) -> None:
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01binary")
    hostile = tmp_path / "x<script>.txt"
    hostile.write_text("一、说明\n<script>alert(1)</script> 2023年2月30日\n本文件为部门预算。\n", encoding="utf-8")
    page = _page(str(binary), str(hostile))
    assert "BL001" in page and "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_format_table_renders_plain_results() -> None:
    result = lint_document_text("一、说明\n日期 2023年2月30日。\n", "t.txt", Config())
    page = render_report("html", [result], lang="en")
    assert "budgetlint report" in page and "2023年2月30日" in page and "<mark" in page
    fragment = render_document(0, lint_file(str(SAMPLE), Config()), lang="zh")
    assert fragment.startswith('<section class="doc" id="doc-0"')


def test_header_names_version_date_profiles_and_configuration(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from budgetlint.version import __version__

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "budgetlint.toml").write_text('ignore = ["BL504"]\nrounding = "exact"\n', encoding="utf-8")
    copy = tmp_path / SAMPLE.name
    copy.write_bytes(SAMPLE.read_bytes())
    page = _page(str(copy))
    facts = re.search(r'<dl class="run">(.*?)</dl>', page)
    assert facts is not None
    text = facts.group(1)
    assert f"budgetlint {__version__}" in text and "2023-11-14 22:13 UTC" in text
    assert "shanxi-municipal-unit-budget × 1" in text
    assert "budgetlint.toml：ignore = BL504; rounding = exact" in text
    isolated = CliRunner().invoke(cli, ["--format", "html", "--isolated", "--ignore", "BL502", str(SAMPLE)]).output
    assert "--isolated" in isolated and "ignore = BL502" in isolated


def test_filters_cover_every_severity_rule_and_document() -> None:
    page = _page(*map(str, CORPUS))
    form = re.search(r'<form class="filters" id="filters">(.*?)</form>', page)
    assert form is not None
    assert re.findall(r'data-sev="(\w+)" checked', form.group(1)) == ["error", "warning", "info"]
    rules = set(re.findall(r'<option value="(BL\d+)">', form.group(1)))
    assert rules == set(re.findall(r'<li data-sev="\w+" data-rule="(BL\d+)">', page))
    assert re.findall(r'<option value="(\d+)">', form.group(1)) == [str(i) for i in range(len(CORPUS))]


def test_infos_and_clean_documents_are_folded(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("一、说明\n本单位无其他事项。\n本文件为部门预算。\n", encoding="utf-8")
    page = _page(str(SAMPLE), str(clean))
    assert '<details class="sev-group" data-sev="error" open>' in page
    assert '<details class="sev-group" data-sev="info">' in page  # folded
    assert re.search(r'<section class="doc" id="doc-1" data-doc="1" data-path="[^"]*" data-clean>', page)
    second = page.split('id="doc-1"', 1)[1]
    assert '<details class="src">' in second and '<details class="src" open>' not in second


def test_pdf_findings_show_their_place_and_the_pages() -> None:
    from budgetlint.read.base import Origin, SourceMap

    text = "一、说明\n日期 2023年2月30日。\n二、其他\n无。\n"
    result = lint_document_text(text, "report.pdf", Config())
    result.source_map = SourceMap(
        "pdf", tuple(Origin(f"p{3 + n // 2}:L{n % 2 + 1}", page=3 + n // 2) for n in range(4))
    )
    fragment = render_document(0, result, lang="zh")
    assert re.search(r'<span class="loc" title="提取文本第 2:\d+ 行" data-page="3">p3:L2</span>', fragment)
    assert fragment.count('<div class="pg">') == 2 and '<div class="pg">第 4 页</div>' in fragment
    plain = render_document(0, lint_document_text(text, "report.txt", Config()), lang="zh")
    assert re.search(r'<span class="loc">2:\d+</span>', plain) and '<div class="pg">' not in plain
