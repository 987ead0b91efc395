"""The reviewed findings of budgetlint on ``../shared/corpus/wide/``: load, lint, compare, update.

Why: published figures are almost always consistent, so every error and warning budgetlint
reports on these 45 real documents was read against the PDF and recorded with a verdict —
``true`` (the document is wrong) or ``false`` (budgetlint misreads it: a known false alarm,
to be fixed) — and a one-line reason. ``tests/test_corpus_wide.py`` fails when the findings
differ from the reviewed set, so a change that adds a false alarm, or loses a real defect,
is seen at once.

The files ``wide-*.toml`` beside this module hold ``[[finding]]`` tables::

    [[finding]]
    file = "201_sh_shenjiju_2026_unit_budget.pdf"  # the PDF the finding points into
    code = "BL201"
    at = "p7:L14:C2"      # its origin (page, line, cell), or "L81" without one
    severity = "error"
    message = "…"         # for the reader; not compared
    verdict = "true"      # "true" | "false" | "unreviewed" (a test fails on "unreviewed")
    reason = "…"

Update after a deliberate change: ``python tests/corpus/wide_review.py`` lints wide/ as a
user would (the folder, ``.partN`` files joined), keeps every reviewed entry that is still
found, drops those no longer found and adds new ones as ``unreviewed`` for you to review.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WIDE = ROOT.parent / "shared" / "corpus" / "wide"
#: Reviewed files by the number that starts each document's name (files are split so that
#: several reviewers can work at once).
RANGES = ((201, 215), (216, 232), (233, 239), (240, 299))
KEY_FIELDS = ("file", "code", "at")

Key = tuple[str, str, str]


def key_of(finding: dict[str, object]) -> Key:
    return (str(finding["file"]), str(finding["code"]), str(finding["at"]))


def lint_wide(budgetlint: str | None = None) -> list[dict[str, object]]:
    """Every error and warning budgetlint reports on wide/, as reviewed entries (no verdict)."""
    exe = budgetlint or str(Path(sys.executable).with_name("budgetlint"))
    env = {k: v for k, v in os.environ.items() if k != "BUDGETLINT_DEBUG"}
    proc = subprocess.run(
        [exe, "--isolated", "--format", "json", "--jobs", "2", str(WIDE)],
        capture_output=True,
        text=True,
        timeout=1800,
        env=env,
        check=False,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"budgetlint exited {proc.returncode}: {proc.stderr[-2000:]}")
    found = []
    for d in json.loads(proc.stdout):
        if d["severity"] == "info":
            continue
        found.append(
            {
                "file": str(d["path"]).rsplit("/", 1)[-1],
                "code": d["code"],
                "at": d.get("origin") or f"L{d['line']}",
                "severity": d["severity"],
                "message": d["message"],
            }
        )
    return found


def reviewed_files() -> list[Path]:
    return [HERE / f"wide-{low}-{high}.toml" for low, high in RANGES]


def load_reviewed() -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
    for path in reviewed_files():
        if path.is_file():
            entries.extend(tomllib.loads(path.read_text(encoding="utf-8")).get("finding", []))
    return entries


def differences(found: list[dict[str, object]], reviewed: list[dict[str, object]]) -> tuple[list[Key], list[Key]]:
    """(found but not reviewed, reviewed but no longer found), as multisets of keys."""
    have, want = Counter(map(key_of, found)), Counter(map(key_of, reviewed))
    return sorted((have - want).elements()), sorted((want - have).elements())


def _range_of(file: str) -> int:
    number = int(file[:3]) if file[:3].isdigit() else 0
    for index, (low, high) in enumerate(RANGES):
        if low <= number <= high:
            return index
    return len(RANGES) - 1


def _toml_string(value: object) -> str:
    return json.dumps(str(value), ensure_ascii=False)


def write_reviewed(entries: list[dict[str, object]]) -> None:
    groups: list[list[dict[str, object]]] = [[] for _ in RANGES]
    for entry in sorted(entries, key=lambda e: (str(e["file"]), str(e["at"]), str(e["code"]))):
        groups[_range_of(str(entry["file"]))].append(entry)
    for path, group in zip(reviewed_files(), groups, strict=True):
        lines = [
            "# Reviewed findings of budgetlint on ../shared/corpus/wide/ (see tests/corpus/wide_review.py).",
            '# verdict: "true" = the document is wrong; "false" = budgetlint misreads it (known false alarm).',
            "",
        ]
        for entry in group:
            lines.append("[[finding]]")
            for field in ("file", "code", "at", "severity", "message", "verdict", "reason"):
                lines.append(f"{field} = {_toml_string(entry.get(field, ''))}")
            lines.append("")
        path.write_text("\n".join(lines), encoding="utf-8")


def update() -> int:
    """Keep the reviewed entries still found, drop the others, add new findings as unreviewed."""
    found = lint_wide()
    pool: dict[Key, list[dict[str, object]]] = {}
    for entry in load_reviewed():
        pool.setdefault(key_of(entry), []).append(entry)
    merged = []
    added = 0
    for finding in found:
        previous = pool.get(key_of(finding))
        if previous:
            entry = previous.pop(0)
            entry.update(severity=finding["severity"], message=finding["message"])
        else:
            entry = {**finding, "verdict": "unreviewed", "reason": ""}
            added += 1
        merged.append(entry)
    dropped = sum(len(rest) for rest in pool.values())
    write_reviewed(merged)
    print(f"{len(merged)} findings: {added} new (unreviewed), {dropped} no longer found and dropped")
    return 0


if __name__ == "__main__":
    sys.exit(update())
