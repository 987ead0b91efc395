"""Disclosure profiles: which tables and explanations a kind of document must contain.

Whether a disclosure is complete depends on the template its government
prescribes (the national 8-table department budget, a province's 13-table unit
budget …), not on its own 目录, which is often as wrong as its body. A
:class:`Profile` is that template as data: loaded from TOML (the built-in ones
ship in ``budgetlint.rules``; plugins add theirs through the
``budgetlint_profiles()`` hook), matched against a document's title, kind and
table titles, and consulted by the compliance rules (BL401, BL404).

Matching is deliberately tolerant — years, full/half-width characters, spaces,
quotes, brackets, numbering (``4．``, ``表 1：``, ``预算公开表1``, ``公开02表``, ``部门公开表1``) and the unit's
own name do not count — and selection deliberately cautious: a profile is chosen
automatically only when the document is of its kind and already shows at least
half of its tables, because a wrongly chosen profile would report a dozen
"missing" tables that were never required (precision first).
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): typing.NamedTuple
# compiles every string annotation into a ForwardRef when it creates the class, about a third
# of the cost of creating this module's named tuples at every start.
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from budgetlint.model.diagnostics import Span
from budgetlint.model.nodes import Document, DocumentKind, Heading, HeadingKind, TocEntry
from budgetlint.model.text import TITLE_NUMBERING, normalize_width

#: ``--profile none`` / ``profile = "none"``: no profile, generic checks only.
NO_PROFILE = "none"
#: ``--profile auto`` (or no setting): choose from the document itself.
AUTO_PROFILE = "auto"
#: Share of a profile's tables a document must show for automatic selection.
DEFAULT_MIN_COVERAGE = 0.5

_KINDS = {kind.value: kind for kind in DocumentKind}
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

# -- title keys ---------------------------------------------------------------
_LABEL = re.compile(
    r"^(?:(?:部门|单位)?(?:预算|决算)?公开\d{1,2}表|(?:部门|单位)?(?:预算公开表|决算公开表|公开表|预算表|附表|表)\d{1,2})"
    r"(?:[:.、-]|之)?"
)
_YEAR = re.compile(r"(?:19|20)\d\d(?:年度|年)?")
_NOISE = re.compile(r"[\s“”\"'‘’「」『』《》()\[\]【】〔〕<>:：]")
_CONTINUED = re.compile(r"(?:续表|续)$")
_SENTENCE_END = ("。", "；", ";", "，", ",")


@lru_cache(maxsize=4096)
def title_key(text: str, unit_name: str | None = None) -> str:
    """The comparable core of a title: ``2023年预算收支总表（续）`` → ``预算收支总表``.

    Full-width characters become half-width; spaces, quotes, brackets, years,
    leading numbering or table labels, 续表 and the unit's own name are removed.
    Profile patterns are matched against this key. Memoized: some hundred titles and
    headings per document, the same from one document of a kind to the next.
    """
    key = normalize_width(text)
    if unit_name:
        key = key.replace(normalize_width(unit_name).strip(), "")
    key = _YEAR.sub("", _NOISE.sub("", key))
    for prefix in (_LABEL, TITLE_NUMBERING, _LABEL):
        key = prefix.sub("", key, count=1)
    return _CONTINUED.sub("", key)


def _literal(text: str) -> str:
    """A regex matching a literal title (normalized like a key)."""
    return re.escape(title_key(text))


# -- the profile value types ----------------------------------------------------
class TableSpec(NamedTuple):
    """A mandated table: its display name, how its title may read, whether it may be empty."""

    name: str
    pattern: re.Pattern[str]  # alternatives of every alias and pattern, searched in title keys
    may_be_empty: bool = True

    def match_length(self, key: str) -> int:
        """Length of the longest stretch of ``key`` this spec recognizes (0: no match).

        A title may match several specs (``支出决算表`` is inside
        ``一般公共预算财政拨款支出决算表``); the longest match decides which one it is.
        """
        return _longest(self.pattern, key)


@lru_cache(maxsize=65536)
def _longest(pattern: re.Pattern[str], key: str) -> int:
    """Longest match of ``pattern`` in ``key``; cached (titles repeat across documents)."""
    if pattern.search(key) is None:
        return 0
    return max(match.end() - match.start() for match in pattern.finditer(key))


class SectionSpec(NamedTuple):
    """A mandated narrative section: a heading that names it, or prose that gives it."""

    name: str
    headings: re.Pattern[str] | None  # searched in heading keys
    mentions: re.Pattern[str] | None  # searched in narrative paragraphs


class Profile(NamedTuple):
    """A disclosure template: document kinds, mandated tables and sections, how to detect it."""

    name: str  # kebab-case identifier for --profile
    title: str  # human name, Chinese
    kinds: tuple[DocumentKind, ...]
    tables: tuple[TableSpec, ...]
    sections: tuple[SectionSpec, ...]
    description: str = ""
    source: str = ""
    detect: re.Pattern[str] | None = None  # searched in the title and unit name (keys)
    min_coverage: float = DEFAULT_MIN_COVERAGE
    origin: str = ""  # the file it was loaded from


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the problem."""


