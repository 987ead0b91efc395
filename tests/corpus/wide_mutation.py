"""Recall on real documents: seeded mutations of the wide/ corpus and the share budgetlint catches.

Why: the rule cases and the sample's mutation tests prove recall on text written for them;
the 45 real documents of ``../shared/corpus/wide/`` are laid out by a dozen templates that
budgetlint reads differently. Here each document is read once, as budgetlint reads it (the
PDF reader's text; ``.partN`` sets joined), and copies of that *text* are mutated the way a
typo or a late edit would change a published document, then linted in-process (no PDF is
read again, so hundreds of mutations take seconds):

- ``cell``: one amount cell of a table budgetlint checked (the structure gate passed) gets one
  integer digit changed by 4 (57.30 → 97.30, 1,234.56 → 1,634.56): the same length, so the
  columns stay where they were, and at least 100 units of its last printed digit, so no
  rounding envelope can excuse it;
- ``row``: one data row of such a table (not a total, not a 其中 row, with a figure) is deleted;
- ``percent``: a percentage of the prose whose check held (a share with its part and whole, a
  change rate with its figures: BL304/BL305 computed it and found it right) gets one digit
  changed the same way.

A mutation is *contradicted* when another printed figure contradicts the mutated one, as the
analyses see it: for a cell, an identity of the mutated document that does not hold (and is
not a failure of the original) has the mutated cell among its figures; for a row, the mutated
document has such a new failed identity; for a percent, the claim is still read with the
figures its check uses. It is *caught* when a new error or warning (not an info; new = its
code and line are not among the original's findings) stands on the mutated line, on a line of
a new failed identity, or on a line of the claim's figures. Targets are chosen among figures
that no original finding or failed identity touches, so the comparison is clean.

``python tests/corpus/wide_mutation.py`` prints the shares and every miss with its reason;
``tests/test_mutation_wide.py`` asserts the contradicted share.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple, TypeVar

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.identities import Identity
from budgetlint.analysis.narrative import AmountClaim
from budgetlint.analysis.tablekinds import TableKind
from budgetlint.model.diagnostics import Severity, Span
from budgetlint.model.numbers import Verdict, ratio_consistent
from budgetlint.model.read_failures import ReadFailure
from budgetlint.run.joined import Input, first_path, lint_joined, part_groups
from budgetlint.run.options import Config
from budgetlint.run.runner import LintResult, discover, lint_document_text, lint_file

T = TypeVar("T")

WIDE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "wide"
SEED = 14
#: Mutations per document and kind (at most): some 300 lints of ~30 ms after ~30 s of PDF reading.
PER_KIND = {"cell": 4, "row": 3, "percent": 5}
KINDS = tuple(PER_KIND)
CONFIG = Config()
#: A printed amount or percentage: digits with optional thousands separators and decimals.
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
#: The smallest change, in units of the figure's last printed digit: far beyond any rounding.
MIN_UNITS = 100

LineMap = Callable[[int], int]


def _same_line(line: int) -> int:
    return line


class Original(NamedTuple):
    """One wide/ document as budgetlint read and linted it."""

    name: str  # the first file's name
    path: str
    text: str
    read_failures: tuple[ReadFailure, ...]
    context: DocumentContext
    findings: frozenset[tuple[str, int]]  # (code, line) of every error and warning
    failed: frozenset[tuple[str, int, int, str]]  # (kind, line, column, verdict) of each identity not exact


class Mutation(NamedTuple):
    """One changed copy of a document's text and what it changed."""

    kind: str
    where: str  # "L42: 57.30 → 97.30"
    text: str
    lines: frozenset[int]  # original lines the mutation touched, or whose figures it concerns
    line_map: LineMap  # a mutated line → the original line
    target: tuple[int, int] | None  # (line, column) of the mutated cell
    claim: Span | None  # the mutated percentage's claim span


