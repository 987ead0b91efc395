"""``--show-text``: the text the rules see for each file, numbered, with each line's origin.

For PDF, Word and Excel input the reader's text is what every finding points into, so
seeing it (with the page, paragraph or cell of each line) explains a puzzling finding.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from budgetlint.plugins.registry import Registry
from budgetlint.read.base import SourceMap
from budgetlint.read.text import UnreadableInput
from budgetlint.run.options import Config
from budgetlint.run.runner import read_document_text
from budgetlint.run.status import EXIT_CLEAN, EXIT_ERROR


def format_source_text(text: str, source_map: SourceMap | None) -> str:
    """The text the rules saw, numbered, with each line's origin."""
    lines = text.splitlines()
    width = len(str(len(lines)))
    labels = [o.label for o in source_map.origins] if source_map is not None else []
    origin_width = max((len(label) for label in labels), default=0)
    out = []
    for number, line in enumerate(lines, start=1):
        label = labels[number - 1] if number <= len(labels) else ""
        gutter = f"{number:>{width}} {label:<{origin_width}}" if origin_width else f"{number:>{width}}"
        out.append(f"{gutter} | {line}".rstrip())
    return "\n".join(out) + "\n"


def show_source_text(paths: Sequence[str], config: Config, registry: Registry) -> int:
    """Print what the rules would see for each file; exit status 2 if a file cannot be read."""
    status = EXIT_CLEAN
    for path in paths:
        if len(paths) > 1:
            click.echo(f"==> {path} <==")
        try:
            text, source_map, notes = read_document_text(path, config, registry)
        except UnreadableInput as exc:
            click.echo(f"budgetlint: {path}: {exc.reason_zh if config.lang == 'zh' else exc.reason_en}", err=True)
            status = EXIT_ERROR
            continue
        except OSError as exc:
            click.echo(f"budgetlint: {path}: {exc.strerror or exc}", err=True)
            status = EXIT_ERROR
            continue
        for note in notes:
            reason = note.reason_zh if config.lang == "zh" else note.reason_en
            click.echo(f"budgetlint: {path}:{note.line}: {reason}", err=True)
        click.echo(format_source_text(text, source_map), nl=False)
    return status
