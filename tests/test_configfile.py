"""Configuration files: discovery (closest wins), precedence over the command line, errors."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli
from budgetlint.model.diagnostics import Severity
from budgetlint.plugins.registry import default_registry
from budgetlint.run.configfile import CommandLine, ConfigError, Resolver, load_file, validate
from budgetlint.run.options import Config

from .conftest import EXAMPLES

KNOWN = tuple(default_registry().rules)
# Two invalid dates on line 2, a draft mark on line 1: enough to see selection work.
DOC = "征求意见稿\n落款日期：2023年2月30日\n本文件为部门预算。\n"  # a disclosure: it says 预算


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    runner = CliRunner(env=env)
    if cwd is None:
        return runner.invoke(cli, list(args), catch_exceptions=False)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(d["code"] for d in json.loads(result.output))


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """tmp/project/docs/sub/doc.txt and tmp/project/docs/doc.txt, no configuration yet."""
    (tmp_path / "project" / "docs" / "sub").mkdir(parents=True)
    for target in ("project/docs/doc.txt", "project/docs/sub/doc.txt"):
        (tmp_path / target).write_text(DOC, encoding="utf-8")
    return tmp_path / "project"


# -- discovery -------------------------------------------------------------------
def test_pyproject_table_applies_to_files_below(tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.budgetlint]\nselect = ["BL501"]\n')
    assert codes(run("--format", "json", str(tree / "docs" / "sub" / "doc.txt"))) == ["BL501"]


def test_closest_file_wins_and_is_not_merged(tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.budgetlint]\nselect = ["BL501"]\nlang = "en"\n')
    (tree / "docs" / "sub" / "budgetlint.toml").write_text('select = ["BL502"]\n')
    result = run("--format", "json", str(tree / "docs"))
    by_dir = {Path(d["path"]).parent.name: d for d in json.loads(result.output)}
    assert by_dir["docs"]["code"] == "BL501" and by_dir["docs"]["message"].startswith("the date")
    # the closer budgetlint.toml is the whole configuration: its default language is zh
    assert by_dir["sub"]["code"] == "BL502" and "草稿" in by_dir["sub"]["message"]


def test_budgetlint_toml_beats_pyproject_in_the_same_directory(tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.budgetlint]\nselect = ["BL501"]\n')
    (tree / "budgetlint.toml").write_text('[tool.budgetlint]\nselect = ["BL502"]\n')
    assert codes(run("--format", "json", str(tree / "docs" / "doc.txt"))) == ["BL502"]


def test_pyproject_without_table_is_skipped(tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.budgetlint]\nselect = ["BL501"]\n')
    (tree / "docs" / "pyproject.toml").write_text('[project]\nname = "budgetlint-docs"\n')
    assert codes(run("--format", "json", str(tree / "docs" / "doc.txt"))) == ["BL501"]


def test_unrelated_pyproject_is_not_even_parsed(tree: Path) -> None:
    # Invalid TOML that never mentions budgetlint: discovery must not choke on it.
    (tree / "docs" / "pyproject.toml").write_text("this is [not toml\n")
    assert run("--format", "json", str(tree / "docs" / "doc.txt")).exit_code == 1


def test_stdin_uses_the_working_directory(tree: Path) -> None:
    (tree / "budgetlint.toml").write_text('select = ["BL502"]\n')
    result = CliRunner().invoke(cli, ["--format", "json", "-"], input=DOC.encode())
    assert "BL501" in {d["code"] for d in json.loads(result.output)}  # cwd is not the project
    old = os.getcwd()
    os.chdir(tree)
    try:
        inside = CliRunner().invoke(cli, ["--format", "json", "-"], input=DOC.encode())
    finally:
        os.chdir(old)
    assert codes(inside) == ["BL502"]


def test_explicit_config_and_isolated(tree: Path, tmp_path: Path) -> None:
    (tree / "budgetlint.toml").write_text('select = ["BL502"]\n')
    elsewhere = tmp_path / "settings.toml"
    elsewhere.write_text('select = ["BL501"]\n')
    target = str(tree / "docs" / "doc.txt")
    assert codes(run("--format", "json", target)) == ["BL502"]
    assert codes(run("--format", "json", "--config", str(elsewhere), target)) == ["BL501"]
    assert codes(run("--format", "json", "--isolated", target)) == ["BL501", "BL502"]


def test_resolver_reads_each_file_once(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tree / "budgetlint.toml").write_text('select = ["BL502"]\n')
    import budgetlint.run.configfile as configfile

    calls = []
    original = configfile.load_file
    monkeypatch.setattr(configfile, "load_file", lambda *a: calls.append(a[0]) or original(*a))
    resolver = Resolver(CommandLine(), KNOWN)
    for path in ("docs/doc.txt", "docs/sub/doc.txt", "docs/doc.txt"):
        resolver.config_for(str(tree / path))
    assert len(calls) == 1


# -- precedence ------------------------------------------------------------------
def test_command_line_select_replaces_file_selection(tree: Path) -> None:
    (tree / "budgetlint.toml").write_text('select = ["BL502"]\nignore = ["BL501"]\n')
    target = str(tree / "docs" / "doc.txt")
    assert codes(run("--format", "json", "--select", "BL501", target)) == ["BL501"]
    assert codes(run("--format", "json", "--extend-select", "BL501", target)) == ["BL502"]  # file ignore stays
    (tree / "budgetlint.toml").write_text('select = ["BL502"]\n')
    assert codes(run("--format", "json", "--extend-select", "BL501", target)) == ["BL501", "BL502"]
    (tree / "budgetlint.toml").write_text('extend-select = ["BL501"]\nignore = ["BL5"]\n')
    assert codes(run("--format", "json", target)) == ["BL501"]  # most specific prefix wins
    assert codes(run("--format", "json", "--ignore", "BL501", target)) == []


def test_language_precedence(tree: Path) -> None:
    (tree / "budgetlint.toml").write_text('lang = "en"\nselect = ["BL501"]\n')
    target = str(tree / "docs" / "doc.txt")

    def message(*args: str, env: dict[str, str] | None = None) -> str:
        return json.loads(run("--format", "json", *args, target, env=env).output)[0]["message"]

    assert message().startswith("the date")
    assert message(env={"BUDGETLINT_LANG": "zh"}).startswith("日期")
    assert message("--lang", "zh").startswith("日期")
    assert message("--lang", "en", env={"BUDGETLINT_LANG": "zh"}).startswith("the date")


def test_merge_defaults_and_overrides() -> None:
    settings = validate(
        "x.toml",
        {
            "select": ["bl5"],
            "rounding": "exact",
            "profile": "unit-budget",
            "severity": {"bl501": "info"},
            "noise-patterns": ["^内部资料$"],
        },
        KNOWN,
    )
    from budgetlint.run.configfile import merge

    config = merge(CommandLine(), settings)
    assert config.select == ("BL5",) and config.rounding == "exact" and config.exact_rounding
    assert config.profile == "unit-budget" and config.noise_patterns == ("^内部资料$",)
    assert config.severity_of("BL501", Severity.ERROR) is Severity.INFO
    assert merge(CommandLine(), None) == Config()
    from_options = merge(CommandLine(Config(profile="dept-budget", lang="en"), lang_given=True), settings)
    assert from_options.profile == "dept-budget" and from_options.lang == "en"
    assert from_options.select == ("BL5",) and from_options.rounding == "exact"
    assert not Config().exact_rounding


# -- what the keys do ----------------------------------------------------------------
def test_per_file_ignores(tree: Path) -> None:
    (tree / "pyproject.toml").write_text(
        '[tool.budgetlint]\nselect = ["BL5"]\n\n[tool.budgetlint.per-file-ignores]\n'
        '"docs/sub/*.txt" = ["BL501"]\n"doc.txt" = ["BL502"]\n'
    )
    result = run("--format", "json", str(tree / "docs"))
    found = sorted((Path(d["path"]).parent.name, d["code"]) for d in json.loads(result.output))
    # bare names match in any directory; paths are relative to the configuration file
    assert found == [("docs", "BL501")]
    # an explicitly selected code stays ignored: per-file-ignores are absolute, as in ruff
    result = run("--format", "json", "--select", "BL501,BL502", str(tree / "docs" / "sub" / "doc.txt"))
    assert codes(result) == []


def test_severity_override_changes_exit_code(tree: Path) -> None:
    (tree / "budgetlint.toml").write_text('select = ["BL501"]\n[severity]\nBL501 = "info"\n')
    result = run("--format", "json", str(tree / "docs" / "doc.txt"))
    assert [d["severity"] for d in json.loads(result.output)] == ["info"] and result.exit_code == 0


def test_noise_patterns_drop_watermark_lines(tmp_path: Path) -> None:
    # A running header between two rows is not a row (BL002) unless it is declared noise.
    (tmp_path / "doc.txt").write_text(
        "2023年预算支出总表\n单位：万元\n科目编码\t科目名称\t合计\n208\t社会保障和就业支出\t133.31\n"
        "忻州市某单位 内部资料 注意保密\n221\t住房保障支出\t4.47\n",
        encoding="utf-8",
    )
    assert codes(run("--format", "json", "--select", "BL002", str(tmp_path / "doc.txt"))) == ["BL002"]
    (tmp_path / "budgetlint.toml").write_text('select = ["BL002"]\nnoise-patterns = ["注意保密$"]\n')
    assert codes(run("--format", "json", str(tmp_path / "doc.txt"))) == []


# -- errors: file and key named, exit 2 -----------------------------------------------
@pytest.mark.parametrize(
    ("body", "key", "problem"),
    [
        ('selct = ["BL5"]', "selct", "unknown key"),
        ('extend_select = ["BL5"]', "extend_select", "did you mean 'extend-select'"),
        ('select = "BL501"', "select", "expected a list"),
        ('ignore = ["BL999"]', "ignore", "unknown rule code"),
        ('lang = "fr"', "lang", "expected one of"),
        ('rounding = "bankers"', "rounding", "expected one of"),
        ("profile = 3", "profile", "expected a profile name"),
        ('noise-patterns = ["(unclosed"]', "noise-patterns", "invalid regular expression"),
        ('noise-patterns = "x"', "noise-patterns", "expected a list"),
        ('[severity]\nBL501 = "fatal"', "severity.BL501", 'expected "error"'),
        ('[severity]\nBL9 = "info"', "severity.BL9", "unknown rule code"),
        ('per-file-ignores = ["x"]', "per-file-ignores", "expected a table"),
        ('[per-file-ignores]\n"*.md" = "BL501"', 'per-file-ignores."*.md"', "expected a list"),
        ('[per-file-ignores]\n"*.md" = ["XX1"]', 'per-file-ignores."*.md"', "unknown rule code"),
    ],
)
def test_bad_keys_and_values_are_errors(tree: Path, body: str, key: str, problem: str) -> None:
    config = tree / "budgetlint.toml"
    config.write_text(body + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, [str(tree / "docs" / "doc.txt")])
    assert result.exit_code == 2
    assert f"{config}: key '{key}'" in result.output and problem in result.output
    assert "Traceback" not in result.output
    with pytest.raises(ConfigError):
        load_file(str(config), KNOWN)


def test_profile_names_are_checked_against_the_registry(tree: Path) -> None:
    (tree / "budgetlint.toml").write_text('profile = "no-such-profile"\n')
    result = CliRunner().invoke(cli, [str(tree / "docs" / "doc.txt")])
    assert (
        result.exit_code == 2 and "budgetlint.toml: key 'profile': unknown profile 'no-such-profile'" in result.output
    )
    names = [p.name for p in default_registry().profiles]
    if names:
        (tree / "budgetlint.toml").write_text(f'profile = "{names[0]}"\n')
        resolver = Resolver(CommandLine(), KNOWN, profiles=default_registry().profiles)
        assert resolver.config_for(str(tree / "docs" / "doc.txt")).profile == names[0]
    (tree / "budgetlint.toml").write_text('profile = "none"\n')
    assert (
        Resolver(CommandLine(), KNOWN, profiles=default_registry().profiles)
        .config_for(str(tree / "docs" / "doc.txt"))
        .profile
        == "none"
    )


def test_same_errors_under_tool_table_in_pyproject(tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.budgetlint]\nseverity = "high"\n')
    result = CliRunner().invoke(cli, [str(tree / "docs" / "doc.txt")])
    assert result.exit_code == 2 and "pyproject.toml: key 'severity'" in result.output


def test_invalid_toml_and_bad_config_option(tree: Path, tmp_path: Path) -> None:
    (tree / "budgetlint.toml").write_text("select = [\n")
    result = CliRunner().invoke(cli, [str(tree / "docs" / "doc.txt")])
    assert result.exit_code == 2 and "budgetlint.toml: invalid TOML" in result.output
    missing = CliRunner().invoke(cli, ["--config", str(tmp_path / "nope.toml"), str(tree / "docs" / "doc.txt")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    no_table = CliRunner().invoke(cli, ["--config", str(tmp_path / "pyproject.toml"), str(tree / "docs" / "doc.txt")])
    assert no_table.exit_code == 2 and "no [tool.budgetlint] table" in no_table.output
    # --isolated ignores even a broken file
    assert CliRunner().invoke(cli, ["--isolated", str(tree / "docs" / "doc.txt")]).exit_code == 1


def test_bundled_example_configuration_is_valid(tmp_path: Path) -> None:
    example = EXAMPLES / "ci" / "budgetlint.toml"
    settings = load_file(str(example), KNOWN)
    assert settings is not None and settings.ignore == ("BL504",)
    shutil.copy(example, tmp_path / "budgetlint.toml")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(DOC, encoding="utf-8")
    assert codes(run("--format", "json", str(tmp_path / "drafts" / "a.txt"))) == ["BL501"]


@pytest.mark.parametrize(
    ("glob", "relative", "matches"),
    [
        ("docs/*.txt", "docs/a.txt", True),
        ("docs/*.txt", "docs/sub/a.txt", True),  # * crosses / as in ruff's globs
        ("./docs/*.txt", "docs/a.txt", True),
        ("**/a.txt", "a.txt", True),
        ("**/a.txt", "x/y/a.txt", True),
        ("a.txt", "deep/dir/a.txt", True),  # a bare name matches in any directory
        ("docs/a.txt", "other/docs/a.txt", False),
        ("*.md", "docs/a.txt", False),
    ],
)
def test_glob_matching(glob: str, relative: str, matches: bool) -> None:
    from budgetlint.run.configfile import _glob_matches

    assert _glob_matches(glob, relative, relative.rsplit("/", 1)[-1]) is matches