class Outcome(NamedTuple):
    """What budgetlint made of one mutation."""

    document: str
    kind: str
    where: str
    contradicted: bool
    caught: bool
    reason: str  # why it was missed ("" when caught)


# -- reading ----------------------------------------------------------------------------


def units(folder: Path = WIDE) -> list[Input]:
    """The documents of ``folder`` as a user lints it: every PDF, ``.partN`` sets joined."""
    return part_groups(list(discover([str(folder)], suffixes=(".pdf",))))


def lint_unit(unit: Input) -> LintResult:
    """Read and lint one document (a file or a joined set) exactly as the CLI does."""
    return lint_file(unit, CONFIG) if isinstance(unit, str) else lint_joined(unit, CONFIG)


def _keys(result: LintResult) -> frozenset[tuple[str, int]]:
    return frozenset((d.code, d.line) for d in result.diagnostics if d.severity is not Severity.INFO)


def _identity_key(identity: Identity, line_map: LineMap = _same_line) -> tuple[str, int, int, str]:
    """What tells a failed identity of a mutated copy from the original's (a rounding difference
    that became a mismatch is new)."""
    return (identity.kind.value, line_map(identity.span.line), identity.span.column, identity.verdict.value)


def read_original(unit: Input) -> Original | None:
    """The document's text and findings, or None when it yields no text (a scanned PDF).

    The text is the one the rules read (``LintResult.source_lines``); linting it again must
    give the same findings as the file, else the harness would measure its own reading.
    """
    result = lint_unit(unit)
    if result.context is None or result.document is None:
        return None
    path = first_path(unit)
    text = "\n".join(result.source_lines)
    failures = tuple(result.document.read_failures)
    again = lint_document_text(text, path, CONFIG, read_failures=failures)
    if _keys(again) != _keys(result):
        raise AssertionError(f"{path}: linting its text again does not give its findings")
    context = result.context
    return Original(
        Path(path).name,
        path,
        text,
        failures,
        context,
        _keys(result),
        frozenset(_identity_key(i) for i in context.table_identities),
    )


# -- mutating figures ----------------------------------------------------------------------


def mutate_number(printed: str) -> str | None:
    """``printed`` with one integer digit moved by 4, or None when that is no clear change.

    The digit is the leading one of figures up to 999 and the second of larger ones (a
    change of 4–40 % that a reader would call a typo); moving it by 4 never yields a leading
    zero and keeps the length. None for a figure that is not a plain number or whose change
    would be under :data:`MIN_UNITS` units of its last digit (7 → 3 in a table in 元 could
    hide in the rounding of a long column).
    """
    if not _NUMBER.match(printed):
        return None
    integer, _, fraction = printed.partition(".")
    digits = [i for i, ch in enumerate(integer) if ch.isdigit()]
    if int(integer.replace(",", "")) == 0 and not fraction.strip("0"):
        return None
    pick = 0 if len(digits) <= 3 else 1
    place = len(digits) - 1 - pick  # the power of ten of the picked digit
    if 10 ** (place + len(fraction)) * 4 < MIN_UNITS:
        return None
    index = digits[pick]
    digit = int(integer[index])
    moved = digit + 4 if digit <= 5 else digit - 4
    return printed[:index] + str(moved) + printed[index + 1 :]


def _replace(text: str, line: int, column: int, end_column: int, new: str) -> str:
    lines = text.split("\n")
    source = lines[line - 1]
    lines[line - 1] = source[: column - 1] + new + source[end_column - 1 :]
    return "\n".join(lines)


def _checked_tables(ctx: DocumentContext) -> list[Span]:
    """The spans of the tables whose arithmetic budgetlint checked (structure gate passed)."""
    return [v.span for v in ctx.structure_gate.verdicts if v.understood]


def _operand_spans(ctx: DocumentContext) -> set[tuple[int, int]]:
    """(line, column) of every figure of the original's failed identities."""
    spans: set[tuple[int, int]] = set()
    for identity in ctx.table_identities:
        operands = ([identity.whole] if identity.whole is not None else []) + list(identity.parts)
        spans.update((o.span.line, o.span.column) for o in operands)
    return spans


