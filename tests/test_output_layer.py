"""The output layer's contract: one table of formats, one writer protocol, run never imports output."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import budgetlint.run.batch as batch
from budgetlint.cli import cli
from budgetlint.output.destination import Destination
from budgetlint.output.formats import FORMAT_NAMES, FORMATS, StringSink, open_writer, render_report
from budgetlint.output.html_report import render_document
from budgetlint.output.writer import Counts
from budgetlint.plugins.registry import default_registry
from budgetlint.run.batch import lint_files
from budgetlint.run.check_setup import command_line_config, reader_limits, split_codes
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_file
from budgetlint.run.status import FatalError, UsageProblem, exit_status

from .conftest import SAMPLE

LINT = Path(__file__).resolve().parent.parent / "lint"
STREAMED = ("full", "concise", "csv")


def test_the_table_lists_every_cli_format_in_help_order() -> None:
    assert FORMAT_NAMES == (
        "full",
        "concise",
        "json",
        "json-lines",
        "github",
        "gitlab",
        "sarif",
        "junit",
        "csv",
        "html",
    )
    assert set(FORMATS) == set(FORMAT_NAMES)


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_render_report_writes_what_the_cli_writes(name: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The Python API and the CLI go through the same writer: the same bytes for one document."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the HTML header's date
    report = tmp_path / "report"
    result = CliRunner().invoke(cli, ["--isolated", "--jobs", "1", "--format", name, "-o", str(report), str(SAMPLE)])
    assert result.exit_code == 1, result.output
    expected = report.read_bytes().decode("utf-8")  # CSV rows end in CRLF: no newline translation
    assert render_report(name, [lint_file(str(SAMPLE), Config())]) == expected
    assert len(expected) > 100


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_streamed_formats_write_each_document_as_it_arrives(name: str) -> None:
    result = lint_file(str(SAMPLE), Config())
    assert result.diagnostics
    sink = StringSink()
    writer = open_writer(name, sink)
    writer.start()
    writer.add(result)
    written_before_finish = sink.buffer.getvalue()
    writer.finish(Counts.of([result]))
    if name in STREAMED:
        assert result.diagnostics[0].message in written_before_finish
    else:  # whole-run formats and the HTML page are written at the end
        assert written_before_finish == ""
    written = sink.buffer.getvalue()
    assert written.startswith(written_before_finish)
    if name in ("full", "concise"):  # the closing line counts the run, so it comes last
        assert "检查了 1 个文件" not in written_before_finish and written.endswith("个提示。\n")
    elif name == "csv":
        assert written == written_before_finish
    else:
        assert len(written) > 100


def test_only_the_html_report_renders_documents_in_the_workers() -> None:
    renders = {name for name in FORMAT_NAMES if open_writer(name, StringSink()).document_renderer is not None}
    assert renders == {"html"}


def test_format_modules_are_imported_only_through_the_table() -> None:
    code = (
        "import sys\n"
        "from budgetlint.output.formats import StringSink, open_writer\n"
        "before = 'budgetlint.output.sarif' in sys.modules\n"
        "open_writer('sarif', StringSink())\n"
        "print(before, 'budgetlint.output.sarif' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def _first_party_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("budgetlint")}


def test_run_never_imports_output_or_the_cli() -> None:
    offenders = {
        path.name: sorted(
            m for m in _first_party_imports(path) if m.startswith(("budgetlint.output", "budgetlint.cli"))
        )
        for path in (LINT / "run").glob("*.py")
    }
    assert {name: modules for name, modules in offenders.items() if modules} == {}


def test_nothing_imports_the_cli() -> None:
    # Only the console script's entry point (lint/__main__.py), which imports it inside the
    # guard that makes Ctrl-C during the startup imports exit 130 quietly.
    importers = [
        path
        for path in LINT.rglob("*.py")
        if path.name != "__main__.py" and "budgetlint.cli" in _first_party_imports(path)
    ]
    assert importers == []


def test_unwritable_report_file_is_a_fatal_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(FatalError, match="cannot write the report"):
        Destination(str(blocker / "report.txt"))


def test_command_line_settings() -> None:
    assert split_codes(["bl1, BL2", "", " bl301 "]) == ("BL1", "BL2", "BL301")
    assert reader_limits(None, None, None) is None
    limits = reader_limits(2, 5, None)
    assert limits is not None and limits.max_bytes == 2 * 1024 * 1024 and limits.max_pages == 5


def test_unknown_selectors_and_languages_are_usage_problems() -> None:
    registry = default_registry()
    options = {"extend_select": (), "ignore": (), "profile": None, "limits": None}
    config = command_line_config(registry, select=("bl1",), lang="en", **options)
    assert config.select == ("BL1",) and config.lang == "en"
    with pytest.raises(UsageProblem, match="--select: unknown rule code or prefix 'XX9'"):
        command_line_config(registry, select=("XX9",), lang="zh", **options)
    with pytest.raises(UsageProblem, match="BUDGETLINT_LANG must be zh or en"):
        command_line_config(registry, select=(), lang="fr", **options)


def test_exit_status() -> None:
    assert exit_status([], -1, exit_zero=False) == 0
    assert exit_status([], 0, exit_zero=False) == 0  # info only
    assert exit_status([], 1, exit_zero=False) == 1
    assert exit_status([], 2, exit_zero=True) == 0
    assert exit_status(["boom"], -1, exit_zero=True) == 2


def test_the_document_renderer_reaches_spawned_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch runner gets the HTML renderer from its caller; spawn must pickle it to the workers."""
    paths = [str(SAMPLE), str(SAMPLE)]
    forked = [r.fragment for r in lint_files(paths, Config(), jobs=2, render=render_document)]
    monkeypatch.setattr(batch, "START_METHOD", "spawn")
    spawned = [r.fragment for r in lint_files(paths, Config(), jobs=2, render=render_document)]
    assert spawned == forked and all(
        f and f.startswith(f'<section class="doc" id="doc-{i}"') for i, f in enumerate(forked)
    )
    assert [r.fragment for r in lint_files(paths, Config(), jobs=2)] == [None, None]
