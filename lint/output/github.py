"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding.

Escaping follows the Actions toolkit (``@actions/core`` ``command.ts``): in the
message ``%``, ``\\r`` and ``\\n`` become ``%25``, ``%0D``, ``%0A``; property
values additionally escape ``:`` and ``,`` (``%3A``, ``%2C``), since those
delimit the properties. Without this a message with a newline would end the
command early and the rest would be printed as a plain log line. Annotations point at
lines of the extracted text; for PDF input the message names the page as well.
"""

from __future__ import annotations

from collections.abc import Sequence

from budgetlint.model.diagnostics import Severity
from budgetlint.model.fingerprint import portable_path
from budgetlint.output.terminal import message_with_page
from budgetlint.run.runner import LintResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(results: Sequence[LintResult], lang: str = "zh", style: object = None) -> str:
    out = []
    for result in results:
        for d in result.diagnostics:
            properties = {
                "file": portable_path(d.path),
                "line": d.line,
                "col": d.column,
                "endLine": d.end_line,
                "endColumn": max(d.end_column, d.column) if d.end_line == d.line else d.end_column,
                "title": d.code,
            }
            rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
            out.append(f"::{COMMANDS[d.severity]} {rendered}::{escape_data(message_with_page(d, result, lang))}")
    return "".join(line + "\n" for line in out)
