"""Recall on the real documents of wide/: a figure that another printed figure contradicts is caught.

Issue 14: seeded mutations of the 45 documents' text (an amount cell changed, a data row
deleted, a verified narrative percentage changed; see ``tests/corpus/wide_mutation.py``)
are linted in-process, and at least 90 % of those that the analyses can contradict with
another printed figure must raise a new error or warning where the figure or its identity
stands. The shares are printed (``pytest -s``) and carried in the assertion message.
The corpus test is skipped where the shared corpus is not beside the checkout; the
harness itself is tested on the sample document, so that a harness that can only say
"caught" (or only "missed") fails here.
"""

from __future__ import annotations

import pytest

from tests.corpus import wide_mutation
from tests.corpus.wide_mutation import Mutation, Original

from .conftest import SAMPLE

#: Issue 14's floor for the contradicted mutations.
MIN_CONTRADICTED_SHARE = 0.90


@pytest.mark.parametrize(
    ("printed", "mutated"),
    [
        ("57.30", "97.30"),  # figures up to 999: the leading digit
        ("1,234.56", "1,634.56"),  # larger ones: the second digit, separators kept
        ("24169.74", "28169.74"),
        ("0.80", "4.80"),
        ("9.50", "5.50"),  # a digit above 5 moves down: never a leading zero, never a carry
        ("195,774,300", "155,774,300"),
    ],
)
def test_a_figure_changes_by_one_digit_and_keeps_its_length(printed: str, mutated: str) -> None:
    assert wide_mutation.mutate_number(printed) == mutated


@pytest.mark.parametrize("printed", ["0.00", "0", "7", "12", "-5.00", "5%", "一百", "1,23"])
def test_zero_tiny_or_odd_figures_are_not_mutated(printed: str) -> None:
    """0 has no clear change; 7 → 3 or 12 → 52 in 元 could hide in a long column's rounding."""
    assert wide_mutation.mutate_number(printed) is None


@pytest.fixture(scope="module")
def sample() -> Original:
    original = wide_mutation.read_original(str(SAMPLE))
    assert original is not None
    return original


@pytest.mark.parametrize("kind", ["cell", "row", "percent"])
def test_the_harness_catches_mutations_of_the_sample(sample: Original, kind: str) -> None:
    mutations = wide_mutation.sample(sample, kind, 3)
    assert len(mutations) == 3
    outcomes = [wide_mutation.judge(sample, m) for m in mutations]
    assert all(o.contradicted and o.caught for o in outcomes), outcomes


def test_an_unchanged_text_is_neither_contradicted_nor_caught(sample: Original) -> None:
    """The judge compares with the original: the same text must count as a miss, with a reason."""
    mutation = wide_mutation.sample(sample, "cell", 1)[0]._replace(text=sample.text)
    outcome = wide_mutation.judge(sample, mutation)
    assert not outcome.contradicted and not outcome.caught
    assert outcome.reason == "no checked identity involves the figure"


def test_a_deleted_row_maps_later_lines_back(sample: Original) -> None:
    mutation: Mutation = wide_mutation.sample(sample, "row", 1)[0]
    first = min(mutation.lines) + 1
    assert mutation.line_map(first - 1) == first - 1
    deleted = len(sample.text.split("\n")) - len(mutation.text.split("\n"))
    assert deleted >= 1 and mutation.line_map(first) == first + deleted


@pytest.mark.slow
@pytest.mark.skipif(not wide_mutation.WIDE.is_dir(), reason="../shared/corpus/wide/ is not here")
def test_contradicted_mutations_of_wide_are_caught() -> None:
    outcomes = wide_mutation.run()
    summary = wide_mutation.report(outcomes)
    print(summary)
    contradicted = [o for o in outcomes if o.contradicted]
    for kind in wide_mutation.KINDS:
        assert any(o.kind == kind for o in contradicted), f"no contradicted {kind} mutation was drawn\n{summary}"
    caught, of = wide_mutation.share(contradicted)
    assert caught >= MIN_CONTRADICTED_SHARE * of, f"only {caught}/{of} contradicted mutations caught\n{summary}"
