"""Batch engine: many files -> one output folder.

Every file is read in a child process of its own (`extractor.batch.isolation`),
with a time and a memory limit, `--workers` at a time (default: one per
core), or as tasks on a Dask cluster (`extractor.batch.dask_executor`).  A crash,
hang or blow-up fails that one file, with the reason, and the batch goes on.

Results are cached under `OUTPUT/.cache/` by file content hash and extractor
version (never by name: a renamed or duplicated file is read once), one file
per result, each written atomically (`extractor.batch.result_store`).  The main
process keeps only each file's info and reads results back one at a time
to write the outputs: its memory does not grow with the archive.  A run
killed at any moment (even with kill -9) leaves only whole cache entries and
whole output files, so running it again reads only what is missing and
rewrites every output from scratch: nothing lost, nothing duplicated.
Outputs are regenerated in a stable order, so two runs on the same input give
byte-identical data files; timestamps go only to the run manifest `run.json`.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from extractor import __version__
from extractor.batch.consolidation import consolidate_and_check
from extractor.batch.isolation import Limits, Outcome, Target, run_isolated
from extractor.batch.progress import BatchProgress
from extractor.batch.result_store import (
    CACHE_DIR,
    Entry,
    ResultStore,
    cache_folder,
    cached,
    content_key,
    file_labels,
    is_failed,
    prune_cache,
    store,
)
from extractor.batch.store_pool import map_results, store_pool
from extractor.model.errors import UsageError
from extractor.model.records import ReportInfo, ReportResult, Status
from extractor.output.writers import (
    Rendered,
    atomic_write_text,
    render_result,
    rows_to_csv,
    to_json,
    write_rendered_results,
)
from extractor.report.pipeline import extract_safely, failed_result

FAILURE_COLUMNS = ["file", "reason"]
T = TypeVar("T")
EXTRACT: Target = extract_safely  # what a child runs on each file (tests swap it)


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 0  # 0: one per core
    quiet: bool = False
    executor: str = "local"  # "local" (processes) or "dask"
    scheduler: str | None = None  # dask scheduler address
    time_limit: float = 300.0  # seconds per file
    memory_limit_mb: int = 2048  # per file
    formats: str = "all"  # extra output formats (see extractor.output.exports)
    excel: bool = False  # also Polish-locale CSV

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise UsageError(f"--workers must be 0 (one per core) or more, not {self.workers}")
        if not self.time_limit > 0:
            raise UsageError(f"--time-limit must be more than 0 seconds, not {self.time_limit}")
        if self.memory_limit_mb <= 0:
            raise UsageError(f"--memory-limit must be more than 0 MB, not {self.memory_limit_mb}")


@dataclass
class BatchSummary:
    results: Sequence[ReportResult] = field(default_factory=list)  # a ResultStore after a run
    failures: list[tuple[str, str]] = field(default_factory=list)
    error_findings: int = 0
    computed: int = 0  # files read in this run (the rest came from the cache)
    pages: int = 0
    peak_rss_mb: float = 0.0  # the largest peak resident memory of one file's worker
    read_seconds: float = 0.0  # wall time spent reading files (the rest: writing, checks)
    cpu_seconds: float = 0.0  # CPU time of the worker processes that read them


# ---------------------------------------------------------------------- cache


def cacheable(outcome: Outcome, result: ReportResult) -> bool:
    """Not limit failures (they depend on the options) nor our own bugs."""
    if outcome.failure is not None:
        return False
    return not any("internal error" in i.message for i in result.info.issues)


@contextlib.contextmanager
def exclusive(out_dir: Path) -> Iterator[None]:
    """One run per output folder; the lock dies with its process (even on kill -9)."""
    lock_path = out_dir / CACHE_DIR / "lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"{out_dir} is in use by another extractor run") from None
        yield


def remove_stale_temporaries(out_dir: Path) -> None:
    """Half-written temporary files of a killed run (never visible as outputs)."""
    for folder in (out_dir, out_dir / CACHE_DIR, cache_folder(out_dir)):
        for tmp in folder.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)


# ---------------------------------------------------------------------- a run


def run_batch(
    files: Sequence[Path], out_dir: Path, options: BatchOptions | None = None
) -> BatchSummary:
    options = options or BatchOptions()
    output_folder(out_dir)
    started = datetime.now(UTC)
    with exclusive(out_dir):
        remove_stale_temporaries(out_dir)
        prune_cache(out_dir)
        paths = distinct(files)
        labels = file_labels(paths)
        entries = [plan_entry(path, *label) for path, label in zip(paths, labels, strict=True)]
        summary = BatchSummary()
        with BatchProgress(len(entries), options.quiet) as progress:
            found = from_cache(entries, out_dir, progress)
            todo: dict[str, list[Path]] = {}
            for entry in entries:
                if entry.key and entry.key not in found:
                    todo.setdefault(entry.key, []).append(entry.path)
            reading = time.monotonic()
            found.update(compute(todo, out_dir, options, summary, progress))
            summary.read_seconds = time.monotonic() - reading
            results = ResultStore(entries, out_dir, found)
            summary.results = results
            finish(summary, results, out_dir, options, started, progress)
    return summary


def output_folder(out_dir: Path) -> None:
    """The output folder, made when missing; a clear error when it cannot be."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"the output {out_dir} is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot make the output folder {out_dir}: {exc.strerror}") from None


