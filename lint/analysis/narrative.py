"""The 情况说明 as claims: amounts, shares, year-on-year changes and breakdowns.

PDF-derived text wraps sentences at arbitrary characters and even splits a
figure from its unit across a blank line (``140.30万`` / ``元``), so paragraphs
are first re-joined into *flows* that remember where every character came from.
Each flow is parsed once with ``grammar/narrative.lark``; the flat sequence of
amounts, shares, changes and markers is then assembled into claims that know
their subject (the amount a share or change is about) and their whole (the
amount a 其中 / 主要用于 list breaks down). Sentences the grammar does not
understand produce no claim.

Layout rules that hold across the templates (issue 14): the figure after
比/较 (比2025年年初预算数45557.68万元增加…) is the figure compared with, not the
current one; a prior-year figure is never a list's part nor in another clause
(after ；); a bracketed aside after a list item is that item's own breakdown and
its 。） ends no sentence; a figure followed by 其中 starts its own list;
letter-spaced text (政 府 性 基 金 收 入 27600.00 万 元) is one label and amount; the
document's year before 万元 (a scrambled text layer) is no amount; and a bare
figure right after a labelled one (a stray prior-year figure) makes its list
ambiguous.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): typing.NamedTuple
# compiles every string annotation into a ForwardRef when it creates the class, about a third
# of the cost of creating this module's named tuples at every start.
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any, NamedTuple

from budgetlint.grammar import load_parser
from budgetlint.model.diagnostics import Span
from budgetlint.model.nodes import Document, Paragraph
from budgetlint.model.numbers import Figure, try_parse_normalized_amount
from budgetlint.model.text import PRINTED_PARAGRAPH_NUMBERING, TO_WAN, normalize_width

_SENTENCE_END = ("。", "！", "？", "!", "?", ":", "：")
_AMOUNT = re.compile(r"^(-?\d[\d,]*(?:\.\d+)?)\s*(亿|万|千)?\s?元$")
_LEADING_CONNECTORS = re.compile(
    r"^(?:主要原因是|原因是|主要是|其中|具体为|主要包括|包括|主要用于|用于|收入为|支出为|支出包括|收入包括|即|为|是|及|和|与|以及|共计|合计)+"
)
#: Verbs between a label and its figure (支出为, 共计, 达到); stripped from a label's end.
_TRAILING_VERBS = ("为", "是", "达到", "达", "共计", "合计", "约")
_EXHAUSTIVE_MARKERS = ("具体为", "具体包括", "分别为", "包括")
_LIST_ENDERS = ("总计", "合计", "总额", "原因", "因为", "由于", "主要因")


class Flow(NamedTuple):
    """Re-joined narrative text with a map from character offsets back to the source."""

    text: str  # as printed (original width)
    segments: tuple[tuple[int, int, int], ...]  # (offset in text, line, column of that offset)
    paragraphs: tuple[Paragraph, ...]

    def position(self, offset: int) -> tuple[int, int]:
        """Source (line, column) of the character at ``offset``."""
        # The last segment that starts at or before ``offset`` (found by bisection: a scan of
        # the segments for every claim was quadratic on a paragraph of many lines).
        at = bisect_right(self.segments, offset, key=_segment_offset)
        if not at:
            return self.segments[0][1], self.segments[0][2] + offset
        start, line, column = self.segments[at - 1]
        return line, column + (offset - start)

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end - 1))
        return Span(line, column, end_line, end_column + 1)


def _segment_offset(segment: tuple[int, int, int]) -> int:
    return segment[0]


class AmountClaim(NamedTuple):
    label: str  # cleaned label ("社会保障和就业支出")
    raw_label: str  # the text before the figure, as printed
    figure: Figure  # in 万元
    shown: str  # the figure as printed ("133.31万元")
    unit: str
    span: Span
    flow: int
    sentence: int
    start: int = -1  # offset of the figure in the flow's width-normalized text (-1: not in a flow)


class ShareClaim(NamedTuple):
    percent: Figure
    shown: str
    part: AmountClaim | None  # the amount the share is of
    whole: AmountClaim | None  # the amount it is a share of (the list's whole), when known
    of_label: str  # "支出总额" from 占支出总额的5%, when stated
    span: Span
    flow: int
    sentence: int


class ChangeClaim(NamedTuple):
    direction: str  # "up" | "down" | "flat"
    word: str  # 增加 / 下降 / 持平 …
    delta: AmountClaim | None  # 比上年减少84.74万元
    percent: Figure | None  # 下降37.66%
    percent_shown: str
    subject: AmountClaim | None  # the current-year amount the change is most likely about
    candidates: tuple[AmountClaim, ...]  # every amount it may be about (a list's part or its whole)
    prior: AmountClaim | None  # the prior figure, when the sentence states it
    compare: str  # 比上年 / 比2022年预算执行数 / 同比
    span: Span
    flow: int
    sentence: int
    hedge: str = ""  # 基本 of 基本持平 / 大致持平: "about the same", not "unchanged"


class Breakdown(NamedTuple):
    whole: AmountClaim
    parts: tuple[AmountClaim, ...]
    marker: str
    exhaustive: bool
    span: Span


class ChangeBreakdown(NamedTuple):
    """A change broken down into its parts' changes (财政拨款增加1,200万元，其中：一般公共预算减少300万元、
    政府性基金增加1,600万元): the parts' signed changes add up to the whole's."""

    whole: ChangeClaim
    parts: tuple[ChangeClaim, ...]
    marker: str
    span: Span
    #: each part's own current figure ("基本支出57.30万元，比上年减少…"), None when only named
    part_figures: tuple[AmountClaim | None, ...] = ()


class Narrative(NamedTuple):
    flows: tuple[Flow, ...]
    amounts: tuple[AmountClaim, ...]
    shares: tuple[ShareClaim, ...]
    changes: tuple[ChangeClaim, ...]
    breakdowns: tuple[Breakdown, ...]
    change_breakdowns: tuple[ChangeBreakdown, ...] = ()


@lru_cache(maxsize=1)
def narrative_parser() -> Any:
    """The compiled narrative grammar, once per process (see :mod:`budgetlint.grammar`)."""
    return load_parser("narrative")


# -- flows ---------------------------------------------------------------------
def build_flows(doc: Document) -> list[Flow]:
    """Join paragraphs that a page or line break cut mid-sentence."""
    noise_lines = {n.span.line for n in doc.noise}
    groups: list[list[Paragraph]] = []
    for paragraph in doc.paragraphs:
        if groups and _continues(doc, groups[-1][-1], paragraph, noise_lines):
            groups[-1].append(paragraph)
        else:
            groups.append([paragraph])
    flows = []
    for group in groups:
        text_parts: list[str] = []
        segments: list[tuple[int, int, int]] = []
        offset = 0
        for paragraph in group:
            for line, text in paragraph.lines:
                raw = doc.line_text(line)
                column = raw.find(text) + 1 if text else 1
                segments.append((offset, line, max(column, 1)))
                text_parts.append(text)
                offset += len(text)
        flows.append(Flow("".join(text_parts), tuple(segments), tuple(group)))
    return flows


def _continues(doc: Document, previous: Paragraph, paragraph: Paragraph, noise_lines: set[int]) -> bool:
    if previous.text.rstrip().endswith(_SENTENCE_END) or PRINTED_PARAGRAPH_NUMBERING.match(paragraph.text):
        return False
    between = range(previous.span.end_line + 1, paragraph.span.line)
    return len(between) <= 6 and all(not doc.line_text(n).strip() or n in noise_lines for n in between)


# -- claims --------------------------------------------------------------------
@lru_cache(maxsize=4096)
def clean_label(raw: str) -> str:
    """ "主要原因是本年基本支出" → "本年基本支出"; "当年预算执行数为" → "当年预算执行数".

    Memoized (a pure function of a short text): narratives repeat their labels."""
    label = normalize_width(raw).replace(_JOINER, "").strip(" \"'“”")
    label = _LEADING_CONNECTORS.sub("", label)
    return label[: _before_trailing_verbs(label)].strip()


def _before_trailing_verbs(label: str) -> int:
    """Where the run of verbs that ends ``label`` starts (``len(label)`` when none does).

    Read from the end: a word's last character tells which verb it is (到: 达到, 计: 共计 or
    合计, the others are single characters), so the run splits one way only. A regex
    ``(?:为|…)+$`` was tried from every character of a long run of 为 (15 s at 96 KB). As
    that ``$``, the run may be followed by one final line feed (which the caller strips)."""
    end = len(label) - 1 if label.endswith("\n") else len(label)
    while True:
        for verb in _TRAILING_VERBS:
            if label.endswith(verb, 0, end):
                end -= len(verb)
                break
        else:
            return end


@lru_cache(maxsize=4096)
def _figure(text: str) -> tuple[Figure, str] | None:
    match = _AMOUNT.match(normalize_width(text).strip())
    if not match:
        return None
    figure = try_parse_normalized_amount(match.group(1))
    if figure is None:
        return None
    unit = (match.group(2) or "") + "元"  # 万 元 (letter-spaced) is 万元
    return figure.scaled(TO_WAN[unit]), unit


def _percent(text: str) -> Figure | None:
    return try_parse_normalized_amount(normalize_width(text).replace("%", "").strip())


_UP = ("增加", "增长", "上升", "增幅", "提高", "大于", "高于")
#: A run of sentence-ending punctuation.
_STOPS = re.compile(r"[。!?！？]+")
#: What makes a run of stops end an aside, not the sentence: a closing bracket (as END in the grammar).
_ASIDE_CLOSE = re.compile(r"[ ]*\)")
#: Letter-spaced text ("政 府 性 基 金 收 入"): three or more single Chinese characters, one space
#: between each. Its spaces become zero-width spaces, which keep every offset (and so the source
#: map) but let the grammar read the run as one label.
_LETTER_SPACED = re.compile(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,}")
_JOINER = "\u200b"
_HAS_FIGURE = re.compile(r"\d\s*(?:亿元|万元|千元|元|%)")
_DIGIT = re.compile(r"\d")


class _EndMarker:
    """Stands for the sentence end of a sentence that was not parsed."""

    data = "end"
    children: list[Any] = []

    def __init__(self, numbered: bool = False) -> None:
        self.numbered = numbered  # the sentence prints a digit (a year, a count): it may name a figure


_END = _EndMarker()
_NUMBERED_END = _EndMarker(numbered=True)


def build_narrative(doc: Document) -> Narrative:
    """The claims of ``doc``'s narrative (``DocumentContext.narrative`` builds them once per document)."""
    flows = build_flows(doc)
    amounts: list[AmountClaim] = []
    shares: list[ShareClaim] = []
    changes: list[ChangeClaim] = []
    breakdowns: list[Breakdown] = []
    change_breakdowns: list[ChangeBreakdown] = []
    parser = narrative_parser()
    for index, flow in enumerate(flows):
        if not _DIGIT.search(flow.text):  # no digit, no figure (_HAS_FIGURE needs one): nothing to parse
            continue
        sentences: list[tuple[int, list[Any]]] = []
        text = _joined_letter_spacing(normalize_width(flow.text))
        for sentence_start, sentence in _sentences(text):
            # Only sentences stating a figure need the grammar; the others just end a sentence.
            items: list[Any] = [_NUMBERED_END if _DIGIT.search(sentence) else _END]
            if _HAS_FIGURE.search(sentence):
                try:
                    items = parser.parse(sentence).children
                except Exception:  # noqa: BLE001 - the grammar is total; stay silent if it ever is not
                    pass
            sentences.append((sentence_start, items))
        _assemble(sentences, text, doc.year, flow, index, amounts, shares, changes, breakdowns, change_breakdowns)
    return Narrative(
        tuple(flows), tuple(amounts), tuple(shares), tuple(changes), tuple(breakdowns), tuple(change_breakdowns)
    )


