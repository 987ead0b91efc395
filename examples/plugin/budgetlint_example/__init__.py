"""An example budgetlint plugin package (see ``plugin.py`` for the hooks)."""
