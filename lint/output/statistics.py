"""``--statistics``: the number of findings per rule, instead of the findings.

A text table (``count  code  name  severity``), or JSON for the machine formats.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from budgetlint.run.runner import LintResult


def statistics(results: Sequence[LintResult]) -> list[dict[str, object]]:
    """Findings per code, most frequent first (ties by code)."""
    counts: Counter[str] = Counter()
    names: dict[str, tuple[str, str]] = {}
    for result in results:
        for d in result.diagnostics:
            counts[d.code] += 1
            names[d.code] = (d.name, d.severity.value)
    return [
        {"code": code, "name": names[code][0], "severity": names[code][1], "count": count}
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def format_statistics(results: Sequence[LintResult], output_format: str = "full") -> str:
    """Text table (``count  code  name  severity``), or JSON for the machine formats."""
    rows = statistics(results)
    if output_format in ("json", "json-lines"):
        if output_format == "json-lines":
            return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return ""
    width = max(len(str(row["count"])) for row in rows)
    name_width = max(len(str(row["name"])) for row in rows)
    return "".join(
        f"{row['count']:>{width}}  {row['code']}  {row['name']:<{name_width}}  {row['severity']}\n" for row in rows
    )
