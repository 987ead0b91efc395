"""Recall of the narrative rules on real documents: seeded mutations of the 情况说明 (issue 15).

Why: issue 15 is done when changing a narrative figure of a real document is caught. This
sibling of :mod:`tests.corpus.wide_mutation` (same reading, same digit change, same judging
of "new finding on a related line") mutates the *prose* of the six corpus documents
(``../shared/corpus/*.txt``) and of ``wide/``, in four kinds:

- ``amount``: a narrative amount that quotes a table figure — its label resolves in the fact
  index and the stated figure rounds to the indexed one (not a 三公 figure: those are
  ``sangong``). *Contradicted* when the mutated copy still reads the amount at the same
  place, its label still resolves, and the table figure no longer rounds to it;
- ``sangong``: an amount of the narrative whose label names a 三公 item (三公经费, 因公出国（境）,
  公务接待, 公务用车购置/运行) and that the 三公 table prints under the same item, by value
  (whether or not budgetlint resolves the label). *Contradicted* when the changed figure is
  under that item nowhere in the table: the table is the printed figure that contradicts it;
- ``rate``: the percentage of a change (增长/下降 p%). Every change rate of the prose is drawn;
  *contradicted* when the original reading has the figures the rate follows from (both
  years' figures, or the change amount) and the mutated copy still reads it with them;
- ``share``: the percentage of a share (占 p%). Every share is drawn; *contradicted* when the
  original share's part and whole are read and its check held, and the mutated copy still
  reads it with a part and a whole.

A mutation is *caught* when a new error or warning stands on one of the claim's lines.
Targets that an original finding touches are skipped, so the comparison is clean.

``python tests/corpus/narrative_mutation.py`` prints the shares and every miss with its reason;
``tests/test_mutation_narrative_wide.py`` asserts the contradicted share per kind.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.narrative import AmountClaim, ChangeClaim
from budgetlint.analysis.tablekinds import TableKind
from budgetlint.model.diagnostics import Severity, Span
from budgetlint.model.nodes import Table
from budgetlint.model.numbers import Figure, Interval, Verdict, matches_rounded, ratio_consistent, try_parse_amount
from budgetlint.model.text import TO_WAN
from budgetlint.run.joined import Input, first_path
from budgetlint.run.runner import lint_document_text
from tests.corpus import wide_mutation
from tests.corpus.wide_mutation import CONFIG, WIDE, Original, Outcome, mutate_number, share_line

CORPUS = WIDE.parent
SCANNED = WIDE / "scanned"
SEED = 15
#: Mutations per document and kind (at most): the reading of the PDFs is most of the run time.
PER_KIND = {"amount": 3, "sangong": 3, "rate": 3, "share": 3}
KINDS = tuple(PER_KIND)
#: The leading number of a printed amount ("1,040.46 万元" → "1,040.46").
_LEADING_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


class Target(NamedTuple):
    """One narrative figure to change, and what tells whether the change is contradicted."""

    kind: str
    line: int
    column: int  # of the number
    printed: str  # the number as printed
    changed: str
    claim: Span  # the claim's span (its lines are where a catch must stand)
    #: the 三公 item, the table's figures printed under it and the changed figure (in 万元)
    sangong: tuple[str, tuple[Decimal, ...], Figure] | None


# -- the 三公 items --------------------------------------------------------------------------


def sangong_item(text: str, in_table: bool = False) -> str | None:
    """The 三公 item a label names: 出国, 接待, 车 (购置及运行), 购置, 运行 or 三公 (the total).

    In the prose 购置/运行 name a 三公 item only with 车 (购置单价, 机关运行经费 are others); in
    the 三公 table a bare 运行费 under 公务用车 is the car's, and a bare 合计/总计 is the total.
    """
    if "机关运行" in text or "会议" in text or "培训" in text:
        return None
    if "出国" in text:
        return "出国"
    if "接待" in text:
        return "接待"
    car = in_table or "车" in text
    if car and "购置" in text and "运行" in text:
        return "车"
    if car and "购置" in text:
        return "购置"
    if car and "运行" in text:
        return "运行"
    if "三公" in text or (in_table and text.strip() in ("合计", "总计", "小计")):
        return "三公"
    return None


_SPECIFIC = ("购置", "运行", "车", "出国", "接待", "三公")


def _cell_item(texts: Sequence[str]) -> str | None:
    """The most specific item among a cell's row label and header path (运行费 under 公务用车…)."""
    items = {sangong_item(t, in_table=True) for t in texts if t}
    return next((item for item in _SPECIFIC if item in items), None)


