"""Every rule's behaviour, as data: tests/cases/BLxxx.toml holds snippets and expected findings.

Each case is ``[[case]]`` with ``name``, the document ``text`` (or ``bytes_base64``
for binary input), and ``expected``, a list of ``"CODE:line"``. Only the file's
rule runs unless the case sets ``select``. A meta-test requires every
registered rule to have documentation sections and both passing and failing cases.

A built-in rule module is named after the lowest code it defines (``bl101_toc_entry_missing``);
a module that holds a family of rules sharing their wording (``bl201_table_identities``:
BL201–BL205 and BL301) names every code in its docstring, so a code is found by grep.
"""

from __future__ import annotations

import base64
import re
import sys
from pathlib import Path

import pytest

from budgetlint.plugins.registry import default_registry
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_bytes, lint_document_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases() -> list[tuple[str, dict]]:
    cases = []
    for path in sorted(CASES_DIR.glob("BL*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data.get("case", []):
            cases.append((path.stem, case))
    return cases


CASES = _load_cases()


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{c}-{case['name']}" for c, case in CASES])
def test_rule_case(code: str, case: dict) -> None:
    config = Config(select=tuple(case.get("select", [code])), lang=case.get("lang", "zh"))
    if "bytes_base64" in case:
        result = lint_document_bytes(base64.b64decode(case["bytes_base64"]), "case.txt", config)
    else:
        result = lint_document_text(case["text"], "case.txt", config)
    assert result.failures == []
    found = sorted(f"{d.code}:{d.line}" for d in result.diagnostics)
    assert found == sorted(case["expected"]), [d.message for d in result.diagnostics]
    for fragment in case.get("message_contains", []):
        assert any(fragment in d.message for d in result.diagnostics), fragment


def test_every_rule_is_documented_and_has_cases() -> None:
    problems = []
    by_code: dict[str, list[dict]] = {}
    for code, case in CASES:
        by_code.setdefault(code, []).append(case)
    for code, rule in default_registry().rules.items():
        if not rule.__module__.startswith("budgetlint."):
            continue  # third-party rules are tested in their own packages
        problems += [f"{code}: {p}" for p in rule.problems()]
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
