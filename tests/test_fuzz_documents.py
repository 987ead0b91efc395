"""Property-based: budget-shaped documents (tests/budget_shapes.py) with random Unicode spliced
in never make a rule crash, exit 0 or 1, give valid JSON, and are linted in bounded time.

About 10 s of CPU in CI; benchmarks/fuzz_long.py runs the same generator over 100,000 inputs."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.cli import cli

from .budget_shapes import check_document, document

#: Far above the slowest of 100,000 generated documents (about 0.2 s on a loaded machine).
SECONDS_PER_DOCUMENT = 5.0


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_budget_shaped_documents(rng: random.Random) -> None:
    checked = check_document(document(rng))
    assert checked.problem is None
    assert checked.seconds < SECONDS_PER_DOCUMENT


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.text(max_size=200))
def test_budget_shaped_documents_with_arbitrary_text(rng: random.Random, text: str) -> None:
    """Any Unicode (hypothesis's own choice of characters) spliced into a document."""
    lines = document(rng).split("\n")
    at = rng.randrange(len(lines))
    lines[at] = lines[at][: len(lines[at]) // 2] + text + lines[at][len(lines[at]) // 2 :]
    checked = check_document("\n".join(lines))
    assert checked.problem is None
    assert checked.seconds < SECONDS_PER_DOCUMENT


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.randoms(use_true_random=False), min_size=1, max_size=3))
def test_cli_exit_status_and_json(rngs: list[random.Random]) -> None:
    """The command line itself: exit 0 or 1 and a JSON report, for a batch of documents."""
    with tempfile.TemporaryDirectory() as folder:
        paths = [str(Path(folder) / f"d{i}.txt") for i in range(len(rngs))]
        for path, rng in zip(paths, rngs, strict=True):
            Path(path).write_text(document(rng), encoding="utf-8")
        result = CliRunner().invoke(cli, ["--isolated", "--format", "json", *paths])
    assert result.exit_code in (0, 1), result.output
    assert isinstance(json.loads(result.stdout), list)
