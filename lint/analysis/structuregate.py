"""Whether budgetlint understood each table, judged from the pattern of its failed identities.

Why: published tables are almost always internally consistent. When, in one table, most of
the identities of one kind that could be checked fail, the reading is wrong (columns
shifted, a wrapped label taken for a row, a header resolved to the wrong roles), not the
document; reporting each failure would flood the user with false errors. A single failed
identity among many that hold is a typo and must still be reported.

The verdict is computed from :class:`~budgetlint.analysis.tablechecks.TableChecks` (the
failed identities and, per table and kind, how many were checked), once per document
(``DocumentContext.structure_gate``). It is data: a rule words it (BL003) and the
arithmetic rules stay silent about a table that was not understood.

Thresholds (measured on the 50 documents of ``corpus/wide/`` and the six of ``corpus/``):
a table is *not understood* when, for one identity kind, at least :data:`MIN_FAILED` (3)
identities fail and they are more than :data:`MAX_FAILED_SHARE` (half) of those checked.
- 3, not 2: a real table with one mistyped figure fails up to two identities (the row's
  total column and the column's total row, or a 款 and its 类); those must still be
  reported. Three failures of one kind in one table did not occur on a correctly read table
  of the corpus.
- more than half: a typo leaves most identities of its kind holding; a misreading (a shifted
  column, codes read from the wrong cell) breaks nearly every row of the kind it affects.
  On wide/ the misread tables fail 60–100 % of their checks of the broken kind, the
  correctly read ones fail none or one.
Rounding differences (BL205) count as failures too: a misreading can shift figures by a
few hundredths as well as by thousands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from budgetlint.analysis.identities import Identity, IdentityKind
from budgetlint.analysis.tablechecks import TableChecks
from budgetlint.analysis.tablemodel import TableModel
from budgetlint.model.diagnostics import Span
from budgetlint.model.numbers import Verdict

#: At least this many identities of one kind must fail in one table for it to be not understood.
MIN_FAILED = 3
#: … and they must be more than this share of the identities of that kind checked in the table.
MAX_FAILED_SHARE = 0.5


class KindTally(NamedTuple):
    """How many identities of one kind were checked in a table, and how many failed."""

    kind: IdentityKind
    failed: int
    checked: int


class TableVerdict(NamedTuple):
    """One table's verdict: understood or not, and the tallies that decided it."""

    title: str
    span: Span  # the table's span (its key)
    title_span: Span  # where a finding about the table is reported
    understood: bool
    #: The kinds that failed too often (empty when understood), in the order of IdentityKind.
    reasons: tuple[KindTally, ...]
    checked: int  # identities of every kind checked in the table


class StructureGate(NamedTuple):
    """Every checked table's verdict, in document order."""

    verdicts: tuple[TableVerdict, ...]

    @property
    def checked_tables(self) -> int:
        """Tables whose arithmetic was checked (understood)."""
        return sum(v.understood for v in self.verdicts)

    @property
    def skipped_tables(self) -> int:
        """Tables whose arithmetic was skipped (not understood)."""
        return sum(not v.understood for v in self.verdicts)

    def not_understood(self) -> tuple[TableVerdict, ...]:
        return tuple(v for v in self.verdicts if not v.understood)

    def skips(self, identity: Identity) -> bool:
        """True when a figure of ``identity`` stands in a table that was not understood."""
        spans = [identity.span]
        if identity.whole is not None:
            spans.append(identity.whole.span)
        spans.extend(part.span for part in identity.parts)
        return any(_table_of(v, span) for v in self.not_understood() for span in spans)


def _table_of(verdict: TableVerdict, span: Span) -> bool:
    return verdict.span.line <= span.line <= verdict.span.end_line


def _tallies(checks: TableChecks, models: Sequence[TableModel]) -> dict[Span, Counter[IdentityKind]]:
    """Failed identities per table span and kind (cross-table identities excluded)."""
    spans = [m.table.span for m in models]
    failed: dict[Span, Counter[IdentityKind]] = {}
    for identity in checks.identities:
        if identity.verdict is Verdict.EXACT or identity.kind in _CROSS_TABLE:
            continue
        for span in spans:
            if span.line <= identity.span.line <= span.end_line:
                failed.setdefault(span, Counter())[identity.kind] += 1
                break
    return failed


_CROSS_TABLE = frozenset(
    {IdentityKind.CROSS_TABLE, IdentityKind.CROSS_TABLE_SIDES_TOTAL, IdentityKind.CROSS_TABLE_PROJECTS_TOTAL}
)


def _reasons(failed: Counter[IdentityKind], checked: dict[IdentityKind, int]) -> tuple[KindTally, ...]:
    reasons = []
    for kind in IdentityKind:
        count, of = failed.get(kind, 0), max(checked.get(kind, 0), failed.get(kind, 0))
        if count >= MIN_FAILED and count > MAX_FAILED_SHARE * of:
            reasons.append(KindTally(kind, count, of))
    return tuple(reasons)


def structure_gate(checks: TableChecks, models: Iterable[TableModel]) -> StructureGate:
    """The verdict of every table with at least one checked identity."""
    models = tuple(models)
    failed = _tallies(checks, models)
    checked: dict[Span, dict[IdentityKind, int]] = {}
    for (span, kind), count in checks.checked.items():
        checked.setdefault(span, {})[kind] = count
    verdicts = []
    seen: set[Span] = set()
    for model in models:
        table = model.table
        if table.span in seen or (table.span not in checked and table.span not in failed):
            continue
        seen.add(table.span)
        counts = checked.get(table.span, {})
        reasons = _reasons(failed.get(table.span, Counter()), counts)
        verdicts.append(
            TableVerdict(table.title, table.span, table.title_span, not reasons, reasons, sum(counts.values()))
        )
    return StructureGate(tuple(verdicts))
