"""Text and JSON for ``budgetlint rules`` (every rule) and ``budgetlint rule CODE`` (one rule's documentation)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from budgetlint.plugins.rule import Rule


def rules_report(rules: Sequence[type[Rule]], lang: str, output_format: str) -> str:
    """One line per rule (code, name, default severity, summary), or a JSON array with its plugin."""
    if output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "summary": r.summary(lang),
                "plugin": r.__module__,
            }
            for r in rules
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    width = max((len(r.name) for r in rules), default=10)
    return "".join(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary(lang)}\n" for r in rules)


def rule_documentation(rule: type[Rule], lang: str = "zh") -> str:
    """``# CODE name (severity)``, a blank line, and the rule's documentation in ``lang``
    (Chinese by default, like the messages; English where a plugin rule has no Chinese)."""
    return f"# {rule.code} {rule.name} ({rule.severity.value})\n\n{rule.documentation(lang)}\n"