def _names_above(table: Table, column: int) -> tuple[str, ...]:
    """The texts printed above a table's figures in ``column``, in the rows with no figure (a
    header the reader left in the body: “三公”经费合计 | 因公出国（境）费 | … over the figures)."""
    names = []
    for row in table.rows:
        if any(c.figure is not None and not c.is_blank for c in row.cells):
            break
        cell = row.cell(column)
        if cell is not None and not cell.is_blank:
            names.append(cell.text.strip())
    return tuple(names)


def sangong_figures(ctx: DocumentContext) -> dict[str, list[Figure]]:
    """Item → the figures (in 万元) the document's 三公 tables print under it: under their column
    header, or, in a table whose header the reader left in the body (no column has a header),
    under the names printed above them."""
    found: dict[str, list[Figure]] = {}
    for amount in ctx.amount_cells:
        figure = amount.cell.figure
        if amount.model.kind is not TableKind.THREE_PUBLIC or figure is None or not figure.value:
            continue
        path = amount.model.table.columns[amount.column].path
        item = _cell_item((amount.row.label, *path))
        if item is not None:
            factor = TO_WAN.get(amount.model.table.unit or "万元", Decimal(1))
            found.setdefault(item, []).append(figure.scaled(factor))
    for model in ctx.table_models:
        table = model.table
        if model.kind is not TableKind.THREE_PUBLIC or any(c.path for c in table.columns):
            continue
        factor = TO_WAN.get(table.unit or "万元", Decimal(1))
        for row in table.rows:
            for column, cell in enumerate(row.cells):
                figure = try_parse_amount(cell.text)
                item = None if figure is None or not figure.value else _cell_item(_names_above(table, column))
                if figure is not None and item is not None:
                    found.setdefault(item, []).append(figure.scaled(factor))
    return found


def _names_above(table: Table, column: int) -> tuple[str, ...]:
    """The texts printed above a table's figures in ``column``, in the rows with no figure (a
    header the reader left in the body: “三公”经费合计 | 因公出国（境）费 | … over the figures)."""
    names = []
    for row in table.rows:
        if any(not c.is_blank and try_parse_amount(c.text) is not None for c in row.cells):
            break
        cell = row.cell(column)
        if cell is not None and not cell.is_blank:
            names.append(cell.text.strip())
    return tuple(names)


def _printed_under(stated: Figure, figures: Sequence[Figure]) -> bool:
    return any(matches_rounded(stated, f.value) or matches_rounded(f, stated.value) for f in figures)


# -- targets ----------------------------------------------------------------------------------


def _number_target(original: Original, kind: str, claim: AmountClaim) -> tuple[int, int, str, str] | None:
    """(line, column, printed, changed) of the amount's number, when it is on one line and clear."""
    match = _LEADING_NUMBER.match(claim.shown.strip())
    if match is None:
        return None
    number = match.group()
    line, column = claim.span.line, claim.span.column
    source = original.text.split("\n")[line - 1]
    if source[column - 1 : column - 1 + len(number)] != number:
        return None
    changed = mutate_number(number)
    return None if changed is None else (line, column, number, changed)


def _lines(span: Span) -> set[int]:
    return set(range(span.line, span.end_line + 1))


def amount_targets(original: Original) -> Iterator[Target]:
    """Narrative amounts that quote a fact-index figure (not 三公 ones), no finding on their lines."""
    ctx = original.context
    busy = {line for _, line in original.findings}
    for claim in ctx.narrative.amounts:
        if len(claim.label) < 2 or sangong_item(claim.raw_label) is not None or _lines(claim.span) & busy:
            continue
        fact = ctx.fact_index.get(claim.label)
        if fact is None or not matches_rounded(claim.figure, fact.figure.value):
            continue
        found = _number_target(original, "amount", claim)
        if found is not None:
            yield Target("amount", *found, claim.span, None)


