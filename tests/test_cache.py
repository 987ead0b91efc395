"""What budgetlint caches between runs: the grammars' parsers (Lark's standalone runtime,
generated once) and the parsed profile files.

The cached parsers must behave exactly like Lark compiling the grammar itself,
must be rebuilt when a grammar (or a cache entry) changes, and must still work
when no cache can be written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from budgetlint import cache
from budgetlint.model.numbers import normalize_width
from budgetlint.parsing import grammars as lalr

from .conftest import CORPUS

NARRATIVE_SENTENCES = [
    "2023年收入预算总额140.30万元，比上年减少84.74万元，下降37.66%。",
    "其中：社会保障和就业支出133.31万元，占95.02%；卫生健康支出6.99万元，占4.98%。",
    "机关运行经费支出0万元，与上年持平。",
    "本单位无政府性基金预算收入。",
]


def _lark(name: str):  # type: ignore[no-untyped-def]
    from lark import Lark

    return Lark(lalr.grammar_sources()[name], **lalr.OPTIONS)


def _shape(tree: object) -> object:
    """A parse tree as nested tuples (the runtime's and Lark's Tree classes differ)."""
    if hasattr(tree, "data"):
        return (str(tree.data), tuple(_shape(child) for child in tree.children))  # type: ignore[attr-defined]
    return (getattr(tree, "type", None), str(tree), getattr(tree, "line", None))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_document_parser_equals_lark_on_the_examples(path: Path) -> None:
    text = normalize_width(path.read_text(encoding="utf-8")) + "\n"
    assert _shape(lalr.load("document").parse(text)) == _shape(_lark("document").parse(text))


@pytest.mark.parametrize("sentence", NARRATIVE_SENTENCES)
def test_narrative_parser_equals_lark(sentence: str) -> None:
    sentence = normalize_width(sentence)
    assert _shape(lalr.load("narrative").parse(sentence)) == _shape(_lark("narrative").parse(sentence))


def test_cache_key_covers_the_grammar_text() -> None:
    sources = lalr.grammar_sources()
    changed = dict(sources, narrative=sources["narrative"] + "\n// edited\n")
    assert lalr.cache_entry_name(sources) != lalr.cache_entry_name(changed)
    assert lalr.cache_entry_name(sources) == lalr.cache_entry_name(dict(sources))


def _lint_in_subprocess(cache_dir: str) -> str:
    """Lint the sample in a fresh interpreter; prints whether Lark itself was imported, and
    whether logging was imported before the API's reporting of failures could need it."""
    code = (
        "import sys; from budgetlint.run.runner import lint_document_bytes; from budgetlint.run.options import Config; "
        f"result = lint_document_bytes(open({str(CORPUS[-1])!r}, 'rb').read(), 'sample', Config()); "
        "print(len(result.diagnostics), 'lark' in sys.modules, 'logging' in sys.modules)"
    )
    env = dict(os.environ, BUDGETLINT_CACHE_DIR=cache_dir)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def test_first_run_fills_the_cache_and_later_runs_do_not_import_lark(tmp_path: Path) -> None:
    first = _lint_in_subprocess(str(tmp_path))
    entries = sorted(p.name for p in tmp_path.iterdir())
    assert any(name.startswith("budgetlint-lalr-") for name in entries)
    assert any(name.startswith("budgetlint-profiles-") for name in entries)
    second = _lint_in_subprocess(str(tmp_path))
    count = first.split()[0]
    assert first.startswith(f"{count} True")  # generated: Lark compiled the grammars
    assert second == f"{count} False False"  # loaded from the cache: Lark not even imported, nor logging


def test_damaged_cache_entry_is_rebuilt(tmp_path: Path) -> None:
    baseline = _lint_in_subprocess(str(tmp_path))
    for entry in tmp_path.iterdir():
        entry.write_bytes(b"\x00not marshal data")
    assert _lint_in_subprocess(str(tmp_path)).split()[0] == baseline.split()[0]
    assert _lint_in_subprocess(str(tmp_path)).split()[1] == "False"  # repaired: Lark not imported


def test_cache_off_or_unwritable_still_lints(tmp_path: Path) -> None:
    expected = _lint_in_subprocess(str(tmp_path / "normal")).split()[0]
    assert _lint_in_subprocess("").split()[0] == expected  # BUDGETLINT_CACHE_DIR="" turns caching off
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert _lint_in_subprocess(str(blocker / "cache")).split()[0] == expected
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_clear_removes_only_budgetlint_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path))
    assert cache.write("x.bin", b"1")
    (tmp_path / "someone-elses-file").write_text("keep", encoding="utf-8")
    assert cache.read("x.bin") == b"1"
    assert cache.clear() == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["someone-elses-file"]
    assert cache.read("x.bin") is None


PROFILE = """
name = "tiny"
title = "一个测试用的模板"
kinds = ["单位预算"]
[[table]]
name = "收支总表"
"""


def test_profile_files_are_reparsed_when_they_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from budgetlint.analysis.profiles import load_profile_dir

    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "tiny.toml").write_text(PROFILE, encoding="utf-8")
    assert [p.title for p in load_profile_dir(folder)] == ["一个测试用的模板"]
    assert [p.title for p in load_profile_dir(folder)] == ["一个测试用的模板"]  # from the cache
    assert any(p.name.startswith("budgetlint-profiles-") for p in (tmp_path / "cache").iterdir())
    (folder / "tiny.toml").write_text(PROFILE.replace("一个测试用的模板", "改过的模板"), encoding="utf-8")
    assert [p.title for p in load_profile_dir(folder)] == ["改过的模板"]


def test_writing_an_entry_prunes_old_entries_of_its_family(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path))
    assert cache.write("lalr-old.bin", b"old") and cache.write("lalr-recent.bin", b"recent")
    assert cache.write("profiles-old.bin", b"other family")
    month_ago = os.stat(tmp_path / "budgetlint-lalr-old.bin").st_mtime - cache.STALE_SECONDS - 60
    for name in ("budgetlint-lalr-old.bin", "budgetlint-profiles-old.bin"):
        os.utime(tmp_path / name, (month_ago, month_ago))
    assert cache.write("lalr-new.bin", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "budgetlint-lalr-new.bin",
        "budgetlint-lalr-recent.bin",
        "budgetlint-profiles-old.bin",
    ]
