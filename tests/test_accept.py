"""Accepted findings (``[[tool.budgetlint.accepted]]``, ``budgetlint accept``) and their fingerprints."""

from __future__ import annotations

from budgetlint.model.fingerprint import fingerprint
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_file

from .conftest import EXAMPLES


def test_fingerprints_do_not_depend_on_the_message_language() -> None:
    for path in sorted(EXAMPLES.glob("*.txt")):
        zh, en = (lint_file(str(path), Config(lang=lang)) for lang in ("zh", "en"))
        assert [d.message for d in zh.diagnostics] != [d.message for d in en.diagnostics] or not zh.diagnostics
        zh_prints = [fingerprint(d, zh.source_lines) for d in zh.diagnostics]
        assert zh_prints == [fingerprint(d, en.source_lines) for d in en.diagnostics], path.name
