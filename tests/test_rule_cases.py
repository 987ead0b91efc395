"""Every rule's behaviour, as data: tests/cases/BLxxx.toml holds snippets and expected findings.

Each case is a ``[[case]]`` table:

- ``name``: what the case shows;
- ``text``: the document (or ``bytes_base64`` for binary input);
- ``expected``: the findings, each ``"CODE:line"`` or, to pin the column too,
  ``"CODE:line:column"`` (1-based, as in the output); ``[]`` for a passing case;
- ``select`` (optional): the rules that run, default only the file's rule;
- ``lang`` (optional): ``"zh"`` (default) or ``"en"``, for ``message_contains``;
- ``message_contains`` (optional): fragments some finding's message must contain;
- ``config`` (optional): settings as in a ``[tool.budgetlint]`` table, checked by the same
  code as configuration files, e.g. ``config = { rounding = "exact", profile = "none" }``.
  ``select`` and ``lang`` stay the case's own keys above. Its ``accepted`` entries (file
  ``case.txt``) are applied after linting, as a run applies them (BL009 reports stale ones).
- ``whole_file`` (optional): ``true`` to lint the text as a file of a run is linted, judged
  first whether it is a disclosure at all (BL004); by default the text is a snippet, checked
  as given (as the Python API checks text).

A meta-test requires every registered rule to have documentation sections and both
passing and failing cases.

A built-in rule module is named after the lowest code it defines (``bl101_toc_entry_missing``);
a module that holds a family of rules sharing their wording (``bl201_table_identities``:
BL201–BL205 and BL301) names every code in its docstring, so a code is found by grep.
"""

from __future__ import annotations

import base64
import re
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.registry import default_registry
from budgetlint.run import acceptance
from budgetlint.run.configfile import CommandLine, ConfigError, FileSettings, merge, validate
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_bytes, lint_document_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES_DIR = Path(__file__).parent / "cases"
#: A case's own keys; anything else is a typo that would silently test nothing.
CASE_KEYS = {"name", "text", "bytes_base64", "expected", "select", "lang", "message_contains", "config", "whole_file"}

Case = Mapping[str, object]


