"""One `concurrent.futures` loop for every executor: jobs out, outcomes back.

A local run (`extractor.batch.isolation`, a pebble pool) and a Dask run
(`extractor.batch.dask_executor`, `distributed.Client.get_executor()`) hand their
futures to `run_jobs`, which keeps at most `in_flight` of them running and
yields each job's `Outcome` as it finishes.  A job is submitted only when the
loop is resumed, so a caller that stops iterating leaves nothing running but
what it had started (and that is cancelled).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Job = tuple[str, Path]  # (cache key, file)


@dataclass(frozen=True)
class Outcome:
    """What came back for one job: a result (as JSON) or the reason there is none."""

    key: str
    result_json: str | None = None
    failure: str | None = None
    peak_rss_kb: int = 0
    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # user + system time of the child


# Start a job: its future, or its outcome at once (e.g. the file cannot be read).
Submit = Callable[[Job], "Future[Any] | Outcome"]
# A finished job's outcome; None to run the job again (its executor broke under it).
Resolve = Callable[[Job, "Future[Any]"], "Outcome | None"]


def run_jobs(
    jobs: Iterable[Job], submit: Submit, resolve: Resolve, in_flight: int
) -> Iterator[Outcome]:
    """The outcome of every job, in the order they finish.  Jobs are taken from `jobs`
    only as they are started (it may be a generator), jobs to run again first."""
    fresh = iter(jobs)
    again: deque[Job] = deque()
    pending: dict[Future[Any], Job] = {}
    try:
        while True:
            while len(pending) < max(1, in_flight):
                job = again.popleft() if again else next(fresh, None)
                if job is None:
                    break
                started = submit(job)
                if isinstance(started, Outcome):
                    yield started
                else:
                    pending[started] = job
            if not pending:
                return
            yield from finished(pending, resolve, again)
    finally:
        for future in pending:
            future.cancel()


def finished(
    pending: dict[Future[Any], Job], resolve: Resolve, again: deque[Job]
) -> Iterator[Outcome]:
    """The outcomes of the jobs that finish next (removed from `pending`); the jobs their
    executor broke under go to `again`."""
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in sorted(done, key=lambda f: pending[f]):
        job = pending.pop(future)
        outcome = resolve(job, future)
        if outcome is None:
            again.append(job)
        else:
            yield outcome
