"""The record of one checked identity between table figures (shared by BL2xx and BL301)."""

from __future__ import annotations

from typing import NamedTuple

from budgetlint.model.diagnostics import Span
from budgetlint.model.numbers import Verdict


class Identity(NamedTuple):
    """A failed (or rounding-only) identity: which rule owns it, where, and its message."""

    code: str  # BL201 … BL204, BL301
    verdict: Verdict
    span: Span
    zh: str
    en: str
