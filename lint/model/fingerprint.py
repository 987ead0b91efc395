"""Fingerprints of findings that survive edits elsewhere in a document.

A fingerprint is a hash of *what* was found, not *where*: the rule code, the
message in Chinese whatever the run's language (``Diagnostic.neutral_message``, with
line references masked, so zh and en runs give the same fingerprints) and the normalized text the finding
marks (its span, or the flagged line when the span covers it). Adding a
paragraph above a finding moves its line number but keeps its fingerprint;
editing the marked text gives a new one. The rest of the line is left out on
purpose: table rows put many cells on one line, and fixing one wrong date in a
row must not make the other, unfixed one look new.
Baselines, accepted findings and GitLab Code Quality reports rely on this, and GitLab also
needs fingerprints to be unique in a report, which :func:`unique_fingerprints`
adds by numbering identical findings in one file in document order.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence

from budgetlint.model.diagnostics import Diagnostic

_SPACES = re.compile(r"\s+")
# Messages may cite other lines ("与第 12 行重复", "repeats line 12"); those move with edits.
_LINE_REFERENCES = re.compile(r"第\s*\d+\s*行|\blines?\s+\d+(?:\s*[-–]\s*\d+)?", re.IGNORECASE)


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), whitespace collapsed and trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def content_key(d: Diagnostic, lines: Sequence[str]) -> str:
    """The location-free description of a finding that its fingerprint hashes."""
    message = _LINE_REFERENCES.sub("#", normalize(d.neutral_message))
    line = lines[d.line - 1] if 0 < d.line <= len(lines) else ""
    span = line[d.column - 1 : d.end_column - 1] if d.end_line == d.line else line[d.column - 1 :]
    return "\x1f".join((d.code, message, normalize(span)))


def fingerprint(d: Diagnostic, lines: Sequence[str]) -> str:
    """sha256 hex digest of :func:`content_key` (no path, no line number)."""
    return hashlib.sha256(content_key(d, lines).encode("utf-8")).hexdigest()


def portable_path(path: str, start: str | None = None) -> str:
    """``path`` relative to ``start`` (default: the working directory), with ``/`` separators."""
    if path == "-":
        return path
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(start or os.getcwd()))
    except ValueError:  # another drive on Windows
        relative = os.path.abspath(path)
    return relative.replace(os.sep, "/")


def unique_fingerprints(path: str, diagnostics: Sequence[Diagnostic], lines: Sequence[str]) -> Iterator[str]:
    """One fingerprint per diagnostic, unique within a run: path + content + occurrence number."""
    seen: dict[str, int] = {}
    for d in diagnostics:
        base = fingerprint(d, lines)
        occurrence = seen.get(base, 0)
        seen[base] = occurrence + 1
        yield hashlib.sha256(f"{path}\x1f{base}\x1f{occurrence}".encode()).hexdigest()
