"""Guards for the cold start: what a plain ``budgetlint FILE.txt`` run must not import.

Each module listed was removed from the start-up path on purpose (see the README's
Performance section); these tests fail when a change brings one back.
"""

from __future__ import annotations

import calendar
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from budgetlint.rules.bl501_invalid_date import days_in_month

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "xinzhou-2023-unit-budget.txt"

#: Modules a text-file run does not need, with what used to import them.
NOT_AT_START = (
    "calendar",  # BL501's month lengths
    "importlib.abc",  # the 0.1 import-path finder's base classes
    "importlib.resources",  # imported by importlib.abc
    "tomllib",  # configuration files: only read when one mentions budgetlint
)


@pytest.mark.parametrize("year", [1900, 1999, 2000, 2023, 2024, 2100])
def test_days_in_month_matches_the_calendar(year: int) -> None:
    for month in range(1, 13):
        assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)


def test_a_text_run_does_not_import_what_it_does_not_need(tmp_path: Path) -> None:
    script = (
        "import json, sys\n"
        "from budgetlint.cli import main\n"
        f"sys.argv = ['budgetlint', {str(SAMPLE)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('\\n' + json.dumps(sorted(sys.modules)))\n"
    )

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=tmp_path)

    run()  # the first run fills the user cache (analysed grammars, parsed profiles), as after installing
    done = run()
    loaded = set(json.loads(done.stderr.rsplit("\n", 1)[-1]))
    assert "budgetlint.rules.bl501_invalid_date" in loaded  # the run did lint
    assert sorted(loaded.intersection(NOT_AT_START)) == []


@pytest.mark.parametrize(
    "module",
    [
        "budgetlint.model.nodes",
        "budgetlint.analysis.tablemodel",
        "budgetlint.analysis.narrative",
        "budgetlint.analysis.profiles",
        "budgetlint.analysis.identities",
    ],
)
def test_named_tuple_modules_evaluate_their_annotations(module: str) -> None:
    """These modules create most of the named tuples; string annotations (``from __future__
    import annotations``) would make typing.NamedTuple compile each into a ForwardRef."""
    namespace = vars(importlib.import_module(module))
    named_tuples = [
        value
        for value in namespace.values()
        if isinstance(value, type)
        and issubclass(value, tuple)
        and hasattr(value, "_fields")
        and value.__module__ == module
    ]
    assert named_tuples
    for named_tuple in named_tuples:
        strings = [field for field, kind in named_tuple.__annotations__.items() if isinstance(kind, str)]
        assert strings == [], f"{named_tuple.__name__}: string annotations {strings}"
