"""Read 科目编码 of the shapes publishers print into full 类/款/项 codes (3, 5, 7 digits).

The 143号 template prints every row's full code (``2080501``), but many provinces do not:

- split over 类 | 款 | 项 columns with the parent parts left blank on child rows
  (``208 | | `` then `` | 05 | `` then `` | | 01``, Yantai, Zhejiang …);
- one code column where a 款 prints only its own two digits under its 类 row
  (``201`` then ``10`` then ``2011007``, Xi'an 部门综合预算).

Both are valid and complete: the reader needs the rows above to know the code, which
is why this is a pass over a side's rows in order, not a property of one cell. A code
that does not fit its shape (a 类 cell printed ``7`` instead of ``210``) is left as
printed, so the code-hierarchy check still names the misprint.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The digits of each level's part when a code is split over columns.
_PART_LENGTH = {"类": 3, "款": 2, "项": 2}


def split_levels(headers: Sequence[str]) -> tuple[int, ...] | None:
    """The part lengths of code columns headed 类 / 款 / 项 (in order), else None.

    ``headers`` are the last header texts of the code columns, left to right.
    """
    if len(headers) < 2 or any(h not in _PART_LENGTH for h in headers):
        return None
    levels = tuple(_PART_LENGTH[h] for h in headers)
    return levels if levels[0] == 3 else None


class CodeReader:
    """Completes the codes of one side's rows, read top to bottom.

    ``levels`` are the part lengths of split 类/款/项 columns (None for a single code
    column); ``literal_sections`` says the side prints some 款 as full 5-digit codes,
    so a 2-digit code in a single column is then a 项, not a 款.
    """

    def __init__(self, levels: tuple[int, ...] | None, literal_sections: bool) -> None:
        self._levels = levels
        self._literal_sections = literal_sections
        self._class: str | None = None
        self._section: str | None = None

    def split(self, parts: Sequence[str]) -> str | None:
        """The code of a row whose code is printed over 类/款/项 columns (``parts`` stripped)."""
        levels = self._levels or ()
        if len(parts) != len(levels) or not any(parts):
            return None
        deepest = max(i for i, p in enumerate(parts) if p)
        if not all(parts[i] for i in range(deepest + 1)):
            # Parents left blank: complete them from the rows above, if every printed part fits.
            if not all(len(p) == levels[i] and p.isdecimal() for i, p in enumerate(parts) if p):
                return None
            known = [self._class, self._section]
            filled: list[str] = []
            for i in range(deepest + 1):
                if parts[i]:
                    filled.append(parts[i])
                    continue
                parent = known[i] if i < len(known) else None
                above = "".join(filled)
                if parent is None or len(above) != len(parent) - levels[i] or not parent.startswith(above):
                    return None
                filled = [parent]
            code = "".join(filled)
        else:
            code = "".join(parts[: deepest + 1])
        return self._remember(code)

    def single(self, text: str) -> str | None:
        """The code of a row whose code is one cell; a 2-digit cell completed from the rows above."""
        if len(text) == 2 and text.isdecimal():
            if self._literal_sections and self._section is not None:
                return self._remember(self._section + text)
            if not self._literal_sections and self._class is not None:
                return self._remember(self._class + text)
            return None
        return self._remember(text)

    def _remember(self, code: str) -> str:
        if code.isdecimal():
            if len(code) == 3:
                self._class, self._section = code, None
            elif len(code) == 5:
                self._class, self._section = code[:3], code
        return code