def _sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a flow's text, with their offsets: each runs to a run of stops (。！？)
    that is not followed by a closing bracket, or to the end; stops before any other text are
    no sentence.

    Read run by run: the regex ``(?:[^。…]|[。…]+(?=[ ]*[)]))+(?:[。…]+|$)`` retried every stop of a
    long run (a PDF's unmapped glyphs printed as ？？？…) from each of its characters."""
    found: list[tuple[int, str]] = []
    start: int | None = None  # where the current sentence starts, None before its first character
    previous_end = 0  # where the last run of stops ended
    for stops in _STOPS.finditer(text):
        if start is None and stops.start() > previous_end:
            start = previous_end
        previous_end = stops.end()
        if _ASIDE_CLOSE.match(text, stops.end()):  # "。）" ends an aside: part of the sentence
            if start is None:
                start = stops.start()
            continue
        if start is not None:
            found.append((start, text[start : stops.end()]))
            start = None
    if start is None and previous_end < len(text):
        start = previous_end
    if start is not None:
        found.append((start, text[start:]))
    return found


def _joined_letter_spacing(text: str) -> str:
    """``text`` with letter-spaced runs joined by zero-width spaces (same length, same offsets)."""
    if " " not in text:
        return text
    return _LETTER_SPACED.sub(lambda m: m.group().replace(" ", _JOINER), text)


def _is_year(figure: Figure, shown: str, year: int | None) -> bool:
    """A bare 4-digit integer equal to the document's year or a neighbour (2025万元 in a 2025
    budget): a year that a scrambled text layer put before 万元, not an amount one can trust."""
    if year is None or figure.decimals != 0 or "," in shown or "." in shown:
        return False
    return abs(figure.value - year) <= 1


def _bracket_depth(text: str, start: int, end: int) -> int:
    """Brackets opened and not closed in ``text[start:end]`` (width-normalized text)."""
    return _count(text, "(", start, end) - _count(text, ")", start, end)


def _count(text: str, char: str, start: int, end: int) -> int:
    """How often ``char`` occurs in ``text[start:end]`` (0 ≤ start): by bisection in the
    positions of ``char``, as every amount of a long list asks about the text since its marker."""
    if end <= start:
        return 0
    positions = _positions(text, char)
    return bisect_left(positions, end) - bisect_left(positions, start)


@lru_cache(maxsize=8)
def _positions(text: str, char: str) -> tuple[int, ...]:
    """Offsets of ``char`` in a flow's text, computed once per flow and character."""
    return tuple(m.start() for m in re.finditer(re.escape(char), text))


class _Sentence:
    """Assembly state of one sentence."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.amounts: list[AmountClaim] = []
        self.current: AmountClaim | None = None
        self.whole: AmountClaim | None = None  # the amount a marker breaks down
        self.marker = ""
        self.marker_offset = 0
        self.parts: list[AmountClaim] = []
        self.last_change: ChangeClaim | None = None
        self.compared: AmountClaim | None = None  # "比2025年年初预算数45557.68万元增加…": the prior
        self.pending_compare = ""  # "与2016年度相比（2016年度…8,648.07万元），增加…"
        self.offsets: dict[int, int] = {}  # id(claim) → offset of its figure in the flow text
        self.starts: list[int] = []  # offset of each amount's figure, in the order of amounts
        self.priors = _PriorIndex()  # the amounts that may be a change's prior figure
        self.by_label: dict[str, list[AmountClaim]] = {}  # amounts by label (less a final 数)
        self.listed: set[int] = set()  # ids of every claim listed as a part in this sentence
        #: the previous sentence's only figure, or, past sentences that state no figure at all
        #: ("支出预算120万元。主要用于机构运转。比上年增加20万元"), the one before them
        self.carried: AmountClaim | None = None
        self.figured = False  # does the sentence state any figure (amount, share, change, number)?
        self.change_list: _ChangeList | None = None  # "增加1,200万元，其中：A减少300万元、B增加…"


class _ChangeList:
    """A change followed by a marker, and the changes of the parts listed after it.

    A part is a change right after its own name (LABEL) or its own current figure; anything
    else in the list (a reason, a bracketed aside, a rate without an amount) makes the list
    one that is not understood, and it yields nothing."""

    def __init__(self, whole_index: int, marker: str, offset: int) -> None:
        self.whole_index = whole_index  # index in the changes list (a later rate merges into it)
        self.marker = marker
        self.offset = offset
        self.parts: list[int] = []
        self.figures: list[AmountClaim | None] = []
        self.broken = False


def _assemble(
    sentences: list[tuple[int, list[Any]]],
    text: str,
    year: int | None,
    flow: Flow,
    flow_index: int,
    amounts: list[AmountClaim],
    shares: list[ShareClaim],
    changes: list[ChangeClaim],
    breakdowns: list[Breakdown],
    change_breakdowns: list[ChangeBreakdown],
) -> None:
    sentence = _Sentence(0)
    pending_whole: AmountClaim | None = None  # "…总额2.09万元。其中：…" refers across the full stop
    # "对个人和家庭的补助（509）100151.38 万元，102374.45 万元，其中：…": a bare figure right after a
    # labelled one is a stray (another year's, another version's) figure; which is the whole, which
    # a part, cannot be told, so a list holding one is not a breakdown.
    strays: set[int] = set()

    def close_breakdown() -> None:
        listed = [sentence.whole, *sentence.parts] if sentence.whole is not None else []
        if sentence.whole is not None and len(sentence.parts) >= 1 and not any(id(c) in strays for c in listed):
            exhaustive = sentence.marker in _EXHAUSTIVE_MARKERS or (
                sentence.marker == "其中" and len(sentence.parts) >= 2
            )
            start = sentence.marker_offset
            end = sentence.parts[-1].span
            breakdowns.append(
                Breakdown(
                    sentence.whole,
                    tuple(sentence.parts),
                    sentence.marker,
                    exhaustive,
                    Span(
                        flow.span(start, start + 1).line,
                        flow.span(start, start + 1).column,
                        end.end_line,
                        end.end_column,
                    ),
                )
            )
        sentence.whole, sentence.parts, sentence.marker = None, [], ""

    def close_change_list() -> None:
        listed = sentence.change_list
        sentence.change_list = None
        if listed is None or listed.broken or len(listed.parts) < 2 or listed.marker not in _CHANGE_LIST_MARKERS:
            return
        whole = changes[listed.whole_index]
        parts = tuple(changes[i] for i in listed.parts)
        if whole.delta is None or any(p.delta is None and p.direction != "flat" for p in parts):
            return
        start = flow.span(listed.offset, listed.offset + 1)
        end = parts[-1].span
        span = Span(start.line, start.column, end.end_line, end.end_column)
        change_breakdowns.append(ChangeBreakdown(whole, parts, listed.marker, span, tuple(listed.figures)))

    previous_kind = ""
    previous_text = ""
    base = 0

    def positioned(token: Any) -> tuple[int, int]:
        return base + token.start_pos, base + token.end_pos

    items = [(offset, item) for offset, sentence_items in sentences for item in sentence_items]
    for position, (base, item) in enumerate(items):
        kind = getattr(item, "data", None)
        if kind in ("amount", "share", "change", "flat") or (kind is None and item.type in ("NUMBER", "PERCENT")):
            sentence.figured = True
        elif getattr(item, "numbered", False):
            sentence.figured = True
        if kind is None:  # an _other token
            token_type = item.type
            if token_type == "LABEL" and sentence.whole is not None and not sentence.parts:
                close_breakdown()  # "主要包括：基本工资、绩效工资…" lists names, not figures
            if token_type == "COMPARE":
                sentence.pending_compare = normalize_width(str(item))
            if sentence.change_list is not None and (
                token_type in ("NUMBER", "PERCENT", "COMPARE")
                or any(word in normalize_width(str(item)) for word in _REASON_WORDS)
                or str(item) in ("(", "（")
            ):
                sentence.change_list.broken = True  # a reason or an aside: not a plain list of changes
            previous_kind, previous_text = token_type, str(item)
            continue
        children = item.children
        if kind == "end":
            close_breakdown()
            close_change_list()
            pending_whole = sentence.amounts[0] if len(sentence.amounts) == 1 else None
            carried = pending_whole if sentence.figured else sentence.carried
            sentence = _Sentence(sentence.number + 1)
            sentence.carried = carried
            previous_kind, previous_text = "end", ""
            continue
        elif kind == "marker":
            token = children[0]
            # The whole is the figure right before the marker ("140.30万元，其中："), or, after a
            # full stop, the previous sentence's only figure ("总额2.09万元。其中：").
            whole = sentence.current if previous_kind == "amount" else None
            if whole is not None and len(sentence.parts) >= 2 and sentence.parts[-1] is whole:
                # "…收入5,093.76万元，其中：…5,093.76万元；本部门当年支出5,093.76万元，其中：…": a
                # figure followed by 其中 starts its own list; it is not the last part of the one before.
                sentence.parts.pop()
            close_breakdown()
            close_change_list()
            last = sentence.last_change
            if previous_kind == "change" and last is not None and last.delta is not None and last.direction != "flat":
                sentence.change_list = _ChangeList(len(changes) - 1, str(token), positioned(token)[0])
            if whole is None and not sentence.amounts and previous_kind == "end":
                whole = pending_whole
            if whole is not None:
                sentence.whole, sentence.marker, sentence.marker_offset = whole, str(token), positioned(token)[0]
        elif kind == "amount":
            token = children[-1]
            parsed = _figure(str(token))
            if parsed is None:
                continue
            figure, unit = parsed
            if _is_year(figure, str(token), year):
                previous_kind = kind
                continue
            raw_label = str(children[0]) if len(children) == 2 else ""
            claim = AmountClaim(
                clean_label(raw_label),
                raw_label.replace(_JOINER, " "),
                figure,
                str(token).replace(_JOINER, " "),
                unit,
                flow.span(*positioned(token)),
                flow_index,
                sentence.number,
                positioned(token)[0],
            )
            amounts.append(claim)
            sentence.amounts.append(claim)
            start = positioned(token)[0]
            sentence.offsets[id(claim)] = start
            sentence.starts.append(start)
            sentence.priors.add(len(sentence.amounts) - 1, normalize_width(claim.raw_label))
            sentence.by_label.setdefault(claim.label.rstrip("数"), []).append(claim)
            if not raw_label.strip() and previous_kind == "amount" and sentence.current is not None:
                if sentence.current.raw_label.strip():
                    strays.add(id(claim))
            if _next_is_change(items, position) and _is_compared(
                raw_label, previous_kind, previous_text, sentence.pending_compare
            ):
                sentence.compared = claim  # the figure compared with, not the current one nor a part
                previous_kind = kind
                continue
            if sentence.whole is not None:
                if any(word in raw_label for word in _LIST_ENDERS):
                    close_breakdown()  # a new total, or the reasons for a change, end the list
                elif _bracket_depth(text, sentence.marker_offset, start) > 0:
                    pass  # "运行费6.7万元（购置费0万元；运行维护费6.7万元）": the part's own breakdown
                else:
                    sentence.parts.append(claim)
                    sentence.listed.add(id(claim))
            sentence.current = claim
        elif kind == "share":
            if sentence.change_list is not None:
                sentence.change_list.broken = True
            if len(children) < 2:
                previous_kind = kind
                continue  # 占 without a percentage (占有, 占用)
            token = children[1]
            percent = _percent(str(token))
            if percent is None:
                continue
            share_word = normalize_width(str(children[0]))
            of_label = ""
            if "的" in share_word:
                of_label = share_word[2:] if share_word.startswith("完成") else share_word[1:].replace("比", "", 1)
                of_label = of_label.split("的")[0]
            whole = sentence.whole if sentence.whole is not None and sentence.current in sentence.parts else None
            if whole is None and of_label:
                # 全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%
                named = sentence.by_label.get(of_label.rstrip("数"), ())
                whole = next((a for a in named if a is not sentence.current), None)
            shares.append(
                ShareClaim(
                    percent,
                    str(token),
                    sentence.current,
                    whole,
                    of_label,
                    flow.span(*positioned(token)),
                    flow_index,
                    sentence.number,
                )
            )
        elif kind in ("change", "flat"):
            change = _change(item, children, text, flow, flow_index, sentence, base, previous_kind)
            if change is None:
                if sentence.change_list is not None:
                    sentence.change_list.broken = True
                continue
            previous = sentence.last_change
            if (
                previous is not None
                and previous_kind == "change"
                and previous.delta is not None
                and previous.percent is None
                and change.percent is not None
                and change.delta is None
                and previous.direction == change.direction
            ):
                # 比上年减少84.74万元，下降37.66%: one change stated twice
                change = previous._replace(percent=change.percent, percent_shown=change.percent_shown)
                changes[-1] = change
            else:
                changes.append(change)
                _list_change(
                    sentence.change_list,
                    len(changes) - 1,
                    previous_kind,
                    sentence.current,
                    text,
                    base + children[0].start_pos,
                )
            sentence.last_change = change
        previous_kind = kind
    close_breakdown()
    close_change_list()


#: Markers after which a change's parts are all listed (主要包括 / 主要用于 may name only the main ones).
_CHANGE_LIST_MARKERS = ("其中", "具体为", "分别为", "具体包括")
#: Words that start a reason or a purpose, not a part's name: a list holding one is not a plain list.
_REASON_WORDS = ("原因", "因为", "由于", "主要因", "主要是", "用于", "导致", "是因", "其中", "系")


def _list_change(
    listed: "_ChangeList | None",
    index: int,
    previous_kind: str,
    current: AmountClaim | None,
    text: str,
    start: int,
) -> None:
    """Record change ``index`` as a part of the open change list, or mark the list not understood.

    A part's change comes right after its name ("一般公共预算减少300万元") or its own current figure
    ("基本支出80万元，增加20万元"); inside a bracket it is an aside."""
    if listed is None:
        return
    if index == listed.whole_index:
        return
    if previous_kind not in ("LABEL", "amount") or _bracket_depth(text, listed.offset, start) != 0:
        listed.broken = True
        return
    listed.parts.append(index)
    listed.figures.append(current if previous_kind == "amount" else None)


#: Words by which a label names a figure (年初预算数, 2016年度…预算安排, 执行数), not just a time (上年).
_NAMES_A_FIGURE = re.compile(r"数|预算|决算|执行|安排|支出|收入")


def _next_is_change(items: list[tuple[int, Any]], position: int) -> bool:
    """Does a change follow item ``position``, past bare punctuation (the ``）`` of an aside)?"""
    for _, item in items[position + 1 :]:
        kind = getattr(item, "data", None)
        if kind is None and str(item).strip() in (")", "）"):
            continue
        return kind == "change"
    return False


def _is_compared(raw_label: str, previous_kind: str, previous_text: str, pending_compare: str) -> bool:
    """Is an amount followed by a change the figure it is compared with?

    "比2025年年初预算数45557.68万元增加5478.54万元": 比/较 right before the amount (or
    starting its label); "与2016年度相比（2016年度…为8,648.07万元），增加…": after a
    comparison, an amount whose label names the compared year (or 上年).
    """
    label = normalize_width(raw_label).replace(_JOINER, "").strip()
    if not _NAMES_A_FIGURE.search(label):
        return False  # "比上年1.43万元，增加0.68%": after a bare 比上年 the amount is the change itself
    if previous_kind in ("LABEL", "OTHER") and normalize_width(previous_text).rstrip().endswith(("比", "较")):
        return True
    if label.startswith(("比", "较", "(比", "(较")):
        return True
    if not pending_compare:
        return False
    year = _YEAR.search(pending_compare)
    if year:
        return year.group(1) in label
    return ("上年" in pending_compare or "去年" in pending_compare) and ("上年" in label or "去年" in label)


def _change(
    item: Any,
    children: list[Any],
    text: str,
    flow: Flow,
    flow_index: int,
    sentence: _Sentence,
    base: int,
    previous_kind: str,
) -> ChangeClaim | None:
    compare = ""
    tokens = list(children)
    if tokens and tokens[0].type == "COMPARE":
        compare = normalize_width(str(tokens.pop(0)))
    elif sentence.pending_compare:
        compare = sentence.pending_compare
    word_token = tokens[0]
    word = str(word_token)
    word_at = base + word_token.start_pos
    hedge_match = _HEDGES.search(text[max(0, word_at - 3) : word_at])
    hedge = hedge_match.group() if hedge_match else ""
    if item.data == "flat":
        direction = "flat"
    else:
        direction = "up" if word in _UP else "down"
    delta = None
    percent = None
    percent_shown = ""
    end_token = word_token
    if len(tokens) > 1:
        value = tokens[1]
        end_token = value
        if value.type == "PERCENT":
            percent = _percent(str(value))
            percent_shown = str(value)
        else:
            parsed = _figure(str(value))
            if parsed is None:
                return None
            figure, unit = parsed
            delta = AmountClaim(
                "",
                "",
                figure,
                str(value),
                unit,
                flow.span(base + value.start_pos, base + value.end_pos),
                flow_index,
                sentence.number,
            )
    subject = sentence.current
    if subject is None and not sentence.amounts and previous_kind == "end":
        # "一般公共预算支出100万元。比上年增加20万元，增长25%。": a sentence that opens with a change
        # is about the previous sentence's figure, when that sentence states only one (sentences
        # in between that state no figure at all do not change what it is about).
        subject = sentence.carried
    candidates = tuple(c for c in (subject, sentence.whole if sentence.parts else None) if c is not None)
    prior = sentence.compared or _prior(sentence, compare, subject, text)
    sentence.compared, sentence.pending_compare = None, ""
    start = base + children[0].start_pos
    return ChangeClaim(
        direction,
        word,
        delta,
        percent,
        percent_shown,
        subject,
        candidates,
        prior,
        compare,
        flow.span(start, base + end_token.end_pos),
        flow_index,
        sentence.number,
        hedge,
    )


_YEAR = re.compile(r"(\d{4})\s*年")
#: Words before 持平 that make it "about the same" (基本持平, 大致持平, 略有…).
_HEDGES = re.compile(r"基本|大致|大体|略|稍|总体")


class _PriorIndex:
    """A sentence's amounts that may be a prior-year figure, by what their label names: a year
    (2022年预算执行数), 上年/去年, or a 预算 that is no 决算. Amounts are indices into the
    sentence's amounts; carried-over money (上年结转, 结余) is never a prior figure."""

    def __init__(self) -> None:
        self.by_year: dict[str, list[int]] = {}  # each 4-digit run in the label → amounts
        self.last_year: list[int] = []
        self.budget: list[int] = []

    def add(self, index: int, label: str) -> None:
        if "结转" in label or "结余" in label:
            return
        years = {label[i : i + 4] for i in range(len(label) - 3) if label[i : i + 4].isdecimal()}
        for year in years:
            self.by_year.setdefault(year, []).append(index)
        if "上年" in label or "去年" in label:
            self.last_year.append(index)
        if "预算" in label and "决算" not in label:
            self.budget.append(index)


def _prior(sentence: _Sentence, compare: str, subject: AmountClaim | None, text: str) -> AmountClaim | None:
    """The prior-year figure the sentence states, if its label names the compared year or 上年.

    Not a part of a list (上年实户资金余额 among this year's incomes), nor a figure in
    another clause (a ；between it and the subject: "…（上年预算数为0万元）；运行维护费
    424.80万元，比上年…" compares 424.80 with its own last year, not with that 0).

    The first amount of the sentence that qualifies; looked up in the sentence's index
    (only the subject's clause, only the amounts whose label names what is compared) rather
    than by a scan of every amount for every change, which was quadratic in a long sentence."""
    if subject is None:
        return None
    year = _YEAR.search(compare)
    indices: list[list[int]] = []
    if year:
        indices.append(sentence.priors.by_year.get(year.group(1), []))
    elif "上年" in compare or "去年" in compare:
        indices.append(sentence.priors.last_year)
    if "预算" in compare and "决算" in normalize_width(subject.raw_label):
        indices.append(sentence.priors.budget)
    if not indices:
        return None
    subject_at = sentence.offsets.get(id(subject), 0)
    # The subject's clause: amounts with no ；between them and the subject.
    semicolons = _positions(text, ";")
    before = bisect_left(semicolons, subject_at)
    low = semicolons[before - 1] + 1 if before else -1
    high = semicolons[before] if before < len(semicolons) else len(text) + 1
    first: int | None = None
    for candidates in indices:
        at = bisect_left(candidates, low, key=sentence.starts.__getitem__)
        for index in candidates[at:]:
            if sentence.starts[index] > high or (first is not None and index >= first):
                break
            claim = sentence.amounts[index]
            if claim is not subject and id(claim) not in sentence.listed:
                first = index
                break
    return None if first is None else sentence.amounts[first]
