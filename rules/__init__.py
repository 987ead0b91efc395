"""The built-in rules: an ordinary budgetlint plugin (entry point ``builtin``).

Each rule lives in its own module named after its code (``bl101_toc_entry_missing``), or,
for a family that shares its wording, in one module named after its lowest code
(``bl201_table_identities``: BL201–BL205 and BL301; rule modules never import each other).
This plugin imports every ``blNNN_*`` module and returns the :class:`~budgetlint.plugins.rule.Rule`
subclasses it defines, so adding a rule is adding a file. Likewise the built-in
disclosure profiles are the TOML files in ``profiles/``: adding one is adding a file.
"""

from __future__ import annotations

import importlib
import os
import re

from budgetlint.plugins.hookspecs import hookimpl
from budgetlint.plugins.rule import Rule

_RULE_MODULE = re.compile(r"^bl\d{3}_")


def builtin_rules() -> list[type[Rule]]:
    """Every Rule subclass defined in a ``blNNN_*`` module of this package."""
    found: list[type[Rule]] = []
    # os.listdir, not pkgutil: importing pkgutil costs more than listing the folder.
    names = sorted({name[:-3] for name in os.listdir(__path__[0]) if name.endswith(".py") and _RULE_MODULE.match(name)})
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value is not Rule
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


@hookimpl
def budgetlint_rules() -> list[type[Rule]]:
    return builtin_rules()


@hookimpl
def budgetlint_profiles() -> list[object]:
    """The built-in disclosure profiles (``profiles/*.toml``), loaded once per process."""
    from budgetlint.analysis.profiles import builtin_profiles

    return list(builtin_profiles())


@hookimpl
def budgetlint_readers() -> dict[str, object]:
    from budgetlint.read import builtin_readers

    return dict(builtin_readers())
