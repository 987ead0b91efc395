"""Fidelity of the PDFium reader: does the rules' text, and do the findings, stay the same?

Run:  nice -n 19 python benchmarks/pdf_fidelity.py [--jobs 2] [--no-findings] [--out FILE] [DIR|PDF ...]
(default: every PDF under ../shared/corpus, wide/ and its subfolders included).

For each PDF both engines (``--pdf-engine pdfplumber`` and ``pdfium``) read the file and
their ``--show-text`` output (every line with its page/line/cell origin) is compared; then
each corpus folder is linted with both engines (``--format json``, part files joined as the
CLI joins them) and the findings are compared. Every differing line is put in a class:

- ``spaces``: the same characters, spaces placed differently (an inter-word space);
- ``split``: one engine's line is several of the other's (a wrapped sentence joined or not);
- ``origin``: the same text, another page/line label;
- ``chars``: other characters (a glyph decoded differently, a duplicated character);
- ``missing``/``extra``: a line only one engine has;
- ``unreadable``: one engine reads the file, the other cannot (BL001).

Exit status 0 when every PDF reads identically and every finding is the same, else 1.
Not a test: it reads ~60 PDFs twice (a few minutes at low priority).
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
ENGINES = ("pdfplumber", "pdfium")


class Reading(NamedTuple):
    path: str
    texts: tuple[str, str]  # --show-text output per engine ("!" + reason when unreadable)
    seconds: tuple[float, float]


def show_text(path: str, engine: str) -> tuple[str, float]:
    """What ``budgetlint --show-text --pdf-engine ENGINE`` prints for one file, and the reading time."""
    from budgetlint.output.source_text import format_source_text
    from budgetlint.read import read_pdf
    from budgetlint.read.base import DEFAULT_LIMITS, ReaderError

    start = time.perf_counter()
    try:
        document = read_pdf(path, DEFAULT_LIMITS._replace(pdf_engine=engine))
    except ReaderError as exc:
        return "!" + exc.reason_en, time.perf_counter() - start
    return format_source_text(document.text, document.source_map), time.perf_counter() - start


def read_both(path: str) -> Reading:
    first, first_seconds = show_text(path, ENGINES[0])
    second, second_seconds = show_text(path, ENGINES[1])
    return Reading(path, (first, second), (first_seconds, second_seconds))


def _body(line: str) -> tuple[str, str]:
    """(origin label, text) of a ``--show-text`` line ``  12 p3:L4 | text``."""
    gutter, _, text = line.partition(" | ")
    return gutter.split()[-1] if len(gutter.split()) > 1 else "", text


def classify(old: list[str], new: list[str]) -> str:
    """The class of one replaced block of lines (see the module docstring)."""
    if not old:
        return "extra"
    if not new:
        return "missing"
    old_bodies = [_body(line) for line in old]
    new_bodies = [_body(line) for line in new]
    old_text = [text for _, text in old_bodies]
    new_text = [text for _, text in new_bodies]
    if old_text == new_text:
        return "origin"
    if len(old) != len(new) and "".join(old_text).replace(" ", "") == "".join(new_text).replace(" ", ""):
        return "split"
    if [t.replace(" ", "") for t in old_text] == [t.replace(" ", "") for t in new_text]:
        return "spaces"
    return "chars"


def differences(reading: Reading) -> list[tuple[str, list[str], list[str]]]:
    """(class, old lines, new lines) for every block the engines read differently."""
    old, new = reading.texts
    if old == new:
        return []
    if old.startswith("!") or new.startswith("!"):
        return [("unreadable", [old[:200]], [new[:200]])]
    a, b = old.splitlines(), new.splitlines()
    found = []
    matcher = difflib.SequenceMatcher(None, [_body(x)[1] for x in a], [_body(x)[1] for x in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            labels_a = [_body(x)[0] for x in a[i1:i2]]
            labels_b = [_body(x)[0] for x in b[j1:j2]]
            if labels_a != labels_b:
                found.append(("origin", a[i1:i2][:3], b[j1:j2][:3]))
            continue
        found.append((classify(a[i1:i2], b[j1:j2]), a[i1:i2], b[j1:j2]))
    return found


def findings(folder: Path, engine: str, jobs: int) -> dict[tuple[str, str, int, int, str], int]:
    """(file, code, line, column, message) → count for one folder's PDFs linted with one engine."""
    pdfs = sorted(str(p) for p in folder.glob("*.pdf"))
    if not pdfs:
        return {}
    command = [
        str(Path(sys.executable).parent / "budgetlint"),
        "--isolated",
        "--format",
        "json",
        "--jobs",
        str(jobs),
        "--pdf-engine",
        engine,
        *pdfs,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    data = json.loads(done.stdout or "[]")
    rows = data if isinstance(data, list) else data.get("diagnostics", [])
    counted: Counter[tuple[str, str, int, int, str]] = Counter()
    for row in rows:
        counted[(Path(row["path"]).name, row["code"], row["line"], row["column"], row["message"])] += 1
    return dict(counted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help=f"PDFs or folders [default: {CORPUS}]")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-findings", action="store_true", help="compare the text only")
    parser.add_argument("--out", help="write every difference (both sides) to this file")
    args = parser.parse_args()
    roots = [Path(p) for p in args.paths] or [CORPUS]
    pdfs = sorted({str(p) for root in roots for p in ([root] if root.is_file() else root.rglob("*.pdf"))})
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        readings = list(pool.map(read_both, pdfs))
    classes: Counter[str] = Counter()
    files_with: dict[str, set[str]] = {}
    report: list[str] = []
    pages = {"same": 0, "different": 0}
    for reading in readings:
        found = differences(reading)
        pages["different" if found else "same"] += 1
        for kind, old, new in found:
            classes[kind] += 1
            files_with.setdefault(kind, set()).add(Path(reading.path).name)
            report.append(f"## {Path(reading.path).name} [{kind}]")
            report.extend(f"- {line}" for line in old)
            report.extend(f"+ {line}" for line in new)
    seconds = [sum(r.seconds[i] for r in readings) for i in range(2)]
    print(f"{len(readings)} PDFs: {pages['same']} read identically, {pages['different']} differ")
    print(f"reading time: pdfplumber {seconds[0]:.1f} s, pdfium {seconds[1]:.1f} s")
    for kind, count in classes.most_common():
        print(f"  {kind}: {count} blocks in {len(files_with[kind])} files: {', '.join(sorted(files_with[kind]))}")
    same_findings = True
    if not args.no_findings:
        folders = sorted({Path(p).parent for p in pdfs})
        for folder in folders:
            old, new = (findings(folder, engine, args.jobs) for engine in ENGINES)
            if old != new:
                same_findings = False
                for key in sorted(set(old) | set(new)):
                    if old.get(key) != new.get(key):
                        where = f"{folder.name}/{key[0]} {key[1]} at {key[2]}:{key[3]}"
                        line = f"findings {where}: {old.get(key, 0)} → {new.get(key, 0)} ({key[4][:60]})"
                        print("  " + line)
                        report.append(line)
        print("findings: identical" if same_findings else "findings: differ (listed above)")
    if args.out:
        Path(args.out).write_text("\n".join(report) + "\n", encoding="utf-8")
    return 0 if not classes and same_findings else 1


if __name__ == "__main__":
    sys.exit(main())