def cell_mutations(original: Original) -> Iterator[Mutation]:
    """Every clear change of one amount cell of a checked table that no finding touches."""
    ctx = original.context
    tables = set(_checked_tables(ctx))
    touched = _operand_spans(ctx)
    finding_lines = {line for _, line in original.findings}
    for amount in ctx.amount_cells:
        cell = amount.cell
        span = cell.span
        if amount.model.table.span not in tables or span.line != span.end_line:
            continue
        if span.line in finding_lines or (span.line, span.column) in touched:
            continue
        printed = original.text.split("\n")[span.line - 1][span.column - 1 : span.end_column - 1]
        changed = mutate_number(printed) if printed == cell.text else None
        if changed is None:
            continue
        yield Mutation(
            "cell",
            f"L{span.line}: {printed} → {changed}",
            _replace(original.text, span.line, span.column, span.end_column, changed),
            frozenset({span.line}),
            _same_line,
            (span.line, span.column),
            None,
        )


def row_mutations(original: Original) -> Iterator[Mutation]:
    """Every deletion of one data row (with a figure) of a checked table that no finding touches."""
    ctx = original.context
    tables = set(_checked_tables(ctx))
    finding_lines = {line for _, line in original.findings}
    seen: set[int] = set()
    for model in ctx.table_models:
        if model.table.span not in tables or model.kind in (TableKind.PERFORMANCE, TableKind.OTHER):
            continue
        for side in model.sides:
            for row in side.rows:
                first, last = row.row.span.line, row.row.span.end_line
                if row.blank or row.is_total or row.is_subset or not row.has_amount or first in seen:
                    continue
                if any(line in finding_lines for line in range(first, last + 1)):
                    continue
                seen.add(first)
                yield _deletion(original, first, last, row.label)


def _deletion(original: Original, first: int, last: int, label: str) -> Mutation:
    lines = original.text.split("\n")
    count = last - first + 1

    def back(line: int) -> int:
        return line + count if line >= first else line

    return Mutation(
        "row",
        f"L{first}: row {label!r} deleted",
        "\n".join(lines[: first - 1] + lines[last:]),
        frozenset({first - 1, first, last + 1}),
        back,
        None,
        None,
    )


def _claim_lines(claims: Iterable[AmountClaim | None], span: Span) -> frozenset[int]:
    lines = set(range(span.line, span.end_line + 1))
    for claim in claims:
        if claim is not None:
            lines.update(range(claim.span.line, claim.span.end_line + 1))
    return frozenset(lines)


def percent_mutations(original: Original) -> Iterator[Mutation]:
    """Every clear change of a percentage whose share or change-rate check held."""
    ctx = original.context
    finding_lines = {line for _, line in original.findings}
    exact = ctx.options.exact_rounding
    for share in ctx.narrative.shares:
        if share.part is None or share.whole is None:
            continue
        held = ratio_consistent(share.percent, share.part.figure, share.whole.figure, exact=exact)
        if held in (None, Verdict.MISMATCH):
            continue
        lines = _claim_lines((share.part, share.whole), share.span)
        mutation = _percent_mutation(original, share.span, share.shown, lines, finding_lines)
        if mutation is not None:
            yield mutation
    for change in ctx.narrative.changes:
        if change.percent is None or change.direction == "flat":
            continue
        if not (change.prior is not None and change.subject is not None) and change.delta is None:
            continue
        lines = _claim_lines((change.prior, change.subject, change.delta), change.span)
        mutation = _percent_mutation(original, change.span, change.percent_shown, lines, finding_lines)
        if mutation is not None:
            yield mutation