def distinct(files: Sequence[Path]) -> list[Path]:
    """The files in order, a file given twice (same real path) only once."""
    seen: set[Path] = set()
    unique = []
    for path in files:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            unique.append(path)
    return unique


def plan_entry(path: Path, name: str = "", report_id: str = "") -> Entry:
    try:
        return Entry(path, key=content_key(path), name=name, report_id=report_id)
    except OSError as exc:
        error = f"cannot read file: {exc.strerror or exc}"
        return Entry(path, error=error, name=name, report_id=report_id)


def from_cache(
    entries: Sequence[Entry], out_dir: Path, progress: BatchProgress
) -> dict[str, ReportInfo | ReportResult]:
    """The info of every cached result (the results stay on disk)."""
    found: dict[str, ReportInfo] = {}
    for entry in entries:
        info = found.get(entry.key)
        if info is None and entry.key:
            hit = cached(out_dir, entry.key)
            info = hit.info if hit is not None else None
        if info is not None:
            found[entry.key] = info
            progress.done(info.pages, failed=is_failed(info))
        elif entry.error:
            progress.done(0, failed=True)
    return dict(found)


def compute(
    todo: dict[str, list[Path]],
    out_dir: Path,
    options: BatchOptions,
    summary: BatchSummary,
    progress: BatchProgress,
) -> dict[str, ReportInfo | ReportResult]:
    """Read the files not in the cache; cache each result as soon as it arrives (and keep
    only its info; a result that is not cached is kept whole)."""
    found: dict[str, ReportInfo | ReportResult] = {}
    jobs = {key: paths[0] for key, paths in todo.items()}
    for outcome in outcomes(jobs, options):
        result = to_result(outcome, jobs[outcome.key])
        if cacheable(outcome, result):
            store(out_dir, outcome.key, result)
            found[outcome.key] = result.info
        else:
            found[outcome.key] = result
        summary.computed += 1
        summary.peak_rss_mb = max(summary.peak_rss_mb, outcome.peak_rss_kb / 1024)
        summary.cpu_seconds += outcome.cpu_seconds
        for _ in todo[outcome.key]:  # copies of one content are read once
            progress.done(result.info.pages, failed=is_failed(result))
    return found


def outcomes(todo: dict[str, Path], options: BatchOptions) -> Iterator[Outcome]:
    jobs = sorted(todo.items(), key=lambda job: (job[1].name, str(job[1])))
    limits = Limits(options.time_limit, options.memory_limit_mb)
    if options.executor == "dask":
        from extractor.batch.dask_executor import dask_outcomes

        return dask_outcomes(jobs, options.scheduler, limits, options.workers)
    if options.executor != "local":
        raise UsageError(f"unknown executor '{options.executor}' (use local or dask)")
    workers = min(options.workers or os.cpu_count() or 1, max(1, len(jobs)))
    return run_isolated(jobs, workers, limits, target=EXTRACT)


