"""Accepted findings: a reviewer's "this one is right as published", kept in the configuration.

An acceptance (``[[tool.budgetlint.accepted]]``: code, file, fingerprint, reason) hides the
findings of that rule in that file whose fingerprint (:mod:`budgetlint.model.fingerprint`:
code, Chinese message, marked text — no line numbers, no language) it names. Unlike a
baseline, each entry is one reviewed finding with the reason it stands, next to the
settings of the documents it concerns.

A hidden finding is kept aside (``--show-accepted`` lists it with its reason). An
acceptance of a file linted with its rule enabled that hides nothing is *stale* (the
document changed, or the finding was fixed): the rule :data:`STALE_CODE` reports it, as
ruff's unused-noqa does, so the configuration never keeps reasons for findings that are gone.

``budgetlint accept FINGERPRINT --reason "…"`` writes an entry (:func:`record`) into the
configuration file that governs the document, atomically, and never touches the document.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, Protocol, cast

from budgetlint.model.diagnostics import Diagnostic
from budgetlint.model.fingerprint import fingerprint, portable_path
from budgetlint.plugins.registry import Registry
from budgetlint.run.configfile import (
    BUDGETLINT_TOML,
    PYPROJECT_TOML,
    Acceptance,
    ConfigError,
    FileSettings,
    _load_toml,
    _table_of,
    load_settings,
    toml_module,
)
from budgetlint.run.options import Config
from budgetlint.run.runner import STDIN, LintResult
from budgetlint.run.safe_write import write_atomically
from budgetlint.run.status import FatalError, UsageProblem

#: The rule that reports a stale acceptance (rules/bl009_stale_acceptance.py owns its words).
STALE_CODE = "BL009"
#: The shortest fingerprint prefix ``budgetlint accept`` takes (as git takes short hashes).
MIN_PREFIX = 8


class Accepted(NamedTuple):
    """A finding hidden by an acceptance, for ``--show-accepted``."""

    diagnostic: Diagnostic
    acceptance: Acceptance


def relative_to(path: str, root: str) -> str:
    """``path`` relative to ``root`` with ``/`` separators, as acceptances name files."""
    try:
        relative = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive on Windows
        relative = os.path.abspath(path)
    return relative.replace(os.sep, "/")


def matches(acceptance: Acceptance, d: Diagnostic, lines: Sequence[str]) -> bool:
    """Does ``acceptance`` name finding ``d`` (same rule, same file, same fingerprint)?"""
    return (
        d.code == acceptance.code
        and d.path != STDIN
        and relative_to(d.path, acceptance.root) == acceptance.file
        and fingerprint(d, lines) == acceptance.fingerprint
    )


class Split(NamedTuple):
    kept: list[Diagnostic]
    accepted: list[Accepted]
    stale: list[Acceptance]


def split(
    result: LintResult,
    settings_for: Callable[[str], FileSettings | None],
    still_checked: Callable[[str, str], bool],
) -> Split:
    """The findings of ``result`` that stay, those acceptances hide, and the stale acceptances.

    ``still_checked(path, code)`` says whether rule ``code`` ran on ``path`` and its findings
    were kept (selected, not per-file-ignored): an acceptance for a rule that did not run
    proves nothing and is never stale.
    """
    paths = dict.fromkeys([result.path, *(d.path for d in result.diagnostics)])
    candidates: list[Acceptance] = []
    for path in paths:
        settings = settings_for(path)
        if settings is None or path == STDIN:
            continue
        for acceptance in settings.accepted:
            if relative_to(path, acceptance.root) == acceptance.file and acceptance not in candidates:
                candidates.append(acceptance)
    if not candidates:
        return Split(list(result.diagnostics), [], [])
    kept: list[Diagnostic] = []
    accepted: list[Accepted] = []
    used: set[Acceptance] = set()
    for d in result.diagnostics:
        hit = next((a for a in candidates if matches(a, d, result.source_lines)), None)
        if hit is None:
            kept.append(d)
        else:
            accepted.append(Accepted(d, hit))
            used.add(hit)
    stale = [a for a in candidates if a not in used and still_checked(_path_of(a, paths), a.code)]
    return Split(kept, accepted, stale)


def _path_of(acceptance: Acceptance, paths: Iterable[str]) -> str:
    return next(p for p in paths if relative_to(p, acceptance.root) == acceptance.file)


class _ReportsStale(Protocol):
    """The stale-acceptance rule (rules/bl009_stale_acceptance.py): its words, the run's timing."""

    def stale(self, path: str, source: str, code: str, fingerprint: str) -> Diagnostic: ...


