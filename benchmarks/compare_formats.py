"""Snapshot what every output format prints, and compare two snapshots byte for byte.

Why: the output layer was restructured (one table of formats, one writer protocol,
a thin ``cli.py``) with no change in behaviour. This script runs one ``budgetlint``
executable over ``examples/*.txt`` in every ``--format``, with ``--lang en``,
``--statistics``, ``--summary``, ``-o FILE``, ``--jobs 1`` and ``--jobs 2``, plus the
``rules``, ``rule`` and ``profiles`` commands and a few error paths, and records each
case's standard output, standard error, exit status and written file. ``compare`` then
names every case whose record differs between two snapshots.

Run:  python benchmarks/compare_formats.py snapshot OUT_DIR [--budgetlint EXE]
      python benchmarks/compare_formats.py compare BEFORE_DIR AFTER_DIR
Both snapshots run in this checkout (the same paths and configuration files), so only
the executable differs: e.g. ``--budgetlint ../wt-baseline/.venv/bin/budgetlint``.
Not a test: it runs some ninety cold starts and takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("full", "concise", "json", "json-lines", "github", "gitlab", "sarif", "junit", "csv", "html")
#: The variations run for every format; "-o" writes to a file that is then recorded.
VARIANTS: dict[str, tuple[str, ...]] = {
    "jobs1": ("--jobs", "1"),
    "jobs2": ("--jobs", "2"),
    "en": ("--lang", "en", "--jobs", "1"),
    "statistics": ("--statistics", "--jobs", "1"),
    "summary": ("--summary", "--jobs", "2"),
    "output-file": ("-o", "{out}", "--jobs", "2"),
    "summary-output-file": ("--summary", "-o", "{out}", "--jobs", "1"),
}


def examples() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*.txt"))


def cases() -> dict[str, list[str]]:
    """Case name -> the arguments after ``budgetlint``."""
    docs = examples()
    found: dict[str, list[str]] = {}
    for output_format in FORMATS:
        for variant, options in VARIANTS.items():
            found[f"{output_format}-{variant}"] = ["--format", output_format, *options, *docs]
    found.update(
        {
            "single-file-full": [docs[0]],
            "single-file-en-json": ["--lang", "en", "--format", "json", docs[0]],
            "stdin-concise": ["--format", "concise", "-"],
            "select-ignore": ["--select", "BL2", "--ignore", "BL203", "--format", "concise", *docs],
            "isolated-exit-zero": ["--isolated", "--exit-zero", "--format", "concise", *docs],
            "profile-none": ["--profile", "none", "--format", "concise", docs[0]],
            "show-text": ["--show-text", docs[0]],
            "write-baseline": ["--write-baseline", "{out}", *docs],
            "unknown-code": ["--select", "XX9", docs[0]],
            "unknown-profile": ["--profile", "nosuch", docs[0]],
            "unwritable-output": ["-o", str(ROOT / "examples"), docs[0]],
            "output-under-a-file": ["-o", str(ROOT / "README.md" / "report.txt"), docs[0]],
            "statistics-output-under-a-file": ["--statistics", "-o", str(ROOT / "README.md" / "x"), docs[0]],
            "no-files": [str(ROOT / "benchmarks")],
            "baseline-missing": ["--baseline", "no-such-baseline.json", docs[0]],
            "config-missing": ["--config", "no-such-budgetlint.toml", docs[0]],
            "help": ["--help"],
            "check-help": ["check", "--help"],
            "rules": ["rules"],
            "rules-en": ["rules", "--lang", "en"],
            "rules-json": ["rules", "--format", "json"],
            "rule-BL201": ["rule", "BL201"],
            "rule-unknown": ["rule", "XX1"],
            "profiles": ["profiles"],
            "profiles-verbose": ["profiles", "-v"],
            "profiles-json-docs": ["profiles", "--format", "json", *docs],
        }
    )
    return found


def snapshot(out: Path, exe: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    stdin_text = (ROOT / examples()[0]).read_bytes()
    env = dict(os.environ, CI="1")  # no progress bar, whatever the terminal
    env.pop("BUDGETLINT_LANG", None)
    # `profiles -v` names each profile's file: the executable's checkout is not output.
    profiles = str(Path(exe).resolve().parent.parent.parent / "rules" / "profiles").encode()
    with tempfile.TemporaryDirectory() as scratch:
        for name, arguments in cases().items():
            written = Path(scratch) / f"{name}.report"
            argv = [exe, *(a.replace("{out}", str(written)) for a in arguments)]
            proc = subprocess.run(argv, cwd=ROOT, capture_output=True, input=stdin_text, env=env)
            (out / f"{name}.stdout").write_bytes(proc.stdout.replace(profiles, b"<profiles>"))
            # The scratch directory's name differs from run to run; it is not output.
            (out / f"{name}.stderr").write_bytes(proc.stderr.replace(scratch.encode(), b"<scratch>"))
            (out / f"{name}.status").write_text(f"{proc.returncode}\n")
            if written.exists():
                shutil.copyfile(written, out / f"{name}.file")
            print(f"{name}: exit {proc.returncode}", file=sys.stderr)
    return 0


def compare(before: Path, after: Path) -> int:
    names = sorted({p.stem for p in before.iterdir()} | {p.stem for p in after.iterdir()})
    differing = []
    for name in names:
        for suffix in (".stdout", ".stderr", ".status", ".file"):
            a, b = before / (name + suffix), after / (name + suffix)
            if (a.read_bytes() if a.exists() else None) != (b.read_bytes() if b.exists() else None):
                differing.append(f"{name}{suffix}")
    for item in differing:
        print(f"differs: {item}")
    same = len(names) - len({item.rsplit(".", 1)[0] for item in differing})
    print(f"{same} of {len(names)} cases byte-identical")
    return 0 if not differing else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("snapshot")
    take.add_argument("out", type=Path)
    take.add_argument("--budgetlint", default=str(ROOT / ".venv" / "bin" / "budgetlint"))
    check = commands.add_parser("compare")
    check.add_argument("before", type=Path)
    check.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        return snapshot(args.out, args.budgetlint)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
