"""Shared fixtures: the bundled sample documents (tests never read ../shared)."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SAMPLE = EXAMPLES / "xinzhou-2023-unit-budget.txt"
CORPUS = sorted(EXAMPLES.glob("*.txt"))


_SAVED_CACHE_DIR: list[str | None] = []


def pytest_configure(config: pytest.Config) -> None:
    """Tests (and the CLIs they start) use their own cache, never the user's: set before
    collection, because collecting tests already loads the grammars and profiles, which read the cache."""
    import os
    import tempfile

    _SAVED_CACHE_DIR.append(os.environ.get("BUDGETLINT_CACHE_DIR"))
    os.environ["BUDGETLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="budgetlint-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    import os
    import shutil

    shutil.rmtree(os.environ["BUDGETLINT_CACHE_DIR"], ignore_errors=True)
    saved = _SAVED_CACHE_DIR.pop()
    if saved is None:
        del os.environ["BUDGETLINT_CACHE_DIR"]
    else:
        os.environ["BUDGETLINT_CACHE_DIR"] = saved


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_doc(sample_text: str):  # type: ignore[no-untyped-def]
    from budgetlint.parsing.document import parse

    return parse(sample_text, path=str(SAMPLE))


@contextlib.contextmanager
def time_limit(seconds: int, message: str = "did not finish in time") -> Iterator[None]:
    """Fail (instead of hanging the suite) when the block runs longer than ``seconds``.

    A signal cannot interrupt a regular expression stuck in C; it fires as soon as
    Python code runs again, so endless Python loops and slow-but-finishing calls fail.
    """

    def expire(signum, frame):  # type: ignore[no-untyped-def]
        raise AssertionError(f"{message} (limit {seconds} s)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
