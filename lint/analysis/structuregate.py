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

Thresholds (measured on the 50 documents of ``corpus/wide/``, the six of ``corpus/`` and
``examples/``). A table is *not understood* when, for one identity kind,

- at least :data:`MIN_FAILED` (3) identities fail and they are more than
  :data:`MAJORITY` (half) of those checked; or
- at least :data:`MANY_FAILED` (5) fail and they are at least :data:`MANY_SHARE` (a fifth)
  of those checked.

Why these numbers: one mistyped figure fails at most two identities of one kind (the
合计 column of its row and, with nested column groups, the 小计 above it; or a 款 and its
类), so 3 failures of one kind are at least two independent faults — in a published table
a misreading is far likelier. On the six documents of ``corpus/`` and ``examples/`` no kind
ever fails twice in one table (their real faults are single figures), while on wide/ the
misread tables fail 60–100 % of the broken kind (shifted columns, 栏次 rows read as data,
two code columns read as one). Large misread tables fail fewer in share — a 小计 column
taken as a part fails only the rows where it is filled (6 of 23, 7 of 26 on wide/), two
joined economic-code columns fail 45 of 94 codes — hence the second rule; its floor of a
fifth keeps a table of a hundred rows with a handful of failures checked (those are
reported, not hidden). A mistyped parent 科目编码 orphans all its children, one typo with
many consequences: CODE_WITHOUT_PARENT is judged by the majority rule only.
Only mismatches count, never rounding differences (BL205): tables in 万元 rounded from 元
(Chongqing's, wide/208 and 209) differ by 0.01 in a third of their rows and are read
correctly; counting those skipped sound tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from budgetlint.analysis.identities import Identity, IdentityKind, Unresolved
from budgetlint.analysis.tablechecks import TableChecks
from budgetlint.analysis.tablemodel import TableModel
from budgetlint.model.diagnostics import Span
from budgetlint.model.numbers import Verdict

#: At least this many identities of one kind must fail in one table for it to be not understood …
MIN_FAILED = 3
#: … and they must be more than this share of the identities of that kind checked in the table;
MAJORITY = 0.5
#: or at least this many must fail …
MANY_FAILED = 5
#: … and be at least this share of those checked.
MANY_SHARE = 0.2
#: Kinds whose failures one typo can multiply (an orphaned code's children): the majority rule only.
_CORRELATED = frozenset({IdentityKind.CODE_WITHOUT_PARENT})


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
    """Every checked table's verdict, in document order, and the totals left unchecked.

    ``unresolved`` holds, once per table, a total whose rows are a nested list the
    figures do not resolve into levels: that one identity was skipped, the rest of the
    table is still checked.
    """

    verdicts: tuple[TableVerdict, ...]
    unresolved: tuple[Unresolved, ...] = ()

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
    """Mismatched identities per table span and kind (rounding and cross-table identities excluded)."""
    spans = [m.table.span for m in models]
    failed: dict[Span, Counter[IdentityKind]] = {}
    for identity in checks.identities:
        if identity.verdict is not Verdict.MISMATCH or identity.kind in _CROSS_TABLE:
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
        majority = count >= MIN_FAILED and count > MAJORITY * of
        many = count >= MANY_FAILED and count >= MANY_SHARE * of and kind not in _CORRELATED
        if majority or many:
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
    skipped = {v.span for v in verdicts if not v.understood}
    unresolved: dict[Span, Unresolved] = {}
    for item in checks.unresolved:
        if item.table_span not in skipped:
            unresolved.setdefault(item.table_span, item)
    return StructureGate(tuple(verdicts), tuple(unresolved.values()))
