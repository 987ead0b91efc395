"""``--format json-lines``: one diagnostic object per line.

JSON Lines keeps the exact field contract of ``--format json`` so tools can
stream it (``jq -c``, log shippers) without parsing one large array.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from budgetlint.output.json_array import json_record, sorted_findings
from budgetlint.output.writer import Style, plain
from budgetlint.run.runner import LintResult


def format_json_lines(results: Sequence[LintResult], lang: str = "zh", style: Style = plain) -> str:
    return "".join(json.dumps(json_record(d, r), ensure_ascii=False) + "\n" for d, r in sorted_findings(results))
