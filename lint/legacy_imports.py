"""Import paths of budgetlint 0.1 that third-party plugins use, kept for one release.

Why: 0.2 moved every module into a layer (``budgetlint.rule`` is now
``budgetlint.plugins.rule``). A plugin written for 0.1 imports the old names;
this finder maps them to the new modules so that it keeps working, with a
``DeprecationWarning`` that names the new path. Only the modules a plugin needs
are mapped: the rule base, the hook markers, diagnostics, the AST and profiles.
Remove in 0.3.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # the loader protocol, without importing importlib.abc at start-up
    from importlib.abc import Loader

OLD_TO_NEW = {
    "budgetlint.rule": "budgetlint.plugins.rule",
    "budgetlint.hookspecs": "budgetlint.plugins.hookspecs",
    "budgetlint.diagnostics": "budgetlint.model.diagnostics",
    "budgetlint.nodes": "budgetlint.model.nodes",
    "budgetlint.numbers": "budgetlint.model.numbers",
    "budgetlint.profiles": "budgetlint.analysis.profiles",
}


class _AliasLoader:
    """Hands back the new module under the old name.

    The import system needs only the loader protocol (``create_module``,
    ``exec_module``), not the ``importlib.abc`` base classes: importing
    ``importlib.abc`` pulls in ``importlib.resources`` at every start.
    """

    def __init__(self, new: str) -> None:
        self.new = new

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        warnings.warn(
            f"{spec.name} is deprecated; import {self.new} instead (removed in budgetlint 0.3)",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module(self.new)

    def exec_module(self, module: ModuleType) -> None:
        """The new module is already executed: nothing to do."""


class LegacyFinder:
    """Finds the 0.1 names of :data:`OLD_TO_NEW` and nothing else."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        new = OLD_TO_NEW.get(fullname)
        if new is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, cast("Loader", _AliasLoader(new)))


def install() -> None:
    """Put the finder on ``sys.meta_path`` once (``import budgetlint`` does this)."""
    if not any(isinstance(finder, LegacyFinder) for finder in sys.meta_path):
        sys.meta_path.append(LegacyFinder())
