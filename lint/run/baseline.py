"""Baselines: record today's findings once, then report only new ones.

``--write-baseline FILE`` stores, per finding, its path (relative to the
baseline file, so the run's working directory does not matter), code,
fingerprint (:mod:`budgetlint.model.fingerprint`: code, message and marked text, not
line numbers) and,
for people reviewing the file, the message. ``--baseline FILE`` hides as many
current findings per (path, fingerprint) as the baseline recorded: a finding
that appears a second time in the same file is new and is shown.

Fingerprints hash the Chinese message whatever the run's language, so a baseline
written by a zh run hides the same findings in an en run (and the reverse); the file
still records the language of its ``message`` fields, for the people reading it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple, TextIO

from budgetlint.model.fingerprint import fingerprint, portable_path
from budgetlint.run.runner import LintResult
from budgetlint.run.safe_write import write_atomically
from budgetlint.run.status import FatalError

FORMAT_VERSION = 1


class BaselineError(FatalError):
    """A baseline file that cannot be read or written (the message names the file)."""


class Baseline(NamedTuple):
    path: str
    lang: str | None
    entries: Counter[tuple[str, str]]

    def apply(self, results: Iterable[LintResult]) -> int:
        """Remove recorded findings from ``results`` in place; return how many were hidden."""
        remaining = Counter(self.entries)
        root = os.path.dirname(os.path.abspath(self.path))
        hidden = 0
        for result in results:
            path = portable_path(result.path, root)
            kept = []
            for d in result.diagnostics:
                key = (path, fingerprint(d, result.source_lines))
                if remaining[key] > 0:
                    remaining[key] -= 1
                    hidden += 1
                else:
                    kept.append(d)
            result.diagnostics[:] = kept
        return hidden


def load(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a budgetlint baseline (invalid JSON: {exc})") from None
    if (
        not isinstance(data, dict)
        or data.get("version") != FORMAT_VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise BaselineError(f"{path}: not a budgetlint baseline of version {FORMAT_VERSION}")
    entries: Counter[tuple[str, str]] = Counter()
    for item in data["findings"]:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("path"), str)
            or not isinstance(item.get("fingerprint"), str)
        ):
            raise BaselineError(f"{path}: every finding needs a 'path' and a 'fingerprint'")
        entries[(item["path"], item["fingerprint"])] += 1
    lang = data.get("lang")
    return Baseline(path, lang if isinstance(lang, str) else None, entries)


def write(path: str, results: Iterable[LintResult], lang: str) -> int:
    """Record every finding of ``results`` in ``path``; return how many."""
    root = os.path.dirname(os.path.abspath(path))
    findings = []
    for result in results:
        relative = portable_path(result.path, root)
        for d in result.diagnostics:
            findings.append(
                {
                    "path": relative,
                    "code": d.code,
                    "fingerprint": fingerprint(d, result.source_lines),
                    "message": d.message,
                }
            )
    findings.sort(key=lambda f: (f["path"], f["code"], f["fingerprint"]))
    document = {"version": FORMAT_VERSION, "tool": "budgetlint", "lang": lang, "findings": findings}

    def write(handle: TextIO) -> None:
        json.dump(document, handle, ensure_ascii=False, indent=2)  # streamed: a baseline can be large
        handle.write("\n")

    try:
        write_atomically(path, write, newline="\n")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(findings)
