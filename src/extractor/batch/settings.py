"""Tuning parameters of the batch engine, in one validated object (`SETTINGS`, like
pdfplumber's `TableSettings`): not what a run is asked for (`extractor.batch.options`)
but how it goes about it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class BatchSettings(BaseModel):
    """Tuning of the batch engine (not options a run is asked for)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    recycle_after: int = Field(default=50, gt=0)  # files per worker process before a fresh one
    # how often pebble looks at its workers (a retired worker is replaced, a time limit
    # enforced, within this); pebble's default, 0.1 s, idles a core 0.1 s per recycling
    pool_poll_seconds: float = Field(default=0.01, gt=0, le=1)
    gc_threshold: int = Field(default=20_000, gt=0)  # allocations between young collections
    broken_pool_retries: int = Field(default=2, ge=0)  # a file's tries on a fresh pool
    fork_up_to: int = Field(default=8, ge=0)  # runs of so many files: a fork each, no pool
    tasks_per_dask_thread: int = Field(default=2, gt=0)  # Dask tasks in flight per thread
    parallel_from: int = Field(default=64, gt=0)  # results: below, final stages run here
    results_per_order: int = Field(default=8, gt=0)  # results rendered per work order
    orders_per_chunk: int = Field(default=16, gt=0)  # work orders handed out at a time


SETTINGS = BatchSettings()
