"""JUnit XML: one ``<testcase>`` per linted file, one ``<failure>`` per failing file.

GitLab (``artifacts:reports:junit``), Jenkins and Azure DevOps show each file as a
test that passed or failed, and most show only the first ``<failure>`` of a test: so a
file with errors or warnings has exactly one ``<failure>`` whose text lists every
finding of the file, one per line (infos included, for context). A file with nothing
worse than ``info`` passes (its infos go to ``<system-out>``), as its exit status does.
Lines are those of the extracted text; for PDF input each finding names its page too.
A rule crash is an ``<error>`` of the file. XML 1.0 cannot carry some control characters
that a damaged document may contain; they are dropped rather than producing a report
the consumer rejects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree import ElementTree

from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.model.fingerprint import portable_path
from budgetlint.output.terminal import message_with_page
from budgetlint.run.runner import LintResult

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def fails(result: LintResult) -> bool:
    """A file fails when it has an error or a warning (infos alone pass, as the exit status says)."""
    return any(d.severity is not Severity.INFO for d in result.diagnostics)


def _listing(path: str, diagnostics: Sequence[Diagnostic], result: LintResult, lang: str) -> str:
    return "\n".join(
        f"{path}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {message_with_page(d, result, lang)}"
        for d in diagnostics
    )


def _failure_message(result: LintResult, lang: str) -> str:
    """The one-line summary a CI page shows for the file: the counts, then the first finding."""
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in result.diagnostics)
    first = next(d for d in result.diagnostics if d.severity is not Severity.INFO)
    counts = f"{errors} 个错误，{warnings} 个警告：" if lang == "zh" else f"{errors} error(s), {warnings} warning(s): "
    return f"{counts}{first.code} {first.name}: {message_with_page(first, result, lang)}"


def _testcase(suite: ElementTree.Element, result: LintResult, lang: str) -> None:
    path = _clean(portable_path(result.path))
    case = ElementTree.SubElement(suite, "testcase", name=path, classname="budgetlint", file=path)
    if fails(result):
        worst = max(result.diagnostics, key=lambda d: d.severity.rank)
        failure = ElementTree.SubElement(
            case, "failure", type=worst.severity.value, message=_clean(_failure_message(result, lang))
        )
        failure.text = _clean(_listing(path, result.diagnostics, result, lang))
    for problem in result.failures:
        ElementTree.SubElement(case, "error", type="internal-error", message=_clean(problem))
    if result.diagnostics and not fails(result):
        out = ElementTree.SubElement(case, "system-out")
        out.text = _clean(_listing(path, result.diagnostics, result, lang))


def format_junit(results: Sequence[LintResult], lang: str = "zh", style: object = None) -> str:
    failed = sum(1 for result in results if fails(result))
    errors = sum(1 for result in results if result.failures)
    counts = {"tests": str(len(results)), "failures": str(failed), "errors": str(errors)}
    suites = ElementTree.Element("testsuites", {"name": "budgetlint", **counts})
    suite = ElementTree.SubElement(suites, "testsuite", {"name": "budgetlint", **counts, "skipped": "0"})
    for result in results:
        _testcase(suite, result, lang)
    ElementTree.indent(suites)
    body = ElementTree.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
