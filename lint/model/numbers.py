"""Published figures and the arithmetic of rounded numbers.

Budget tables print rounded figures (万元 to two decimals, shares to one or two).
A figure shown with ``d`` decimals stands for every value within ``0.5 × 10^-d`` of
it, so identities between rounded figures can only be checked as intervals.
Rules compare through :func:`compare_sum` and :func:`ratio_consistent` so that one
definition of "within rounding" (RULES.md, "Tolerance") holds everywhere.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

# Re-exported: ``budgetlint.numbers`` (0.1) gave plugins these names; the one width
# normalization and the one unit table now live in budgetlint.model.text.
from budgetlint.model.text import TO_WAN as TO_WAN
from budgetlint.model.text import normalize_width

#: Cell texts that mean "nothing here": treated as an exact zero.
EMPTY_MARKS = frozenset({"", "-", "—", "——", "–", "－", "/", "…"})

_NUMBER = re.compile(
    r"""^(?P<sign>[-+]?)\s*
        (?P<int>\d{1,3}(?:,\d{3})+|\d+)?
        (?:\.(?P<frac>\d+))?$""",
    re.X,
)


#: The most digits a printed figure may have before and after the point. No budget reaches
#: 10^15 元 (a thousand 万亿) and none prints more than a dozen decimals; longer digit runs
#: are identifiers or garbage, and reading them as figures would take the decimal arithmetic
#: past its 28-digit precision (``InvalidOperation`` in quantize) and past Python's
#: 4,300-digit limit for ``int(str)``. Such text is "not a number", which the table rules
#: report as a non-numeric cell and the narrative simply does not quote.
MAX_INTEGER_DIGITS = 15
MAX_DECIMALS = 12

_ZERO = Decimal(0)
_HALF_WIDTHS = tuple(Decimal(5).scaleb(-(d + 1)) for d in range(12))


class Figure(NamedTuple):
    """A printed number: its value and how many decimals were shown.

    ``exact`` figures (blank cells, ``-``) carry no rounding uncertainty. ``stored``
    figures are printed figures that carry none either: a spreadsheet cell whose
    number format shows every digit of the value it holds (``40`` in a General
    cell is forty, not anything from 39.5 to 40.5). Unlike ``exact`` they are
    printed numbers, so they count as figures a table shows.
    """

    value: Decimal
    decimals: int = 0
    exact: bool = False
    stored: bool = False

    @property
    def half_width(self) -> Decimal:
        """Half-width of the rounding interval the printed figure stands for."""
        if self.exact or self.stored:
            return _ZERO
        if 0 <= self.decimals < len(_HALF_WIDTHS):
            return _HALF_WIDTHS[self.decimals]
        return Decimal(5).scaleb(-(self.decimals + 1))

    @property
    def low(self) -> Decimal:
        return self.value - self.half_width

    @property
    def high(self) -> Decimal:
        return self.value + self.half_width

    def scaled(self, factor: Decimal | int) -> Figure:
        """The same figure in another unit (e.g. 元 → 万元 is ``Decimal('0.0001')``).

        The rounding interval scales too, which ``decimals`` alone cannot express,
        so scaled figures keep their uncertainty through :attr:`decimals` shifted
        by the power of ten of ``factor`` (factors are powers of ten here).
        """
        if factor == 1:  # 万元 to 万元, most calls: the same figure (and no rounding to the context)
            return self
        factor = Decimal(factor)
        shift = -factor.adjusted()
        return Figure(self.value * factor, self.decimals + shift, self.exact, self.stored)

    def __str__(self) -> str:
        return format_figure(self.value, self.decimals)


ZERO = Figure(Decimal(0), 0, exact=True)


class NotANumber(ValueError):
    """Raised by :func:`parse_amount` for text that is neither blank nor a number."""


def parse_amount(text: str) -> Figure:
    """Parse a table cell or narrative amount: ``140.30``, ``3,320,000``, ``-``, ``１２３．４５``.

    Blank and dash cells are an exact zero. Raises :class:`NotANumber` otherwise.
    """
    return _parse_normalized(normalize_width(text), text)


def _parse_normalized(normalized: str, text: str) -> Figure:
    """:func:`parse_amount` of text that is width-normalized already (``text`` is the original,
    for the error)."""
    cleaned = normalized.strip().replace(" ", "")
    if cleaned in EMPTY_MARKS:
        return Figure(Decimal(0), 0, exact=True)
    match = _NUMBER.match(cleaned)
    if not match or (match.group("int") is None and match.group("frac") is None):
        raise NotANumber(text)
    integer = (match.group("int") or "0").replace(",", "")
    frac = match.group("frac") or ""
    if len(integer.lstrip("0")) > MAX_INTEGER_DIGITS or len(frac) > MAX_DECIMALS:
        raise NotANumber(text)
    try:
        value = Decimal(f"{match.group('sign')}{integer}.{frac or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise NotANumber(text) from exc
    return Figure(value, len(frac))


@lru_cache(maxsize=8192)
def try_parse_amount(text: str) -> Figure | None:
    """:func:`parse_amount`, or ``None`` when the text is not a number.

    Cached: table cells repeat the same few texts ("", "133.31", "-") many times,
    and figures are immutable.
    """
    try:
        return parse_amount(text)
    except NotANumber:
        return None


@lru_cache(maxsize=8192)
def try_parse_normalized_amount(normalized: str) -> Figure | None:
    """:func:`try_parse_amount` of text the caller has width-normalized already (table cells,
    whose line the parser normalized as a whole): the same figure, without normalizing again."""
    try:
        return _parse_normalized(normalized, normalized)
    except NotANumber:
        return None


def parse_percent(text: str) -> Figure | None:
    """``95.02%`` → Figure(95.02, 2); ``None`` when it is not a percentage."""
    cleaned = normalize_width(text).strip()
    if not cleaned.endswith("%"):
        return None
    return try_parse_amount(cleaned[:-1])


def format_figure(value: Decimal, decimals: int, grouping: bool = False) -> str:
    """Format with a fixed number of decimals (and thousands separators), as documents print figures."""
    decimals = max(0, decimals)
    return f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"


class Verdict(enum.Enum):
    """Outcome of comparing rounded figures."""

    EXACT = "exact"
    ROUNDING = "rounding"
    MISMATCH = "mismatch"


class Comparison(NamedTuple):
    """Result of :func:`compare_sum`: the verdict and the numbers behind it."""

    verdict: Verdict
    expected: Decimal
    actual: Decimal
    difference: Decimal
    envelope: Decimal

    @property
    def holds(self) -> bool:
        return self.verdict is Verdict.EXACT


def compare_sum(total: Figure, parts: Iterable[Figure], *, exact: bool = False) -> Comparison:
    """Check ``total = Σ parts`` under the rounding envelope of RULES.md.

    diff = |total − Σ parts|, envelope = u(total) + Σ u(part). Exact equality is
    EXACT, a difference within the envelope is ROUNDING, anything else MISMATCH.
    ``exact`` is the run's ``rounding = "exact"`` (figures must agree to the last
    printed digit, so nothing is excused as rounding): rules pass
    ``ctx.options.exact_rounding`` (a test checks every built-in call does). The
    default keeps 0.1 plugins' calls working.
    """
    parts = list(parts)
    summed = sum((p.value for p in parts), Decimal(0))
    envelope = total.half_width + sum((p.half_width for p in parts), Decimal(0))
    difference = abs(total.value - summed)
    if difference == 0:
        verdict = Verdict.EXACT
    elif difference <= envelope and not exact:
        verdict = Verdict.ROUNDING
    else:
        verdict = Verdict.MISMATCH
    return Comparison(verdict, summed, total.value, difference, envelope)


def compare_equal(left: Figure, right: Figure, *, exact: bool = False) -> Comparison:
    """Check that two printed figures denote the same quantity."""
    return compare_sum(left, [right], exact=exact)


class Interval(NamedTuple):
    """A closed interval of real values, for ratios of rounded figures."""

    low: Decimal
    high: Decimal

    def intersects(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    @classmethod
    def of(cls, figure: Figure) -> Interval:
        return cls(figure.low, figure.high)

    def plus(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def minus(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def divided_by(self, other: Interval, scale: int = 1) -> Interval | None:
        """``scale × self / other``; None when ``other`` contains zero."""
        if other.low <= 0 <= other.high:
            return None
        candidates = [a / b * scale for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(candidates), max(candidates))

    def contains_zero(self) -> bool:
        return self.low <= 0 <= self.high


def matches_rounded(stated: Figure, value: Decimal) -> bool:
    """Does ``value``, rounded half-up to the stated figure's decimals, print as ``stated``?"""
    quantum = Decimal(1).scaleb(-max(stated.decimals, 0))
    return value.quantize(quantum, rounding=ROUND_HALF_UP) == stated.value


