"""Lint many files, in parallel worker processes, with flat memory and a stable order.

A finance bureau checks hundreds of disclosures, a researcher tens of thousands.
Each file is linted by :func:`budgetlint.run.runner.lint_file` (the code path of the
CLI and the Python API) and reduced at once to a :class:`FileResult`: the
diagnostics plus what output needs (the source lines that have findings,
the document's title and kind, and — only when the caller passes a
:data:`DocumentRenderer`, as the HTML report does — the document's rendered part of
the report). The runner never imports output: the renderer comes from the caller. The AST is dropped in the process that built it,
so neither workers nor the parent accumulate documents however long the run.

Results come back in the order of the input paths (``Executor.map``), whatever
order the workers finish in. ``jobs=1`` (and single-file runs) stay in-process
and never import :mod:`multiprocessing`, so a cold single-file run pays nothing
for this machinery.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Sequence as SequenceABC
from types import MappingProxyType
from typing import NamedTuple, Protocol

from budgetlint.plugins import registry as plugin_registry
from budgetlint.plugins.registry import Registry
from budgetlint.run import budget, runner
from budgetlint.run.joined import Input, first_path, lint_joined
from budgetlint.run.options import Config
from budgetlint.run.runner import STDIN, LintResult

#: fork: workers start in milliseconds and inherit the loaded plugins; elsewhere spawn,
#: which pickles the (portable) Config and rebuilds the registry in each worker.
START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"
#: Below this many files a run is short: no worker pool and no progress bar.
PARALLEL_THRESHOLD = 2
#: A worker's exit status when it ends because its parent died.
EXIT_ORPHANED = 3
PROGRESS_THRESHOLD = 20


class DocumentRenderer(Protocol):
    """Renders one linted document's part of a report while its AST is still alive.

    Called in the worker process that linted the document (so it must be a picklable,
    module-level function for spawn-started workers); only the returned string travels.
    """

    def __call__(self, index: int, result: LintResult, lang: str = ...) -> str: ...


class SparseLines(SequenceABC[str]):
    """The source lines a formatter may show: only lines with findings are kept.

    Behaves like the full tuple of lines (``len`` is the document's line count);
    other lines read as empty strings.
    """

    __slots__ = ("_lines", "_count")

    def __init__(self, lines: Mapping[int, str], count: int) -> None:
        self._lines = dict(lines)  # 0-based index -> text
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._lines.get(index, "")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (SparseLines, (self._lines, self._count))


class FileResult(LintResult):
    """A :class:`LintResult` without its document: what output and summaries need."""

    __slots__ = ("index", "title", "kind", "profile", "fragment", "tables")

    def __init__(self, path: str, index: int = 0) -> None:
        super().__init__(path)
        self.index = index
        self.title: str | None = None
        self.kind: str | None = None  # DocumentKind value (部门预算 …) when detected
        self.profile: str | None = None  # the disclosure profile checked against (detected or --profile)
        self.fragment: str | None = None  # the document's rendered part of the report (--format html)
        self.tables: tuple[int, int] | None = None  # tables whose arithmetic was (checked, skipped)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        state = (
            self.diagnostics,
            self.failures,
            self.source_lines,
            self.title,
            self.kind,
            self.profile,
            self.fragment,
            self.source_map,
            self.tables,
            self.not_a_disclosure,
        )
        return (_rebuild, (self.path, self.index, state))


def _rebuild(path: str, index: int, state: tuple) -> FileResult:  # the state __reduce__ packed, field by field
    result = FileResult(path, index)
    (
        result.diagnostics,
        result.failures,
        result.source_lines,
        result.title,
        result.kind,
        result.profile,
        result.fragment,
        result.source_map,
        result.tables,
        result.not_a_disclosure,
    ) = state
    return result


def compact(result: LintResult, index: int, *, render: DocumentRenderer | None = None, lang: str = "zh") -> FileResult:
    """Keep what output needs from a finished result and drop the document (the AST)."""
    out = FileResult(result.path, index)
    out.diagnostics = result.diagnostics
    out.failures = result.failures
    out.not_a_disclosure = result.not_a_disclosure
    out.source_map = result.source_map  # PDF/Word/Excel: where each line came from
    lines = result.source_lines
    wanted: dict[int, str] = {}
    for d in result.diagnostics:
        for line in range(d.line, min(d.end_line, d.line + 2) + 1):  # a multi-line span: its first lines
            if 0 < line <= len(lines):
                wanted[line - 1] = lines[line - 1]
    out.source_lines = SparseLines(wanted, len(lines))  # type: ignore[assignment]
    doc = result.document
    if doc is not None:
        out.title = doc.title
        out.kind = doc.kind.value if doc.kind is not None else None
        out.profile = profile_of(result)
        out.tables = tables_of(result)
    if render is not None:
        out.fragment = render(index, result, lang=lang)
    result.document = None
    result.context = None
    return out


def profile_of(result: LintResult) -> str | None:
    """The name of the profile the document was checked against (the BL4xx rules chose it already)."""
    if result.context is None:
        return None
    try:
        chosen = result.context.profile_selection
    except Exception:  # noqa: BLE001 - the summary must not fail on a profile bug; the rules report those
        return None
    return chosen.profile.name if chosen is not None else None


def tables_of(result: LintResult) -> tuple[int, int] | None:
    """(checked, skipped): the tables whose arithmetic was checked and those the structure gate skipped.

    None when no rule asked for the gate (the table rules were not selected): nothing to count.
    """
    context = result.context
    if context is None or "structure_gate" not in vars(context):
        return None
    gate = context.structure_gate
    return gate.checked_tables, gate.skipped_tables


# -- worker processes -----------------------------------------------------------
class _WorkerState(NamedTuple):
    """What every task of one worker process shares (set once by :func:`_init_worker`)."""

    config: Config
    registry: Registry
    render: DocumentRenderer | None


_worker: _WorkerState | None = None


def portable(config: Config) -> Config:
    """A picklable copy (``MappingProxyType`` cannot be pickled; spawn-started workers need pickles)."""
    return config._replace(severity=dict(config.severity))


def _restore(config: Config) -> Config:
    return config._replace(severity=MappingProxyType(dict(config.severity)))


def _init_worker(config: Config, render: DocumentRenderer | None, parent: int) -> None:
    """Once per worker: the registry and the grammar, then freeze them out of the GC's way."""
    global _worker
    # Ctrl-C is the parent's to handle: it stops the pool; workers must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(parent)  # the pid the parent gave: it may have died before this ran
    config = _restore(config)
    registry = plugin_registry.default_registry()
    _worker = _WorkerState(config, registry, render)
    runner.lint_document_text("一、说明\n", "<warm-up>", config, registry)  # compile the grammar now
    # The grammar and rule objects live as long as the worker; freezing them keeps every
    # full collection from walking them again (about a third of the lint time otherwise).
    gc.freeze()
    # Each document allocates some 10^5 small objects that die young; collecting every 20,000
    # allocations instead of every 700 saved 3-5 % of the lint time in measurements.
    gc.set_threshold(20_000, 10, 10)


def _exit_with_parent(parent: int, interval: float = 0.5) -> None:
    """End this worker soon after its parent is gone (SIGKILL, SIGTERM, SIGHUP to the parent).

    Why: a killed parent runs no clean-up, and its workers would live on forever holding
    the pipes open (a CI step or a pre-commit hook never finishing). Once the parent has
    died the worker is re-parented, so ``getppid()`` changes; a daemon thread checks.
    """
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(EXIT_ORPHANED)

    threading.Thread(target=watch, name="budgetlint-parent-watch", daemon=True).start()


def lint_one(
    index: int, item: Input, config: Config, registry: Registry | None, render: DocumentRenderer | None = None
) -> FileResult:
    """Lint one file (or the parts of a joined document) and compact the result; a bug becomes a failure."""
    path = first_path(item)
    try:
        # The collector stays paused until the AST is dropped: resuming it earlier walks the
        # whole live AST once more (about 4 % of a batch run's time).
        with runner.collector_paused():
            seconds = budget.effective(config.timeout)
            try:
                with budget.time_budget(seconds):
                    if isinstance(item, str):
                        result = runner.lint_file(item, config, registry)
                    else:
                        result = lint_joined(item, config, registry)
            except budget.TooSlow:
                result = runner.too_slow(path, seconds or 0, config, registry)
            return compact(result, index, render=render, lang=config.lang)
    except Exception as exc:  # noqa: BLE001 - a bug in one file must not stop the run
        failed = FileResult(path, index)
        failed.failures.append(f"{path}: internal error: {exc!r}")
        return failed


def _work(work: tuple[int, Input, Config | None]) -> FileResult:
    index, path, config = work
    assert _worker is not None, "tasks run only in workers started with _init_worker"
    return lint_one(
        index, path, _restore(config) if config is not None else _worker.config, _worker.registry, _worker.render
    )


# -- running --------------------------------------------------------------------
def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def lint_files(
    paths: Sequence[Input],
    config: Config,
    *,
    jobs: int | None = None,
    render: DocumentRenderer | None = None,
    registry: Registry | None = None,
    config_for: Callable[[str], Config] | None = None,
) -> Iterator[FileResult]:
    """Lint ``paths`` and yield one :class:`FileResult` per path, in the order given.

    ``jobs`` worker processes (default: the number of cores); ``1``, a single file,
    or standard input (``-``) among the paths run in this process. ``config_for``
    gives each path its own configuration (resolved here, sent with the path);
    ``render`` renders each document's part of a report before its AST is dropped.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, len(paths))
    if jobs < PARALLEL_THRESHOLD or STDIN in paths:
        for index, path in enumerate(paths):
            yield lint_one(index, path, config_for(first_path(path)) if config_for else config, registry, render)
        return
    yield from _parallel(paths, config, jobs, render, config_for)


def lint_all(
    paths: Sequence[Input],
    config: Config,
    *,
    jobs: int | None = None,
    registry: Registry | None = None,
    config_for: Callable[[str], Config] | None = None,
    finish: Callable[[LintResult], LintResult] | None = None,
) -> list[LintResult]:
    """Every file's result, filtered by ``finish``, for the work that needs the whole run at once.

    ``--statistics`` and ``--write-baseline`` count or record every finding before writing.
    """
    results = lint_files(paths, config, jobs=jobs, registry=registry, config_for=config_for)
    return [finish(r) if finish is not None else r for r in results]


def _parallel(
    paths: Sequence[Input],
    config: Config,
    jobs: int,
    render: DocumentRenderer | None,
    config_for: Callable[[str], Config] | None = None,
) -> Iterator[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(START_METHOD)
    # Small chunks keep the order-preserving map from holding many finished results, and
    # keep both workers busy to the end (a worker idles for at most the other's last chunk:
    # ~0.1 s with 4 sample-sized documents, ~0.4 s with 16); each chunk is one round trip
    # through the pipes, a fraction of a millisecond.
    chunksize = max(1, min(4, len(paths) // (jobs * 8)))
    executor = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(portable(config), render, os.getpid())
    )
    done = 0
    finished = False
    try:
        items = (
            (i, path, portable(config_for(first_path(path))) if config_for else None) for i, path in enumerate(paths)
        )
        for result in executor.map(_work, items, chunksize=chunksize):
            done += 1
            yield result
        finished = True
    except BrokenProcessPool as exc:
        # A worker died (killed, out of memory): report the files not done, never hang.
        for index in range(done, len(paths)):
            failed = FileResult(first_path(paths[index]), index)
            failed.failures.append(f"{first_path(paths[index])}: not linted, a worker process died ({exc})")
            yield failed
        finished = True
    finally:
        if finished:
            executor.shutdown(wait=True, cancel_futures=True)
        else:
            # Interrupted (Ctrl-C) or abandoned: stop now. Waiting for the running files
            # could take minutes, and an interrupt that lands inside the executor's own
            # bookkeeping can leave shutdown(wait=True) waiting forever.
            executor.shutdown(wait=False, cancel_futures=True)
            for child in multiprocessing.active_children():
                child.terminate()
                child.join(timeout=2)


def with_progress(results: Iterator[FileResult], total: int, enabled: bool) -> Iterator[FileResult]:
    """Show click's progress bar on stderr while ``results`` are consumed (when ``enabled``)."""
    if not enabled:
        yield from results
        return
    import click

    with click.progressbar(
        length=total, label="budgetlint", file=sys.stderr, show_pos=True, show_eta=True, width=30
    ) as bar:
        for result in results:
            yield result
            bar.update(1)


def progress_wanted(total: int) -> bool:
    """A bar only for long runs in a terminal: never in CI, pipes or redirected stderr."""
    if total < PROGRESS_THRESHOLD or os.environ.get("CI"):
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
