"""The one value every rule produces: a located, coded, human-readable finding.

Diagnostics are frozen so that filters, baselines and formatters can pass them
around and de-duplicate them without defensive copies.
"""

from __future__ import annotations

import enum
from typing import NamedTuple


class Severity(str, enum.Enum):
    """How bad a finding is; the string value is what users type and read."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; used for exit codes and sorting."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Span(NamedTuple):
    """A source region: 1-based lines and columns, ``end_column`` exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of_line(cls, line: int, text: str) -> Span:
        """The whole visible content of one line."""
        return cls(line, 1, line, max(1, len(text)) + 1)


class Diagnostic(NamedTuple):
    """One finding. Field order is the JSON contract of ``--format json``."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    #: The message in Chinese whatever the run's language (empty: the same as ``message``).
    #: Fingerprints hash it, so a finding accepted or recorded in a baseline from a zh run
    #: is the same finding in an en run. Not part of the JSON contract (:meth:`to_dict`).
    message_zh: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Stable order: path, line, column, code."""
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready mapping with exactly the documented fields."""
        data: dict[str, object] = {field: getattr(self, field) for field in JSON_FIELDS}
        data["severity"] = self.severity.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Diagnostic:
        """The inverse of :meth:`to_dict` (JSON lines from a distributed run, a saved report)."""
        values = {field: data[field] for field in cls._fields if field in data or field != "message_zh"}
        values["severity"] = Severity(values["severity"])
        return cls(**values)  # type: ignore[arg-type]

    @property
    def neutral_message(self) -> str:
        """The message in one language for every run (Chinese when the rule gave it)."""
        return self.message_zh or self.message


#: The fields of the JSON contract, in order (every field but ``message_zh``); CSV's first columns.
JSON_FIELDS: tuple[str, ...] = tuple(field for field in Diagnostic._fields if field != "message_zh")