def _load_cases() -> list[tuple[str, Case]]:
    cases: list[tuple[str, Case]] = []
    for path in sorted(CASES_DIR.glob("BL*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data.get("case", []):
            cases.append((path.stem, case))
    return cases


CASES = _load_cases()


def case_settings(case: Case) -> FileSettings | None:
    """The case's ``config`` table as a configuration file's settings (None without one)."""
    table = case.get("config")
    if table is None:
        return None
    assert isinstance(table, dict), "config must be a table"
    registry = default_registry()
    return validate("case config", table, tuple(registry.rules), registry.profiles)


def case_config(code: str, case: Case) -> Config:
    """The run settings of a case: its rules and language, plus its ``config`` table if any."""
    select = case.get("select", [code])
    assert isinstance(select, list)
    lang = case.get("lang", "zh")
    assert isinstance(lang, str)
    command_line = CommandLine(Config(select=tuple(select), lang=lang), select_given=True, lang_given=True)
    settings = case_settings(case)
    return command_line.config if settings is None else merge(command_line, settings)


def unmatched(expected: list[str], diagnostics: list[Diagnostic]) -> tuple[list[str], list[str]]:
    """(expected findings not reported, reported findings not expected).

    An expectation ``CODE:line:column`` matches only that column; ``CODE:line`` any column.
    Column-pinned expectations are matched first, so a line-only one cannot take their finding.
    """
    remaining = [f"{d.code}:{d.line}:{d.column}" for d in diagnostics]
    missing: list[str] = []
    for entry in sorted(expected, key=lambda e: e.count(":"), reverse=True):
        if entry.count(":") == 2:
            found = next((r for r in remaining if r == entry), None)
        else:
            found = next((r for r in remaining if r.rsplit(":", 1)[0] == entry), None)
        if found is None:
            missing.append(entry)
        else:
            remaining.remove(found)
    return missing, remaining


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{c}-{case['name']}" for c, case in CASES])
def test_rule_case(code: str, case: Case) -> None:
    assert set(case) <= CASE_KEYS, f"unknown case keys: {sorted(set(case) - CASE_KEYS)}"
    config = case_config(code, case)
    whole_file = case.get("whole_file", False)
    assert isinstance(whole_file, bool)
    if "bytes_base64" in case:
        data = case["bytes_base64"]
        assert isinstance(data, str)
        result = lint_document_bytes(base64.b64decode(data), "case.txt", config, judge_disclosure=whole_file)
    else:
        text = case["text"]
        assert isinstance(text, str)
        result = lint_document_text(text, "case.txt", config, judge_disclosure=whole_file)
    assert result.failures == []
    settings = case_settings(case)
    if settings is not None and settings.accepted:
        acceptance.apply(
            result,
            lambda path: settings,
            lambda path: config,
            lambda path, code: config.is_enabled(code),
            default_registry(),
        )
    expected = case["expected"]
    assert isinstance(expected, list)
    missing, unexpected = unmatched(expected, result.diagnostics)
    assert (missing, unexpected) == ([], []), [d.message for d in result.diagnostics]
    fragments = case.get("message_contains", [])
    assert isinstance(fragments, list)
    for fragment in fragments:
        assert any(fragment in d.message for d in result.diagnostics), fragment


def _finding(code: str, line: int, column: int) -> Diagnostic:
    return Diagnostic("case.txt", line, column, line, column + 1, code, "name", Severity.WARNING, "message")


def test_a_pinned_column_must_match() -> None:
    found = [_finding("BL205", 4, 21)]
    assert unmatched(["BL205:4:21"], found) == ([], [])
    assert unmatched(["BL205:4:20"], found) == (["BL205:4:20"], ["BL205:4:21"])


def test_line_only_expectations_leave_pinned_findings_to_pinned_expectations() -> None:
    found = [_finding("BL205", 6, 10), _finding("BL205", 6, 30)]
    assert unmatched(["BL205:6", "BL205:6:10"], found) == ([], [])
    assert unmatched(["BL205:6"], found) == ([], ["BL205:6:30"])
    assert unmatched(["BL205:6", "BL205:6", "BL205:7"], found) == (["BL205:7"], [])


def test_case_config_is_validated_like_a_configuration_file() -> None:
    config = case_config("BL205", {"config": {"rounding": "exact", "profile": "none"}})
    assert (config.select, config.rounding, config.profile) == (("BL205",), "exact", "none")
    with pytest.raises(ConfigError, match="rounding"):
        case_config("BL205", {"config": {"rounding": "approximately"}})
    with pytest.raises(ConfigError, match="profile"):
        case_config("BL205", {"config": {"profile": "no-such-profile"}})


def test_every_rule_is_documented_and_has_cases() -> None:
    problems = []
    by_code: dict[str, list[Case]] = {}
    for code, case in CASES:
        by_code.setdefault(code, []).append(case)
    for code, rule in default_registry().rules.items():
        if not rule.__module__.startswith("budgetlint."):
            continue  # third-party rules are tested in their own packages
        problems += [f"{code}: {p}" for p in rule.problems()]
        if not rule.doc_zh:
            problems.append(f"{code}: no Chinese documentation (doc_zh)")
        cases = by_code.get(code, [])
        if not any(c["expected"] for c in cases):
            problems.append(f"{code}: no failing case in tests/cases/{code}.toml")
        if not any(not c["expected"] for c in cases):
            problems.append(f"{code}: no passing case in tests/cases/{code}.toml")
    assert problems == []


def test_case_files_name_registered_rules() -> None:
    known = set(default_registry().rules)
    assert {code for code, _ in CASES} <= known


def test_builtin_rule_modules_are_named_by_their_codes() -> None:
    by_module: dict[str, list[str]] = {}
    for code, rule in default_registry().rules.items():
        if rule.__module__.startswith("budgetlint.rules."):
            by_module.setdefault(rule.__module__, []).append(code)
    problems = []
    for module_name, codes in by_module.items():
        short = module_name.rsplit(".", 1)[1]
        if not short.startswith(min(codes).lower() + "_"):
            problems.append(f"{short}: named after {min(codes)}, the lowest code it defines")
        if len(codes) > 1:
            docstring = sys.modules[module_name].__doc__ or ""
            named = set(re.findall(r"BL\d{3}", docstring))
            for low, high in re.findall(r"(BL\d{3})–(BL\d{3})", docstring):
                named |= {f"BL{n}" for n in range(int(low[2:]), int(high[2:]) + 1)}
            problems += [f"{short}: its docstring does not name {code}" for code in sorted(set(codes) - named)]
    assert problems == []
