"""GitLab Code Quality report (a subset of the Code Climate issue format).

GitLab requires, per issue: ``description``, ``check_name``, ``fingerprint``,
``severity`` (info, minor, major, critical or blocker), ``location.path``
(relative to the repository root) and ``location.lines.begin``. It compares
reports of the source and target branch by fingerprint, so a fingerprint must
be unique in a report and stable across runs and unrelated edits: it hashes
the finding's content and its occurrence number, never its line. For PDF input the
description names the page (the lines are those of the extracted text).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from budgetlint.model.diagnostics import Severity
from budgetlint.model.fingerprint import portable_path, unique_fingerprints
from budgetlint.output.terminal import message_with_page
from budgetlint.run.runner import LintResult

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def format_gitlab(results: Sequence[LintResult], lang: str = "zh", style: object = None) -> str:
    issues = []
    for result in results:
        path = portable_path(result.path)
        for d, fp in zip(
            result.diagnostics, unique_fingerprints(path, result.diagnostics, result.source_lines), strict=False
        ):
            issues.append(
                {
                    "type": "issue",
                    "check_name": d.code,
                    "description": f"{d.code} {d.name}: {message_with_page(d, result, lang)}",
                    "categories": ["Bug Risk"],
                    "severity": SEVERITIES[d.severity],
                    "fingerprint": fp,
                    "location": {"path": path, "lines": {"begin": d.line, "end": max(d.end_line, d.line)}},
                }
            )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
