"""Run the per-file jobs of a batch on a dask.distributed cluster.

The cluster is a `concurrent.futures` executor (`Client.get_executor()`), run by
the same loop as local workers (`extractor.batch.futures_loop`), with at most a
few tasks per worker thread in flight.  The parent sends each file's bytes
(workers need no shared file system); each task writes them to a private
temporary file and reads it in an isolated child process with the same time and
memory limits as a local run (`extractor.batch.isolation.run_one`).  Results
come back as JSON and are cached and written by the parent exactly as in a
local run, so both give byte-identical outputs.

Workers must have `extractor` installed.  Under a nanny, Dask worker
processes are daemonic and may not fork children with `multiprocessing`;
`run_one` then starts `python -m extractor.batch.isolation` instead (slower to
start).  `DASK_DISTRIBUTED__WORKER__DAEMON=False` lifts that.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future
from functools import partial
from pathlib import Path
from typing import Any

from extractor.batch import settings
from extractor.batch.futures_loop import Job, Outcome, run_jobs
from extractor.batch.isolation import run_one
from extractor.batch.options import Limits
from extractor.model.errors import UsageError


def extract_remote(data: bytes, limits: Limits) -> Outcome:
    """A Dask task: one file's bytes -> its outcome (key filled in by the caller)."""
    with tempfile.TemporaryDirectory(prefix="extractor-") as tmp:
        path = Path(tmp) / "input.pdf"  # never a name from the input
        path.write_bytes(data)
        return run_one("", path, limits)


def connect(scheduler: str | None) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(
            "--executor dask needs dask.distributed (pip install 'dask[distributed]')"
        ) from None
    if not scheduler:
        raise UsageError("--executor dask needs --scheduler tcp://HOST:8786")
    try:
        return Client(scheduler, timeout="30s", set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None


def dask_outcomes(
    jobs: Sequence[Job], scheduler: str | None, limits: Limits, in_flight: int = 0
) -> Iterator[Outcome]:
    """Outcomes of (key, path) jobs run on the cluster, in the order they finish."""
    client = connect(scheduler)
    try:
        threads = sum(client.nthreads().values()) or 1
        executor = client.get_executor(pure=False)
        in_flight = in_flight or settings.SETTINGS.tasks_per_dask_thread * threads
        yield from run_jobs(jobs, partial(submit, executor, limits), resolve, in_flight)
    finally:
        client.close()


def submit(executor: Executor, limits: Limits, job: Job) -> Future[Outcome] | Outcome:
    """Send one job to the cluster; an Outcome at once when its file cannot be read."""
    key, path = job
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Outcome(key, failure=f"cannot read file: {exc.strerror or exc}")
    return executor.submit(extract_remote, data, limits)


def resolve(job: Job, future: Future[Any]) -> Outcome:
    key = job[0]
    try:
        outcome = future.result()
    except Exception as exc:  # noqa: BLE001 - a lost task fails its file only
        return Outcome(key, failure=f"dask task failed ({type(exc).__name__}: {exc})")
    if not isinstance(outcome, Outcome):
        return Outcome(key, failure="dask task returned no outcome")
    return dataclasses.replace(outcome, key=key)