def sangong_targets(original: Original) -> Iterator[Target]:
    """Narrative 三公 amounts that the 三公 table prints under the same item."""
    ctx = original.context
    busy = {line for _, line in original.findings}
    printed = sangong_figures(ctx)
    for claim in ctx.narrative.amounts:
        item = sangong_item(claim.raw_label)
        if item is None or _lines(claim.span) & busy or not _printed_under(claim.figure, printed.get(item, ())):
            continue
        found = _number_target(original, "sangong", claim)
        changed = None if found is None else try_parse_amount(found[3])
        if found is not None and changed is not None:
            figures = tuple(f.value for f in printed[item])
            in_wan = changed.scaled(TO_WAN.get(claim.unit, Decimal(1)))
            yield Target("sangong", *found, claim.span, (item, figures, in_wan))


def _percent_target(original: Original, kind: str, span: Span, shown: str) -> Target | None:
    """The claim's percentage as a target, or None (on a line with a finding, or no clear change)."""
    number = shown.strip().rstrip("%％").strip()
    changed = mutate_number(number)
    found = None if changed is None else _find_percent(original.text.split("\n"), span, number)
    if changed is None or found is None:
        return None
    line, column = found
    claim = Span(span.line, span.column, max(line, span.end_line), span.end_column if line <= span.end_line else 1)
    if _lines(claim) & {line for _, line in original.findings}:
        return None
    return Target(kind, line, column, number, changed, claim, None)


def _find_percent(source: Sequence[str], span: Span, number: str) -> tuple[int, int] | None:
    """(line, column) of the percentage: the last ``number`` inside ``span``, else the first
    ``number%`` after it on its line or the next (a change's span ends at its amount:
    比上年减少84.74万元，下降37.66%)."""
    for line in range(span.end_line, span.line - 1, -1):
        start = span.column - 1 if line == span.line else 0
        end = span.end_column - 1 if line == span.end_line else len(source[line - 1])
        found = source[line - 1].rfind(number, start, end)
        if found >= 0:
            return line, found + 1
    pattern = re.compile(r"(?<![\d.,])" + re.escape(number) + r"\s*[%％]")
    for line in range(span.end_line, min(span.end_line + 1, len(source)) + 1):
        match = pattern.search(source[line - 1], span.end_column - 1 if line == span.end_line else 0)
        if match:
            return line, match.start() + 1
    return None


def _figures_read(original: Original, span: Span) -> bool:
    """Does the original reading have what the claim's percentage follows from?"""
    return _claim_read(original.context, span, original.context.options.exact_rounding)


def rate_targets(original: Original) -> Iterator[Target]:
    """Every change rate of the prose (increase or decrease with a percentage)."""
    for change in original.context.narrative.changes:
        if change.percent is None or change.direction == "flat":
            continue
        target = _percent_target(original, "rate", change.span, change.percent_shown)
        if target is not None:
            yield target


def share_targets(original: Original) -> Iterator[Target]:
    """Every share of the prose (占 p%)."""
    for claim in original.context.narrative.shares:
        target = _percent_target(original, "share", claim.span, claim.shown)
        if target is not None:
            yield target


TARGETS: dict[str, Callable[[Original], Iterator[Target]]] = {
    "amount": amount_targets,
    "sangong": sangong_targets,
    "rate": rate_targets,
    "share": share_targets,
}


def sample(original: Original, kind: str, count: int) -> list[Target]:
    """``count`` targets of ``kind``, drawn as the table mutations are (stable across runs)."""
    return wide_mutation.seeded_sample(TARGETS[kind](original), original, kind, count, seed=SEED)


# -- judging -----------------------------------------------------------------------------------


def _claim_read(ctx: DocumentContext, span: Span, exact: bool) -> bool:
    """Is the percentage at ``span`` read with the figures its check uses (and does a share hold)?"""
    at = (span.line, span.column)
    for share in ctx.narrative.shares:
        if (share.span.line, share.span.column) == at and share.part is not None and share.whole is not None:
            held = ratio_consistent(share.percent, share.part.figure, share.whole.figure, exact=exact)
            return held in (Verdict.EXACT, Verdict.ROUNDING)
    for change in ctx.narrative.changes:
        if (change.span.line, change.span.column) == at and change.percent is not None:
            return bool(_rates(change))
    return False


