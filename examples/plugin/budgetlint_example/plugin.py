"""The plugin module named by the ``budgetlint`` entry point: two hook implementations.

``budgetlint_rules()`` returns rule classes; ``budgetlint_profiles()`` returns
profiles, here loaded from the TOML files shipped in ``profiles/``. budgetlint
imports this module only when it lints, so keep imports light.
"""

from __future__ import annotations

from budgetlint.hookspecs import hookimpl
from budgetlint.profiles import Profile, load_package_profiles
from budgetlint.rule import Rule
from budgetlint_example.rules import TableOrganizationDiffers


@hookimpl
def budgetlint_rules() -> list[type[Rule]]:
    return [TableOrganizationDiffers]


@hookimpl
def budgetlint_profiles() -> list[Profile]:
    return load_package_profiles("budgetlint_example")