def _percent_mutation(
    original: Original, span: Span, shown: str, lines: frozenset[int], finding_lines: set[int]
) -> Mutation | None:
    """The claim's percentage (the last ``shown`` inside ``span``) changed, or None."""
    if lines & finding_lines:
        return None
    number = shown.strip().rstrip("%％").strip()
    changed = mutate_number(number)
    if changed is None:
        return None
    source = original.text.split("\n")
    for line in range(span.end_line, span.line - 1, -1):
        start = span.column - 1 if line == span.line else 0
        end = span.end_column - 1 if line == span.end_line else len(source[line - 1])
        found = source[line - 1].rfind(number, start, end)
        if found >= 0:
            text = _replace(original.text, line, found + 1, found + 1 + len(number), changed)
            return Mutation("percent", f"L{line}: {shown} → {changed}%", text, lines, _same_line, None, span)
    return None


MUTATORS: dict[str, Callable[[Original], Iterator[Mutation]]] = {
    "cell": cell_mutations,
    "row": row_mutations,
    "percent": percent_mutations,
}


def seeded_sample(candidates: Iterable[T], original: Original, kind: str, count: int, seed: int = SEED) -> list[T]:
    """``count`` of ``candidates``, drawn with a seed of the document and kind (stable across runs)."""
    pool = list(candidates)
    rng = random.Random(f"{seed}:{original.name}:{kind}")
    return rng.sample(pool, min(count, len(pool)))


def sample(original: Original, kind: str, count: int) -> list[Mutation]:
    """``count`` mutations of ``kind`` (see :func:`seeded_sample`)."""
    return seeded_sample(MUTATORS[kind](original), original, kind, count)


# -- judging -----------------------------------------------------------------------------


def _operand_lines(identity: Identity, line_map: LineMap) -> set[int]:
    lines = {line_map(identity.span.line)}
    if identity.whole is not None:
        lines.add(line_map(identity.whole.span.line))
    lines.update(line_map(part.span.line) for part in identity.parts)
    return lines


def _has_target(identity: Identity, target: tuple[int, int]) -> bool:
    operands = ([identity.whole] if identity.whole is not None else []) + list(identity.parts)
    return any((o.span.line, o.span.column) == target for o in operands)


def _claim_still_read(ctx: DocumentContext, span: Span) -> bool:
    """The mutated percentage is still read with the figures its check needs."""
    at = (span.line, span.column)
    for share in ctx.narrative.shares:
        if (share.span.line, share.span.column) == at and share.part is not None and share.whole is not None:
            return True
    for change in ctx.narrative.changes:
        if (change.span.line, change.span.column) == at and change.percent is not None:
            return (change.prior is not None and change.subject is not None) or change.delta is not None
    return False


def judge(original: Original, mutation: Mutation) -> Outcome:
    """Lint the mutated text and compare with the original: contradicted? caught? why not?"""
    back = mutation.line_map
    failures = original.read_failures
    if mutation.kind == "row":  # read failures (scanned pages) after the deleted row move up with it
        failures = tuple(f._replace(line=f.line - (back(f.line) - f.line)) for f in failures)
    result = lint_document_text(mutation.text, original.path, CONFIG, read_failures=failures)
    ctx = result.context
    assert ctx is not None and not result.failures, result.failures
    new_failed = [
        i
        for i in ctx.table_identities
        if i.verdict is Verdict.MISMATCH and _identity_key(i, back) not in original.failed
    ]
    if mutation.kind == "cell":
        assert mutation.target is not None
        related_identities = [i for i in new_failed if _has_target(i, mutation.target)]
        contradicted = bool(related_identities)
    elif mutation.kind == "row":
        related_identities = new_failed
        contradicted = bool(new_failed)
    else:
        assert mutation.claim is not None
        related_identities = []
        contradicted = _claim_still_read(ctx, mutation.claim)
    related = set(mutation.lines)
    for identity in related_identities:
        related |= _operand_lines(identity, back)
    new = [
        (d.code, back(d.line))
        for d in result.diagnostics
        if d.severity is not Severity.INFO and (d.code, back(d.line)) not in original.findings
    ]
    caught = any(line in related for _, line in new)
    reason = "" if caught else _why_missed(ctx, result, mutation, contradicted, related_identities, new)
    return Outcome(original.name, mutation.kind, mutation.where, contradicted, caught, reason)