def apply(
    result: LintResult,
    settings_for: Callable[[str], FileSettings | None],
    config_for: Callable[[str], Config],
    still_checked: Callable[[str, str], bool],
    registry: Registry | None,
) -> list[Accepted]:
    """Hide the accepted findings of ``result`` (returned) and add a finding per stale acceptance.

    The stale findings come from the registry's :data:`STALE_CODE` rule, in the language and
    severity of the document's configuration, when that rule is installed and still checked.
    """
    parts = split(result, settings_for, still_checked)
    rule_class = registry.rules.get(STALE_CODE) if registry is not None else None
    stale: list[Diagnostic] = []
    for entry in parts.stale:
        path = _path_of(entry, [result.path, *(d.path for d in result.diagnostics)])
        if rule_class is None or not hasattr(rule_class, "stale") or not still_checked(path, STALE_CODE):
            continue
        config = config_for(path)
        rule = cast(
            _ReportsStale, rule_class(lang=config.lang, severity=config.severity_of(STALE_CODE, rule_class.severity))
        )
        stale.append(rule.stale(path, portable_path(entry.source), entry.code, entry.fingerprint))
    result.diagnostics[:] = sorted(parts.kept + stale, key=lambda d: d.sort_key)
    return parts.accepted


# -- budgetlint accept: finding the finding, writing an entry -------------------------
class Found(NamedTuple):
    """A finding of the run whose fingerprint starts with what the user typed."""

    diagnostic: Diagnostic
    fingerprint: str


def findings_with(prefix: str, results: Iterable[LintResult]) -> list[Found]:
    """The distinct findings (by file and fingerprint) whose fingerprint starts with ``prefix``."""
    prefix = prefix.strip().lower()
    if len(prefix) < MIN_PREFIX or not re.fullmatch(r"[0-9a-f]+", prefix):
        raise UsageProblem(
            f"FINGERPRINT: expected at least {MIN_PREFIX} hex digits of a finding's fingerprint "
            f"(the full output shows 12, --format json all 64), got {prefix!r}"
        )
    found: dict[tuple[str, str], Found] = {}
    for result in results:
        for d in result.diagnostics:
            full = fingerprint(d, result.source_lines)
            if full.startswith(prefix) and d.path != STDIN:
                found.setdefault((d.path, full), Found(d, full))
    return list(found.values())


# -- budgetlint accept: writing an entry ---------------------------------------------
class Target(NamedTuple):
    """The configuration file an acceptance goes into, and the table header it uses there."""

    path: str
    header: str


def target_for(document: str, governing: FileSettings | None, cwd: str) -> Target:
    """The closest configuration file of ``document``; a new budgetlint.toml when it has none.

    A new file goes into the working directory when the document is below it (so it can
    hold the acceptances of a whole folder), otherwise beside the document.
    """
    if governing is not None:
        return Target(governing.path, header_of(governing.path))
    folder = os.path.dirname(os.path.abspath(document))
    if os.path.commonpath([os.path.abspath(cwd), folder]) == os.path.abspath(cwd):
        folder = os.path.abspath(cwd)
    return Target(os.path.join(folder, BUDGETLINT_TOML), "[[tool.budgetlint.accepted]]")


def header_of(path: str) -> str:
    """``[[accepted]]`` in a budgetlint.toml with top-level keys, else ``[[tool.budgetlint.accepted]]``."""
    if os.path.basename(path) == PYPROJECT_TOML or not os.path.exists(path):
        return "[[tool.budgetlint.accepted]]"
    data = _load_toml(path)
    return "[[tool.budgetlint.accepted]]" if set(data) == {"tool"} else "[[accepted]]"


