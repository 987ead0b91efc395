"""Per-document statistics of budgetlint on the wide/ corpus, as a Markdown table (issue 14).

Why: the regression suite (``tests/corpus/wide-*.toml``) holds every error and warning with a
verdict, but not what a reader of the closing note wants per document: how many findings of
each severity, how many tables were checked or skipped by the structure gate (as ``--summary``
prints them: "表格：已检查算术 N 张，结构未能识别而跳过 M 张"), how many of the findings are
known false alarms, and which real defects were found, with the reviewer's reason.

Each document is linted in-process as a user lints the folder (``.partN`` sets joined into one
document, the scanned/ subfolder included), documents in parallel; the reviewed verdicts are
matched to the findings by (file, code, origin), as ``tests/corpus/wide_review.py`` does.

Run:  python benchmarks/wide_stats.py [--jobs N] [--folder DIR]
Not a test: it needs the shared corpus and prints a report.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.output.terminal import origin_of
from budgetlint.run.joined import Input, first_path, lint_joined, part_groups
from budgetlint.run.options import Config
from budgetlint.run.runner import LintResult, discover, lint_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
WIDE = ROOT.parent / "shared" / "corpus" / "wide"
REVIEWED = sorted((ROOT / "tests" / "corpus").glob("wide-*.toml"))
#: Reasons are shortened to this many characters in the table.
REASON_WIDTH = 90

Key = tuple[str, str, str]  # (file name, code, origin) as in the reviewed files


class DocumentStats(NamedTuple):
    """One document's counts, and the keys of its errors and warnings."""

    name: str  # the (first) file's name
    files: tuple[str, ...]  # every file's name (the parts of a joined document)
    errors: int
    warnings: int
    infos: int
    checked: int  # tables whose arithmetic was checked
    skipped: int  # tables the structure gate skipped (BL003)
    findings: tuple[tuple[Key, str], ...]  # every error and warning: key and severity


def _paths(unit: Input) -> tuple[str, ...]:
    return (unit,) if isinstance(unit, str) else unit


def document_stats(unit: Input) -> DocumentStats:
    """Lint one document (a file or a joined ``.partN`` set) and count what the user sees."""
    config = Config()
    result = lint_file(unit, config) if isinstance(unit, str) else lint_joined(unit, config)
    severities = Counter(d.severity for d in result.diagnostics)
    gate = result.context.structure_gate if result.context is not None and result.document is not None else None
    findings = tuple(
        ((Path(d.path).name, d.code, _at(d, result)), d.severity.value)
        for d in result.diagnostics
        if d.severity is not Severity.INFO
    )
    return DocumentStats(
        Path(first_path(unit)).name,
        tuple(Path(p).name for p in _paths(unit)),
        severities[Severity.ERROR],
        severities[Severity.WARNING],
        severities[Severity.INFO],
        gate.checked_tables if gate else 0,
        gate.skipped_tables if gate else 0,
        findings,
    )


def _at(diagnostic: Diagnostic, result: LintResult) -> str:
    """The finding's origin as ``--format json`` gives it (page, line, cell), else ``L<line>``."""
    origin = origin_of(diagnostic, result)
    return origin.label if origin is not None and origin.label else f"L{diagnostic.line}"


def load_reviewed(paths: Sequence[Path] = REVIEWED) -> dict[Key, list[dict[str, str]]]:
    """The reviewed findings by key (a key may repeat: several findings at one cell)."""
    reviewed: dict[Key, list[dict[str, str]]] = {}
    for path in paths:
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("finding", []):
            key = (str(entry["file"]), str(entry["code"]), str(entry["at"]))
            reviewed.setdefault(key, []).append({k: str(v) for k, v in entry.items()})
    return reviewed


class Verdicts(NamedTuple):
    false_errors: int
    false_warnings: int
    unreviewed: int
    defects: tuple[str, ...]  # "BL201 p7:L14:C2: reason"


def verdicts(stats: DocumentStats, reviewed: dict[Key, list[dict[str, str]]]) -> Verdicts:
    """Each finding's reviewed verdict, consumed in order so that a repeated key counts once each."""
    pool = {key: list(entries) for key, entries in reviewed.items() if key[0] in stats.files}
    false_errors = false_warnings = unreviewed = 0
    defects: list[str] = []
    for key, severity in stats.findings:
        entries = pool.get(key)
        entry = entries.pop(0) if entries else None
        verdict = entry["verdict"] if entry else "unreviewed"
        if verdict == "false":
            false_errors += severity == "error"
            false_warnings += severity == "warning"
        elif verdict == "true" and entry is not None:
            reason = entry.get("reason", "")
            short = reason if len(reason) <= REASON_WIDTH else reason[: REASON_WIDTH - 1] + "…"
            defects.append(f"{key[1]} {key[2]}: {short}".replace("|", "\\|"))
        else:
            unreviewed += 1
    return Verdicts(false_errors, false_warnings, unreviewed, tuple(defects))


def markdown(all_stats: Sequence[DocumentStats], reviewed: dict[Key, list[dict[str, str]]]) -> str:
    """One row per document and a totals row; real defects listed in their document's row."""
    rows = [
        "| document | errors | warnings | infos | tables checked / skipped | false E / W | real defects |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    totals = Counter[str]()
    for stats in all_stats:
        v = verdicts(stats, reviewed)
        totals.update(
            errors=stats.errors,
            warnings=stats.warnings,
            infos=stats.infos,
            checked=stats.checked,
            skipped=stats.skipped,
            false_errors=v.false_errors,
            false_warnings=v.false_warnings,
            defects=len(v.defects),
            unreviewed=v.unreviewed,
        )
        shown = "<br>".join(v.defects) or "—"
        if v.unreviewed:
            shown += f" ({v.unreviewed} unreviewed)"
        rows.append(
            f"| {stats.name} | {stats.errors} | {stats.warnings} | {stats.infos} | {stats.checked} / {stats.skipped}"
            f" | {v.false_errors} / {v.false_warnings} | {shown} |"
        )
    unreviewed = f", {totals['unreviewed']} unreviewed" if totals["unreviewed"] else ""
    rows.append(
        f"| **total ({len(all_stats)} documents)** | {totals['errors']} | {totals['warnings']} | {totals['infos']}"
        f" | {totals['checked']} / {totals['skipped']} | {totals['false_errors']} / {totals['false_warnings']}"
        f" | {totals['defects']} real defects{unreviewed} |"
    )
    documents = max(len(all_stats), 1)
    rows.append("")
    rows.append(
        f"False errors per document: {totals['false_errors'] / documents:.2f}; "
        f"false warnings per document: {totals['false_warnings'] / documents:.2f}."
    )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--folder", type=Path, default=WIDE)
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder} is not here", file=sys.stderr)
        return 2
    units = part_groups(list(discover([str(args.folder)], suffixes=(".pdf",))))
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        all_stats = list(pool.map(document_stats, units))
    print(markdown(all_stats, load_reviewed()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
