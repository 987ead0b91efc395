"""Damaged PDFs: every one gives BL001 or findings for that file, never a crash of the run.

Mutations of a real PDF (bytes flipped, truncated, zeroed, spliced) once made the reader
crash in ~2 % of cases — pdfminer's exceptions escaping ``close()``, a ``TypeError`` on a
bounding box — and the run exit 2 ("reader crashed").
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from budgetlint.run import runner
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_file

pytest.importorskip("pdfplumber")

FIXTURE = Path(__file__).parent / "fixtures" / "pdf" / "shanghai-putuo-welfare-home-2024-unit-budget.pdf"
MUTATIONS = 40


def _mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    kind = rng.choice(["flip", "truncate", "zero", "splice"])
    at = rng.randrange(len(out))
    if kind == "flip":
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
    elif kind == "truncate":
        del out[at:]
    elif kind == "zero":
        end = min(len(out), at + rng.randint(1, 500))
        out[at:end] = bytes(end - at)
    else:
        source = rng.randrange(len(out))
        out[at:at] = out[source : source + rng.randint(1, 300)]
    return bytes(out)


@pytest.mark.slow
def test_mutated_pdfs_never_crash_the_reader(tmp_path: Path) -> None:
    rng = random.Random(20261208)
    original = FIXTURE.read_bytes()
    unread = 0
    for number in range(MUTATIONS):
        path = tmp_path / f"mutated{number}.pdf"
        path.write_bytes(_mutate(original, rng))
        result = lint_file(str(path), Config())
        assert result.failures == [], (number, result.failures)
        unread += any(d.code == "BL001" for d in result.diagnostics)
    assert unread < MUTATIONS  # most damage still leaves a readable document


def test_any_reader_exception_is_bl001_for_that_file(tmp_path: Path) -> None:
    path = tmp_path / "odd.pdf"
    path.write_bytes(b"%PDF-1.4\n")

    def reader(path: str, limits: object) -> object:
        raise TypeError("unsupported operand type(s) for +: 'PSLiteral' and 'float'")

    result = runner.lint_with_reader(reader, str(path), Config())
    assert result.failures == []
    assert [d.code for d in result.diagnostics] == ["BL001"]
    assert "TypeError" in result.diagnostics[0].message