# -- loading --------------------------------------------------------------------
def load_profile_text(text: str, origin: str = "<profile>", *, validate: bool = True) -> Profile:
    """Parse and validate one profile from TOML text."""
    return profile_from_mapping(_parse_toml(text, origin), origin, validate=validate)


def _parse_toml(text: str, origin: str) -> dict[str, Any]:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{origin}: not valid TOML: {exc}") from exc


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read: {exc}") from exc


def load_profile_file(path: str | os.PathLike[str], *, validate: bool = True) -> Profile:
    """Load one profile from a TOML file."""
    path = os.fspath(path)
    return load_profile_text(_read_text(path), path, validate=validate)


def load_profile_dir(directory: str | os.PathLike[str], *, validate: bool = True) -> list[Profile]:
    """Every ``*.toml`` profile in ``directory``, sorted by file name."""
    directory = os.fspath(directory)
    try:
        names = sorted(name for name in os.listdir(directory) if name.endswith(".toml"))
    except OSError:
        return []
    paths = [os.path.join(directory, name) for name in names]
    return [
        profile_from_mapping(data, path, validate=validate)
        for path, data in zip(paths, _parsed_files(paths), strict=False)
    ]


def _parsed_files(paths: list[str]) -> list[dict[str, Any]]:
    """The TOML data of ``paths``, from the cache when no file changed since it was parsed.

    Parsing the built-in profiles is a noticeable share of a cold run (pre-commit
    runs budgetlint on every commit); their parsed data is stored with
    ``marshal``, keyed by each file's path, size and modification time.
    """
    import zlib

    from budgetlint import cache

    try:
        stamps = [f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}" for path, stat in ((p, os.stat(p)) for p in paths)]
    except OSError:
        stamps = []
    name = f"profiles-{zlib.crc32(chr(1).join(stamps).encode('utf-8', 'surrogatepass')):08x}.marshal"
    cached = cache.load(name) if stamps else None
    if isinstance(cached, list) and len(cached) == len(paths):
        return cached
    parsed = [_parse_toml(_read_text(path), path) for path in paths]
    cache.store(name, parsed)  # a value marshal cannot hold (a TOML date): parsed every time
    return parsed


def load_package_profiles(package: str, subdirectory: str = "profiles", *, validate: bool = True) -> list[Profile]:
    """Profiles shipped as package data: ``<package>/<subdirectory>/*.toml``.

    What a plugin's ``budgetlint_profiles()`` hook usually returns.
    """
    import importlib

    module = importlib.import_module(package)
    return load_profile_dir(os.path.join(os.path.dirname(module.__file__ or ""), subdirectory), validate=validate)


