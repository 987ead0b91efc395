"""budgetlint: a rule-based linter for Chinese public budget disclosures (预算/决算公开).

The public Python API (:func:`lint_text`, :func:`lint_path`, :func:`parse`) is
imported lazily so that ``import budgetlint`` stays cheap for the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from budgetlint.legacy_imports import install as _install_legacy_imports
from budgetlint.version import __version__

__all__ = ["lint_text", "lint_path", "parse", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from budgetlint.parsing.document import parse
    from budgetlint.run.runner import lint_path, lint_text


def __getattr__(name: str) -> Any:
    if name == "parse":
        from budgetlint.parsing.document import parse

        return parse
    if name in ("lint_text", "lint_path"):
        from budgetlint.run import runner

        return getattr(runner, name)
    raise AttributeError(name)


_install_legacy_imports()
