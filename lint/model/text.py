"""How budgetlint reads Chinese text: width normalization, numbering, comparison keys, units.

Every layer needs the same few answers about a piece of text — its half-width form,
whether it starts with a numbering (一、 （一） 1. ①) and what that numbering is
worth, the key two spellings of one label share, how many 万元 a unit is. They live
here, once, so that the parser, the analyses and the rules cannot drift apart.

**Why there are several numbering patterns.** Each call site asks a different
question, and the corpus output depends on each answer exactly as it is:

- :data:`HEADING_NUMBERING` — is a whole (normalized) line a numbered heading?
  第X部分, 一、, (一), 1. or 1、 after optional blanks; group 1 is the numbering.
  A ``1.5`` is a decimal, not a numbering; ``4.2026年…`` is numbering 4 before a year
  (a title starts with its year), not the decimal 4.2026. The line classifier and the
  parser's :func:`split_numbering` use this one.
- :data:`PRINTED_PARAGRAPH_NUMBERING` — does a paragraph *as printed* start a new
  numbered item (so it is not joined to the previous one)? Paragraph text keeps its
  original width, so full-width brackets （一） are listed; 第…部分 takes any count.
- :data:`LABEL_NUMBERING` — the numbering a table row label starts with, stripped
  before comparing labels: no blanks before it (cells are stripped), no 第X部分
  (parts are not rows), ``1、`` followed by a digit is not one either, and circled
  ①–⑳ are. Deciding that a row is a data row uses it too.
- :data:`ROW_LABEL_NUMBERING` — :data:`LABEL_NUMBERING` plus bracketed digits (1)
  (12): the cross-table row key strips those as well, the fact index keeps them
  (its narrative side never writes (1) before a name).
- :data:`NUMBERING_LEVELS` — which level a row label's numbering is: the number
  of the group that matched (1 一、 2 (一) 3 1. 4 (1) or ①).
- :data:`TITLE_NUMBERING` — the numbering before a table title: ``4.2024年…`` is a
  numbering followed by a year (a title starts with its year), not 4.2.
- :data:`PRINTED_ITEM_NUMBERING` — a pattern *text* (not compiled) for readers that
  see raw text, before normalization: full-width ．and brackets, and (1) as well.

Patterns that run on normalized text list no full-width variants: a class of several
non-Latin characters is slow to compile, and normalization made them unnecessary.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

# -- width ---------------------------------------------------------------------
# Full-width ASCII (U+FF01–U+FF5E) and the ideographic space, mapped one character
# to one character so that columns in normalized text match the source line.
_HALF_WIDTH = {**{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)}, "\u3000": " "}
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")
#: Longest text :func:`normalize_width` memoizes: row labels, titles and cells fit.
_MEMO_LENGTH = 80


def normalize_width(text: str) -> str:
    """Map full-width ASCII (１２３．４５，（一）：) to ASCII; keeps the string's length.

    Rules normalize the same short texts (labels, titles, cells) again and again, so
    those are memoized (about 1 µs a call saved, some 1,000 calls per document); long
    texts (a paragraph, the whole document) are not, to keep the memo small, nor str
    subclasses (a parser token), which the memo would hand back for an equal plain string.
    """
    if len(text) <= _MEMO_LENGTH and type(text) is str:
        return _normalize_short(text)
    return _normalize(text)


def _normalize(text: str) -> str:
    """One ``str.replace`` per distinct full-width character present rather than
    ``str.translate``: translating non-ASCII text through a dict costs ~0.15 µs a
    character (1.6 ms for a whole document), while documents use only a handful of
    distinct full-width characters (，：（）％).
    """
    if text.isascii():
        return text
    found = _HAS_FULLWIDTH.findall(text)
    if not found:
        return text
    for char in set(found):
        text = text.replace(char, _HALF_WIDTH[char])
    return text


_normalize_short = lru_cache(maxsize=8192)(_normalize)


def squash(text: str) -> str:
    """Remove all whitespace (PDF text breaks header words: "政府性 基金预 算").

    ``str.split`` splits on exactly the characters regex ``\\s`` matches, at a fraction
    of the cost of ``re.sub`` (called for every row of every table).
    """
    return "".join(text.split())


# -- numbering -------------------------------------------------------------------
#: The Chinese numerals headings count with; index = value (零 = 0 … 十 = 10).
CHINESE_NUMERALS = "零一二三四五六七八九十"
_DIGIT_VALUES = {numeral: value for value, numeral in enumerate(CHINESE_NUMERALS) if 0 < value < 10}
_N = f"[{CHINESE_NUMERALS[1:]}]"  # one numeral of 一 … 十
_N_OR_DIGIT = f"[{CHINESE_NUMERALS[1:]}\\d]"

HEADING_NUMBERING = re.compile(
    rf"^\s*(第{_N}{{1,3}}部分|{_N}{{1,3}}[、.]|\({_N}{{1,3}}\)|\d{{1,2}}(?:、|\.(?!\d)|\.(?=(?:19|20)\d\d年)))"
)
PRINTED_PARAGRAPH_NUMBERING = re.compile(
    rf"^\s*(?:第{_N}+部分|{_N}{{1,3}}[、.]|[(（]{_N}{{1,3}}[)）]|\d{{1,2}}(?:、|\.(?!\d)))"
)
LABEL_NUMBERING = re.compile(rf"^(?:{_N}{{1,3}}[、.]|\({_N}{{1,3}}\)|\d{{1,2}}[、.](?!\d)|[①-⑳])")
ROW_LABEL_NUMBERING = re.compile(rf"^(?:{_N}{{1,3}}[、.]|\({_N_OR_DIGIT}{{1,3}}\)|\d{{1,2}}[、.](?!\d)|[①-⑳])")
NUMBERING_LEVELS = re.compile(
    rf"({_N}{{1,3}}[、.])"  # 1: 一、
    rf"|(\({_N}{{1,3}}\))"  # 2: （一）
    r"|(\d{1,2}[、.](?!\d))"  # 3: 1.
    r"|(\(\d{1,2}\)|[①-⑳])"  # 4: (1) ①
)
TITLE_NUMBERING = re.compile(
    rf"^(?:\d{{1,2}}(?:[.、](?!\d)|[.、](?=(?:19|20)\d\d年))|{_N}{{1,3}}[、.]|\({_N}{{1,3}}\))"
)
PRINTED_ITEM_NUMBERING = (
    rf"第{_N}{{1,3}}部分|{_N}{{1,3}}[、.．]|[（(]{_N_OR_DIGIT}{{1,3}}[)）]|\d{{1,2}}(?:[、．]|\.(?!\d))"
)


def split_numbering(text: str) -> tuple[str, str]:
    """("十二、", "其他说明") from "十二、其他说明"; ("", text) when unnumbered.

    ``text`` is width-normalized; the title loses the blanks around it.
    """
    match = HEADING_NUMBERING.match(text)
    if not match:
        return "", text.strip()
    return match.group(1), text[match.end() :].strip()


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23 (the numbers documents use in headings); digits too."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_DIGIT_VALUES.get(tens, 0) if tens else 1) * 10
        if ones:
            if ones not in _DIGIT_VALUES:
                return None
            value += _DIGIT_VALUES[ones]
        return value
    if len(text) == 1 and text in _DIGIT_VALUES:
        return _DIGIT_VALUES[text]
    return None


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三: the inverse of :func:`chinese_number` (0–99)."""
    if number <= 10:
        return CHINESE_NUMERALS[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else CHINESE_NUMERALS[tens]) + "十" + (CHINESE_NUMERALS[ones] if ones else "")