def _rates(change: ChangeClaim) -> list[Interval]:
    """The rates (in %, signed) the change's own figures allow, one interval per reading.

    Both years' figures, or the change amount over the prior-year figure, or over each amount
    the change may be about (its current figure ∓ the change). None from a prior of 0:
    增加100.00% after 0万元 is a convention, no rate follows from the figures.
    """
    delta = None if change.delta is None else Interval.of(change.delta.figure)
    if delta is not None and change.direction == "down":
        delta = Interval(-delta.high, -delta.low)
    priors: list[tuple[Interval, Interval]] = []  # (signed change, prior)
    if change.prior is not None and change.subject is not None:
        prior = Interval.of(change.prior.figure)
        priors.append((Interval.of(change.subject.figure).minus(prior), prior))
    elif change.prior is not None and delta is not None:
        priors.append((delta, Interval.of(change.prior.figure)))
    elif delta is not None:
        priors += [(delta, Interval.of(c.figure).minus(delta)) for c in change.candidates]
    rates = [d.divided_by(p, 100) for d, p in priors]
    return [r for r in rates if r is not None]


def _rate_contradicted(change: ChangeClaim, changed: str) -> bool:
    """Does no reading of the change's figures allow the changed rate?"""
    figure = try_parse_amount(changed)
    rates = _rates(change)
    if figure is None or not rates:
        return False
    sign = -1 if change.direction == "down" else 1
    low, high = sorted((figure.low * sign, figure.high * sign))
    return not any(Interval(low, high).intersects(rate) for rate in rates)


def _amount_contradicted(ctx: DocumentContext, target: Target) -> bool:
    for claim in ctx.narrative.amounts:
        if (claim.span.line, claim.span.column) == (target.line, target.column):
            fact = ctx.fact_index.get(claim.label)
            return fact is not None and not matches_rounded(claim.figure, fact.figure.value)
    return False


def _percent_still_read(ctx: DocumentContext, target: Target) -> bool:
    """The mutated percentage is still read with a part and whole, or with its change's figures."""
    at = (target.claim.line, target.claim.column)
    if target.kind == "share":
        return any(
            (s.span.line, s.span.column) == at and s.part is not None and s.whole is not None
            for s in ctx.narrative.shares
        )
    return _claim_read(ctx, target.claim, exact=False)


def _contradicted(original: Original, ctx: DocumentContext, target: Target) -> tuple[bool, str]:
    """Is the changed figure contradicted by another printed figure? (and why not, when not)."""
    if target.kind == "amount":
        if _amount_contradicted(ctx, target):
            return True, ""
        return False, "the changed amount is no longer read with its table figure"
    if target.kind == "sangong":
        assert target.sangong is not None
        item, figures, changed = target.sangong
        if not any(matches_rounded(changed, v) for v in figures):
            return True, ""
        return False, f"the changed figure is also printed under {item} in the 三公 table"
    if target.kind == "rate":
        change = _change_at(original.context, target.claim)
        if change is None or not _rates(change):
            return False, "the rate is read without the figures it follows from" + _rate_gap(change)
        if not _rate_contradicted(change, target.changed):
            return False, "the changed rate fits another reading of the figures"
    elif not _figures_read(original, target.claim):
        return False, "the share is read without the figures it follows from" + _share_gap(original, target)
    if not _percent_still_read(ctx, target):
        return False, f"the changed {target.kind} is no longer read with its figures"
    return True, ""


def _rate_gap(change: ChangeClaim | None) -> str:
    if change is not None and change.prior is not None and not change.prior.figure.value:
        return " (a prior of 0)"
    if change is None or change.delta is None:
        return " (no change amount, no prior-year figure)"
    return " (a change amount, but no current figure)"


def _share_gap(original: Original, target: Target) -> str:
    at = (target.claim.line, target.claim.column)
    claim = next((c for c in original.context.narrative.shares if (c.span.line, c.span.column) == at), None)
    if claim is None or claim.part is None:
        return " (no part)"
    if claim.whole is None:
        return f" (no whole{': of ' + claim.of_label if claim.of_label else ''})"
    return " (its check does not hold)"


def _sangong_gap(ctx: DocumentContext, target: Target) -> str:
    """Why a contradicted 三公 figure is missed: the label names no table figure, or one of another scope."""
    at = (target.line, target.column)
    claim = next((c for c in ctx.narrative.amounts if (c.span.line, c.span.column) == at), None)
    if claim is None:
        return "the changed figure is no longer read"
    if ctx.fact_index.get(claim.label) is None:
        return f"“{claim.label}” names no figure of the fact index"
    return f"“{claim.label}” resolves, but no rule reports it (scope)"


