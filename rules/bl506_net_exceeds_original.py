"""BL506: an asset's 净值 (net book value) exceeds its 原值 (original cost)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.model.nodes import Column, Document, Table
from budgetlint.model.numbers import Figure, format_figure, try_parse_amount
from budgetlint.model.text import TO_YUAN, normalize_width
from budgetlint.plugins.rule import Rule

_AMOUNT = r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|千元|元)"
# 原值 X 万元 …(at most 30 characters, no other 原值, within the sentence)… 净值 Y 万元.
# A full stop right before 净值 is tolerated: "原值5.92万元。净值1.87万元" is one pair.
# Matched in width-normalized text (；→;), so no full-width variants are listed: a class of
# several non-Latin characters is slow to compile.
_PAIR = re.compile(
    r"(?:账面)?原值(?:为|是|:)?\s*"
    + _AMOUNT
    + r"(?:(?!原值|[。;]).){0,30}?[。;]?\s*(?:账面)?净值(?:为|是|:)?\s*"
    + _AMOUNT
)
_LABEL_STOPS = "，,。;；:：、"


class NetExceedsOriginal(Rule):
    """Reports an asset whose stated net value is larger than its original value.

    ## What it does
    Finds pairs "原值 X 万元 … 净值 Y 万元" in the narrative (国有资产占有使用情况;
    账面原值/账面净值 too, in 元, 万元 or 亿元) and, in tables, rows with a 原值 and a
    净值 column, and reports a 净值 that exceeds its 原值 by more than the
    rounding of the printed figures.

    ## Why is this bad?
    净值 is 原值 less accumulated depreciation: it can equal the 原值 (nothing
    depreciated yet) but never exceed it. A larger 净值 means the two figures
    were swapped or one was mistyped.

    ## Example
    ::

        通用设备原值21.62万元，净值42.42万元。   ← BL506: 净值 42.42 万元 > 原值 21.62 万元

    ## Source
    政府会计准则第3号——固定资产 (净值 = 原值 − 累计折旧); 行政事业性国有资产管理条例.
    """

    code = "BL506"
    name = "net-exceeds-original"
    severity = Severity.ERROR
    summary_zh = "资产净值大于原值"
    summary_en = "An asset's net value exceeds its original value"
    doc_zh = """报告所写净值大于原值的资产。

    ## 作用
    在情况说明中查找“原值 X 万元 … 净值 Y 万元”（国有资产占有使用情况；也包括账面原值/账面净值，
    单位为元、万元或亿元），在表格中查找同时有原值列和净值列的行，报告超出原值且超过印出数字舍入
    误差的净值。

    ## 为什么有问题？
    净值是原值减去累计折旧：可以等于原值（尚未折旧），但绝不会超过原值。净值更大说明两个数字
    写反了或录错了。

    ## 示例
    ::

        通用设备原值21.62万元，净值42.42万元。   ← BL506：净值 42.42 万元 > 原值 21.62 万元

    ## 依据
    政府会计准则第3号——固定资产（净值 = 原值 − 累计折旧）；行政事业性国有资产管理条例。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        for paragraph in doc.paragraphs:
            if "值" not in paragraph.text:
                continue
            for number, raw in paragraph.lines:
                if "值" not in raw:
                    continue
                text = normalize_width(raw)
                for match in _PAIR.finditer(text):
                    original = _figure(match.group(1), match.group(2))
                    net = _figure(match.group(3), match.group(4))
                    if original is None or net is None or net.low <= original.high:
                        continue
                    label = _label(text, match.start())
                    span = Span(number, match.start() + 1, number, match.end() + 1)
                    unit = match.group(4)
                    difference = (net.value - original.value) / TO_YUAN[unit]
                    yield self._finding(
                        doc,
                        span,
                        label,
                        match.group(3) + unit,
                        match.group(1) + match.group(2),
                        _shown(difference, net, original, unit),
                        unit,
                    )
        for table in doc.tables:
            yield from self._table(doc, table)

    def _table(self, doc: Document, table: Table) -> Iterator[Diagnostic]:
        if not any("原值" in column.name for column in table.columns):
            return
        originals = [c for c in table.amount_columns if "原值" in c.name]
        nets = [c for c in table.amount_columns if "净值" in c.name]
        for original_column, net_column in _pairs(originals, nets):
            for row in table.rows:
                original_cell, net_cell = row.cell(original_column.index), row.cell(net_column.index)
                if original_cell is None or net_cell is None:
                    continue
                original, net = original_cell.figure, net_cell.figure
                if original is None or net is None or net.exact or net.low <= original.high:
                    continue
                unit = table.unit or ""
                yield self._finding(
                    doc,
                    net_cell.span,
                    row.label or original_column.name,
                    f"{net_cell.text.strip()}{unit}",
                    f"{original_cell.text.strip()}{unit}",
                    format_figure(net.value - original.value, max(net.decimals, original.decimals)),
                    unit,
                )

    def _finding(
        self, doc: Document, span: Span, label: str, net: str, original: str, difference: str, unit: str
    ) -> Diagnostic:
        what = f"{label}的" if label else ""
        what_en = f"{label}: " if label else ""
        return self.report(
            doc,
            span,
            f"{what}净值 {net} 大于原值 {original}（多 {difference}{unit}）",
            f"{what_en}net value {net} exceeds original value {original} (by {difference}{unit})",
        )


def _shown(difference: Decimal, net: Figure, original: Figure, unit: str) -> str:
    """The difference in the 净值's unit, with as many decimals as the figures show there."""
    shift = TO_YUAN[unit].adjusted()
    decimals = max(0, net.decimals + shift, original.decimals + shift)
    return format_figure(difference, decimals)


def _figure(number: str, unit: str) -> Figure | None:
    figure = try_parse_amount(number)
    return figure.scaled(TO_YUAN[unit]) if figure is not None else None


def _label(text: str, end: int) -> str:
    """The words before 原值 back to the previous punctuation: 通用设备, 家具用具类."""
    start = end
    while start > 0 and not (text[start - 1] in _LABEL_STOPS or text[start - 1].isspace()) and end - start < 20:
        start -= 1
    return text[start:end].removesuffix("账面").strip()


def _pairs(originals: list[Column], nets: list[Column]) -> list[tuple[Column, Column]]:
    """原值 and 净值 columns under the same parent header (or the only ones)."""
    if len(originals) == 1 and len(nets) == 1:
        return [(originals[0], nets[0])]
    pairs = []
    for original in originals:
        for net in nets:
            if original.path[:-1] == net.path[:-1]:
                pairs.append((original, net))
    return pairs
