"""A disclosure published as several files, linted as one document.

Beijing and Jiangsu publish a budget as a 情况说明 PDF and a 报表 PDF
(``NNN_x.part1.pdf`` + ``NNN_x.part2.pdf``). Linted alone, each half loses every
cross-check between the narrative and the tables, and the 目录 of the first "misses"
every table of the second. Here the parts are read one by one and their text is
concatenated (part 1's lines, a line naming the next file, part 2's lines …) with their source maps,
so the rules see one document; afterwards each diagnostic is given back the path of
the part its line came from, while its ``origin``/``page`` stay the part's own (the
joined source map holds each part's origins unchanged).

Grouping: :func:`part_groups` finds, among the files to lint, the unambiguous sets
``stem.part1.ext``, ``stem.part2.ext`` … (same directory and suffix, numbered 1..n
without a gap); ``--join`` makes all given files one document.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import NamedTuple

from budgetlint.model.nodes import LinePlace
from budgetlint.model.read_failures import ReadFailure
from budgetlint.plugins.registry import Registry, default_registry
from budgetlint.read.base import Origin, SourceMap
from budgetlint.read.text import UnreadableInput, decode_bytes
from budgetlint.run.options import Config
from budgetlint.run.runner import LintResult, lint_document_text

_PART = re.compile(r"^(?P<stem>.+)\.part(?P<number>[1-9][0-9]*)$", re.IGNORECASE)


class Part(NamedTuple):
    """One file's share of a joined document: its lines start at ``first_line`` (1-based)."""

    path: str
    first_line: int
    line_count: int


def part_groups(paths: Sequence[str]) -> list[str | tuple[str, ...]]:
    """``paths`` with every complete ``stem.part1 … stem.partN`` set replaced by one tuple, in first-seen order.

    A set is joined only when unambiguous: at least two parts, numbered 1..N without a
    gap or a duplicate, same directory and same suffix (case-insensitive). Anything
    else stays a single file.
    """
    sets: dict[tuple[str, str], dict[int, list[str]]] = {}
    for path in paths:
        root, suffix = os.path.splitext(path)
        match = _PART.match(root)
        if match:
            key = (match.group("stem"), suffix.lower())
            sets.setdefault(key, {}).setdefault(int(match.group("number")), []).append(path)
    complete: dict[str, tuple[str, ...]] = {}
    for numbers in sets.values():
        ordered = sorted(numbers)
        if len(ordered) >= 2 and ordered == list(range(1, len(ordered) + 1)):
            if all(len(numbers[n]) == 1 for n in ordered):
                group = tuple(numbers[n][0] for n in ordered)
                for path in group:
                    complete[path] = group
    units: list[str | tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()
    for path in paths:
        found = complete.get(path)
        if found is None:
            units.append(path)
        elif found not in seen:
            seen.add(found)
            units.append(found)
    return units


def _read_part(path: str, config: Config, registry: Registry) -> tuple[list[str], list[Origin], list[ReadFailure]]:
    """One part's lines, their origins (``L<n>`` for plain text) and what could not be read."""
    from budgetlint.read.base import DEFAULT_LIMITS, ReaderError

    reader = registry.readers.get(os.path.splitext(path)[1].lower())
    try:
        if reader is not None:
            document = reader(path, config.limits or DEFAULT_LIMITS)
            lines = document.text.splitlines()
            origins = list(document.source_map.origins[: len(lines)])
            origins += [Origin("")] * (len(lines) - len(origins))
            failures = [
                ReadFailure(note.line, note.reason_zh, note.reason_en, note.lone_page) for note in document.notes
            ]
            return lines, origins, failures
        with open(path, "rb") as handle:
            text = decode_bytes(handle.read()).text
    except (ReaderError, UnreadableInput) as exc:
        return [""], [Origin("")], [ReadFailure(1, exc.reason_zh, exc.reason_en)]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return [""], [Origin("")], [ReadFailure(1, f"无法读取文件：{reason}", f"cannot read the file: {reason}")]
    lines = text.splitlines()
    return lines, [Origin(f"L{n}") for n in range(1, len(lines) + 1)], []


def lint_joined(paths: Sequence[str], config: Config, registry: Registry | None = None) -> LintResult:
    """Lint the files ``paths`` (in this order) as one document; see the module docstring.

    The result's path is the first part's; each diagnostic names the part it points into.
    """
    registry = registry or default_registry()
    lines: list[str] = []
    origins: list[Origin] = []
    places: list[LinePlace] = []  # a PDF page is named with its file: each part counts its own pages
    failures: list[ReadFailure] = []
    parts: list[Part] = []
    kinds: list[str] = []
    for path in paths:
        if lines:
            # A text line between parts ends whatever part 1 left open: its last line (附件：…报表)
            # must not become the title of part 2's first table, nor a table run on into part 2.
            lines += ["", f"（以下为文件 {os.path.basename(path)}）", ""]
            origins += [Origin(""), Origin(""), Origin("")]
            places += [LinePlace("")] * 3
        part_lines, part_origins, part_failures = _read_part(path, config, registry)
        offset = len(lines)
        parts.append(Part(path, offset + 1, len(part_lines)))
        failures += [f._replace(line=f.line + offset) for f in part_failures]
        lines += part_lines
        origins += part_origins
        read = os.path.splitext(path)[1].lower() in registry.readers  # text parts keep the joined line numbers
        name = os.path.basename(path)
        places += [LinePlace(name, o.page) if o.page else LinePlace(o.label if read else "") for o in part_origins]
        kinds.append(os.path.splitext(path)[1].lstrip(".").lower() or "text")
    text = "\n".join(lines) + "\n"
    source_map = SourceMap("+".join(dict.fromkeys(kinds)), tuple(origins))
    result = lint_document_text(
        text,
        paths[0],
        config,
        registry,
        tuple(failures),
        tuple(places),
        source_map.stored_cells(),
        judge_disclosure=True,
    )
    result.source_map = source_map
    result.diagnostics[:] = sorted(
        (d._replace(path=part_of(parts, d.line)) for d in result.diagnostics), key=lambda d: d.sort_key
    )
    return result


def part_of(parts: Sequence[Part], line: int) -> str:
    """The path of the part that holds joined line ``line`` (the separator goes with the part before it)."""
    chosen = parts[0].path
    for part in parts:
        if line >= part.first_line:
            chosen = part.path
    return chosen


Input = str | tuple[str, ...]
"""What one document of a run is read from: a file, or the parts of a joined document."""


def first_path(item: Input) -> str:
    """The path a document is known by: the file, or a joined document's first part."""
    return item if isinstance(item, str) else item[0]
