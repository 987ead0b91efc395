"""The levels of a list of rows that prints no codes, inferred from the figures.

Why: a 收支总表 often lists its 支出 side by name only, 类, 款 and 项 one under the
other (一般公共服务支出 / 社会工作事务 / 其他社会工作事务支出 / …), and a project table
lists each 资金使用单位 above its projects. Summing every row counts each figure two or
three times. Without codes or numbering the labels do not say which row is a parent; the
figures do: in a published table a parent equals the sum of the rows that follow it, down
to the next row of its own level, and the outermost rows add up to the total.

:func:`resolve_levels` reads the list top-down: each row becomes the parent of the longest
run of following rows whose own reading adds up to it (at most ``max_depth`` levels, each
parent within rounding of the sum of its children), else an item; the outermost rows must
then add up to the total. A row equal to the sum of the rows after it is taken as their
parent, which is how the tables print their levels. Every figure must be zero or more
(budget amounts): a negative figure makes the bounds unsound, so nothing is inferred. When
the reading does not add up, the caller learns whether the list is nested at all (some
row equals the sum of rows below it): a nested list whose reading fails says nothing
certain about which figure is wrong, so the caller stays silent, never guesses.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``), like the other
# analysis modules whose NamedTuples are created at start-up.
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

#: Longer lists are not read (too many readings to tell apart).
MAX_ROWS = 600


class Node(NamedTuple):
    """One row of the reading and the rows it is the sum of (empty for an item)."""

    index: int  # type: ignore[assignment]  # the row's position in the list; shadows tuple.index()
    children: tuple["Node", ...]


class Levels(NamedTuple):
    """A reading of the list: its outermost rows, each with its subtree."""

    top: tuple[Node, ...]

    def parents(self) -> list[Node]:
        """Every row that has children, outermost first."""
        found: list[Node] = []
        stack = list(reversed(self.top))
        while stack:
            node = stack.pop()
            if node.children:
                found.append(node)
                stack.extend(reversed(node.children))
        return found

    @property
    def nested(self) -> bool:
        """Some row is the parent of others (the list is not flat)."""
        return any(node.children for node in self.top)


class Resolution(NamedTuple):
    """What the figures say about a list: the reading that matches the total, if any.

    ``levels`` is the reading whose outermost rows add up to the total (None when none
    does); ``nested`` is True when, failing that, some row still equals the sum of rows
    below it: the list has levels, and a total that its reading does not match says
    nothing certain about which figure is wrong.
    """

    levels: Levels | None
    nested: bool


def resolve_levels(
    values: Sequence[Decimal], halves: Sequence[Decimal], total: Decimal, total_half: Decimal, max_depth: int = 3
) -> Resolution:
    """The reading of ``values`` (with the rounding half-units ``halves``) that adds up to ``total``."""
    count = len(values)
    if count == 0 or count > MAX_ROWS or any(v < 0 for v in values) or total < 0:
        return Resolution(None, False)
    search = _Search(tuple(values), tuple(halves))
    top = search.forest(0, count, max_depth, total, total_half)
    if top is not None:
        return Resolution(Levels(top), False)
    nested = any(v != 0 and search.subtree(i, max_depth, count)[1].children for i, v in enumerate(values))
    return Resolution(None, nested)


#: Longer lists are not searched for a single wrong figure (:func:`split_groups`).
MAX_SPLIT_ROWS = 80


def split_groups(
    values: Sequence[Decimal], halves: Sequence[Decimal], target: Decimal, target_half: Decimal
) -> tuple[Node, ...] | None:
    """Two levels (heads and their items) of a list whose figures hold but for one.

    For a list that :func:`resolve_levels` does not resolve, because one figure is
    wrong: the rows are split into groups, each a head followed by its items, such that
    every head equals the sum of its items and the heads add up to ``target``, but for
    one figure — an item (its head fails), a head (it fails, and the heads add up with
    its items' sum instead) or ``target`` itself (only the heads' sum fails, and every
    head has items that add up to it). Of the
    splits with the fewest failures, those with the fewest heads (a row equal to the sum
    of the rows below it is their head) must all blame the same figure, else None: a
    reading only a guess explains is no reading. At most :data:`MAX_SPLIT_ROWS` rows and
    :data:`MAX_SPLIT_STEPS` steps.
    """
    count = len(values)
    if count == 0 or count > MAX_SPLIT_ROWS or any(v < 0 for v in values):
        return None
    search = _Splitter(tuple(values), tuple(halves), target, target_half)
    if not search.run():
        return None
    if not search.found:
        return None
    best = min((faults, len(heads)) for faults, _, heads in search.found)
    chosen = [(blamed, heads) for faults, blamed, heads in search.found if (faults, len(heads)) == best]
    if best[0] > 1 or len({blamed for blamed, _ in chosen}) != 1:
        return None
    return chosen[0][1]


#: Steps of the search of :func:`split_groups` before it gives up.
MAX_SPLIT_STEPS = 20000


class _Splitter:
    """The search of :func:`split_groups`: every split with at most one failing head."""

    def __init__(
        self, values: tuple[Decimal, ...], halves: tuple[Decimal, ...], target: Decimal, half: Decimal
    ) -> None:
        self.values = values
        self.halves = halves
        self.target = target
        self.half = half
        self.steps = 0
        #: (failures, the row blamed (-1 the target, -2 none), the heads)
        self.found: list[tuple[int, int, tuple[Node, ...]]] = []

    def run(self) -> bool:
        """Search; False when the search gave up (too many steps)."""
        return self._split(0, (), Decimal(0), Decimal(0), Decimal(0), None)

    def _finish(
        self, heads: tuple[Node, ...], printed: Decimal, corrected: Decimal, envelope: Decimal, fault: int | None
    ) -> None:
        slack = envelope + self.half
        if fault is None:
            if abs(printed - self.target) <= slack:
                self.found.append((0, -2, heads))
            elif all(node.children for node in heads):
                # Only the total fails: it is the wrong figure, if every head is confirmed
                # by its items (else any split of a list would blame its total).
                self.found.append((1, -1, heads))
        elif abs(printed - self.target) <= slack or abs(corrected - self.target) <= slack:
            self.found.append((1, fault, heads))

    def _split(
        self,
        start: int,
        heads: tuple[Node, ...],
        printed: Decimal,
        corrected: Decimal,
        envelope: Decimal,
        fault: int | None,
    ) -> bool:
        self.steps += 1
        if self.steps > MAX_SPLIT_STEPS:
            return False
        values, halves = self.values, self.halves
        if start == len(values):
            self._finish(heads, printed, corrected, envelope, fault)
            return True
        value, half = values[start], halves[start]
        below = Decimal(0)
        slack = half
        for stop in range(start + 1, len(values) + 1):
            if stop > start + 1:
                below += values[stop - 1]
                slack += halves[stop - 1]
            holds = stop == start + 1 or abs(below - value) <= slack
            if not holds and fault is not None:
                if below > value + slack:
                    break
                continue
            node = Node(start, tuple(Node(i, ()) for i in range(start + 1, stop)))
            if not self._split(
                stop,
                (*heads, node),
                printed + value,
                corrected + (value if holds else below),
                envelope + half,
                fault if holds else start,
            ):
                return False
        return True


class _Search:
    """The memoized reading of :func:`resolve_levels` over one list."""

    def __init__(self, values: tuple[Decimal, ...], halves: tuple[Decimal, ...]) -> None:
        self.values = values
        self.halves = halves
        self.subtree = lru_cache(maxsize=None)(self._subtree)

    def forest(self, start: int, end: int, depth: int, target: Decimal, half: Decimal) -> tuple[Node, ...] | None:
        """Rows ``start:end`` read as siblings (each with its subtree) that add up to ``target``."""
        nodes, summed, envelope = self.read(start, end, depth)
        return nodes if abs(summed - target) <= envelope + half else None

    def read(self, start: int, end: int, depth: int) -> tuple[tuple[Node, ...], Decimal, Decimal]:
        """Rows ``start:end`` read as siblings, each with its longest subtree; their sum and envelope."""
        nodes: list[Node] = []
        summed = Decimal(0)
        envelope = Decimal(0)
        index = start
        while index < end:
            stop, node = self.subtree(index, depth, end)
            nodes.append(node)
            summed += self.values[index]
            envelope += self.halves[index]
            index = stop
        return tuple(nodes), summed, envelope

    def _subtree(self, start: int, depth: int, end: int) -> tuple[int, Node]:
        """Where the subtree of row ``start`` ends (before ``end``) and its reading: the longest that adds up."""
        leaf = (start + 1, Node(start, ()))
        if depth < 2:
            return leaf
        value, half = self.values[start], self.halves[start]
        # The rows of a subtree of ``depth - 1`` levels add up to at most ``depth - 1`` times
        # its root (each level sums to the root at most): no longer run can be its children.
        limit = value * (depth - 1)
        below = Decimal(0)
        slack = half
        stops: list[int] = []
        for stop in range(start + 2, end + 1):
            below += self.values[stop - 1]
            slack += self.halves[stop - 1]
            if below > limit + slack:
                break
            if below + slack >= value:
                stops.append(stop)
        for stop in reversed(stops):
            children = self.forest(start + 1, stop, depth - 1, value, half)
            if children is not None:
                return stop, Node(start, children)
        return leaf