def entry_for(found: Found, reason: str, target: Target) -> Acceptance:
    """The acceptance of ``found`` as ``target`` will list it (its file relative to the target)."""
    root = os.path.dirname(os.path.abspath(target.path))
    d = found.diagnostic
    return Acceptance(d.code, relative_to(d.path, root), found.fingerprint, reason, target.path)


def _entry(header: str, acceptance: Acceptance) -> str:
    # A JSON string is a valid TOML basic string (the same escapes), and keeps Chinese as written.
    fields = "".join(
        f"{key} = {json.dumps(value, ensure_ascii=False)}\n"
        for key, value in zip(("code", "file", "fingerprint", "reason"), acceptance[:4], strict=True)
    )
    return f"{header}\n{fields}"


_HEADER = re.compile(r"^\s*\[\[?\s*[A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*\s*\]\]?\s*(?:#.*)?$")


def _blocks(text: str) -> list[str]:
    """The file cut before each table header (bare-key headers only; the rest stays in its block)."""
    blocks = [""]
    for line in text.splitlines(keepends=True):
        if _HEADER.match(line):
            blocks.append("")
        blocks[-1] += line
    return blocks


def _is_entry_for(block: str, acceptance: Acceptance) -> bool:
    header, _, body = block.partition("\n")
    if not header.strip().startswith("[[") or not header.strip().rstrip("]").endswith("accepted"):
        return False
    tomllib = toml_module()
    try:
        data = tomllib.loads(body)
    except tomllib.TOMLDecodeError:
        return False
    return data.get("file") == acceptance.file and data.get("fingerprint") == acceptance.fingerprint


def updated_text(text: str, header: str, acceptance: Acceptance) -> tuple[str, bool]:
    """The configuration text with ``acceptance`` in it: its entry replaced, or appended; and whether it existed."""
    blocks = _blocks(text)
    entry = _entry(header, acceptance)
    for index, block in enumerate(blocks):
        if _is_entry_for(block, acceptance):
            trailing = block[len(block.rstrip("\n")) :]
            blocks[index] = entry.rstrip("\n") + (trailing if len(trailing) > 1 else "\n")
            return "".join(blocks), True
    separator = "" if not text else ("\n" if text.endswith("\n") else "\n\n")
    return text + separator + entry, False


def record(target: Target, acceptance: Acceptance, known_codes: Sequence[str]) -> bool:
    """Write ``acceptance`` into ``target`` atomically; return whether an entry was updated.

    The new text is parsed and validated before it replaces the file: a configuration
    the tool cannot read back is never written.
    """
    try:
        with open(target.path, encoding="utf-8", newline="") as handle:
            text = handle.read()
    except FileNotFoundError:
        text = ""
    except OSError as exc:
        raise FatalError(f"{target.path}: cannot read the configuration file: {exc.strerror or exc}") from None
    new_text, existed = updated_text(text, target.header, acceptance)
    _check_readable(target.path, new_text, acceptance, known_codes)
    try:
        write_atomically(target.path, lambda handle: handle.write(new_text))
    except OSError as exc:
        raise FatalError(f"{target.path}: cannot write the configuration file: {exc.strerror or exc}") from None
    return existed


def _check_readable(path: str, text: str, acceptance: Acceptance, known_codes: Sequence[str]) -> None:
    tomllib = toml_module()
    try:
        table = _table_of(path, tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise FatalError(
            f"{path}: adding the acceptance would make the file invalid TOML ({exc}); add it by hand"
        ) from None
    if table is None:
        raise FatalError(f"{path}: adding the acceptance would not put it in [tool.budgetlint]; add it by hand")
    try:
        settings = load_settings(path, table, known_codes)
    except ConfigError as exc:
        raise FatalError(f"{exc}; the acceptance was not written") from None
    if acceptance._replace(source=path) not in settings.accepted:
        raise FatalError(f"{path}: the acceptance could not be added; add it by hand")
