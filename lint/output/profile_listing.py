"""Text and JSON for ``budgetlint profiles``: the profiles, and which one each document gets.

Kept out of the CLI module so that the command stays a few lines there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from budgetlint.analysis.profiles import Profile, describe, select_profile, validate_profiles
from budgetlint.parsing.document import parse
from budgetlint.read.text import UnreadableInput
from budgetlint.run.runner import discover, read_document_text


def profiles_report(
    candidates: Sequence[Any], paths: Sequence[str], verbose: bool, output_format: str
) -> tuple[str, list[str]]:
    """(output, warnings): the profile list, or with ``paths`` each document's selection."""
    profiles, warnings = validate_profiles(candidates)
    if paths:
        rows = [_detect(path, profiles) for path in _files(paths)]
        if output_format == "json":
            return json.dumps(rows, ensure_ascii=False, indent=2) + "\n", warnings
        lines = []
        for row in rows:
            if row["profile"] is None:
                lines.append(f"{row['path']}: (no profile: generic checks only){row.get('error', '')}")
            else:
                lines.append(
                    f"{row['path']}: {row['profile']} ({row['found']}/{row['tables']} tables; "
                    f"kind {row['kind'] or '?'})"
                )
        return "\n".join(lines) + "\n", warnings
    if output_format == "json":
        return json.dumps([describe(p) for p in profiles], ensure_ascii=False, indent=2) + "\n", warnings
    width = max((len(p.name) for p in profiles), default=10)
    lines = []
    for profile in profiles:
        kinds = "/".join(kind.value for kind in profile.kinds)
        lines.append(
            f"{profile.name:<{width}}  {len(profile.tables):>2} 表 {len(profile.sections):>2} 项  "
            f"{profile.title}  [{kinds}]"
        )
        if verbose:
            lines.extend(_details(profile))
    return "\n".join(lines) + "\n", warnings


def _details(profile: Profile) -> list[str]:
    lines = [f"    {profile.description}"] if profile.description else []
    for spec in profile.tables:
        lines.append(f"    表  {spec.name}{'' if spec.may_be_empty else '（须有数据）'}")
    for section in profile.sections:
        lines.append(f"    说明 {section.name}")
    if profile.source:
        lines.append(f"    来源 {profile.source}")
    if profile.origin:
        lines.append(f"    文件 {profile.origin}")
    lines.append("")
    return lines


def _files(paths: Sequence[str]) -> list[str]:
    return list(discover(paths))


def _detect(path: str, profiles: list[Profile]) -> dict[str, Any]:
    try:
        text = read_document_text(path)[0]  # PDF/Word/Excel through their readers
    except (OSError, UnreadableInput) as exc:
        return {"path": path, "profile": None, "kind": None, "found": 0, "tables": 0, "error": f" (unreadable: {exc})"}
    doc = parse(text, path=path)
    chosen = select_profile(doc, profiles)
    if chosen is None:
        return {"path": path, "profile": None, "kind": doc.kind.value if doc.kind else None, "found": 0, "tables": 0}
    return {
        "path": path,
        "profile": chosen.profile.name,
        "kind": doc.kind.value if doc.kind else None,
        "found": chosen.match.found,
        "tables": len(chosen.profile.tables),
        "missing": [spec.name for spec in chosen.match.missing],
    }
