"""Snapshot budgetlint's ``--format json`` output on every corpus document, and compare snapshots.

Why: a restructure must not change behaviour. This script lints every document under
``../shared/corpus/`` (text and PDF, ``wide/`` included) and ``examples/`` one file at a
time, in parallel, and writes one JSON file per document; ``--compare`` then reports every
document whose output differs byte for byte from an earlier snapshot.

Run:  python benchmarks/corpus_json.py snapshot OUT_DIR [--jobs N] [--budgetlint EXE]
      python benchmarks/corpus_json.py compare BEFORE_DIR AFTER_DIR
      python benchmarks/corpus_json.py stats DIR [--all]   (findings per wide/ document and by code)
Not a test: it needs the shared corpus, which CI may not have, and takes minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SUFFIXES = {".txt", ".pdf", ".docx", ".xlsx"}


def documents() -> list[Path]:
    """Every lintable document of the corpus and of examples/, in a stable order."""
    found: list[Path] = []
    for base in (CORPUS, ROOT / "examples"):
        if base.is_dir():
            found.extend(
                p
                for p in sorted(base.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUFFIXES and p.name != "README.md" and "plugin" not in p.parts
            )
    return found


def _shown(path: Path) -> str:
    """The path as given on the command line (relative to the checkout, so that two checkouts agree)."""
    if path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    return "../" + str(path.relative_to(ROOT.parent))


def _name(path: Path) -> str:
    shown = _shown(path)
    return hashlib.sha1(shown.encode()).hexdigest()[:10] + "-" + path.name + ".json"


def snapshot(out: Path, jobs: int, exe: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    docs = documents()

    def run(path: Path) -> str:
        rel = _shown(path)
        proc = subprocess.run(
            [exe, "--isolated", "--format", "json", rel],
            cwd=ROOT,
            capture_output=True,
            timeout=900,
        )
        (out / _name(path)).write_bytes(b"exit=%d\n" % proc.returncode + proc.stdout + b"\n--stderr--\n" + proc.stderr)
        return rel

    with ThreadPoolExecutor(jobs) as pool:
        for rel in pool.map(run, docs):
            print(rel, file=sys.stderr)
    print(f"{len(docs)} documents snapshotted into {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    differ = [
        n
        for n in names
        if not (before / n).is_file()
        or not (after / n).is_file()
        or (before / n).read_bytes() != (after / n).read_bytes()
    ]
    for name in differ:
        print("DIFFERS:", name)
    print(f"{len(names) - len(differ)} of {len(names)} documents byte-identical")
    return 1 if differ else 0


def _findings(path: Path) -> list[dict[str, object]] | None:
    """The JSON findings of one snapshot file (None when the run printed no JSON)."""
    text = path.read_text(encoding="utf-8")
    body = text.split("\n", 1)[1].split("\n--stderr--\n")[0] if "\n" in text else ""
    try:
        found = json.loads(body)
    except ValueError:
        return None
    return found if isinstance(found, list) else None


def stats(folder: Path, everything: bool) -> int:
    """Errors, warnings and infos per document (wide/ only unless ``everything``) and by code."""
    by_code: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    rows = []
    for path in sorted(folder.glob("*.json")):
        found = _findings(path)
        if found is None:
            rows.append((path.name, "no JSON output (crash?)"))
            continue
        if not found:
            continue
        shown = str(found[0]["path"])
        if not everything and "/wide/" not in shown:
            continue
        counts = Counter(str(d["severity"]) for d in found)
        totals.update(counts)
        by_code.update((str(d["code"]), str(d["severity"])) for d in found)
        rows.append(
            (shown.rsplit("/", 1)[-1], f"{counts['error']:4d} E {counts['warning']:4d} W {counts['info']:4d} I")
        )
    for name, figures in rows:
        print(f"{figures}  {name}")
    documents = len(rows)
    print(
        f"{documents} documents with findings: {totals['error']} errors, {totals['warning']} warnings, "
        f"{totals['info']} infos"
    )
    for (code, severity), count in sorted(by_code.items(), key=lambda item: -item[1]):
        print(f"  {code} {severity:7s} {count}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("out", type=Path)
    snap.add_argument("--jobs", type=int, default=2)
    snap.add_argument("--budgetlint", default=str(Path(sys.executable).with_name("budgetlint")))
    comp = sub.add_parser("compare")
    comp.add_argument("before", type=Path)
    comp.add_argument("after", type=Path)
    stat = sub.add_parser("stats")
    stat.add_argument("folder", type=Path)
    stat.add_argument("--all", action="store_true", help="every document, not only wide/")
    args = parser.parse_args()
    if args.command == "snapshot":
        return snapshot(args.out, args.jobs, args.budgetlint)
    if args.command == "stats":
        return stats(args.folder, args.all)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