_PROFILE_KEYS = {"name", "title", "description", "source", "kinds", "detect", "table", "section"}
_DETECT_KEYS = {"text", "min_coverage"}
_TABLE_KEYS = {"name", "aliases", "patterns", "may_be_empty"}
_SECTION_KEYS = {"name", "headings", "mentions"}


def profile_from_mapping(data: Mapping[str, Any], origin: str = "<profile>", *, validate: bool = True) -> Profile:
    """Validate parsed TOML and build a :class:`Profile`.

    With ``validate`` (plugins' profiles) every regular expression is compiled here, so a
    bad one is reported at load time; the built-in profiles, tested in the test suite,
    compile theirs on first use (some 300 patterns: a sixth of the cold start otherwise).
    """

    def fail(message: str) -> ProfileError:
        return ProfileError(f"{origin}: {message}")

    _check_keys(data, _PROFILE_KEYS, "profile", fail)
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise fail(f"name must be kebab-case text, got {name!r}")
    title = _text(data.get("title", name), "title", fail)
    kinds_raw = data.get("kinds")
    if not isinstance(kinds_raw, list) or not kinds_raw:
        raise fail(f"kinds must list one or more of {sorted(_KINDS)}")
    kinds = []
    for kind in kinds_raw:
        if kind not in _KINDS:
            raise fail(f"unknown kind {kind!r}; use one of {sorted(_KINDS)}")
        kinds.append(_KINDS[kind])
    detect_raw = data.get("detect", {})
    if not isinstance(detect_raw, dict):
        raise fail("[detect] must be a table")
    _check_keys(detect_raw, _DETECT_KEYS, "[detect]", fail)
    detect = _compile(_strings(detect_raw.get("text", []), "detect.text", fail), "detect.text", fail, validate)
    coverage = detect_raw.get("min_coverage", DEFAULT_MIN_COVERAGE)
    if not isinstance(coverage, (int, float)) or not 0 < coverage <= 1:
        raise fail("detect.min_coverage must be a number in (0, 1]")

    tables = []
    for index, raw in enumerate(_list_of_tables(data.get("table", []), "table", fail)):
        where = f"table {index + 1}"
        _check_keys(raw, _TABLE_KEYS, where, fail)
        table_name = _text(raw.get("name"), f"{where}: name", fail)
        literals = [
            _literal(text) for text in [table_name, *_strings(raw.get("aliases", []), f"{where}: aliases", fail)]
        ]
        patterns = _strings(raw.get("patterns", []), f"{where}: patterns", fail)
        pattern = _compile([p for p in literals if p] + patterns, f"{where}: patterns", fail, validate)
        if pattern is None:
            raise fail(f"{where}: a table needs a name, aliases or patterns that match something")
        may_be_empty = raw.get("may_be_empty", True)
        if not isinstance(may_be_empty, bool):
            raise fail(f"{where}: may_be_empty must be true or false")
        tables.append(TableSpec(table_name, pattern, may_be_empty))

    sections = []
    for index, raw in enumerate(_list_of_tables(data.get("section", []), "section", fail)):
        where = f"section {index + 1}"
        _check_keys(raw, _SECTION_KEYS, where, fail)
        section_name = _text(raw.get("name"), f"{where}: name", fail)
        headings = _compile(
            _strings(raw.get("headings", []), f"{where}: headings", fail), f"{where}: headings", fail, validate
        )
        mentions = _compile(
            _strings(raw.get("mentions", []), f"{where}: mentions", fail), f"{where}: mentions", fail, validate
        )
        if headings is None and mentions is None:
            raise fail(f"{where}: a section needs headings or mentions patterns")
        sections.append(SectionSpec(section_name, headings, mentions))
    if not tables and not sections:
        raise fail("a profile needs at least one [[table]] or [[section]]")
    return Profile(
        name=name,
        title=title,
        kinds=tuple(kinds),
        tables=tuple(tables),
        sections=tuple(sections),
        description=_text(data.get("description", ""), "description", fail, empty=True),
        source=_text(data.get("source", ""), "source", fail, empty=True),
        detect=detect,
        min_coverage=float(coverage),
        origin=origin,
    )


