"""The final stages of a batch: every output, from the results read back one at a time.

Result files first (each result rendered, then written in file order), then
failures.csv, the dataset and the checks (issuer group by issuer group,
`extractor.batch.dataset_and_checks`), the extra formats and the run manifest.

Rendering results and checking issuer groups run in a `store_pool` for large
batches; a pool process that dies (killed, out of memory) leaves the stages to
this process.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from extractor import __version__
from extractor.batch import settings
from extractor.batch.dataset_and_checks import consolidate_and_check
from extractor.batch.forked import Beside
from extractor.batch.options import BatchOptions, BatchSummary
from extractor.batch.progress import BatchProgress
from extractor.batch.result_store import ResultStore
from extractor.batch.store_pool import map_results, store_pool
from extractor.model.records import ReportInfo, ReportResult, Status
from extractor.output.atomic import atomic_write_text
from extractor.output.duckdb_file import DuckdbFile
from extractor.output.formats import chosen_formats, parse_formats
from extractor.output.rendering import to_json
from extractor.output.result_files import (
    Rendered,
    render_result,
    write_failures,
    write_rendered_results,
)

T = TypeVar("T")


def finish(
    summary: BatchSummary,
    results: ResultStore,
    out_dir: Path,
    options: BatchOptions,
    started: datetime,
    progress: BatchProgress,
    database: DuckdbFile | None = None,
) -> None:
    """Every output, from the results read back one at a time (issuer by issuer for the
    dataset and the checks between reports), each stage on the progress bar; DuckDB's
    tables into `database` when given (opened while the files were read)."""
    clear_stale(out_dir, options)
    workers = options.workers or os.cpu_count() or 1
    try:
        final_stages(summary, results, out_dir, progress, workers)
    except BrokenProcessPool:  # a pool process died (killed, out of memory): redo it here
        final_stages(summary, results, out_dir, progress, workers=1)
    progress.stage(f"exports ({options.formats})", None, unit="tables")
    # Imported here: pyarrow stays out of the image that worker processes are forked
    # from (the fork server imports the __main__ module, which may import this one).
    from extractor.output.exports import write_exports

    # The workbook in a forked child, beside Parquet and DuckDB here: two cores at work.
    write_exports(out_dir, options.formats, options.excel, beside=Beside, database=database)
    write_manifest(summary, out_dir, options, started)


# Files of the formats a run may leave out (`--format`, `--excel`), and files derived
# from a run's outputs by another command: a run removes those it does not write, so
# that no file in the folder describes another run than run.json does.
FORMAT_FILES = {
    "parquet": ("*.parquet",),
    "duckdb": ("extractor.duckdb", "extractor.duckdb.wal"),
    "datapackage": ("datapackage.json",),
    "xlsx": ("extractor.xlsx",),
    "excel-csv": ("*.excel.csv",),
}
DERIVED_FILES = ("report.html",)  # `extractor report`: run it again after a run
MANIFEST = "run.json"


def clear_stale(out_dir: Path, options: BatchOptions) -> None:
    """Remove the manifest (written again last: a run stopped half-way leaves none), the
    files of formats this run does not write and files derived from an earlier run."""
    chosen = chosen_formats(options.formats, options.excel)
    patterns = [MANIFEST, *DERIVED_FILES]
    patterns += [p for name, files in FORMAT_FILES.items() if name not in chosen for p in files]
    for pattern in patterns:
        for path in out_dir.glob(pattern):
            path.unlink(missing_ok=True)


def run_formats(out_dir: Path) -> tuple[str, bool]:
    """The formats (`--format`, `--excel`) of the run that wrote `out_dir` (its run.json;
    all formats when it does not say)."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text("utf-8"))
        return ",".join(manifest["formats"]), bool(manifest["excel"])
    except (OSError, ValueError, KeyError, TypeError):
        return "all", False


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
        summarise_failures(summary, results.infos)
        write_failures(summary.failures, out_dir)
        advance = progress.stage("dataset and checks", len(results))
        summary.error_findings = consolidate_and_check(out_dir, results, advance, pool)


def summarise_failures(summary: BatchSummary, infos: Sequence[ReportInfo]) -> None:
    """The failures (file, reason) and pages of the summary."""
    summary.failures = sorted(
        (info.file, failure_reason(info)) for info in infos if info.status == Status.failed
    )
    summary.pages = sum(info.pages for info in infos)


FAILURE_MESSAGES = 3  # messages of a failed file in its one line; the rest in reports.json


def failure_reason(info: ReportInfo) -> str:
    """Why a file failed, in one line: its errors, the file's own first (then by page),
    at most `FAILURE_MESSAGES` of them."""
    errors = [i for i in info.issues if i.severity == "error"] or list(info.issues)
    errors.sort(key=lambda i: (i.page is not None, i.page or 0))
    reason = "; ".join(i.message for i in errors[:FAILURE_MESSAGES])
    if len(errors) > FAILURE_MESSAGES:
        reason += f" (and {len(errors) - FAILURE_MESSAGES} more in reports.json)"
    return " ".join(reason.split())


def render_all(results: list[ReportResult]) -> list[Rendered]:
    return [render_result(result) for result in results]


def output_orders(results: ResultStore) -> list[list[int]]:
    """The positions of the results in output order, a few at a time."""
    order, size = results.output_positions(), settings.SETTINGS.results_per_order
    return [order[i : i + size] for i in range(0, len(order), size)]


def counted(batches: Iterable[list[T]], advance: Callable[[int], None]) -> Iterator[T]:
    """The items of the batches, the progress advanced after each batch."""
    for batch in batches:
        yield from batch
        advance(len(batch))


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
        "formats": sorted(parse_formats(options.formats) | {"csv", "json"}),
        "excel": options.excel,
        "keep_duplicates": options.keep_duplicates,
        "files": len(summary.results),
        "read": summary.computed,
        "from_cache": len(summary.results) - summary.computed,
        "failed": len(summary.failures),
        "pages": summary.pages,
        "peak_rss_mb": round(summary.peak_rss_mb, 1),
        "read_seconds": round(summary.read_seconds, 3),
        "worker_cpu_seconds": round(summary.cpu_seconds, 3),
    }
    atomic_write_text(out_dir / MANIFEST, to_json(manifest))
