"""Budget-shaped documents drawn from a seeded random source, and the checks every one must pass.

Shared by the property suite (tests/test_fuzz_documents.py, which draws the source from
hypothesis) and the long run (benchmarks/fuzz_long.py, seeded): a cover, a 目录, tables with
科目 codes, totals and a unit, narrative sentences with amounts, shares and changes, and random
Unicode spliced in. Totals are usually right and sometimes off, as in real documents.
"""

from __future__ import annotations

import json
import random
import time
from typing import NamedTuple

from budgetlint.output.json_array import format_json
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text
from budgetlint.run.status import exit_status

ORGS = ("某某县财政局", "某市教育局", "某区卫生健康委员会", "某镇人民政府", "")
SUBJECTS = (
    ("201", "一般公共服务支出"),
    ("20101", "人大事务"),
    ("2010101", "行政运行"),
    ("205", "教育支出"),
    ("20502", "普通教育"),
    ("208", "社会保障和就业支出"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("210", "卫生健康支出"),
    ("221", "住房保障支出"),
    ("301", "工资福利支出"),
    ("30101", "基本工资"),
)
TABLES = (
    "部门收支总表",
    "部门收入总表",
    "部门支出总表",
    "财政拨款收支总表",
    "一般公共预算支出表",
    "一般公共预算基本支出表",
    "一般公共预算“三公”经费支出表",
    "政府性基金预算支出表",
    "国有资本经营预算支出表",
    "项目支出表",
)
LABELS = ("本年支出", "一般公共预算支出", "基本支出", "项目支出", "“三公”经费", "收入总计", "财政拨款收入", "")
COMPARES = ("比上年", "较上年", "同比", "比2022年预算执行数", "与上年相比", "")
CHANGE_WORDS = ("增加", "减少", "增长", "下降", "持平", "基本持平")
UNITS = ("万元", "元", "亿元", "千元")
MARKERS = ("其中：", "具体为：", "主要用于", "主要包括", "，", "；")
REASONS = ("主要原因是人员增加。", "主要是项目减少。", "", "原因是政策调整。")
#: Code points random noise is drawn from: ASCII, CJK, full-width forms, punctuation, controls,
#: combining marks, the private use area, surrogates excluded (not encodable as UTF-8).
NOISE_RANGES = ((0x20, 0x7E), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E), (0x3000, 0x303F), (0x0, 0x1F), (0x300, 0x36F))


def figure(rng: random.Random) -> str:
    """A figure as printed: 1,234.56, 0.00, 1234, -5.5, now and then absurdly long."""
    roll = rng.random()
    if roll < 0.02:
        return "".join(rng.choice("0123456789") for _ in range(rng.randint(20, 60)))
    value = rng.choice((0, rng.uniform(0, 100), rng.uniform(0, 100_000), rng.uniform(-10, 10)))
    decimals = rng.choice((0, 2, 2, 2, 4))
    text = f"{value:,.{decimals}f}" if rng.random() < 0.5 else f"{value:.{decimals}f}"
    return text


def noise(rng: random.Random, longest: int = 12) -> str:
    """Random Unicode: any code point of a few ranges, including controls and combining marks."""
    low, high = rng.choice(NOISE_RANGES)
    return "".join(chr(rng.randint(low, high)) for _ in range(rng.randint(1, longest)))


def table(rng: random.Random, year: int) -> list[str]:
    """A table: its title, unit, header and coded rows under a total that adds up or not."""
    lines = [f"{year}年{rng.choice(TABLES)}", f"单位：{rng.choice(UNITS)}"]
    if rng.random() < 0.2:
        lines.append(f"部门名称：{rng.choice(ORGS)}\t单位：万元")
    columns = rng.randint(1, 4)
    lines.append("\t".join(["科目编码", "科目名称", "合计", "基本支出", "项目支出", "其他"][: 2 + columns]))
    rows = [rng.choice(SUBJECTS) for _ in range(rng.randint(0, 8))]
    values = [[round(rng.uniform(0, 1000), 2) for _ in range(columns)] for _ in rows]
    totals = [round(sum(column), 2) for column in zip(*values, strict=False)] or [0.0] * columns
    if rng.random() < 0.3 and totals:
        totals[0] = round(totals[0] + rng.choice((0.01, 1, -3.5, 100)), 2)  # a typo in the total
    lines.append("\t".join(["合计", "", *(f"{t:.2f}" for t in totals)]))
    for (code, name), row in zip(rows, values, strict=True):
        cells = [f"{v:.2f}" if rng.random() > 0.05 else rng.choice(("", "-", "0", figure(rng))) for v in row]
        lines.append("\t".join([code, name, *cells]))
    if not rows and rng.random() < 0.5:
        lines.append("注：本表无数据。")
    return lines