def _why_missed(
    ctx: DocumentContext,
    result: LintResult,
    mutation: Mutation,
    contradicted: bool,
    identities: Sequence[Identity],
    new: Sequence[tuple[str, int]],
) -> str:
    """A short reason for a miss, from what the mutated document's analyses say."""
    elsewhere = f"; new findings elsewhere: {sorted(set(new))[:3]}" if new else ""
    if not contradicted:
        if mutation.kind == "percent":
            return "the changed percentage is no longer read with its figures" + elsewhere
        return "no checked identity involves the figure" + elsewhere
    skipped = [i for i in identities if ctx.structure_gate.skips(i)]
    if skipped:
        return f"the structure gate now skips the table ({len(skipped)} of {len(identities)} identities)" + elsewhere
    infos = sorted({d.code for d in result.diagnostics if d.severity is Severity.INFO and d.line in mutation.lines})
    if infos:
        return f"reported as info only ({', '.join(infos)})" + elsewhere
    return "an identity/check fails but no rule reports it" + elsewhere


# -- running -------------------------------------------------------------------------------


def mutate_unit(unit: Input) -> list[Outcome]:
    """Read one document once, then judge its sampled mutations of every kind."""
    original = read_original(unit)
    if original is None:
        return []
    return [judge(original, m) for kind in KINDS for m in sample(original, kind, PER_KIND[kind])]


def run(folder: Path = WIDE, jobs: int = 2) -> list[Outcome]:
    """Every document's outcomes, documents in parallel (reading the PDFs is most of the time)."""
    return run_largest_first(units(folder), mutate_unit, jobs)


def run_largest_first(todo: Sequence[Input], work: Callable[[Input], list[Outcome]], jobs: int) -> list[Outcome]:
    """``work`` on every document in parallel, the largest first, so that neither worker is left
    with a long one at the end."""
    ordered = sorted(todo, key=lambda unit: -sum(Path(p).stat().st_size for p in _paths(unit)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [outcome for outcomes in pool.map(work, ordered) for outcome in outcomes]


def _paths(unit: Input) -> tuple[str, ...]:
    return (unit,) if isinstance(unit, str) else unit


def share(outcomes: Sequence[Outcome]) -> tuple[int, int]:
    """(caught, of)."""
    return sum(o.caught for o in outcomes), len(outcomes)


def share_line(title: str, subset: Sequence[Outcome]) -> str:
    caught, of = share(subset)
    return f"{title}: {caught}/{of} caught ({100 * caught / of:.1f} %)" if of else f"{title}: none"


def miss_rows(outcomes: Sequence[Outcome]) -> list[str]:
    """Every miss with its reason, the contradicted ones first."""
    rows = []
    for flag, title in ((True, "missed, contradicted"), (False, "missed, not contradicted")):
        missed = sorted(o for o in outcomes if not o.caught and o.contradicted is flag)
        rows.append(f"{title} ({len(missed)}):")
        rows += [f"  {o.document} {o.kind} {o.where}: {o.reason}" for o in missed]
    return rows


def report(outcomes: Sequence[Outcome], misses: bool = True) -> str:
    """The shares overall, per kind and for the contradicted subset; then every miss with its reason."""
    contradicted = [o for o in outcomes if o.contradicted]
    rows = [share_line("all mutations", outcomes)]
    rows += [share_line(f"  {kind}", [o for o in outcomes if o.kind == kind]) for kind in KINDS]
    rows.append(share_line("contradicted by another printed figure", contradicted))
    rows += [share_line(f"  {kind}", [o for o in contradicted if o.kind == kind]) for kind in KINDS]
    if misses:
        rows += miss_rows(outcomes)
    return "\n".join(rows)


if __name__ == "__main__":
    print(report(run()))
    sys.exit(0)
