"""budgetlint: a rule-based linter for Chinese public budget disclosures (预算/决算公开).

The public Python API (:func:`lint_text`, :func:`lint_path`, :func:`parse`) is
imported lazily so that ``import budgetlint`` stays cheap for the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["lint_text", "lint_path", "parse", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from budgetlint.parser import parse
    from budgetlint.runner import lint_path, lint_text


def __getattr__(name: str) -> Any:
    if name == "parse":
        from budgetlint.parser import parse

        return parse
    if name in ("lint_text", "lint_path"):
        from budgetlint import runner

        return getattr(runner, name)
    raise AttributeError(name)