def sentence(rng: random.Random) -> str:
    """A narrative sentence: an amount, maybe a change with a percentage, a list with shares."""
    parts = [f"{rng.choice(LABELS)}{figure(rng)}{rng.choice(UNITS)}"]
    if rng.random() < 0.6:
        change = rng.choice(CHANGE_WORDS)
        amount = "" if "持平" in change else f"{figure(rng)}{rng.choice(UNITS)}"
        parts.append(f"，{rng.choice(COMPARES)}{change}{amount}")
        if rng.random() < 0.5:
            parts.append(f"，{rng.choice(('增长', '下降', '增幅'))}{figure(rng)}%")
    if rng.random() < 0.4:
        parts.append(rng.choice(MARKERS))
        for _ in range(rng.randint(1, 4)):
            parts.append(f"{rng.choice(LABELS)}{figure(rng)}{rng.choice(UNITS)}")
            if rng.random() < 0.5:
                parts.append(f"，占{figure(rng)}%")
            parts.append(rng.choice(("、", "；", "，")))
    parts.append(rng.choice(REASONS) or "。")
    return "".join(parts)


def document(rng: random.Random) -> str:
    """A budget-shaped document: cover, 目录, numbered sections of tables and narrative."""
    year = rng.choice((2022, 2023, 2024, 2025))
    kind = rng.choice(("部门预算", "部门决算", "单位预算"))
    lines = [f"{rng.choice(ORGS)}{year}年{kind}", "", "目 录"]
    sections = rng.randint(1, 5)
    lines += [f"{'一二三四五'[i]}、{rng.choice(TABLES)}.....{i + 1}" for i in range(sections)]
    for i in range(sections):
        lines.append(f"{'一二三四五'[i]}、{rng.choice(('情况说明', '收支预算', rng.choice(TABLES)))}")
        if rng.random() < 0.6:
            lines += table(rng, year)
        lines += ["".join(sentence(rng) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 3))]
    for _ in range(rng.randint(0, 4)):  # random Unicode spliced into random lines
        index = rng.randrange(len(lines))
        at = rng.randint(0, len(lines[index]))
        lines[index] = lines[index][:at] + noise(rng) + lines[index][at:]
    return "\n".join(lines) + "\n"


class Checked(NamedTuple):
    seconds: float  # CPU time: on a loaded machine the wall time measures the load
    problem: str | None  # None: every promise kept


def check_document(text: str, path: str = "fuzz.txt") -> Checked:
    """Lint ``text`` and check the promises: no rule crashes, exit status 0 or 1, valid JSON."""
    start = time.process_time()
    try:
        result = lint_document_text(text, path, Config())
        worst = max((d.severity.rank for d in result.diagnostics), default=-1)
        status = exit_status(result.failures, worst, exit_zero=False)
        records = json.loads(format_json([result]))
    except Exception as exc:  # noqa: BLE001 - the point is to report it
        return Checked(time.process_time() - start, f"raised {exc!r}")
    seconds = time.process_time() - start
    if result.failures:
        return Checked(seconds, f"failures: {result.failures}")
    if status not in (0, 1):
        return Checked(seconds, f"exit status {status}")
    if not isinstance(records, list) or len(records) != len(result.diagnostics):
        return Checked(seconds, "the JSON output does not list every finding")
    return Checked(seconds, None)
