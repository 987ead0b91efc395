"""``--format json``: one JSON array of every finding, sorted, with exactly the documented fields.

The contract of DESIGN.md (path, line, column, end_line, end_column, code, name,
severity, message); for PDF/Word/Excel input also ``origin`` (and ``page`` for PDF).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from budgetlint.model.diagnostics import Diagnostic
from budgetlint.output.terminal import origin_of
from budgetlint.output.writer import Style, plain
from budgetlint.run.runner import LintResult


def json_record(d: Diagnostic, result: LintResult) -> dict[str, object]:
    """The documented fields; for PDF/Word/Excel input also ``origin`` (and ``page`` for PDF)."""
    data = d.to_dict()
    origin = origin_of(d, result)
    if origin is not None and origin.label:
        data["origin"] = origin.label
        if origin.page:
            data["page"] = origin.page
    return data


def sorted_findings(results: Sequence[LintResult]) -> list[tuple[Diagnostic, LintResult]]:
    """Every finding with its result, in the diagnostics' sort order (path, position, code)."""
    return sorted(((d, r) for r in results for d in r.diagnostics), key=lambda pair: pair[0].sort_key)


def format_json(results: Sequence[LintResult], lang: str = "zh", style: Style = plain) -> str:
    records = [json_record(d, r) for d, r in sorted_findings(results)]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
