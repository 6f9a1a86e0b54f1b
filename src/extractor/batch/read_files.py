"""The reading phase of a batch: each file from the cache, or read in an isolated
worker (`extractor.batch.isolation`, or a Dask cluster) and cached as soon as it
is read.  Only each file's info is kept (a result that must not be cached, whole)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from extractor.batch import settings
from extractor.batch.cache import cached, store
from extractor.batch.forked import fork_available, run_forked
from extractor.batch.futures_loop import Outcome
from extractor.batch.inputs import Entry
from extractor.batch.options import BatchOptions, BatchSummary
from extractor.batch.progress import BatchProgress
from extractor.batch.result_store import is_failed
from extractor.batch.worker import Target
from extractor.model.errors import UsageError
from extractor.model.records import ReportInfo, ReportResult
from extractor.output.duckdb_file import DuckdbFile
from extractor.report.results import failed_result


def extract_safely(path: Path) -> ReportResult:
    """`extractor.report.pipeline.extract_safely`, imported where it runs (a run whose
    files are all cached never imports the reading stages)."""
    from extractor.report.pipeline import extract_safely as extract

    return extract(path)


EXTRACT: Target = extract_safely  # what a worker runs on each file (tests swap it)
Found = dict[str, ReportInfo | ReportResult]  # by cache key


def from_cache(entries: Sequence[Entry], out_dir: Path, progress: BatchProgress) -> Found:
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


def not_cached(entries: Sequence[Entry], found: Found) -> dict[str, list[Path]]:
    """The files still to read, by cache key (copies of one content read once)."""
    todo: dict[str, list[Path]] = {}
    for entry in entries:
        if entry.key and entry.key not in found:
            todo.setdefault(entry.key, []).append(entry.path)
    return todo


def compute(
    todo: dict[str, list[Path]],
    out_dir: Path,
    options: BatchOptions,
    summary: BatchSummary,
    progress: BatchProgress,
    database: DuckdbFile | None = None,
) -> Found:
    """Read the files not in the cache; cache each result as soon as it arrives (and keep
    only its info; a result that is not cached is kept whole).  The final stages are made
    ready meanwhile (`warm_up`), and `database` opened."""
    found: Found = {}
    jobs = {key: paths[0] for key, paths in todo.items()}
    for outcome in outcomes(jobs, options, lambda: warm_up(options, len(jobs), database)):
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


def outcomes(
    todo: dict[str, Path], options: BatchOptions, meanwhile: Callable[[], None] = lambda: None
) -> Iterator[Outcome]:
    """The outcome of reading each file: on Dask, in a worker pool, or, for a few files,
    each in a child forked for it (no pool to start); `meanwhile` runs once the first
    children are at work (forked runs only)."""
    jobs = sorted(todo.items(), key=lambda job: (job[1].name, str(job[1])))
    if options.executor == "dask":
        from extractor.batch.dask_executor import dask_outcomes

        return dask_outcomes(jobs, options.scheduler, options.limits, options.workers)
    if options.executor != "local":
        raise UsageError(f"unknown executor '{options.executor}' (use local or dask)")
    workers = min(options.workers or os.cpu_count() or 1, max(1, len(jobs)))
    if len(jobs) <= settings.SETTINGS.fork_up_to and fork_available():
        # A child imports the reading stages itself (when this process has not: they
        # are inherited then), while this one imports the final stages' (`meanwhile`).
        return run_forked(jobs, workers, options.limits, EXTRACT, meanwhile, import_pipeline)
    from extractor.batch.isolation import run_isolated

    return run_isolated(jobs, workers, options.limits, target=EXTRACT)


def import_pipeline() -> None:
    """The reading stages, imported (a no-op where they are)."""
    import extractor.report.pipeline  # noqa: F401


def warm_up(options: BatchOptions, files: int, database: DuckdbFile | None = None) -> None:
    """While forked children read the files: import what the final stages need (the
    checks, the writers, the exports' pyarrow, DuckDB and XlsxWriter: a few tenths of a
    second), open `database`, and import the reading stages unless no child forked
    later needs them (the children of a later run in this process, or of this one when
    more files are to be read than the first children read)."""
    import extractor.batch.final_stages  # noqa: F401
    from extractor.output.formats import chosen_formats

    chosen = chosen_formats(options.formats, options.excel)
    if "duckdb" in chosen:
        import duckdb  # noqa: F401
    if "xlsx" in chosen:
        import xlsxwriter  # noqa: F401
    if database is not None:
        database.open()
    if not options.single_run or files > (options.workers or os.cpu_count() or 1):
        import_pipeline()


def cacheable(outcome: Outcome, result: ReportResult) -> bool:
    """Not limit failures (they depend on the options) nor our own bugs."""
    if outcome.failure is not None:
        return False
    return not any("internal error" in i.message for i in result.info.issues)


def to_result(outcome: Outcome, path: Path) -> ReportResult:
    if outcome.result_json is not None:
        try:
            return ReportResult.model_validate_json(outcome.result_json)
        except ValueError as exc:
            return failed_result(path, f"internal error (unreadable worker result: {exc})")
    return failed_result(path, outcome.failure or "no result")
