"""CI formats against their consumers' rules: GitHub workflow commands, GitLab Code Quality,
SARIF 2.1.0 (validated with the official schema), JSON Lines, JUnit XML, --statistics."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import junitparser
from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.run.runner import LintResult

from .conftest import CORPUS, SAMPLE

FIXTURES = Path(__file__).parent / "fixtures"
SARIF_SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
JSON_FIELDS = ["path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def crafted(message: str = "a % b\r\nc: d, e", path: str = "docs/a,b:c.txt") -> list[LintResult]:
    result = LintResult(
        path,
        [
            Diagnostic(path, 2, 3, 2, 7, "BL501", "invalid-date", Severity.ERROR, message),
            Diagnostic(path, 4, 1, 5, 2, "BL502", "draft-marker", Severity.WARNING, "w"),
            Diagnostic(path, 6, 1, 6, 1, "BL205", "rounding-difference", Severity.INFO, "i"),
        ],
    )
    result.source_lines = ("x", "ab2023年2月30日", "", "征求意见稿", "y", "z")
    return [result]


# -- GitHub Actions ------------------------------------------------------------------
COMMAND = re.compile(r"^::(error|warning|notice) ((?:[A-Za-z]+=[^,:]*)(?:,[A-Za-z]+=[^,:]*)*)::(.*)$")


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_escaping_round_trips() -> None:
    from budgetlint.output.github import escape_data, escape_property, format_github

    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    lines = format_github(crafted()).splitlines()
    assert len(lines) == 3  # a newline in a message must not split the command
    kinds = []
    for line in lines:
        match = COMMAND.match(line)
        assert match, line
        kinds.append(match.group(1))
        properties = dict(item.split("=", 1) for item in match.group(2).split(","))
        assert set(properties) == {"file", "line", "col", "endLine", "endColumn", "title"}
        assert _unescape(properties["file"]) == "docs/a,b:c.txt"
    assert kinds == ["error", "warning", "notice"]
    first = COMMAND.match(lines[0])
    assert first and _unescape(first.group(3)) == "a % b\r\nc: d, e"
    assert "title=BL501::" in lines[0] and "line=2,col=3,endLine=2,endColumn=7" in lines[0]


def test_github_on_the_sample() -> None:
    code, out = run("--format", "github", str(SAMPLE))
    assert code == 1
    lines = out.splitlines()
    assert lines and all(COMMAND.match(line) for line in lines)
    assert any(
        line.startswith("::error file=") and "line=450,col=14" in line and "title=BL501" in line for line in lines
    )


# -- GitLab Code Quality ---------------------------------------------------------------
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _gitlab(*paths: str) -> list[dict]:  # type: ignore[type-arg]
    code, out = run("--format", "gitlab", *paths)
    assert code in (0, 1)
    return json.loads(out)


def test_gitlab_required_fields_and_unique_fingerprints() -> None:
    issues = _gitlab(*map(str, CORPUS))
    assert issues
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and re.fullmatch(r"BL\d{3}", issue["check_name"])
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in GITLAB_SEVERITIES
        assert isinstance(issue["location"]["path"], str) and not os.path.isabs(issue["location"]["path"])
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    assert fingerprints == [issue["fingerprint"] for issue in _gitlab(*map(str, CORPUS))]  # stable


def test_gitlab_fingerprints_ignore_line_numbers(tmp_path: Path) -> None:
    target = tmp_path / "doc.txt"
    shutil.copy(SAMPLE, target)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        before = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in _gitlab("doc.txt")}
        text = target.read_text(encoding="utf-8")
        target.write_text("新增的一段说明。\n\n" + text, encoding="utf-8")
        after = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in _gitlab("doc.txt")}
    finally:
        os.chdir(old)
    assert set(before) == set(after) and before
    assert all(after[fp] == before[fp] + 2 for fp in before)


def test_gitlab_same_finding_twice_gets_two_fingerprints() -> None:
    from budgetlint.output.gitlab import format_gitlab

    results = crafted()
    d = results[0].diagnostics[0]
    results[0].diagnostics.append(d._replace(line=2, column=3))
    issues = json.loads(format_gitlab(results))
    assert len({i["fingerprint"] for i in issues}) == len(issues) == 4
    assert [i["severity"] for i in issues][:3] == ["major", "minor", "info"]


# -- SARIF 2.1.0 -------------------------------------------------------------------------
def _validate_sarif(log: dict) -> None:  # type: ignore[type-arg]
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_validates_against_the_official_schema() -> None:
    code, out = run("--format", "sarif", *map(str, CORPUS))
    log = json.loads(out)
    _validate_sarif(log)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert run_["columnKind"] == "unicodeCodePoints"
    for rule in rules:
        assert {"id", "name", "shortDescription", "help", "defaultConfiguration"} <= set(rule)
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
        assert "## What it does" in rule["help"]["markdown"]
    assert run_["results"]
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    dates = [r for r in run_["results"] if r["ruleId"] == "BL501"]
    assert dates[0]["level"] == "error"
    location = dates[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "examples/xinzhou-2023-unit-budget.txt",
        "uriBaseId": "%SRCROOT%",
    } or location["artifactLocation"]["uri"].endswith("/examples/xinzhou-2023-unit-budget.txt")
    assert location["region"] == {"startLine": 450, "startColumn": 14, "endLine": 450, "endColumn": 25}


def test_sarif_levels_chinese_paths_and_no_findings(tmp_path: Path) -> None:
    from budgetlint.output.sarif import sarif_log

    log = sarif_log(crafted(path="文档/预算 2023.txt"))
    _validate_sarif(log)
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    assert (
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "%E6%96%87%E6%A1%A3/%E9%A2%84%E7%AE%97%202023.txt"
    )
    clean = tmp_path / "clean.txt"
    clean.write_text("说明\n本文件为部门预算。\n", encoding="utf-8")
    code, out = run("--format", "sarif", str(clean))
    empty = json.loads(out)
    _validate_sarif(empty)
    assert code == 0 and empty["runs"][0]["results"] == []


# -- JSON Lines, JUnit, statistics, output file ----------------------------------------------
def test_json_lines_keeps_the_json_contract() -> None:
    _, array = run("--format", "json", str(SAMPLE))
    _, lines = run("--format", "json-lines", str(SAMPLE))
    objects = [json.loads(line) for line in lines.splitlines()]
    assert objects == json.loads(array)
    assert all(list(o) == JSON_FIELDS for o in objects)


def _junit_cases(out: str, tmp_path: Path) -> list[junitparser.TestCase]:
    """The report as a CI server reads it (junitparser), and valid against its structure."""
    report = tmp_path / "junit.xml"
    report.write_text(out, encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(report))
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    assert len(suites) == 1
    return list(suites[0])


def test_junit_one_testcase_per_file_one_failure_per_failing_file(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("说明\n", encoding="utf-8")
    code, out = run("--format", "junit", str(SAMPLE), str(clean))
    cases = _junit_cases(out, tmp_path)
    assert [c.name for c in cases] == [
        os.path.relpath(SAMPLE).replace(os.sep, "/"),
        os.path.relpath(clean).replace(os.sep, "/"),
    ]
    assert not cases[0].is_passed and cases[1].is_passed
    (failure,) = cases[0].result  # one failure: CI servers show only the first
    assert isinstance(failure, junitparser.Failure)
    _, array = run("--format", "json", str(SAMPLE))
    findings = json.loads(array)
    listed = (failure.text or "").splitlines()
    assert len(listed) == len(findings)  # every finding of the file, one per line
    assert {f["code"] for f in findings} <= {line.split(" ")[1] for line in listed}
    root = ElementTree.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "2" and suite.get("failures") == "1" and suite.get("errors") == "0"


def test_junit_a_file_with_only_infos_passes(tmp_path: Path) -> None:
    from budgetlint.output.junit import format_junit

    (result,) = crafted()
    infos = LintResult("infos.txt", [d._replace(path="infos.txt") for d in result.diagnostics[2:]])
    worse = LintResult("worse.txt", [d._replace(path="worse.txt") for d in result.diagnostics[1:]])
    cases = _junit_cases(format_junit([infos, worse]), tmp_path)
    assert cases[0].is_passed and "BL205" in (cases[0].system_out or "")
    assert not cases[1].is_passed
    (failure,) = cases[1].result
    assert failure.type == "warning" and failure.message == "0 个错误，1 个警告：BL502 draft-marker: w"
    assert [line.split(" ")[1] for line in (failure.text or "").splitlines()] == ["BL502", "BL205"]


def _pdf_result() -> LintResult:
    """A crafted PDF result: line 2 is on page 7 (the source map a PDF reader gives)."""
    from budgetlint.read.base import Origin, SourceMap

    (result,) = crafted(path="report.pdf")
    result.diagnostics = [d._replace(path="report.pdf") for d in result.diagnostics]
    result.source_map = SourceMap(
        "pdf", tuple(Origin(f"p{6 + n // 3}:L{n % 3 + 1}", page=6 + n // 3) for n in range(6))
    )
    return result


def test_ci_formats_name_the_pdf_page(tmp_path: Path) -> None:
    """SARIF, GitHub, GitLab and JUnit keep the text line (their viewers need it) and name the page."""
    from budgetlint.output.formats import render_report

    result = _pdf_result()
    log = json.loads(render_report("sarif", [result]))
    _validate_sarif(log)
    sarif = log["runs"][0]["results"][0]
    assert sarif["properties"] == {"origin": "p6:L2", "page": 6}
    assert (
        sarif["message"]["text"].endswith("（第 6 页）")
        and sarif["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    )
    github = render_report("github", [result], lang="en").splitlines()
    assert "line=4," in github[1] and github[1].endswith("::w (page 7)")
    gitlab = json.loads(render_report("gitlab", [result]))
    assert (
        gitlab[1]["description"] == "BL502 draft-marker: w（第 7 页）" and gitlab[1]["location"]["lines"]["begin"] == 4
    )
    (failure,) = _junit_cases(render_report("junit", [result]), tmp_path)[0].result
    assert "report.pdf:4:1: BL502 [warning] w（第 7 页）" in (failure.text or "").splitlines()
    plain = crafted()  # plain text: no page, nothing appended
    assert json.loads(render_report("gitlab", plain))[1]["description"] == "BL502 draft-marker: w"


def test_csv_carries_origin_and_page() -> None:
    import csv
    import io

    from budgetlint.output.formats import render_report

    rows = list(csv.DictReader(io.StringIO(render_report("csv", [_pdf_result()]).lstrip("\ufeff"))))
    assert [(r["line"], r["origin"], r["page"]) for r in rows] == [
        ("2", "p6:L2", "6"),
        ("4", "p7:L1", "7"),
        ("6", "p7:L3", "7"),
    ]
    text_rows = list(csv.DictReader(io.StringIO(render_report("csv", crafted()).lstrip("\ufeff"))))
    assert {(r["origin"], r["page"]) for r in text_rows} == {("", "")}


def test_junit_drops_characters_xml_cannot_carry() -> None:
    from budgetlint.output.junit import format_junit

    out = format_junit(crafted(message="bad \x0b char & <tag>"))
    failure = ElementTree.fromstring(out.encode()).find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == "1 个错误，1 个警告：BL501 invalid-date: bad  char & <tag>"


def test_statistics() -> None:
    from collections import Counter

    _, array = run("--format", "json", str(SAMPLE))
    findings = json.loads(array)
    expected = Counter(d["code"] for d in findings)
    code, out = run("--statistics", str(SAMPLE))
    assert code == 1
    rows = [line.split() for line in out.splitlines()]
    assert {row[1]: int(row[0]) for row in rows} == dict(expected)
    counts = [int(row[0]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert ["2", "BL501", "invalid-date", "error"] in rows
    _, as_json = run("--statistics", "--format", "json", str(SAMPLE))
    assert {"code": "BL501", "name": "invalid-date", "severity": "error", "count": 2} in json.loads(as_json)


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "budgetlint.sarif"
    code, out = run("--format", "sarif", "--output-file", str(target), str(SAMPLE))
    assert code == 1 and out == ""
    _validate_sarif(json.loads(target.read_text(encoding="utf-8")))
    code, out = run("--output-file", str(tmp_path / "full.txt"), str(SAMPLE))
    text = (tmp_path / "full.txt").read_text(encoding="utf-8")
    assert "\x1b[" not in text and "BL501 [error]" in text
    bad = CliRunner().invoke(cli, ["--output-file", str(tmp_path), str(SAMPLE)])
    assert bad.exit_code == 2


def test_new_modules_are_imported_only_when_used(tmp_path: Path) -> None:
    """Cold start: a plain run imports no CI formatter and no baseline code."""
    import subprocess
    import sys

    code = (
        "import sys; from budgetlint.cli import main\n"
        "try:\n    main(['--format', 'full', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('budgetlint.output.github', 'budgetlint.output.gitlab', 'budgetlint.output.junit', 'budgetlint.output.sarif', 'budgetlint.run.baseline', "
        "'xml', 'jsonschema'))))\n"
    )
    target = tmp_path / "doc.txt"
    shutil.copy(SAMPLE, target)
    out = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True, cwd=tmp_path).stdout
    assert out.strip().splitlines()[-1] == "[]"
