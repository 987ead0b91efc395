"""What the rules read about one document: the AST, the run's options, the shared analyses.

Why one object: several rules need the same analyses (table models, the fact index,
目录 matching, the profile selection …). Each is computed lazily, the first time a
rule asks, and at most once per document; the AST itself stays immutable. The
options a rule may depend on (exact rounding, the requested profile, the profiles
installed) arrive here too, typed and frozen, so they reach every rule and every
analysis the same way: through this context, never through globals.

The runner builds one :class:`DocumentContext` per document and passes it to every
rule's ``check(ctx)``; tests and tools build one from a parsed Document.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import NamedTuple

from budgetlint.analysis.disclosure import is_disclosure
from budgetlint.analysis.facts import FactIndex, build_fact_index
from budgetlint.analysis.identities import Identity
from budgetlint.analysis.narrative import Narrative, build_narrative
from budgetlint.analysis.outline import TocMatch, match_toc
from budgetlint.analysis.profiles import (
    Profile,
    Selection,
    builtin_profiles,
    section_heading_keys,
    section_paragraph_texts,
    select_profile,
    title_span,
    validate_profiles,
)
from budgetlint.analysis.structuregate import StructureGate, structure_gate
from budgetlint.analysis.subjects import ChainClaim, chain_claims
from budgetlint.analysis.tablechecks import TableChecks, table_checks
from budgetlint.analysis.tablemodel import AmountCell, TableModel, amount_cells, table_models
from budgetlint.analysis.threepublic import (
    ThreePublicChange,
    ThreePublicClaim,
    three_public_changes,
    three_public_claims,
)
from budgetlint.model.diagnostics import Span
from budgetlint.model.nodes import Document


@dataclass(frozen=True)
class AnalysisOptions:
    """The run's options that change what the analyses and rules find (the runner fills them)."""

    #: ``rounding = "exact"``: figures must agree to the last printed digit, so a
    #: difference within the rounding envelope is a mismatch, not a rounding note.
    exact_rounding: bool = False
    #: ``--profile``: a profile name, ``"none"``, or ``None``/``"auto"`` (choose automatically).
    requested_profile: str | None = None
    #: The profiles the run knows (built-in and plugins'), not yet validated; ``None``
    #: means the built-in ones (a context built outside the runner, e.g. in a test).
    profiles: tuple[Profile, ...] | None = None
    #: The input is a file (found in a folder, named, or standard input), not a snippet handed
    #: to the Python API: judge whether it is a disclosure at all (``not_a_disclosure``).
    judge_disclosure: bool = False


class DocumentText(NamedTuple):
    """The document's lines joined by newlines, and the offset where each line starts."""

    text: str
    starts: tuple[int, ...]


def join_lines(lines: tuple[str, ...]) -> DocumentText:
    """One string for a whole-document regex pass (one pass is much faster than one per line)."""
    starts = tuple(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    return DocumentText("\n".join(lines), starts)


class DocumentContext:
    """One document, the options of the run, and every shared analysis, each computed once."""

    def __init__(self, doc: Document, options: AnalysisOptions | None = None) -> None:
        self.doc = doc
        self.options = options if options is not None else AnalysisOptions()

    # -- text ------------------------------------------------------------------------
    @cached_property
    def normalized_text(self) -> DocumentText:
        """The width-normalized lines (full-width ASCII → ASCII, same lengths) as one string."""
        return join_lines(self.doc.normalized_lines)

    @cached_property
    def printed_text(self) -> DocumentText:
        """The lines as printed, as one string."""
        return join_lines(self.doc.lines)

    @cached_property
    def not_a_disclosure(self) -> bool:
        """A judged file that is no budget disclosure (a README beside them): only BL004 runs on it."""
        return self.options.judge_disclosure and not is_disclosure(self.doc)

    # -- tables ----------------------------------------------------------------------
    @cached_property
    def table_models(self) -> tuple[TableModel, ...]:
        """The model of every table, in document order."""
        return table_models(self.doc)

    @cached_property
    def amount_cells(self) -> tuple[AmountCell, ...]:
        """Every printed cell of an understood amount column of the budget tables."""
        return amount_cells(self.table_models)

    @cached_property
    def table_checks(self) -> TableChecks:
        """The tables' failed identities and how many of each kind were checked per table."""
        return table_checks(self.doc, self.table_models, self.options.exact_rounding)

    @cached_property
    def table_identities(self) -> tuple[Identity, ...]:
        """Every arithmetic identity of the tables that does not hold exactly (under the run's rounding)."""
        return self.table_checks.identities

    @cached_property
    def structure_gate(self) -> StructureGate:
        """Per table, whether its reading is trusted: the arithmetic rules skip the tables it rejects."""
        return structure_gate(self.table_checks, self.table_models)

    # -- narrative ---------------------------------------------------------------------
    @cached_property
    def narrative(self) -> Narrative:
        """The claims the prose makes (amounts, shares, changes, breakdowns)."""
        return build_narrative(self.doc)

    @cached_property
    def fact_index(self) -> FactIndex:
        """Table figures by label, for comparing the prose with the tables."""
        return build_fact_index(self.doc)

    @cached_property
    def chain_claims(self) -> tuple[ChainClaim, ...]:
        """Narrative amounts whose subject is a 科目 chain (X（类）Y（款）Z（项）), with the row's figure."""
        return chain_claims(self.narrative, self.table_models, self.doc)

    @cached_property
    def three_public_claims(self) -> tuple[ThreePublicClaim, ...]:
        """Amounts of the 三公 paragraph that name a 三公 item, with the 三公 table's figure."""
        return three_public_claims(self.narrative, self.doc)

    @cached_property
    def three_public_changes(self) -> tuple[ThreePublicChange, ...]:
        """Changes of the 三公 paragraph with the 三公 table's figures of both years."""
        return three_public_changes(self.narrative, self.three_public_claims, self.doc.year)

    # -- outline -----------------------------------------------------------------------
    @cached_property
    def toc_match(self) -> TocMatch:
        """The 目录 entries matched to body headings."""
        return match_toc(self.doc)

    @cached_property
    def title_span(self) -> Span:
        """Where document-level findings point."""
        return title_span(self.doc)

    # -- profiles ----------------------------------------------------------------------
    @cached_property
    def profiles(self) -> tuple[Profile, ...]:
        """The well-formed profiles of the run (malformed ones are reported elsewhere, not used)."""
        candidates = self.options.profiles if self.options.profiles is not None else builtin_profiles()
        return tuple(validate_profiles(candidates)[0])

    @cached_property
    def profile_selection(self) -> Selection | None:
        """The profile the document is checked against, or None (generic checks only)."""
        return select_profile(self.doc, self.profiles, self.options.requested_profile)

    @cached_property
    def section_heading_keys(self) -> tuple[str, ...]:
        """Comparison keys of the body headings, for mandated sections."""
        return tuple(section_heading_keys(self.doc))

    @cached_property
    def section_paragraph_texts(self) -> tuple[str, ...]:
        """The paragraphs' normalized texts, for mandated sections given as prose."""
        return tuple(section_paragraph_texts(self.doc))