def ratio_interval(numerator: Figure, denominator: Figure, scale: int = 100) -> Interval | None:
    """All values ``scale × n / d`` can take for n, d within their rounding intervals.

    ``None`` when the denominator's interval contains zero (no ratio is defined).
    """
    d_low, d_high = denominator.low, denominator.high
    if d_low <= 0 <= d_high:
        return None
    candidates = [n / d for n in (numerator.low, numerator.high) for d in (d_low, d_high)]
    return Interval(min(candidates) * scale, max(candidates) * scale)


def ratio_consistent(
    stated: Figure, numerator: Figure, denominator: Figure, scale: int = 100, *, exact: bool = False
) -> Verdict | None:
    """Is a stated share/rate compatible with ``numerator / denominator``?

    EXACT when the stated figure equals the computed ratio rounded to its shown
    decimals, ROUNDING when only the intervals intersect (and ``exact`` rounding is
    off), MISMATCH otherwise;
    ``None`` when the ratio is undefined.
    """
    computed = ratio_interval(numerator, denominator, scale)
    if computed is None:
        return None
    point = numerator.value / denominator.value * scale
    if point.quantize(Decimal(1).scaleb(-stated.decimals), rounding=ROUND_HALF_UP) == stated.value:
        return Verdict.EXACT
    if Interval.of(stated).intersects(computed) and not exact:
        return Verdict.ROUNDING
    return Verdict.MISMATCH
