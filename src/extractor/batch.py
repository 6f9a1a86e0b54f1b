"""Batch engine: many files -> one output folder.

Every file is read in a child process of its own (`extractor.isolation`),
with a time and a memory limit, `--workers` at a time (default: one per
core), or as tasks on a Dask cluster (`extractor.dask_executor`).  A crash,
hang or blow-up fails that one file, with the reason, and the batch goes on.

Results are cached under `OUTPUT/.cache/` by file content hash and extractor
version (never by name: a renamed or duplicated file is read once), one file
per result, each written atomically.  A run killed at any moment (even with
kill -9) leaves only whole cache entries and whole output files, so running it
again reads only what is missing and rewrites every output from scratch:
nothing lost, nothing duplicated.  Outputs are regenerated in a stable order,
so two runs on the same input give byte-identical data files; timestamps go
only to the run manifest `run.json`.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from extractor import __version__
from extractor.errors import UsageError
from extractor.isolation import Limits, Outcome, Target, run_isolated
from extractor.models import Issue, ReportResult, Status
from extractor.pipeline import (
    encodable,
    extract_safely,
    failed_result,
    file_sha256,
    report_id_for,
)
from extractor.progress import BatchProgress
from extractor.writers import atomic_write_text, rows_to_csv, to_json, write_results

CACHE_DIR = ".cache"
CACHE_FORMAT = 2  # bump when the cached JSON changes meaning
FAILURE_COLUMNS = ["file", "reason"]
EXTRACT: Target = extract_safely  # what a child runs on each file (tests swap it)


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 0  # 0: one per core
    quiet: bool = False
    executor: str = "local"  # "local" (processes) or "dask"
    scheduler: str | None = None  # dask scheduler address
    time_limit: float = 300.0  # seconds per file
    memory_limit_mb: int = 2048  # per file
    formats: str = "all"  # extra output formats (see extractor.exports)
    excel: bool = False  # also Polish-locale CSV


@dataclass
class BatchSummary:
    results: list[ReportResult] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    error_findings: int = 0
    computed: int = 0  # files read in this run (the rest came from the cache)
    pages: int = 0
    peak_rss_mb: float = 0.0  # the largest peak resident memory of one file's worker
    read_seconds: float = 0.0  # wall time spent reading files (the rest: writing, checks)
    cpu_seconds: float = 0.0  # CPU time of the worker processes that read them


@dataclass(frozen=True)
class Entry:
    """One input file: its cache key, or the reason it cannot be read."""

    path: Path
    key: str = ""
    error: str = ""


# ---------------------------------------------------------------------- cache


def cache_key(sha256: str) -> str:
    return hashlib.sha256(f"{sha256}|extractor {__version__}|{CACHE_FORMAT}".encode()).hexdigest()


def content_key(path: Path) -> str:
    """The cache key of a file: its content hash and the extractor version."""
    return cache_key(file_sha256(path))


def cached(out_dir: Path, key: str) -> ReportResult | None:
    path = out_dir / CACHE_DIR / f"{key}.json"
    try:
        return ReportResult.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return None  # missing or damaged: simply recomputed


def store(out_dir: Path, key: str, result: ReportResult) -> None:
    atomic_write_text(out_dir / CACHE_DIR / f"{key}.json", result.model_dump_json())


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
    for folder in (out_dir, out_dir / CACHE_DIR):
        for tmp in folder.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)


# ---------------------------------------------------------------------- a run


def run_batch(
    files: Sequence[Path], out_dir: Path, options: BatchOptions | None = None
) -> BatchSummary:
    options = options or BatchOptions()
    out_dir.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    with exclusive(out_dir):
        remove_stale_temporaries(out_dir)
        entries = [plan_entry(path) for path in distinct(files)]
        summary = BatchSummary()
        with BatchProgress(len(entries), options.quiet) as progress:
            by_key = from_cache(entries, out_dir, progress)
            todo: dict[str, list[Path]] = {}
            for entry in entries:
                if entry.key and entry.key not in by_key:
                    todo.setdefault(entry.key, []).append(entry.path)
            reading = time.monotonic()
            by_key.update(compute(todo, out_dir, options, summary, progress))
            summary.read_seconds = time.monotonic() - reading
            summary.results = assemble(entries, by_key)
        finish(summary, out_dir, options, started)
    return summary


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


def plan_entry(path: Path) -> Entry:
    try:
        return Entry(path, key=content_key(path))
    except OSError as exc:
        return Entry(path, error=f"cannot read file: {exc.strerror or exc}")


def from_cache(
    entries: Sequence[Entry], out_dir: Path, progress: BatchProgress
) -> dict[str, ReportResult]:
    found: dict[str, ReportResult] = {}
    for entry in entries:
        hit = found.get(entry.key) if entry.key in found else None
        if hit is None and entry.key:
            hit = cached(out_dir, entry.key)
        if hit is not None:
            found[entry.key] = hit
            progress.done(hit.info.pages, failed=is_failed(hit))
        elif entry.error:
            progress.done(0, failed=True)
    return found


def compute(
    todo: dict[str, list[Path]],
    out_dir: Path,
    options: BatchOptions,
    summary: BatchSummary,
    progress: BatchProgress,
) -> dict[str, ReportResult]:
    """Read the files not in the cache; cache each result as soon as it arrives."""
    results: dict[str, ReportResult] = {}
    jobs = {key: paths[0] for key, paths in todo.items()}
    for outcome in outcomes(jobs, options):
        result = to_result(outcome, jobs[outcome.key])
        if cacheable(outcome, result):
            store(out_dir, outcome.key, result)
        results[outcome.key] = result
        summary.computed += 1
        summary.peak_rss_mb = max(summary.peak_rss_mb, outcome.peak_rss_kb / 1024)
        summary.cpu_seconds += outcome.cpu_seconds
        for _ in todo[outcome.key]:  # copies of one content are read once
            progress.done(result.info.pages, failed=is_failed(result))
    return results


def outcomes(todo: dict[str, Path], options: BatchOptions) -> Iterator[Outcome]:
    jobs = sorted(todo.items(), key=lambda job: (job[1].name, str(job[1])))
    limits = Limits(options.time_limit, options.memory_limit_mb)
    if options.executor == "dask":
        from extractor.dask_executor import dask_outcomes

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


def is_failed(result: ReportResult) -> bool:
    return result.info.status == Status.failed


# ------------------------------------------------------------------- results


def assemble(entries: Sequence[Entry], by_key: dict[str, ReportResult]) -> list[ReportResult]:
    """One result per input file, under its own name; copies of one content say so."""
    originals: dict[str, Path] = {}
    for entry in sorted(entries, key=lambda e: (e.path.name, str(e.path))):
        originals.setdefault(entry.key, entry.path)
    results = []
    for entry in entries:
        if entry.error or entry.key not in by_key:
            results.append(failed_result(entry.path, entry.error or "no result"))
            continue
        result = relabel(by_key[entry.key], entry.path)
        original = originals[entry.key]
        if original != entry.path:
            result = with_issue(result, f"same content as {original.name} (read once)")
        results.append(result)
    return results


def relabel(result: ReportResult, path: Path) -> ReportResult:
    """The result of one content, as read from the file at `path`.

    Every record of the result (observations, footnotes, figures, ...) that
    names its report and source file is renamed; nothing else depends on the name.
    """
    name, report_id = path.name, report_id_for(path)
    if result.info.file == name and result.info.report_id == report_id:
        return result
    names = {"source_file": name, "report_id": report_id}
    changes: dict[str, object] = {
        "info": result.info.model_copy(update={"file": name, "report_id": report_id})
    }
    for field_name in type(result).model_fields:
        records = getattr(result, field_name)
        if isinstance(records, tuple):
            changes[field_name] = tuple(renamed(record, names) for record in records)
    return encodable(result.model_copy(update=changes))  # a file name may be undecodable


def renamed(record: object, names: dict[str, str]) -> object:
    if not isinstance(record, BaseModel):
        return record
    fields = type(record).model_fields
    return record.model_copy(update={k: v for k, v in names.items() if k in fields})


def with_issue(result: ReportResult, message: str) -> ReportResult:
    issues = (*result.info.issues, Issue(message=message, severity="warning"))
    return result.model_copy(update={"info": result.info.model_copy(update={"issues": issues})})


def finish(summary: BatchSummary, out_dir: Path, options: BatchOptions, started: datetime) -> None:
    write_results(summary.results, out_dir)
    summary.failures = sorted(
        (r.info.file, "; ".join(i.message for i in r.info.issues))
        for r in summary.results
        if r.info.status == Status.failed
    )
    summary.pages = sum(r.info.pages for r in summary.results)
    rows = [{"file": name, "reason": reason} for name, reason in summary.failures]
    atomic_write_text(out_dir / "failures.csv", rows_to_csv(FAILURE_COLUMNS, rows))
    summary.error_findings = consolidate_and_check(out_dir, summary.results)
    write_exports(out_dir, options)
    write_manifest(summary, out_dir, options, started)


def write_exports(out_dir: Path, options: BatchOptions) -> None:
    """Extra formats, when `extractor.exports` is installed."""
    if importlib.util.find_spec("extractor.exports") is None:
        return
    exports = importlib.import_module("extractor.exports")
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


def consolidate_and_check(out_dir: Path, results: Sequence[ReportResult] | None = None) -> int:
    """Write dataset and checks for the results (read back from `out_dir` if not given)."""
    from extractor.checks import run_checks, write_checks
    from extractor.consolidate import consolidate, write_dataset
    from extractor.results_io import load_results

    loaded = list(results) if results is not None else load_results(out_dir)
    readable = [r for r in loaded if r.info.status != Status.failed]
    write_dataset(consolidate(readable), out_dir)
    findings = run_checks(readable)
    write_checks(findings, out_dir)
    return sum(1 for f in findings if f.severity == "error")


def process(path_text: str) -> ReportResult:
    """One file in this process, without limits (kept for library callers)."""
    return extract_safely(Path(path_text))