# -- comparison keys -------------------------------------------------------------
_LEADING_YEAR = re.compile(r"^(?:19|20)\d\d\s*年度?")
_CODE_SUFFIX = re.compile(r"[(（]\d{3,7}[类款项]?[)）]$|[(（][类款项][)）]$")
_CODE_IN_LABEL = re.compile(r"\((\d{3}(?:\d{2}){0,2})\s*[类款项]?\)")
_LABEL_PUNCTUATION = re.compile(r"[\s、，,。:：;；“”\"'（）()]+")


@lru_cache(maxsize=4096)
def fact_lookup_key(label: str) -> str:
    """The key of the fact index: a row label or a narrative label with its width, blanks,
    numbering (:data:`LABEL_NUMBERING`), leading year, double quotes and a trailing
    科目编码 note such as （204类） removed. Other punctuation stays: the narrative and the
    tables print a name's inner punctuation alike.

    Cached: the same labels recur from table to table and in the narrative.
    """
    text = squash(normalize_width(label))  # every whitespace character, as regex \s
    text = LABEL_NUMBERING.sub("", text)  # no blanks are left around it
    text = _LEADING_YEAR.sub("", text)
    text = text.replace("“", "").replace("”", "").replace('"', "")
    return _CODE_SUFFIX.sub("", text)


def row_match_key(normalized_label: str) -> str:
    """The key one row label has in every table that prints the row: numbering
    (:data:`ROW_LABEL_NUMBERING`), a 科目编码 in brackets anywhere, blanks and all
    punctuation removed. Stricter than :func:`fact_lookup_key`: rows of two tables are
    matched on their words alone, while a narrative name keeps its punctuation.

    ``normalized_label`` is width-normalized already (the table model normalizes each
    label once for everything it reads from it).
    """
    text = ROW_LABEL_NUMBERING.sub("", normalized_label.strip())
    text = _CODE_IN_LABEL.sub("", text)
    return _LABEL_PUNCTUATION.sub("", text)


def code_in_label(normalized_label: str) -> str | None:
    """The 科目编码 a label prints in brackets: 公共安全支出(204类) → ``204``."""
    match = _CODE_IN_LABEL.search(normalized_label)
    return match.group(1) if match else None


# -- units -----------------------------------------------------------------------
#: Each amount unit as a power of ten of 元: the one unit table.
UNIT_EXPONENTS = {"亿元": 8, "万元": 4, "千元": 3, "元": 0}
#: Multiply an amount in this unit by the factor to get 万元, the unit claims and facts are compared in.
TO_WAN = {unit: Decimal(10) ** (exponent - 4) for unit, exponent in UNIT_EXPONENTS.items()}
#: Multiply an amount in this unit by the factor to get 元 (exact, for figures compared in 元).
TO_YUAN = {unit: Decimal(10) ** exponent for unit, exponent in UNIT_EXPONENTS.items()}


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for quoting a cell in a message.

    Why: a message quotes what it found, and a garbled cell can hold thousands of
    characters; one line of a diagnostic must stay readable in a terminal or a CI annotation.
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"
