"""SARIF 2.1.0 (OASIS), as read by GitHub code scanning, Azure DevOps and IDE viewers.

One run; ``tool.driver.rules`` lists every registered rule (id, name, short
and full description, help from the rule's documentation, default level) and
each result points at its rule by ``ruleId`` and ``ruleIndex``. Columns are
counted in Unicode code points, which budgetlint uses and which the run
declares through ``columnKind`` (the SARIF default is UTF-16 code units).
Paths become relative URI references against ``%SRCROOT%`` (the working
directory), percent-encoded, so Chinese file names survive. Regions are lines of the extracted text; for PDF input
the message names the page too, and for PDF/Word/Excel input each result's ``properties``
hold ``origin`` (and ``page``) as ``--format json`` does.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from budgetlint.model.diagnostics import Severity
from budgetlint.model.fingerprint import fingerprint, portable_path
from budgetlint.output.terminal import message_with_page, origin_of
from budgetlint.plugins import registry as plugin_registry
from budgetlint.plugins.rule import Rule
from budgetlint.run.runner import LintResult
from budgetlint.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SRCROOT = "%SRCROOT%"


def _uri(path: str) -> dict[str, str]:
    if path == "-":
        return {"uri": "stdin"}
    relative = portable_path(path)
    if relative.startswith("../") or os.path.isabs(relative):
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(relative), "uriBaseId": SRCROOT}


def _rule_descriptor(rule: type[Rule], lang: str) -> dict[str, Any]:
    documentation = rule.documentation()
    first_paragraph = documentation.split("\n\n", 1)[0].strip() or rule.summary(lang)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary(lang) or rule.name},
        "fullDescription": {"text": first_paragraph},
        "help": {"text": documentation or rule.summary(lang), "markdown": documentation or rule.summary(lang)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.code[:3] + "xx"]},
    }


def sarif_log(results: Sequence[LintResult], lang: str = "zh") -> dict[str, Any]:
    rules = plugin_registry.default_registry().sorted_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    descriptors = [_rule_descriptor(rule, lang) for rule in rules]
    sarif_results = []
    for result in results:
        for d in result.diagnostics:
            if d.code not in index:  # a diagnostic from a rule the registry does not know
                index[d.code] = len(descriptors)
                descriptors.append(
                    {
                        "id": d.code,
                        "name": d.name,
                        "shortDescription": {"text": d.name},
                        "defaultConfiguration": {"level": LEVELS[d.severity]},
                    }
                )
            region = {
                "startLine": d.line,
                "startColumn": d.column,
                "endLine": max(d.end_line, d.line),
                "endColumn": max(d.end_column, 1),
            }
            if region["endLine"] == region["startLine"]:
                region["endColumn"] = max(region["endColumn"], region["startColumn"])
            entry: dict[str, Any] = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": LEVELS[d.severity],
                "message": {"text": message_with_page(d, result, lang)},
                "locations": [{"physicalLocation": {"artifactLocation": _uri(d.path), "region": region}}],
                "partialFingerprints": {"budgetlint/v1": fingerprint(d, result.source_lines)},
            }
            origin = origin_of(d, result)
            if origin is not None and origin.label:  # the place in the PDF/Word/Excel file, as in JSON
                entry["properties"] = {"origin": origin.label, **({"page": origin.page} if origin.page else {})}
            sarif_results.append(entry)
    failures = [failure for result in results for failure in result.failures]
    root = Path(os.getcwd()).as_uri().rstrip("/") + "/"
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "budgetlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://pypi.org/project/budgetlint/",
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": root}},
                "columnKind": "unicodeCodePoints",
                "language": "zh-CN" if lang == "zh" else "en-US",
                "invocations": [
                    {
                        "executionSuccessful": not failures,
                        "toolExecutionNotifications": [
                            {"level": "error", "message": {"text": failure}} for failure in failures
                        ],
                    }
                ],
                "results": sarif_results,
            }
        ],
    }


def format_sarif(results: Sequence[LintResult], lang: str = "zh", style: object = None) -> str:
    return json.dumps(sarif_log(results, lang), ensure_ascii=False, indent=2) + "\n"
