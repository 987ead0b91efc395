"""The wide corpus as a regression suite: budgetlint's errors and warnings on the 45 real
documents of ``../shared/corpus/wide/`` must be exactly the reviewed set
(``tests/corpus/wide-*.toml``, see ``tests/corpus/wide_review.py``), each with a verdict
and a reason. Skipped where the shared corpus is not beside the checkout."""

from __future__ import annotations

import pytest

from tests.corpus import wide_review

pytestmark = pytest.mark.slow

needs_corpus = pytest.mark.skipif(not wide_review.WIDE.is_dir(), reason="../shared/corpus/wide/ is not here")


def test_every_reviewed_finding_has_a_verdict_and_a_reason() -> None:
    entries = wide_review.load_reviewed()
    assert entries, "no reviewed findings"
    bad = [
        wide_review.key_of(e)
        for e in entries
        if e.get("verdict") not in ("true", "false") or not str(e.get("reason", "")).strip()
    ]
    assert not bad, f"{len(bad)} findings are not reviewed yet (verdict true/false and a reason), e.g. {bad[:5]}"


@needs_corpus
def test_findings_on_wide_are_the_reviewed_set() -> None:
    new, gone = wide_review.differences(wide_review.lint_wide(), wide_review.load_reviewed())
    assert not new and not gone, (
        f"findings not reviewed: {new[:10]} ({len(new)}); reviewed but no longer found: {gone[:10]} ({len(gone)}). "
        "Check them against the PDFs, then run `python tests/corpus/wide_review.py` and review the new entries."
    )