def _change_at(ctx: DocumentContext, span: Span) -> ChangeClaim | None:
    at = (span.line, span.column)
    return next((c for c in ctx.narrative.changes if (c.span.line, c.span.column) == at and c.percent), None)


def _uses(ctx: DocumentContext, target: Target) -> set[int]:
    """Lines of the claims that use the changed amount: a breakdown it is the whole or a part
    of (BL306 reports at the list), a change or share it is a figure of."""
    if target.kind not in ("amount", "sangong"):
        return set()
    at = (target.line, target.column)

    def uses(*claims: AmountClaim | None) -> bool:
        return any(c is not None and (c.span.line, c.span.column) == at for c in claims)

    story = ctx.narrative
    lines: set[int] = set()
    for breakdown in story.breakdowns:
        if uses(breakdown.whole, *breakdown.parts):
            lines |= _lines(breakdown.span) | {p.span.line for p in breakdown.parts}
    for change in story.changes:
        if uses(change.subject, change.prior, change.delta, *change.candidates):
            lines |= _lines(change.span)
    for claim in story.shares:
        if uses(claim.part, claim.whole):
            lines |= _lines(claim.span)
    return lines


def judge(original: Original, target: Target) -> Outcome:
    """Lint the mutated text and compare with the original: contradicted? caught? why not?"""
    text = wide_mutation._replace(
        original.text, target.line, target.column, target.column + len(target.printed), target.changed
    )
    result = lint_document_text(text, original.path, CONFIG, read_failures=original.read_failures)
    ctx = result.context
    assert ctx is not None and not result.failures, result.failures
    contradicted, why = _contradicted(original, ctx, target)
    related = _lines(target.claim) | _uses(ctx, target)
    new = sorted(
        {
            (d.code, d.line)
            for d in result.diagnostics
            if d.severity is not Severity.INFO and (d.code, d.line) not in original.findings
        }
    )
    caught = any(line in related for _, line in new)
    reason = ""
    if not caught:
        infos = sorted(
            {d.code for d in result.diagnostics if d.severity is Severity.INFO and d.line in related}
            - {code for code, line in original.findings}
        )
        reason = why or (f"reported as info only ({', '.join(infos)})" if infos else "read, but no rule reports it")
        if contradicted and target.kind == "sangong" and not infos:
            reason = _sangong_gap(ctx, target)
        if new:
            reason += f"; new findings elsewhere: {new[:3]}"
    where = f"L{target.line}: {target.printed} → {target.changed}"
    return Outcome(original.name, target.kind, where, contradicted, caught, reason)


# -- running -----------------------------------------------------------------------------------


def units() -> list[Input]:
    """The six corpus documents (.txt) and the documents of wide/ (``.partN`` sets joined)."""
    documents = wide_mutation.units(WIDE)
    # wide/scanned/ holds image-only PDFs (SOURCES.md): their narratives have no text to mutate.
    with_text = [u for u in documents if SCANNED not in Path(first_path(u)).parents]
    return [str(p) for p in sorted(CORPUS.glob("*.txt"))] + with_text


def mutate_unit(unit: Input) -> list[Outcome]:
    """Read one document once, then judge its sampled narrative mutations of every kind."""
    original = wide_mutation.read_original(unit)
    if original is None:
        return []
    return [judge(original, t) for kind in KINDS for t in sample(original, kind, PER_KIND[kind])]


def run(jobs: int = 2) -> list[Outcome]:
    """Every document's outcomes, the largest documents first, documents in parallel."""
    return wide_mutation.run_largest_first(units(), mutate_unit, jobs)


def report(outcomes: Sequence[Outcome], misses: bool = True) -> str:
    """Per kind: all mutations, the contradicted subset; then every miss with its reason."""
    rows = []
    for kind in KINDS:
        of_kind = [o for o in outcomes if o.kind == kind]
        rows.append(share_line(f"{kind}, all", of_kind))
        rows.append(share_line(f"{kind}, contradicted", [o for o in of_kind if o.contradicted]))
    if misses:
        rows += wide_mutation.miss_rows(outcomes)
    return "\n".join(rows)


if __name__ == "__main__":
    print(report(run()))
    sys.exit(0)
