"""Batch engine: many files -> one output folder (`run_batch`).

Every file is read in a worker process (`extractor.batch.isolation`), with a
time and a memory limit, `--workers` at a time (default: one per core), or as
tasks on a Dask cluster (`extractor.batch.dask_executor`).  A crash, hang or
blow-up fails that one file, with the reason, and the batch goes on.

Results are cached under `OUTPUT/.cache/` by file content hash and extractor
version (`extractor.batch.cache`).  The main process keeps only each file's
info and reads results back one at a time to write the outputs
(`extractor.batch.final_stages`): its memory does not grow with the archive.
A run killed at any moment (even with kill -9) leaves only whole cache entries
and whole output files, so running it again reads only what is missing and
rewrites every output from scratch: nothing lost, nothing duplicated.  Outputs
are regenerated in a stable order, so two runs on the same input give
byte-identical data files; timestamps go only to the run manifest `run.json`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from extractor.batch.cache import exclusive, prune_cache, remove_stale_temporaries
from extractor.batch.inputs import Skipped, plan_entries
from extractor.batch.options import BatchOptions, BatchSummary
from extractor.batch.progress import BatchProgress
from extractor.batch.read_files import compute, from_cache, not_cached
from extractor.batch.result_store import ResultStore
from extractor.model.errors import UsageError
from extractor.output.duckdb_file import DuckdbFile
from extractor.output.formats import chosen_formats


def run_batch(
    files: Sequence[Path],
    out_dir: Path,
    options: BatchOptions | None = None,
    skipped: Sequence[Skipped] = (),
) -> BatchSummary:
    """Read `files` (from the cache when it has them) and write every output to `out_dir`;
    the paths a search `skipped` (with the reason) are failed inputs."""
    options = options or BatchOptions()
    output_folder(out_dir)
    started = datetime.now(UTC)
    with exclusive(out_dir):
        remove_stale_temporaries(out_dir)
        prune_cache(out_dir)
        entries = plan_entries(files, skipped)
        summary = BatchSummary()
        database = DuckdbFile(out_dir) if "duckdb" in chosen_formats(options.formats) else None
        with BatchProgress(len(entries), options.quiet) as progress, discarded(database):
            found = from_cache(entries, out_dir, progress)
            reading = time.monotonic()
            todo = not_cached(entries, found)
            found.update(compute(todo, out_dir, options, summary, progress, database))
            summary.read_seconds = time.monotonic() - reading
            results = ResultStore(entries, out_dir, found, options.keep_duplicates)
            summary.results = results
            from extractor.batch.final_stages import finish  # (see `read_files.warm_up`)

            finish(summary, results, out_dir, options, started, progress, database)
    return summary


@contextmanager
def discarded(database: DuckdbFile | None) -> Iterator[None]:
    """The database, opened ahead (while files are read), left nothing of if the run stops
    before it is closed."""
    try:
        yield
    finally:
        if database is not None:
            database.discard()


def output_folder(out_dir: Path) -> None:
    """The output folder, made when missing (an `OSError` when it cannot be: permission
    denied, a read-only disk)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"the output {out_dir} is a file, not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
