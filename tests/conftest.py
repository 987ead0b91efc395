"""Shared fixtures: the bundled sample documents (tests never read ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SAMPLE = EXAMPLES / "xinzhou-2023-unit-budget.txt"
CORPUS = sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Tests (and the CLIs they start) use their own cache, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BUDGETLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_doc(sample_text: str):  # type: ignore[no-untyped-def]
    from budgetlint.parser import parse

    return parse(sample_text, path=str(SAMPLE))
