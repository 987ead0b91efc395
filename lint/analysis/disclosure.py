"""Whether a file is a budget disclosure at all, or something that merely lies beside one.

Why: a folder of disclosures often holds a README, a requirements.txt or a notes file.
Linted as documents they would be listed in reports and judged by rules written for
budgets (a numbering gap in a README is no finding). The test is deliberately
conservative, because dropping a real disclosure would hide every fault it has: a file
is *not* a disclosure only when

- none of its lines (as printed, watermarks and running headers included) says
  预算 or 决算 — every disclosure names itself (部门预算, 单位决算, 预算公开表 …), and so do
  the table titles of a file that holds only the tables (a ``.part2``) or an empty draft
  of a template — nor 财政, 收入, 支出 or 经费 (a draft's 情况说明 saved on its own may
  not name the budget but speaks of its money), nor states an amount in 元 (100.00万元); and
- none of its tables holds a figure (a table of amounts is what a disclosure publishes,
  even one whose title was lost); and
- its reader read all of it (a scanned page may hide the words: BL001 reports it, and the
  file stays a document).

Measured on ``corpus/wide/`` (every part file on its own too), ``corpus/pdf/`` and the six
of ``corpus/``: every one says 预算 or 决算; the wider words keep a fragment of a draft that speaks of
money (a 情况说明 saved on its own) a document. A fragment with none of them (a line of
dates) is not: tests that lint such snippets as files say 预算 once. The verdict is data; a rule (BL004) words it, and the runner runs no other rule
on such a file. Text handed to the Python API (``lint_text``) is checked as given: the caller
asked for that snippet to be checked; files (found in a folder or named) are judged.
"""

from __future__ import annotations

import re

from budgetlint.model.nodes import Document

#: The words every budget or final-accounts disclosure prints somewhere.
_DISCLOSURE_WORD = re.compile(r"预算|决算|财政|收入|支出|经费|\d\s*(?:亿|万|千)?元")


def is_disclosure(doc: Document) -> bool:
    """False only for a fully read file with no budget word or amount and no table holding a figure."""
    if doc.read_failures:
        return True
    if any(_DISCLOSURE_WORD.search(line) for line in doc.lines):
        return True
    return any(table.has_figures for table in doc.tables)
