"""Batch engine: many files -> one output folder.

Files are processed in worker processes (`--workers`, default: the number of
cores), each result cached under `OUTPUT/.cache/` by file content hash and
extractor version, so a rerun on a grown archive only reads new or changed
files and a killed run resumes where it stopped.  One bad file never stops
the batch: it becomes a failed result with its reason.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from extractor import __version__
from extractor.models import ReportResult, Status
from extractor.pipeline import extract_safely, failed_result
from extractor.writers import atomic_write_text, write_results

CACHE_DIR = ".cache"


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


def content_key(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    digest.update(f"|extractor {__version__}|{path.name}".encode())
    return digest.hexdigest()


def cached(out_dir: Path, key: str) -> ReportResult | None:
    path = out_dir / CACHE_DIR / f"{key}.json"
    if not path.exists():
        return None
    try:
        return ReportResult.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError:
        return None  # a damaged cache entry is simply recomputed


def store(out_dir: Path, key: str, result: ReportResult) -> None:
    atomic_write_text(out_dir / CACHE_DIR / f"{key}.json", result.model_dump_json())


def process(path_text: str) -> ReportResult:
    """Worker entry point (a top-level function, so it can be pickled)."""
    return extract_safely(Path(path_text))


def run_batch(
    files: Sequence[Path], out_dir: Path, options: BatchOptions | None = None
) -> BatchSummary:
    options = options or BatchOptions()
    workers, quiet = options.workers, options.quiet
    out_dir.mkdir(parents=True, exist_ok=True)
    todo: dict[str, Path] = {}
    summary = BatchSummary()
    for path in files:
        try:
            key = content_key(path)
        except OSError as exc:
            summary.results.append(failed_result(path, f"cannot read file: {exc}"))
            continue
        hit = cached(out_dir, key)
        if hit is not None:
            summary.results.append(hit)
        else:
            todo[key] = path
    summary.results.extend(compute(todo, out_dir, workers or os.cpu_count() or 1, quiet))
    finish(summary, out_dir)
    return summary


def compute(todo: dict[str, Path], out_dir: Path, workers: int, quiet: bool) -> list[ReportResult]:
    results: list[ReportResult] = []
    if not todo:
        return results
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, disable=quiet, transient=True) as progress:
        task = progress.add_task("reading reports", total=len(todo))
        if workers <= 1 or len(todo) == 1:
            for key, path in todo.items():
                results.append(keep(out_dir, key, process(str(path))))
                progress.advance(task)
            return results
        with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
            futures: dict[Future[ReportResult], tuple[str, Path]] = {
                pool.submit(process, str(path)): (key, path) for key, path in todo.items()
            }
            for future in as_completed(futures):
                key, path = futures[future]
                results.append(keep(out_dir, key, outcome(future, path)))
                progress.advance(task)
    return results


def outcome(future: Future[ReportResult], path: Path) -> ReportResult:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a crashed worker fails its file only
        return failed_result(path, f"worker crashed ({type(exc).__name__}: {exc})")


def keep(out_dir: Path, key: str, result: ReportResult) -> ReportResult:
    if not any("internal error" in i.message for i in result.info.issues):
        store(out_dir, key, result)
    return result


def finish(summary: BatchSummary, out_dir: Path) -> None:
    write_results(summary.results, out_dir)
    summary.failures = sorted(
        (r.info.file, "; ".join(i.message for i in r.info.issues))
        for r in summary.results
        if r.info.status == Status.failed
    )
    summary.error_findings = consolidate_and_check(out_dir, summary.results)


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
