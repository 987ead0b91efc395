"""The 情况说明 as claims: amounts, shares, year-on-year changes and breakdowns.

PDF-derived text wraps sentences at arbitrary characters and even splits a
figure from its unit across a blank line (``140.30万`` / ``元``), so paragraphs
are first re-joined into *flows* that remember where every character came from.
Each flow is parsed once with ``grammar/narrative.lark``; the flat sequence of
amounts, shares, changes and markers is then assembled into claims that know
their subject (the amount a share or change is about) and their whole (the
amount a 其中 / 主要用于 list breaks down). Sentences the grammar does not
understand produce no claim.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): typing.NamedTuple
# compiles every string annotation into a ForwardRef when it creates the class, about a third
# of the cost of creating this module's named tuples at every start.
import re
from functools import lru_cache
from typing import Any, NamedTuple

from budgetlint.grammar import load_parser
from budgetlint.model.diagnostics import Span
from budgetlint.model.nodes import Document, Paragraph
from budgetlint.model.numbers import Figure, try_parse_normalized_amount
from budgetlint.model.text import PRINTED_PARAGRAPH_NUMBERING, TO_WAN, normalize_width

_SENTENCE_END = ("。", "！", "？", "!", "?", ":", "：")
_AMOUNT = re.compile(r"^(-?\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|千元|元)$")
_LEADING_CONNECTORS = re.compile(
    r"^(?:主要原因是|原因是|主要是|其中|具体为|主要包括|包括|主要用于|用于|收入为|支出为|支出包括|收入包括|即|为|是|及|和|与|以及|共计|合计)+"
)
_TRAILING_VERBS = re.compile(r"(?:为|是|达到|达|共计|合计|约)+$")
_EXHAUSTIVE_MARKERS = ("具体为", "具体包括", "分别为", "包括")
_LIST_ENDERS = ("总计", "合计", "总额", "原因", "因为", "由于", "主要因")


class Flow(NamedTuple):
    """Re-joined narrative text with a map from character offsets back to the source."""

    text: str  # as printed (original width)
    segments: tuple[tuple[int, int, int], ...]  # (offset in text, line, column of that offset)
    paragraphs: tuple[Paragraph, ...]

    def position(self, offset: int) -> tuple[int, int]:
        """Source (line, column) of the character at ``offset``."""
        line, column, start = self.segments[0][1], self.segments[0][2], 0
        for seg_offset, seg_line, seg_column in self.segments:
            if seg_offset > offset:
                break
            start, line, column = seg_offset, seg_line, seg_column
        return line, column + (offset - start)

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end - 1))
        return Span(line, column, end_line, end_column + 1)


class AmountClaim(NamedTuple):
    label: str  # cleaned label ("社会保障和就业支出")
    raw_label: str  # the text before the figure, as printed
    figure: Figure  # in 万元
    shown: str  # the figure as printed ("133.31万元")
    unit: str
    span: Span
    flow: int
    sentence: int


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


class Breakdown(NamedTuple):
    whole: AmountClaim
    parts: tuple[AmountClaim, ...]
    marker: str
    exhaustive: bool
    span: Span


class Narrative(NamedTuple):
    flows: tuple[Flow, ...]
    amounts: tuple[AmountClaim, ...]
    shares: tuple[ShareClaim, ...]
    changes: tuple[ChangeClaim, ...]
    breakdowns: tuple[Breakdown, ...]


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
    label = normalize_width(raw).strip(" \"'“”")
    label = _LEADING_CONNECTORS.sub("", label)
    label = _TRAILING_VERBS.sub("", label)
    return label.strip()


@lru_cache(maxsize=4096)
def _figure(text: str) -> tuple[Figure, str] | None:
    match = _AMOUNT.match(normalize_width(text).strip())
    if not match:
        return None
    figure = try_parse_normalized_amount(match.group(1))
    if figure is None:
        return None
    return figure.scaled(TO_WAN[match.group(2)]), match.group(2)


def _percent(text: str) -> Figure | None:
    return try_parse_normalized_amount(normalize_width(text).replace("%", "").strip())


_UP = ("增加", "增长", "上升", "增幅", "提高", "大于", "高于")
_SENTENCE = re.compile(r"[^。!?！？]+(?:[。!?！？]+|$)")
_HAS_FIGURE = re.compile(r"\d\s*(?:亿元|万元|千元|元|%)")
_DIGIT = re.compile(r"\d")


class _EndMarker:
    """Stands for the sentence end of a sentence that was not parsed."""

    data = "end"
    children: list[Any] = []


_END = _EndMarker()


def build_narrative(doc: Document) -> Narrative:
    """The claims of ``doc``'s narrative (``DocumentContext.narrative`` builds them once per document)."""
    flows = build_flows(doc)
    amounts: list[AmountClaim] = []
    shares: list[ShareClaim] = []
    changes: list[ChangeClaim] = []
    breakdowns: list[Breakdown] = []
    parser = narrative_parser()
    for index, flow in enumerate(flows):
        if not _DIGIT.search(flow.text):  # no digit, no figure (_HAS_FIGURE needs one): nothing to parse
            continue
        sentences: list[tuple[int, list[Any]]] = []
        for match in _SENTENCE.finditer(normalize_width(flow.text)):
            sentence = match.group()
            # Only sentences stating a figure need the grammar; the others just end a sentence.
            items: list[Any] = [_END]
            if _HAS_FIGURE.search(sentence):
                try:
                    items = parser.parse(sentence).children
                except Exception:  # noqa: BLE001 - the grammar is total; stay silent if it ever is not
                    pass
            sentences.append((match.start(), items))
        _assemble(sentences, flow, index, amounts, shares, changes, breakdowns)
    return Narrative(tuple(flows), tuple(amounts), tuple(shares), tuple(changes), tuple(breakdowns))


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


