"""The regex cache: programs compiled on an earlier run give the same patterns as ``re``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from budgetlint import cache, regexcache

from .conftest import CORPUS, SAMPLE

PATTERNS = [
    (r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月", 0),
    (r"^\s*(第[一二三四五六七八九十]{1,3}部分|\d{1,2}(?:、|\.(?!\d)))", re.M),
    (r"tool \. budgetlint  # a comment", re.X | re.I),
    (r"[\uff01-\uff5e\u3000]", 0),
]


def _same(ours: re.Pattern[str], theirs: re.Pattern[str], text: str) -> None:
    assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == \
        (theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex)
    assert [m.span() + m.groups() for m in ours.finditer(text)] == \
        [m.span() + m.groups() for m in theirs.finditer(text)]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_stored_program_gives_the_pattern_re_compiles(pattern: str, flags: int) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    program = regexcache._program(pattern, flags)
    import _sre

    _same(_sre.compile(pattern, *program), re.compile(pattern, flags), text)
    _same(regexcache.compiled(pattern, flags), re.compile(pattern, flags), text)


def test_every_program_of_a_run_matches_like_re() -> None:
    """After linting the examples, every program the cache holds behaves as ``re`` compiles it."""
    from budgetlint.runner import lint_text

    texts = [path.read_text(encoding="utf-8") for path in CORPUS]
    for text in texts:
        lint_text(text)
    import _sre

    programs = regexcache._load()
    assert len(programs) > 50  # the rules', profiles' and both lexers' patterns
    sample = "\n".join(texts)
    for (pattern, flags), program in programs.items():
        _same(_sre.compile(pattern, *program), re.compile(pattern, flags), sample)


def test_an_invalid_pattern_raises_re_error() -> None:
    with pytest.raises(re.error):
        regexcache.compiled("(unclosed")


def test_a_program_the_engine_rejects_falls_back_to_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = r"预算\d+万元 rejected"
    programs = regexcache._load()
    monkeypatch.setitem(programs, (pattern, 0), (32, [999, 999], 0, {}, (None,)))
    monkeypatch.setattr(regexcache, "_patterns", {})
    assert regexcache.compiled(pattern).findall("预算12万元 rejected") == ["预算12万元 rejected"]


def _run(cache_dir: Path) -> str:
    """Lint the sample in a fresh interpreter; prints whether it compiled any new program."""
    code = (
        "from budgetlint import regexcache; from budgetlint.runner import lint_text; "
        f"lint_text(open({str(SAMPLE)!r}, encoding='utf-8').read()); "
        "print(regexcache._state['added'])"
    )
    env = dict(os.environ, BUDGETLINT_CACHE_DIR=str(cache_dir))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          check=True).stdout.strip()


def test_a_second_run_compiles_nothing_and_a_damaged_entry_is_rebuilt(tmp_path: Path) -> None:
    assert _run(tmp_path) == "True"  # first run: compiled, stored at exit
    entry = tmp_path / (cache.PREFIX + regexcache.entry_name())
    assert entry.exists()
    assert _run(tmp_path) == "False"  # every program came from the cache
    entry.write_bytes(b"\x00damaged")
    assert _run(tmp_path) == "True"
    assert _run(tmp_path) == "False"


def test_programs_are_not_saved_into_another_cache_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regexcache._load()
    monkeypatch.setitem(regexcache._state, "added", True)
    monkeypatch.setenv("BUDGETLINT_CACHE_DIR", str(tmp_path))
    assert regexcache.save() is False
    assert not any(tmp_path.iterdir())
