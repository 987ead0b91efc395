"""JUnit XML: one ``<testcase>`` per linted file, one ``<failure>`` per finding.

GitLab (``artifacts:reports:junit``), Jenkins and Azure DevOps show each file
as a test that passed or failed, with every finding listed under it. XML 1.0
cannot carry some control characters that a damaged document may contain;
they are dropped rather than producing a report the consumer rejects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree import ElementTree

from budgetlint.model.fingerprint import portable_path
from budgetlint.run.runner import LintResult

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def format_junit(results: Sequence[LintResult], lang: str = "zh", style: object = None) -> str:
    failed = sum(1 for result in results if result.diagnostics)
    errors = sum(1 for result in results if result.failures)
    suites = ElementTree.Element(
        "testsuites", name="budgetlint", tests=str(len(results)), failures=str(failed), errors=str(errors)
    )
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name="budgetlint",
        tests=str(len(results)),
        failures=str(failed),
        errors=str(errors),
        skipped="0",
    )
    for result in results:
        path = _clean(portable_path(result.path))
        case = ElementTree.SubElement(suite, "testcase", name=path, classname="budgetlint", file=path)
        for d in result.diagnostics:
            failure = ElementTree.SubElement(
                case, "failure", type=d.code, message=_clean(f"{d.code} {d.name}: {d.message}")
            )
            failure.text = _clean(f"{path}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {d.message}")
        for problem in result.failures:
            ElementTree.SubElement(case, "error", type="internal-error", message=_clean(problem))
    ElementTree.indent(suites)
    body = ElementTree.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
