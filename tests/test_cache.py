"""What budgetlint caches between runs: the grammars (Lark's own grammar cache, in
budgetlint's cache folder) and the parsed profile files.

A cached parser must behave exactly like Lark analysing the grammar afresh; a
stale, truncated or foreign entry must be rebuilt, never crash a run; with the
cache off or unwritable budgetlint must still lint; ``budgetlint clean`` must
remove budgetlint's files and nothing else.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lark
import lark.lark
import lark.load_grammar
import pytest
from click.testing import CliRunner

import budgetlint.grammar
from budgetlint import cache
from budgetlint.cli import cli
from budgetlint.grammar import GRAMMARS, OPTIONS, cache_entry_name, grammar_source, load_parser
from budgetlint.model.numbers import normalize_width
from budgetlint.parsing.lines import Line, LineCallbacks, classify_lines

from .conftest import CORPUS

NARRATIVE_SENTENCES = [
    "2023年收入预算总额140.30万元，比上年减少84.74万元，下降37.66%。",
    "其中：社会保障和就业支出133.31万元，占95.02%；卫生健康支出6.99万元，占4.98%。",
    "机关运行经费支出0万元，与上年持平。",
    "本单位无政府性基金预算收入。",
]


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    return folder


@pytest.fixture
def grammar_analyses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Counts how often Lark analyses a grammar's text (what a valid cache entry spares)."""
    calls: list[str] = []
    analyse = lark.load_grammar.load_grammar  # what Lark.__init__ calls (as lark.lark.load_grammar)

    def counting(grammar: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(grammar)
        return analyse(grammar, *args, **kwargs)

    monkeypatch.setattr(lark.lark, "load_grammar", counting)
    yield calls


def _fresh_lark(name: str, **options: object) -> lark.Lark:
    return lark.Lark(grammar_source(name), **OPTIONS, **options)


def _entry(folder: Path, name: str) -> Path:
    return folder / (cache.PREFIX + cache_entry_name(name, grammar_source(name)))


def _lines(lines: list[Line]) -> list[tuple[object, ...]]:
    return [tuple(getattr(line, slot) for slot in Line.__slots__) for line in lines]


def _examples_text(path: Path) -> str:
    return normalize_width(path.read_text(encoding="utf-8")) + "\n"


def test_a_first_load_writes_one_entry_per_grammar_and_leaves_no_temporary_file(
    cache_folder: Path, grammar_analyses: list[str]
) -> None:
    for name in GRAMMARS:
        load_parser(name)
    assert sorted(p.name for p in cache_folder.iterdir()) == sorted(_entry(cache_folder, n).name for n in GRAMMARS)
    assert len(grammar_analyses) == len(GRAMMARS)


def test_a_second_load_comes_from_the_cache(cache_folder: Path, grammar_analyses: list[str]) -> None:
    for name in GRAMMARS:
        load_parser(name)
    stamps = {p.name: p.stat().st_mtime_ns for p in cache_folder.iterdir()}
    grammar_analyses.clear()
    for name in GRAMMARS:
        load_parser(name)
    assert grammar_analyses == []  # nothing analysed: both parsers came from their entries
    assert {p.name: p.stat().st_mtime_ns for p in cache_folder.iterdir()} == stamps


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_cached_document_parser_gives_the_trees_of_a_fresh_lark(cache_folder: Path, path: Path) -> None:
    load_parser("document")  # fills the cache
    text = _examples_text(path)
    cached = load_parser("document")
    assert cached.parse(text) == _fresh_lark("document").parse(text)
    # What the line callbacks make of the cached parse equals running them inline in a fresh Lark.
    fresh_lines = _fresh_lark("document", transformer=LineCallbacks()).parse(text)
    assert _lines(classify_lines(text)) == _lines(fresh_lines)  # type: ignore[arg-type]
    assert len(fresh_lines) > 10  # type: ignore[arg-type]


@pytest.mark.parametrize("sentence", NARRATIVE_SENTENCES)
def test_cached_narrative_parser_gives_the_trees_of_a_fresh_lark(cache_folder: Path, sentence: str) -> None:
    load_parser("narrative")
    sentence = normalize_width(sentence)
    assert load_parser("narrative").parse(sentence) == _fresh_lark("narrative").parse(sentence)


def test_cache_key_covers_grammar_text_budgetlint_lark_and_python(monkeypatch: pytest.MonkeyPatch) -> None:
    source = grammar_source("narrative")
    name = cache_entry_name("narrative", source)
    assert name == cache_entry_name("narrative", source)
    assert name.startswith("grammar-narrative-")
    assert cache_entry_name("narrative", source + "\n// edited\n") != name
    assert cache_entry_name("document", source) != name
    for module, attribute in ((budgetlint.grammar, "__version__"), (lark, "__version__"), (sys, "version")):
        with monkeypatch.context() as patch:
            patch.setattr(module, attribute, getattr(module, attribute) + "+other")
            assert cache_entry_name("narrative", source) != name, attribute


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_entry_is_rebuilt(cache_folder: Path, grammar_analyses: list[str], damage: str) -> None:
    load_parser("document")
    entry = _entry(cache_folder, "document")
    saved = entry.read_bytes()
    damaged = {"garbage": b"\x00not a grammar cache\n\x80\x04junk", "truncated": saved[: len(saved) // 2], "empty": b""}
    entry.write_bytes(damaged[damage])
    text = _examples_text(CORPUS[-1])
    assert load_parser("document").parse(text) == _fresh_lark("document").parse(text)
    assert entry.read_bytes() != damaged[damage]  # replaced
    grammar_analyses.clear()
    load_parser("document")
    assert grammar_analyses == []  # and used again


def test_cache_off_analyses_in_memory_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grammar_analyses: list[str]
) -> None:
    monkeypatch.setenv(cache.ENV_DIR, "")
    monkeypatch.chdir(tmp_path)  # Lark's own default cache would land in a temporary folder, not here
    text = _examples_text(CORPUS[-1])
    assert load_parser("document").parse(text) == _fresh_lark("document").parse(text)
    assert grammar_analyses[:1] == [grammar_source("document")]
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_folder_still_gives_parsers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_DIR, str(blocker / "cache"))
    sentence = normalize_width(NARRATIVE_SENTENCES[0])
    assert load_parser("narrative").parse(sentence) == _fresh_lark("narrative").parse(sentence)
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def _lint_in_subprocess(cache_dir: str) -> str:
    """The number of diagnostics on the last example, linted in a fresh interpreter."""
    code = (
        "from budgetlint.run.runner import lint_document_bytes; from budgetlint.run.options import Config; "
        f"result = lint_document_bytes(open({str(CORPUS[-1])!r}, 'rb').read(), 'sample', Config()); "
        "print(len(result.diagnostics))"
    )
    env = dict(os.environ, BUDGETLINT_CACHE_DIR=cache_dir)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stderr == ""  # a rebuilt entry is no warning
    return done.stdout.strip()


def test_runs_fill_the_cache_and_damaged_entries_cost_nothing_but_time(tmp_path: Path) -> None:
    first = _lint_in_subprocess(str(tmp_path))
    names = sorted(p.name for p in tmp_path.iterdir())
    assert [n.split("-")[1] for n in names] == ["grammar", "grammar", "profiles"]
    for entry in tmp_path.iterdir():
        entry.write_bytes(b"\x00damaged")
    assert _lint_in_subprocess(str(tmp_path)) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    assert _lint_in_subprocess("") == first  # BUDGETLINT_CACHE_DIR="" turns caching off


def test_clean_removes_only_budgetlint_entries(cache_folder: Path) -> None:
    for name in GRAMMARS:
        load_parser(name)
    assert cache.write("x.bin", b"1")
    (cache_folder / "someone-elses-file").write_text("keep", encoding="utf-8")
    (cache_folder / ".lark_cache_someone_0123.tmp").write_text("Lark's own default cache", encoding="utf-8")
    result = CliRunner().invoke(cli, ["clean"])
    assert result.exit_code == 0
    assert f"removed {len(GRAMMARS) + 1} cache file(s)" in result.output
    assert sorted(p.name for p in cache_folder.iterdir()) == [".lark_cache_someone_0123.tmp", "someone-elses-file"]
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
    assert cache.write("grammar-document-old.bin", b"old") and cache.write("grammar-document-recent.bin", b"recent")
    assert cache.write("profiles-old.bin", b"other family")
    month_ago = os.stat(tmp_path / "budgetlint-grammar-document-old.bin").st_mtime - cache.STALE_SECONDS - 60
    for name in ("budgetlint-grammar-document-old.bin", "budgetlint-profiles-old.bin"):
        os.utime(tmp_path / name, (month_ago, month_ago))
    assert cache.write("grammar-document-new.bin", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "budgetlint-grammar-document-new.bin",
        "budgetlint-grammar-document-recent.bin",
        "budgetlint-profiles-old.bin",
    ]


def test_a_new_grammar_entry_prunes_a_month_old_one(cache_folder: Path) -> None:
    cache_folder.mkdir()
    old = cache_folder / (cache.PREFIX + "grammar-narrative-0123456789abcdef0123.pickle")
    old.write_bytes(b"an entry of an older budgetlint")
    month_ago = old.stat().st_mtime - cache.STALE_SECONDS - 60
    os.utime(old, (month_ago, month_ago))
    load_parser("narrative")
    assert sorted(p.name for p in cache_folder.iterdir()) == [_entry(cache_folder, "narrative").name]
