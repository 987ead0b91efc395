"""Scale benchmark: time and peak memory as a document grows, and the growth exponent.

Run:  nice -n 19 python benchmarks/scale.py [--document FILE.txt] [--only CASE ...]

Cases (each measured at three or four sizes, each size in a fresh interpreter):
  document   1×, 4×, 16×, 64× a real document (default: the largest /work/shared/corpus/*.txt,
             else examples/xinzhou-2023-unit-budget.txt), its copies one after the other
  line       one line of narrative (amounts, changes, shares) of 64 KB, 256 KB and 1 MB
  rows       one table of 6,250, 25,000 and 100,000 coded rows under a total
  headings   625, 2,500 and 10,000 numbered headings with a sentence each
  issuer, verbs, dates, chains
             the text paths issue 17 measured as quadratic, at 6k, 24k and 96k characters
Time is the CPU time of the parse and lint of the text (wall time shown too: on a shared
machine it measures the load more than budgetlint) (the interpreter, the imports and one warm-up
document not counted); memory is the peak resident set size above the interpreter's after the
warm-up. The exponent k of t ∝ n^k (and of memory) is the least-squares slope over the sizes;
1 is linear. Not a test: timings depend on the machine (run it at low priority on a shared one).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus")

#: Runs in a fresh interpreter: lint the text on stdin, print seconds and the peak RSS growth.
_MEASURE = """
import json, resource, sys, time
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_text
text = sys.stdin.read()
lint_document_text("一、说明\\n支出1.00万元。\\n", "warm-up.txt", Config())
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, cpu = time.perf_counter(), time.process_time()
result = lint_document_text(text, "scale.txt", Config(timeout=0))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "cpu": cpu, "kib": peak - before, "findings": len(result.diagnostics),
                  "failures": result.failures}))
"""


def default_document() -> Path:
    texts = sorted(CORPUS.glob("*.txt"), key=lambda p: p.stat().st_size) if CORPUS.is_dir() else []
    return texts[-1] if texts else ROOT / "examples" / "xinzhou-2023-unit-budget.txt"


def narrative_line(size: int) -> str:
    piece = "一般公共预算支出1,234.56万元，比上年增加12.34万元，增长1.01%，占支出总额的45.67%，"
    return "一、说明\n" + piece * (size // len(piece)) + "。\n"


def table_rows(rows: int) -> str:
    lines = ["2024年一般公共预算支出表", "单位：万元", "科目编码\t科目名称\t合计\t基本支出\t项目支出"]
    lines.append(f"合计\t\t{rows * 3:.2f}\t{rows * 2:.2f}\t{rows:.2f}")
    lines += [f"{2010101 + i % 90}\t行政运行{i}\t3.00\t2.00\t1.00" for i in range(rows)]
    return "\n".join(lines) + "\n"


def headings(count: int) -> str:
    lines = []
    for i in range(count):
        lines.append(f"{i % 99 + 1}. 第{i}项工作")
        lines.append(f"本项支出{i}.00万元，比上年增加1.00万元。")
    return "\n".join(lines) + "\n"


def _path_case(make: Callable[[int], str]) -> tuple[list[int], Callable[[int], str]]:
    return [6_000, 24_000, 96_000], make


CASES: dict[str, tuple[list[int], Callable[[int], str]]] = {
    "line": ([65_536, 262_144, 1_048_576], narrative_line),
    "rows": ([6_250, 25_000, 100_000], table_rows),
    "headings": ([625, 2_500, 10_000], headings),
    "issuer": _path_case(lambda n: "一、说明\n单位名称：" + "甲" * n + ":\n"),
    "verbs": _path_case(lambda n: "一、说明\n" + "为" * n + "1.00万元。\n"),
    "dates": _path_case(lambda n: "一、说明\n" + "2023年1月1日，" * (n // 10) + "\n"),
    "chains": _path_case(lambda n: "一、说明\n" + "为" * n + "一般公共服务支出（类）统计（款）管理（项）1.00万元。\n"),
    "flow": _path_case(lambda n: "一、说明\n" + "2022年支出1.00万元，比2022年增加1.00万元，\n" * (n // 25)),
}


def measure(text: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE], input=text, capture_output=True, text=True, check=True, encoding="utf-8"
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def slope(sizes: list[float], values: list[float]) -> float:
    """Least-squares slope of log(value) over log(size): the growth exponent."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(v, 1e-6)) for v in values]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def run_case(name: str, sizes: list[int], make: Callable[[int], str], unit: str) -> None:
    times, memory, lengths = [], [], []
    for size in sizes:
        text = make(size)
        figures = measure(text)
        times.append(float(figures["cpu"]))  # type: ignore[arg-type]
        memory.append(max(float(figures["kib"]), 1.0))  # type: ignore[arg-type]
        lengths.append(len(text))
        failures = f", FAILURES {figures['failures']}" if figures["failures"] else ""
        print(
            f"  {name} {size:>9,} {unit}: {len(text):>10,} chars  {times[-1]:8.3f} s CPU"
            f" ({float(figures['seconds']):.3f} s wall)  "
            f"peak +{memory[-1] / 1024:7.1f} MiB  {figures['findings']} findings{failures}",
            flush=True,
        )
    print(
        f"{name}: time exponent {slope(lengths, times):.2f}, memory exponent {slope(lengths, memory):.2f}", flush=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--document", type=Path, default=None, help="the real document to repeat")
    parser.add_argument("--only", nargs="*", help="cases to run (default: all)")
    args = parser.parse_args()
    wanted = set(args.only or ["document", *CASES])
    if "document" in wanted:
        document = args.document or default_document()
        base = document.read_text(encoding="utf-8")
        print(f"document: {document.name} ({len(base):,} characters)")
        run_case("document", [1, 4, 16, 64], lambda k: "\n".join([base] * k), "x")
    for name, (sizes, make) in CASES.items():
        if name in wanted:
            run_case(name, sizes, make, "n")


if __name__ == "__main__":
    main()
