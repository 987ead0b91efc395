"""What of an input could not be read, and why: a value the runner records and a rule reports.

The read layer raises (or notes) its reasons in both languages; the runner collects them
into :class:`ReadFailure` values on the :class:`~budgetlint.model.nodes.Document` it hands
to the rules, so reporting them is a rule's business like any other finding.
"""

from __future__ import annotations

from typing import NamedTuple


class ReadFailure(NamedTuple):
    """One failure to read: the whole file (``line`` 1) or a part of it (a page without text)."""

    line: int  # the source line it concerns; 1 when the file as a whole could not be read
    reason_zh: str
    reason_en: str
    lone_page: bool = False  # a page without text among pages with text (see ReaderNote)
