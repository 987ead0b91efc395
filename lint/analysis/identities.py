"""Checked identities between table figures, as data (what the table-arithmetic rules report).

An analysis (:mod:`budgetlint.analysis.tablechecks`, :mod:`budgetlint.analysis.crosstables`)
finds the figures that should agree, compares them with
:func:`~budgetlint.model.numbers.compare_sum` and records the result here: which kind of
identity, the figures with their rows, columns and spans, and the verdict. It never
decides which rule reports it or how it is worded: the rules do, from this data.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): typing.NamedTuple
# compiles every string annotation into a ForwardRef when it creates the class, about a third
# of the cost of creating this module's named tuples at every start.
import enum
from typing import NamedTuple

from budgetlint.model.diagnostics import Span
from budgetlint.model.numbers import Comparison, Figure, Verdict


class IdentityKind(enum.Enum):
    """What an identity states. ``whole`` and ``parts`` refer to :class:`Identity`'s fields."""

    #: A total row equals the sum of the outermost rows it totals, in one column.
    COLUMN_TOTAL = "column-total"
    #: A row's total column equals the sum of its part columns (基本支出 + 项目支出 …).
    ROW_TOTAL = "row-total"
    #: A 其中 column of a row does not exceed the column it belongs to (``parts`` = the 其中 cell).
    SUBSET_COLUMN = "subset-column"
    #: A 其中 row does not exceed the row it belongs to (``parts`` = the 其中 cell).
    SUBSET_ROW = "subset-row"
    #: A parent row equals the sum of its items where the hierarchy is in the labels (一、 above 1、).
    ITEM_HIERARCHY = "item-hierarchy"
    #: A 类/款 row equals the sum of its 款/项 rows (by 科目编码).
    CODE_HIERARCHY = "code-hierarchy"
    #: A 科目编码 that is not 3, 5 or 7 digits long (no figures: ``whole`` is None).
    CODE_LENGTH = "code-length"
    #: A 科目编码 whose parent code is not in the table (no figures: ``whole`` is None).
    CODE_WITHOUT_PARENT = "code-without-parent"
    #: A later total equals the previous total plus the rows between (``parts[0]`` = the previous total).
    BALANCE = "balance"
    #: The 支出 side's grand total equals the 收入 side's (``whole`` = 支出, ``parts`` = (收入,)).
    TWO_SIDED_BALANCE = "two-sided-balance"
    #: A figure of one table equals the same quantity in another (figures in 万元).
    CROSS_TABLE = "cross-table"
    #: As CROSS_TABLE, where ``whole`` is the sum of the side-by-side totals of one table.
    CROSS_TABLE_SIDES_TOTAL = "cross-table-sides-total"
    #: As CROSS_TABLE, where ``whole`` is the sum of the totals of every 项目支出表.
    CROSS_TABLE_PROJECTS_TOTAL = "cross-table-projects-total"


class RowRef(NamedTuple):
    """The row a figure stands in, as the table prints it."""

    label: str
    code: str | None  # 科目编码
    line: int  # the row's first source line


class Operand(NamedTuple):
    """One figure of an identity and where it stands.

    ``text`` is the cell as printed; a figure the analysis summed itself has ``text == ""``
    and no ``row``/``column``. Cross-table figures are converted to 万元.
    """

    figure: Figure
    text: str
    span: Span
    table: str | None  # the table's title
    row: RowRef | None
    column: str | None  # the column's name (its header path, joined)


class Identity(NamedTuple):
    """One identity that does not hold exactly: ``whole`` should equal ``parts`` (or bound them).

    For the code-structure kinds (no figures) ``whole`` is None, ``comparison`` is None and
    ``row`` is the row whose 科目编码 is wrong; ``verdict`` is then MISMATCH.
    """

    kind: IdentityKind
    verdict: Verdict
    span: Span  # where a finding is reported
    table: str | None  # the title of the table the finding is reported in
    whole: Operand | None
    parts: tuple[Operand, ...]
    comparison: Comparison | None
    row: RowRef | None = None


class Unresolved(NamedTuple):
    """A total whose rows are a nested list (类/款/项 by name, units above their projects)
    that the figures do not resolve into levels: the total is not checked (see
    :mod:`budgetlint.analysis.rowlevels`)."""

    table_span: Span  # the table's span (its key)
    title_span: Span  # where a finding about the table is reported
    table: str | None  # the table's title
    total: RowRef  # the total row
