"""Run the per-file jobs of a batch on a dask.distributed cluster.

The parent streams the files' bytes to the cluster (workers need no shared
file system), at most a few tasks per worker thread in flight; each task
writes its bytes to a private temporary file and reads it in an isolated
child process with the same time and memory limits as a local run
(`extractor.batch.isolation.run_one`).  Results come back as JSON and are cached
and written by the parent exactly as in a local run, so both give
byte-identical outputs.

Workers must have `extractor` installed.  Under a nanny, Dask worker
processes are daemonic and may not fork children with `multiprocessing`;
`run_one` then starts `python -m extractor.batch.isolation` instead (slower to
start).  `DASK_DISTRIBUTED__WORKER__DAEMON=False` lifts that.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from extractor.batch.isolation import Limits, Outcome, run_one
from extractor.model.errors import UsageError

TASKS_PER_THREAD = 2


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
    jobs: Sequence[tuple[str, Path]], scheduler: str | None, limits: Limits, in_flight: int = 0
) -> Iterator[Outcome]:
    """Outcomes of (key, path) jobs run on the cluster, in the order they finish."""
    client = connect(scheduler)
    try:
        threads = sum(client.nthreads().values()) or 1
        yield from stream(client, jobs, limits, in_flight or TASKS_PER_THREAD * threads)
    finally:
        client.close()


def stream(
    client: Any, jobs: Sequence[tuple[str, Path]], limits: Limits, in_flight: int
) -> Iterator[Outcome]:
    from distributed import as_completed

    queue = iter(jobs)
    keys: dict[Any, str] = {}
    pending = as_completed(loop=client.loop)  # type: ignore[no-untyped-call]
    for _ in range(max(1, in_flight)):
        ready = submit(client, next(queue, None), limits, keys, pending)
        if ready is not None:
            yield ready
    for future in pending:
        yield outcome_of(future, keys.pop(future.key))
        future.release()
        ready = submit(client, next(queue, None), limits, keys, pending)
        if ready is not None:
            yield ready


def submit(
    client: Any, job: tuple[str, Path] | None, limits: Limits, keys: dict[Any, str], pending: Any
) -> Outcome | None:
    """Send one job to the cluster; an Outcome at once when its file cannot be read."""
    if job is None:
        return None
    key, path = job
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Outcome(key, failure=f"cannot read file: {exc.strerror or exc}")
    future = client.submit(extract_remote, data, limits, pure=False)
    keys[future.key] = key
    pending.add(future)
    return None


def outcome_of(future: Any, key: str) -> Outcome:
    try:
        outcome = future.result()
    except Exception as exc:  # noqa: BLE001 - a lost task fails its file only
        return Outcome(key, failure=f"dask task failed ({type(exc).__name__}: {exc})")
    if not isinstance(outcome, Outcome):
        return Outcome(key, failure="dask task returned no outcome")
    return dataclasses.replace(outcome, key=key)
