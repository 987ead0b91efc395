"""What budgetlint caches between runs: the grammars (Lark's own grammar cache, in
budgetlint's cache folder) and the parsed profile files.

A cached parser must behave exactly like Lark analysing the grammar afresh; a
stale, truncated or foreign entry must be rebuilt, never crash a run; with the
cache off or unwritable budgetlint must still lint; ``budgetlint clean`` must
remove budgetlint's files and nothing else. And the cache must not be a way in:
never a relative folder (the working tree), never a folder or entry others can
write, never a followed symlink, and nothing reaches ``marshal`` or ``Lark.load``
(pickle) unless its SHA-256 header matches.
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


# --- The cache must not be a way in (issue 17): where the folder may be, who owns it, what is loaded.

#: Ownership, modes, symlinks and passwd entries are POSIX notions.
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def test_a_relative_cache_dir_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(cache.ENV_DIR, "cache")
    assert cache.cache_dir() is None
    assert not cache.write("x.bin", b"1")
    load_parser("narrative")
    assert list(tmp_path.iterdir()) == []


def test_a_relative_xdg_cache_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.ENV_DIR)
    monkeypatch.setenv("XDG_CACHE_HOME", ".cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == str(tmp_path / "home" / ".cache" / "budgetlint")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == str(tmp_path / "xdg" / "budgetlint")


@posix_only
def test_a_home_that_does_not_expand_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME unset and no passwd entry: ``expanduser`` leaves ``~`` and the folder would be ``./~/.cache``."""
    monkeypatch.delenv(cache.ENV_DIR)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() is None
    sentence = normalize_width(NARRATIVE_SENTENCES[0])
    assert load_parser("narrative").parse(sentence) == _fresh_lark("narrative").parse(sentence)
    assert list(tmp_path.iterdir()) == []


@posix_only
def test_the_folder_is_created_private(cache_folder: Path) -> None:
    assert cache.write("x.bin", b"1")
    assert cache_folder.stat().st_mode & 0o777 == 0o700
    assert (cache_folder / "budgetlint-x.bin").stat().st_mode & 0o077 == 0


@posix_only
@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_folder_writable_by_others_is_not_used(cache_folder: Path, mode: int) -> None:
    assert cache.write("x.bin", b"1")
    cache_folder.chmod(mode)
    assert cache.read("x.bin") is None  # a planted entry is not loaded
    assert not cache.write("y.bin", b"2")
    assert not (cache_folder / "budgetlint-y.bin").exists()
    cache_folder.chmod(0o755)  # readable by others is fine: pip's rule is about writing
    assert cache.read("x.bin") == b"1"


@posix_only
def test_a_folder_or_entry_of_another_user_is_not_used(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cache.write("x.bin", b"1")
    owner = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)  # as another user sees the same folder
    assert cache.trusted_dir() is None
    assert cache.read("x.bin") is None
    assert not cache.write("y.bin", b"2")


@posix_only
def test_an_entry_writable_by_others_or_a_symlink_is_not_read(cache_folder: Path, tmp_path: Path) -> None:
    assert cache.write("x.bin", b"1")
    entry = cache_folder / "budgetlint-x.bin"
    entry.chmod(0o666)
    assert cache.read("x.bin") is None
    entry.chmod(0o600)
    assert cache.read("x.bin") == b"1"
    elsewhere = tmp_path / "planted"
    elsewhere.write_bytes(entry.read_bytes())  # a valid entry, but reached through a link
    (cache_folder / "budgetlint-link.bin").symlink_to(elsewhere)
    assert cache.read("link.bin") is None