def _assemble(
    sentences: list[tuple[int, list[Any]]],
    flow: Flow,
    flow_index: int,
    amounts: list[AmountClaim],
    shares: list[ShareClaim],
    changes: list[ChangeClaim],
    breakdowns: list[Breakdown],
) -> None:
    sentence = _Sentence(0)
    pending_whole: AmountClaim | None = None  # "…总额2.09万元。其中：…" refers across the full stop

    def close_breakdown() -> None:
        if sentence.whole is not None and len(sentence.parts) >= 1:
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

    previous_kind = ""
    base = 0

    def positioned(token: Any) -> tuple[int, int]:
        return base + token.start_pos, base + token.end_pos

    items = [(offset, item) for offset, sentence_items in sentences for item in sentence_items]
    for base, item in items:
        kind = getattr(item, "data", None)
        if kind is None:  # an _other token
            token_type = item.type
            if token_type == "LABEL" and sentence.whole is not None and not sentence.parts:
                close_breakdown()  # "主要包括：基本工资、绩效工资…" lists names, not figures
            previous_kind = token_type
            continue
        children = item.children
        if kind == "end":
            close_breakdown()
            pending_whole = sentence.amounts[0] if len(sentence.amounts) == 1 else None
            sentence = _Sentence(sentence.number + 1)
            previous_kind = "end"
            continue
        elif kind == "marker":
            close_breakdown()
            token = children[0]
            # The whole is the figure right before the marker ("140.30万元，其中："), or, after a
            # full stop, the previous sentence's only figure ("总额2.09万元。其中：").
            whole = sentence.current if previous_kind == "amount" else None
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
            raw_label = str(children[0]) if len(children) == 2 else ""
            claim = AmountClaim(
                clean_label(raw_label),
                raw_label,
                figure,
                str(token),
                unit,
                flow.span(*positioned(token)),
                flow_index,
                sentence.number,
            )
            amounts.append(claim)
            sentence.amounts.append(claim)
            if sentence.whole is not None:
                if any(word in raw_label for word in _LIST_ENDERS):
                    close_breakdown()  # a new total, or the reasons for a change, end the list
                else:
                    sentence.parts.append(claim)
            sentence.current = claim
        elif kind == "share":
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
                whole = next(
                    (
                        a
                        for a in sentence.amounts
                        if a is not sentence.current and a.label.rstrip("数") == of_label.rstrip("数")
                    ),
                    None,
                )
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
            change = _change(item, children, flow, flow_index, sentence, base)
            if change is None:
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
            sentence.last_change = change
        previous_kind = kind
    close_breakdown()


def _change(
    item: Any, children: list[Any], flow: Flow, flow_index: int, sentence: _Sentence, base: int
) -> ChangeClaim | None:
    compare = ""
    tokens = list(children)
    if tokens and tokens[0].type == "COMPARE":
        compare = normalize_width(str(tokens.pop(0)))
    word_token = tokens[0]
    word = str(word_token)
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
    candidates = tuple(c for c in (subject, sentence.whole if sentence.parts else None) if c is not None)
    prior = _prior(sentence, compare, subject)
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
    )


_YEAR = re.compile(r"(\d{4})\s*年")


def _prior(sentence: _Sentence, compare: str, subject: AmountClaim | None) -> AmountClaim | None:
    """The prior-year figure the sentence states, if its label names the compared year or 上年."""
    if subject is None:
        return None
    year = _YEAR.search(compare)
    for claim in sentence.amounts:
        if claim is subject:
            continue
        label = normalize_width(claim.raw_label)
        if "结转" in label or "结余" in label:
            continue  # 上年结转 is carried-over money, not last year's figure
        if year and year.group(1) in label:
            return claim
        if not year and ("上年" in compare or "去年" in compare) and ("上年" in label or "去年" in label):
            return claim
        if (
            "预算" in compare
            and "决算" in normalize_width(subject.raw_label)
            and "预算" in label
            and "决算" not in label
        ):
            return claim
    return None
