"""Run settings: which rules, which language, which severities.

This is the in-memory form; the CLI fills it from options (and, later, from
``[tool.budgetlint]`` files). It is immutable so one object can be shared by
every file of a run, including worker processes.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from budgetlint.model.diagnostics import Severity

if TYPE_CHECKING:  # pragma: no cover
    from budgetlint.read.base import Limits

LANGUAGES = ("zh", "en")
#: How sums of printed figures are compared: within the rounding envelope of
#: RULES.md (the default) or to the last printed digit (``rounding = "exact"``).
ROUNDING_MODES = ("round-to-nearest", "exact")


class Config(NamedTuple):
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str = "zh"
    severity: Mapping[str, Severity] = MappingProxyType({})
    noise_patterns: tuple[str, ...] = ()
    #: Disclosure profile name (``budgetlint profiles``), ``"none"``, or None/``"auto"`` to detect it.
    profile: str | None = None
    # File size, PDF pages, unzipped bytes for the PDF/Word/Excel readers; None = the
    # defaults of budgetlint.read.base.Limits (not imported here: plain-text cold start).
    limits: Limits | None = None
    #: "exact": a difference within rounding is a mismatch (``AnalysisOptions.exact_rounding``,
    #: which the rules pass to ``numbers.compare_sum(..., exact=...)``).
    rounding: str = "round-to-nearest"
    #: Lint ``x.part1.pdf`` + ``x.part2.pdf`` … found together as one document (``join-parts``).
    join_parts: bool = True
    #: Seconds one file may take (``--timeout``, key ``timeout``): None the default
    #: (``budgetlint.run.budget.DEFAULT_TIMEOUT``), 0 no limit.
    timeout: float | None = None

    @property
    def exact_rounding(self) -> bool:
        return self.rounding == "exact"

    def is_enabled(self, code: str) -> bool:
        """ruff-style selection: the most specific matching prefix decides; ignore wins ties."""
        selected = _best_match(code, self.select + self.extend_select)
        ignored = _best_match(code, self.ignore)
        return selected >= 0 and selected > ignored

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)


def _best_match(code: str, prefixes: tuple[str, ...]) -> int:
    best = -1
    for prefix in prefixes:
        prefix = prefix.strip().upper()
        if prefix == "ALL":
            best = max(best, 0)
        elif prefix and code.startswith(prefix):
            best = max(best, len(prefix))
    return best
