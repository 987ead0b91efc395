"""Hunt for regular expressions that backtrack super-linearly.

Run:  python benchmarks/regex_hunt.py [--size N] [--threshold EXPONENT]

Imports every module of budgetlint (lint/ and rules/), collects each compiled pattern held at
module level (also inside tuples, lists and dicts), and times ``search`` and ``sub`` of it on
adversarial strings of N and 4N characters: long runs of each literal character the pattern
names (and of a digit, a space, a colon, a Chinese character), after each Chinese word the
pattern names, ended by a character that makes the match fail late. A pattern whose time
grows with an exponent above the threshold (default 1.4) is printed, with the input shape.
Not a test: timings depend on the machine; a listed pattern is one to rewrite.
"""

from __future__ import annotations

import argparse
import importlib
import math
import pkgutil
import re
import time
from collections.abc import Callable, Iterator

import budgetlint
import budgetlint.rules

#: Characters every pattern is also tried with: a digit, blanks, colons, a Chinese character.
_ALWAYS = ("0", " ", "\t", ":", "甲", ".", ",", "%")
#: What ends an adversarial run: characters that make a match fail at the very end.
_ENDERS = ("", "x", ":", "\n", " ")
_WORD = re.compile(r"[\u4e00-\u9fff]+")


def patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """(module.name, pattern) of every compiled str pattern at module level."""
    seen: set[int] = set()
    for package in (budgetlint, budgetlint.rules):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".read." in info.name:  # the binary readers' patterns run on bounded XML, not text
                continue
            module = importlib.import_module(info.name)
            for attr, value in vars(module).items():
                for pattern in _compiled(value):
                    if id(pattern) not in seen and isinstance(pattern.pattern, str):
                        seen.add(id(pattern))
                        yield f"{info.name}.{attr}", pattern


def _compiled(value: object) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _compiled(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _compiled(item)


def shapes(pattern: re.Pattern[str]) -> Iterator[tuple[str, Callable[[int], str]]]:
    """Adversarial input shapes for ``pattern``: (description, size → text)."""
    source = pattern.pattern
    literals = {c for c in source if not c.isascii() or c in ":.,%-/()"} | set(_ALWAYS)
    words = sorted(set(_WORD.findall(source)), key=len, reverse=True)[:12]
    for char in sorted(literals):
        for end in _ENDERS:
            yield f"{char!r}*n+{end!r}", lambda n, c=char, e=end: c * n + e
    for word in words:
        for char in ("甲", " ", "0", word[-1]):
            for end in (":", "x"):
                yield f"{word}+{char!r}*n+{end!r}", lambda n, w=word, c=char, e=end: w + ":" + c * n + e
                yield f"({word}+{char!r})*n+{end!r}", lambda n, w=word, c=char, e=end: (w + c) * (n // 4) + e


def _time(pattern: re.Pattern[str], text: str) -> float:
    start = time.perf_counter()
    pattern.search(text)
    pattern.sub("", text)
    return time.perf_counter() - start


def exponent(small: float, large: float, ratio: float) -> float:
    """Growth exponent k of t ∝ n^k from two timings at sizes n and ratio·n."""
    return math.log(max(large, 1e-9) / max(small, 1e-9)) / math.log(ratio)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2000, help="the smaller input length (default 2000)")
    parser.add_argument("--threshold", type=float, default=1.4, help="exponent to report (default 1.4)")
    args = parser.parse_args()
    count = 0
    flagged = 0
    for name, pattern in patterns():
        count += 1
        worst: tuple[float, str, float] | None = None
        for shape, make in shapes(pattern):
            small = _time(pattern, make(args.size))
            large = _time(pattern, make(4 * args.size))
            if large < 0.005:  # below 5 ms at 4N: too fast to matter or to measure
                continue
            # A shared machine stalls now and then: confirm with the best of three runs.
            small = min(_time(pattern, make(args.size)) for _ in range(3))
            large = min(_time(pattern, make(4 * args.size)) for _ in range(3))
            k = exponent(small, large, 4)
            if k > args.threshold and (worst is None or k > worst[0]):
                worst = (k, shape, large)
        if worst is not None:
            flagged += 1
            print(f"{name}: exponent {worst[0]:.2f} on {worst[1]} ({worst[2] * 1000:.0f} ms at n={4 * args.size})")
    print(f"{count} patterns tried, {flagged} super-linear (exponent > {args.threshold})")


if __name__ == "__main__":
    main()