def _check_keys(data: Mapping[str, Any], allowed: set[str], where: str, fail: Any) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise fail(f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})")


def _text(value: Any, where: str, fail: Any, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise fail(f"{where} must be text")
    return value.strip()


def _strings(value: Any, where: str, fail: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail(f"{where} must be a list of non-empty strings")
    return list(value)


def _list_of_tables(value: Any, where: str, fail: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise fail(f"[[{where}]] must be an array of tables")
    return value


class LazyPattern:
    """A regular expression compiled the first time it is used."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)


def _compile(patterns: Sequence[str], where: str, fail: Any, validate: bool = True) -> Any:
    if not patterns:
        return None
    if not validate:
        return LazyPattern("|".join(f"(?:{p})" for p in patterns))
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise fail(f"{where}: bad regular expression {pattern!r}: {exc}") from exc
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def validate_profiles(candidates: Iterable[Any]) -> tuple[list[Profile], list[str]]:
    """Keep usable profiles (first of each name wins); say what was dropped and why."""
    profiles: list[Profile] = []
    warnings: list[str] = []
    seen: dict[str, Profile] = {}
    for candidate in candidates:
        if not isinstance(candidate, Profile):
            warnings.append(f"ignored a profile that is not a budgetlint.analysis.profiles.Profile: {candidate!r:.80}")
            continue
        if candidate.name in seen:
            warnings.append(
                f"duplicate profile name {candidate.name!r}: kept {seen[candidate.name].origin or 'the first'}"
            )
            continue
        seen[candidate.name] = candidate
        profiles.append(candidate)
    return profiles, warnings


# -- matching a document ---------------------------------------------------------
class TableMatch(NamedTuple):
    """What a profile found of one mandated table (``title`` None: missing)."""

    spec: TableSpec
    title: Heading | None


class ProfileMatch(NamedTuple):
    """A profile measured against a document."""

    profile: Profile
    tables: tuple[TableMatch, ...]
    kind_fits: bool
    detected: bool  # the profile's detect patterns matched the title or unit name

    @property
    def found(self) -> int:
        return sum(1 for match in self.tables if match.title is not None)

    @property
    def coverage(self) -> float:
        return self.found / len(self.tables) if self.tables else 0.0

    @property
    def missing(self) -> tuple[TableSpec, ...]:
        return tuple(match.spec for match in self.tables if match.title is None)


class Selection(NamedTuple):
    """The profile a document is checked against, and why."""

    match: ProfileMatch
    forced: bool  # chosen by --profile / configuration rather than detected

    @property
    def profile(self) -> Profile:
        return self.match.profile

    @property
    def score(self) -> float:
        """How surely the document follows this template, in [0, 1]: the rules decide from it
        whether a missing table or section is an error or only worth an ``info``.

        Half of the score is identity, half is coverage. A profile set with ``--profile`` scores
        1. One whose detect patterns name the document (its province, a university) scores
        0.5 plus half the share of its tables found. One chosen by its tables alone (the
        national templates, which name no issuer) scores at most 0.5: provinces and cities
        publish their own variants of those tables under other names and numbers, so the
        closest profile's "missing" tables are as likely renamed as absent.
        """
        if self.forced:
            return 1.0
        identity = 0.5 if self.match.detected else 0.0
        return identity + self.match.coverage / 2


def table_titles(doc: Document) -> list[Heading]:
    """Body lines that may be a table's title: parsed tables, and short lines ending in 表.

    Short stand-alone lines count too, so that a table the parser could not
    recognize as one (a title followed by prose) is not reported as missing.
    """
    found: dict[int, Heading] = {}
    for table in doc.tables:
        if table.title:
            found[table.title_span.line] = Heading(HeadingKind.TABLE, None, table.title, table.title, table.title_span)
    for heading in (*doc.headings, *doc.short_lines, *doc.numbered):
        line = heading.span.line
        if line in found:
            continue
        text = heading.title.strip()
        if "表" in text and len(text) <= 80 and not text.endswith(_SENTENCE_END) and title_key(text).endswith("表"):
            found[line] = heading
    return [found[line] for line in sorted(found)]


def table_title_keys(doc: Document) -> list[tuple[Heading, str]]:
    """Each table title with its comparison key (computed once per selection, for every profile)."""
    return [(h, title_key(h.title, doc.unit_name)) for h in table_titles(doc)]


_BEST: dict[tuple[int, str], tuple[tuple[TableSpec, ...], int | None]] = {}


def best_table(specs: tuple[TableSpec, ...], key: str) -> int | None:
    """Index of the spec that matches ``key`` longest (first on ties), or None.

    Memoized per spec list and key: the same template titles come back in every
    document, and a run checks each title against every profile.
    """
    cached = _BEST.get((id(specs), key))
    if cached is not None and cached[0] is specs:
        return cached[1]
    top, index = 0, None
    for position, spec in enumerate(specs):
        length = spec.match_length(key)
        if length > top:
            top, index = length, position
    if len(_BEST) > 65536:
        _BEST.clear()
    _BEST[(id(specs), key)] = (specs, index)
    return index


def match_profile(doc: Document, profile: Profile, keyed: Sequence[tuple[Heading, str]] | None = None) -> ProfileMatch:
    """Assign each table title to the mandated table it names best (longest match).

    ``keyed`` is :func:`table_title_keys` of ``doc``, when the caller has it already.
    """
    if keyed is None:
        keyed = table_title_keys(doc)
    best: list[Heading | None] = [None] * len(profile.tables)
    for heading, key in keyed:
        index = best_table(profile.tables, key)
        if index is not None and best[index] is None:
            best[index] = heading
    matches = tuple(TableMatch(spec, title) for spec, title in zip(profile.tables, best, strict=False))
    return ProfileMatch(profile, matches, _kind_fits(doc, profile), _detected(doc, profile))


def _kind_fits(doc: Document, profile: Profile) -> bool:
    return doc.kind is None or doc.kind in profile.kinds


def _detected(doc: Document, profile: Profile) -> bool:
    """Do the profile's detect patterns name the document (its title or unit)?"""
    if profile.detect is None:
        return False
    identity = title_key(" ".join(filter(None, (doc.title, doc.unit_name))))
    return bool(identity) and profile.detect.search(identity) is not None


def eligible(match: ProfileMatch) -> bool:
    """May this profile be chosen automatically for the document?"""
    if not match.kind_fits:
        return False
    if match.profile.detect is not None and not match.detected:
        return False
    if not match.profile.tables:
        return False  # a sections-only profile needs --profile: nothing to measure it by
    return match.coverage >= match.profile.min_coverage


def select_profile(doc: Document, profiles: Sequence[Profile], requested: str | None = None) -> Selection | None:
    """The profile ``doc`` is checked against, or None (generic checks only).

    ``requested`` is a profile name (forced), ``"none"`` (no profile) or
    ``None``/``"auto"``. Automatic selection prefers a profile whose detect
    patterns name the document (a regional template over the national one),
    then the best coverage, then the larger template, then the first listed.
    """
    if requested and requested != AUTO_PROFILE:
        if requested == NO_PROFILE:
            return None
        for profile in profiles:
            if profile.name == requested:
                return Selection(match_profile(doc, profile), forced=True)
        return None
    keyed = table_title_keys(doc)
    ranked = []
    for order, profile in enumerate(profiles):
        if not _kind_fits(doc, profile) or (profile.detect is not None and not _detected(doc, profile)):
            continue  # cannot be eligible: skip matching its tables (and compiling their patterns)
        match = match_profile(doc, profile, keyed)
        if eligible(match):
            ranked.append(((match.detected, match.coverage, len(profile.tables), -order), match))
    if not ranked:
        return None
    ranked.sort(key=lambda item: item[0], reverse=True)
    return Selection(ranked[0][1], forced=False)


# -- what the section checks read (``DocumentContext`` computes each once per document) ----


def section_present(spec: SectionSpec, heading_keys: Iterable[str], paragraph_texts: Iterable[str]) -> bool:
    """Is there a heading naming the section, or prose giving it?

    ``heading_keys`` and ``paragraph_texts`` are :func:`section_heading_keys` and
    :func:`section_paragraph_texts` of the document.
    """
    if spec.headings is not None:
        for key in heading_keys:
            if spec.headings.search(key):
                return True
    if spec.mentions is not None:
        for text in paragraph_texts:
            if spec.mentions.search(text):
                return True
    return False


def section_heading_keys(doc: Document) -> list[str]:
    """Keys of body headings and stand-alone title lines (not numbered definitions)."""
    seen: set[int] = set()
    keys = []
    for heading in (*doc.headings, *doc.short_lines):
        if heading.kind is HeadingKind.TABLE or heading.span.line in seen:
            continue
        title = normalize_width(heading.title).strip()
        if ":" in title[:-1]:
            continue  # 机关运行经费：指… is a definition in 名词解释, not the section
        seen.add(heading.span.line)
        keys.append(title_key(heading.title, doc.unit_name))
    return keys


def section_paragraph_texts(doc: Document) -> list[str]:
    """The paragraphs' texts, width-normalized and without noise, for sections given as prose."""
    return [_NOISE.sub("", normalize_width(p.text)) for p in doc.paragraphs]


def builtin_profiles() -> list[Profile]:
    """The profiles shipped with budgetlint (``budgetlint/rules/profiles/*.toml``)."""
    return list(_builtin())


def _builtin() -> tuple[Profile, ...]:
    global _BUILTIN
    if _BUILTIN is None:
        _BUILTIN = tuple(load_package_profiles("budgetlint.rules", validate=False))
    return _BUILTIN


_BUILTIN: tuple[Profile, ...] | None = None


def describe(profile: Profile) -> dict[str, Any]:
    """A JSON-ready description (``budgetlint profiles --format json``)."""
    return {
        "name": profile.name,
        "title": profile.title,
        "kinds": [kind.value for kind in profile.kinds],
        "tables": [{"name": spec.name, "may_be_empty": spec.may_be_empty} for spec in profile.tables],
        "sections": [spec.name for spec in profile.sections],
        "description": profile.description,
        "source": profile.source,
        "origin": profile.origin,
    }


def title_span(doc: Document) -> Span:
    """Where document-level findings point: the title line, else the first non-blank line.

    ``DocumentContext.title_span`` computes it once per document.
    """
    fallback: Span | None = None
    for number, text in enumerate(doc.lines, start=1):
        stripped = text.strip()
        if not stripped:
            continue
        start = len(text) - len(text.lstrip()) + 1
        span = Span(number, start, number, start + len(stripped))
        if fallback is None:
            fallback = span
        if doc.title and (stripped == doc.title or doc.title.startswith(stripped)):
            return span
    return fallback or Span(1, 1, 1, 1)


def toc_entry_for(doc: Document, profile: Profile, spec: TableSpec) -> TocEntry | None:
    """The 目录 entry that names a mandated table (best match, as for body titles), if any."""
    if doc.toc is None:
        return None
    for entry in doc.toc.entries:
        index = best_table(profile.tables, title_key(entry.text, doc.unit_name))
        if index is not None and profile.tables[index] is spec:
            return entry
    return None


def check_profile_name(name: str, profiles: Sequence[Any], error: type[Exception] = ValueError) -> str:
    """``name`` if it names a profile (or is ``auto``/``none``); else raise ``error`` listing the names."""
    name = name.strip()
    known = [p.name for p in validate_profiles(profiles)[0]]
    if name in known or name in (AUTO_PROFILE, NO_PROFILE):
        return name
    raise error(f"unknown profile {name!r}; known: {', '.join(known + [AUTO_PROFILE, NO_PROFILE])}")