@posix_only
def test_temporary_files_are_made_exclusively_and_a_planted_symlink_is_never_followed(
    cache_folder: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious", encoding="utf-8")
    cache_folder.mkdir(mode=0o700)
    # The old temporary name (entry.<pid>.tmp) was predictable; plant links at it and at the entry's prefix.
    for planted in (f"budgetlint-x.bin.{os.getpid()}.tmp", "budgetlint-x.bin.tmp"):
        (cache_folder / planted).symlink_to(victim)
    assert cache.write("x.bin", b"1")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert cache.read("x.bin") == b"1"
    assert not [p for p in cache_folder.iterdir() if p.name.endswith(".tmp") and not p.is_symlink()]


def test_every_entry_carries_a_header_checked_before_loading(cache_folder: Path) -> None:
    assert cache.store("profiles-x.marshal", {"a": [1, 2]})
    raw = (cache_folder / "budgetlint-profiles-x.marshal").read_bytes()
    assert raw.startswith(cache.MAGIC) and len(raw) > len(cache.MAGIC) + 32
    assert cache.load("profiles-x.marshal") == {"a": [1, 2]}
    (cache_folder / "budgetlint-profiles-y.marshal").write_bytes(raw)  # copied under another name
    assert cache.load("profiles-y.marshal", "rebuilt") == "rebuilt"


def _corruptions(saved: bytes) -> dict[str, bytes]:
    """Every kind of damage an entry must survive: each one fails the header check."""
    import random

    rng = random.Random(17)
    body = len(cache.MAGIC) + 32
    flipped = bytearray(saved)
    flipped[rng.randrange(body, len(saved))] ^= 1 << rng.randrange(8)  # one bit of the payload
    flipped_digest = bytearray(saved)
    flipped_digest[len(cache.MAGIC) + 3] ^= 0x10
    return {
        "truncated": saved[: len(saved) - 1],
        "header-only": saved[:body],
        "random-bytes": rng.randbytes(len(saved)),
        "flipped-payload-bit": bytes(flipped),
        "flipped-digest-bit": bytes(flipped_digest),
        "other-version": saved.replace(cache.MAGIC, cache.MAGIC.replace(b"-2\n", b"-1\n"), 1),
        "unsealed-lark-save": saved[body:],  # what the cache held before entries had a header
    }


@pytest.mark.parametrize("damage", list(_corruptions(b"x" * 100)))
def test_a_corrupted_grammar_entry_is_rebuilt_never_loaded(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    load_parser("document")
    entry = _entry(cache_folder, "document")
    damaged = _corruptions(entry.read_bytes())[damage]
    entry.write_bytes(damaged)
    unpickled: list[object] = []
    monkeypatch.setattr(lark.Lark, "load", classmethod(lambda cls, f: unpickled.append(f)))
    text = _examples_text(CORPUS[-1])
    assert load_parser("document").parse(text) == _fresh_lark("document").parse(text)
    assert unpickled == []  # the damaged bytes never reached Lark.load (pickle)
    assert entry.read_bytes() != damaged


@pytest.mark.parametrize("damage", list(_corruptions(b"x" * 100)))
def test_a_corrupted_profile_entry_is_rebuilt(cache_folder: Path, damage: str) -> None:
    value = {"name": "tiny", "tables": [{"name": "收支总表"}]}
    assert cache.store("profiles-x.marshal", value)
    entry = cache_folder / "budgetlint-profiles-x.marshal"
    entry.write_bytes(_corruptions(entry.read_bytes())[damage])
    assert cache.load("profiles-x.marshal", "rebuilt") == "rebuilt"


_MAIN = "from budgetlint.cli import main; main()"
#: As a uid without a passwd entry: with HOME unset too, ``expanduser("~")`` stays ``~``.
_NO_PASSWD = "import pwd\ndef _missing(uid): raise KeyError(uid)\npwd.getpwuid = _missing\n"


def _budgetlint(cwd: Path, env: dict[str, str], *args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """The real command line in a fresh interpreter (what a pre-commit hook runs)."""
    command = [sys.executable, "-c", prelude + _MAIN, "--format", "json", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, check=False)


def _environment(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in changes.items():
        env.pop(key, None)
        if value is not None:
            env[key] = value
    return env


@pytest.fixture(scope="module")
def expected_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The JSON report on the sample with the cache off: what every cache state must give."""
    done = _budgetlint(tmp_path_factory.mktemp("off"), _environment(BUDGETLINT_CACHE_DIR=""), str(CORPUS[-1]))
    assert done.returncode in (0, 1) and done.stderr == "", done.stderr
    return done.stdout


def test_concurrent_first_runs_on_an_empty_cache_agree(tmp_path: Path, expected_output: str) -> None:
    folder = tmp_path / "cache"
    env = _environment(BUDGETLINT_CACHE_DIR=str(folder))
    command = [sys.executable, "-c", _MAIN, "--format", "json", str(CORPUS[-1])]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
        for _ in range(6)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [stderr for _, stderr in outputs] == [""] * 6
    assert [stdout for stdout, _ in outputs] == [expected_output] * 6
    names = sorted(p.name for p in folder.iterdir())
    assert [n.split("-")[1] for n in names] == ["grammar", "grammar", "profiles"]  # no temporary file left
    assert _budgetlint(tmp_path, env, str(CORPUS[-1])).stdout == expected_output  # and the entries load


@posix_only
def test_unset_home_gives_correct_output_and_no_folder_in_the_working_tree(
    tmp_path: Path, expected_output: str
) -> None:
    env = _environment(BUDGETLINT_CACHE_DIR=None, XDG_CACHE_HOME=None, HOME=None)
    for _ in range(2):  # the second run would load what the first one left in ./~/.cache
        done = _budgetlint(tmp_path, env, str(CORPUS[-1]), prelude=_NO_PASSWD)
        assert (done.stdout, done.stderr) == (expected_output, "")
    assert list(tmp_path.iterdir()) == []  # no ./~/.cache/budgetlint in the working tree


@posix_only
def test_a_planted_entry_in_the_working_tree_is_never_loaded(tmp_path: Path, expected_output: str) -> None:
    """A repository shipping ``.cache/budgetlint/<entry>`` with a relative XDG_CACHE_HOME or cache dir."""
    planted = tmp_path / ".cache" / "budgetlint"
    planted.mkdir(parents=True, mode=0o700)
    marker = tmp_path / "ran"
    payload = f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()  # a pickle that runs a command
    for name in GRAMMARS:
        (planted / (cache.PREFIX + cache_entry_name(name, grammar_source(name)))).write_bytes(payload)
    for changes in ({"BUDGETLINT_CACHE_DIR": ".cache/budgetlint"}, {"BUDGETLINT_CACHE_DIR": None}):
        env = _environment(**changes, XDG_CACHE_HOME=".cache", HOME=str(tmp_path / "home"))
        done = _budgetlint(tmp_path, env, str(CORPUS[-1]))
        assert (done.stdout, done.stderr) == (expected_output, "")
        assert not marker.exists()


def test_a_planted_entry_with_a_stale_header_is_never_loaded(cache_folder: Path, tmp_path: Path) -> None:
    """Even in the user's own folder, bytes whose digest does not match never reach Lark.load."""
    load_parser("narrative")
    entry = _entry(cache_folder, "narrative")
    marker = tmp_path / "ran"
    header = entry.read_bytes()[: len(cache.MAGIC) + 32]
    entry.write_bytes(header + f"cos\nsystem\n(S'touch {marker}'\ntR.".encode())
    sentence = normalize_width(NARRATIVE_SENTENCES[1])
    assert load_parser("narrative").parse(sentence) == _fresh_lark("narrative").parse(sentence)
    assert not marker.exists()


@posix_only
@pytest.mark.parametrize("state", ["read-only", "missing-parent-is-a-file", "world-writable"])
def test_an_unusable_cache_folder_gives_correct_output(tmp_path: Path, expected_output: str, state: str) -> None:
    folder = tmp_path / "cache"
    if state == "missing-parent-is-a-file":
        (tmp_path / "file").write_text("x", encoding="utf-8")
        folder = tmp_path / "file" / "cache"
    else:
        folder.mkdir()
        folder.chmod({"read-only": 0o500, "world-writable": 0o777}[state])
    env = _environment(BUDGETLINT_CACHE_DIR=str(folder))
    try:
        for _ in range(2):
            done = _budgetlint(tmp_path, env, str(CORPUS[-1]))
            assert (done.stdout, done.stderr) == (expected_output, "")
        if state == "world-writable":
            assert list(folder.iterdir()) == []  # refused: nothing written there
    finally:
        if folder.is_dir():
            folder.chmod(0o700)
