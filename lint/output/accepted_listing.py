"""``--show-accepted``: the findings that acceptances hid, each with the reason it stands.

Plain text, one finding a line (``path:line:col: CODE message``) and the reason and the
configuration file below it; the findings never count in the report or the exit status.
"""

from __future__ import annotations

from collections.abc import Sequence

from budgetlint.model.fingerprint import portable_path
from budgetlint.run.acceptance import Accepted


def accepted_report(accepted: Sequence[Accepted], lang: str) -> str:
    """The hidden findings in document order, or one line saying there are none."""
    if not accepted:
        return "没有被接受（accepted）的发现。\n" if lang == "zh" else "No accepted findings.\n"
    title = f"已接受的发现（{len(accepted)} 个）：" if lang == "zh" else f"Accepted findings ({len(accepted)}):"
    reason_label, listed_in = ("理由", "记录于") if lang == "zh" else ("reason", "listed in")
    lines = [title]
    for d, acceptance in sorted(accepted, key=lambda item: item.diagnostic.sort_key):
        lines.append(f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {d.message}")
        lines.append(
            f"  = {reason_label}: {acceptance.reason} ({listed_in} {portable_path(acceptance.source)}, "
            f"fingerprint {acceptance.fingerprint[:12]})"
        )
    return "\n".join(lines) + "\n"
