"""Lint a large archive of disclosures with Dask: a bag of paths → lint_path → JSON lines.

    pip install 'budgetlint[dask]'
    python examples/distributed/lint_with_dask.py ARCHIVE_DIR OUT_DIR [--scheduler processes]

Every finding becomes one JSON object per line (the fields of ``budgetlint --format
json``) in ``OUT_DIR/part-*.jsonl``, one file per partition, written by the workers
themselves, so nothing gathers all findings in one place. Documents are linted by
:func:`budgetlint.lint_path`, the code path of the command line.

On one machine Dask's local schedulers run it (``processes``, the default, uses every
core; ``threads`` and ``synchronous`` are for debugging). On a cluster, create a
``dask.distributed.Client`` for it before calling :func:`lint_archive`; nothing else
changes (every worker needs budgetlint installed, and the archive on a shared path).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path


def find_documents(root: str, suffixes: tuple[str, ...] = (".txt", ".md")) -> list[str]:
    """Every document under ``root``, sorted (the same walk as the CLI's)."""
    from budgetlint.run.runner import discover

    return [path for path in discover([root], suffixes)]


def lint_to_records(path: str) -> list[dict[str, object]]:
    """The findings of one document as JSON-ready dicts (empty for a clean document)."""
    import budgetlint

    return [diagnostic.to_dict() for diagnostic in budgetlint.lint_path(path)]


def to_json_line(record: dict[str, object]) -> str:
    return json.dumps(record, ensure_ascii=False)


def lint_archive(
    root: str, out_dir: str, *, scheduler: str | None = "processes", partition_size: int = 50
) -> list[str]:
    """Lint every document under ``root``; write JSON lines under ``out_dir``; return the part files."""
    import dask.bag as db

    paths = find_documents(root)
    if not paths:
        return []
    npartitions = max(1, min(len(paths), (len(paths) + partition_size - 1) // partition_size))
    bag = db.from_sequence(paths, npartitions=npartitions)
    lines = bag.map(lint_to_records).flatten().map(to_json_line)
    os.makedirs(out_dir, exist_ok=True)
    # to_textfiles writes from the workers; a None scheduler leaves the choice to Dask
    # (a distributed Client, when one was created).
    options = {"scheduler": scheduler} if scheduler else {}
    return lines.to_textfiles(os.path.join(out_dir, "part-*.jsonl"), encoding="utf-8", **options)


def read_records(out_dir: str) -> Iterator[dict[str, object]]:
    """Read the findings back (for a report, or a database load)."""
    for part in sorted(Path(out_dir).glob("part-*.jsonl")):
        with part.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", help="a folder of disclosures (searched recursively for *.txt, *.md)")
    parser.add_argument("out_dir", help="where to write part-*.jsonl")
    parser.add_argument("--scheduler", default="processes", choices=["processes", "threads", "synchronous"])
    parser.add_argument("--partition-size", type=int, default=50, help="documents per task")
    args = parser.parse_args(argv)
    parts = lint_archive(args.archive, args.out_dir, scheduler=args.scheduler, partition_size=args.partition_size)
    findings = sum(1 for _ in read_records(args.out_dir))
    print(
        f"{len(find_documents(args.archive))} documents, {findings} findings in {len(parts)} files under {args.out_dir}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