def to_result(outcome: Outcome, path: Path) -> ReportResult:
    if outcome.result_json is not None:
        try:
            return ReportResult.model_validate_json(outcome.result_json)
        except ValueError as exc:
            return failed_result(path, f"internal error (unreadable worker result: {exc})")
    return failed_result(path, outcome.failure or "no result")


# ------------------------------------------------------------------- outputs


def finish(
    summary: BatchSummary,
    results: ResultStore,
    out_dir: Path,
    options: BatchOptions,
    started: datetime,
    progress: BatchProgress,
) -> None:
    """Every output, from the results read back one at a time (issuer by issuer for the
    dataset and the checks between reports), each stage on the progress bar."""
    workers = options.workers or os.cpu_count() or 1
    try:
        final_stages(summary, results, out_dir, progress, workers)
    except BrokenProcessPool:  # a pool process died (killed, out of memory): redo it here
        final_stages(summary, results, out_dir, progress, workers=1)
    progress.stage(f"exports ({options.formats})", None, unit="tables")
    write_exports(out_dir, options)
    write_manifest(summary, out_dir, options, started)


def final_stages(
    summary: BatchSummary,
    results: ResultStore,
    out_dir: Path,
    progress: BatchProgress,
    workers: int,
) -> None:
    """The result files, failures, dataset and checks (in a pool when worth it)."""
    with store_pool(results, workers) as pool:
        advance = progress.stage("writing results", len(results))
        rendered = map_results(pool, render_all, results, output_orders(results))
        write_rendered_results(counted(rendered, advance), out_dir)
        write_failures(summary, results.infos, out_dir)
        advance = progress.stage("dataset and checks", len(results))
        summary.error_findings = consolidate_and_check(out_dir, results, advance, pool)


def write_failures(summary: BatchSummary, infos: Sequence[ReportInfo], out_dir: Path) -> None:
    """failures.csv (file, reason), and the failures and pages of the summary."""
    summary.failures = sorted(
        (info.file, "; ".join(i.message for i in info.issues))
        for info in infos
        if info.status == Status.failed
    )
    summary.pages = sum(info.pages for info in infos)
    rows = [{"file": name, "reason": reason} for name, reason in summary.failures]
    atomic_write_text(out_dir / "failures.csv", rows_to_csv(FAILURE_COLUMNS, rows))


def render_all(results: list[ReportResult]) -> list[Rendered]:
    return [render_result(result) for result in results]


def output_orders(results: ResultStore, size: int = 8) -> list[list[int]]:
    """The positions of the results in output order, a few at a time."""
    order = results.output_positions()
    return [order[i : i + size] for i in range(0, len(order), size)]


def counted(batches: Iterable[list[T]], advance: Callable[[int], None]) -> Iterator[T]:
    """The items of the batches, the progress advanced after each batch."""
    for batch in batches:
        yield from batch
        advance(len(batch))


def write_exports(out_dir: Path, options: BatchOptions) -> None:
    """Extra formats, when `extractor.output.exports` is installed."""
    if importlib.util.find_spec("extractor.output.exports") is None:
        return
    exports = importlib.import_module("extractor.output.exports")
    exports.write_exports(out_dir, options.formats, options.excel)


def write_manifest(
    summary: BatchSummary, out_dir: Path, options: BatchOptions, started: datetime
) -> None:
    """run.json: what ran, when and how long (the only file with timestamps)."""
    finished = datetime.now(UTC)
    manifest = {
        "extractor_version": __version__,
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "seconds": round((finished - started).total_seconds(), 3),
        "executor": options.executor,
        "workers": options.workers or os.cpu_count() or 1,
        "time_limit_s": options.time_limit,
        "memory_limit_mb": options.memory_limit_mb,
        "files": len(summary.results),
        "read": summary.computed,
        "from_cache": len(summary.results) - summary.computed,
        "failed": len(summary.failures),
        "pages": summary.pages,
        "peak_rss_mb": round(summary.peak_rss_mb, 1),
        "read_seconds": round(summary.read_seconds, 3),
        "worker_cpu_seconds": round(summary.cpu_seconds, 3),
    }
    atomic_write_text(out_dir / "run.json", to_json(manifest))


def process(path_text: str) -> ReportResult:
    """One file in this process, without limits (kept for library callers)."""
    return extract_safely(Path(path_text))
