"""Per-file isolation: files are read in worker processes with limits (a pebble pool).

Each worker reads one file at a time under a memory limit (`RLIMIT_AS`, set by
the worker initializer: the address space the worker may add to the image it
was forked from) and a wall-clock time limit per file (pebble's task
`timeout`, which ends the worker).  A crash, a hang or a blow-up therefore
costs exactly one file: it comes back as an `Outcome` with a `failure` reason,
pebble starts a fresh worker, and the batch goes on.  Workers are also
replaced after `SETTINGS.recycle_after` files (`max_tasks`), so no state builds
up.  A pool that breaks (a worker dying while no task is known to run on it)
is replaced and its unfinished files are read again, a few times at most.

Workers are forked from a `forkserver` that has the pipeline already imported
(a fork costs ~10 ms, no import); what runs in them is `extractor.batch.worker`.
Runs of a few files need no pool (`extractor.batch.forked`).  Inside a daemonic
process (a Dask worker under a nanny), where `multiprocessing` may not start children, `run_one`
falls back to `python -m extractor.batch.isolation` (one interpreter per file).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Generator, Iterable
from concurrent.futures import Future, TimeoutError
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from pebble import CONSTS, ProcessExpired, ProcessPool

from extractor.batch import settings
from extractor.batch.futures_loop import Job, Outcome, run_jobs
from extractor.batch.options import Limits
from extractor.batch.worker import (
    Target,
    apply_limits,
    child_result,
    context,
    cpu_backstop,
    exit_reason,
    initialize_worker,
    read_one,
    tune_gc,
    usage,
)
from extractor.report.pipeline import extract_safely

__all__ = ["IsolatedPool", "exit_reason", "run_isolated", "run_one", "run_subprocess"]


# ------------------------------------------------------------------ the parent


class IsolatedPool:
    """A pebble pool reading files under `limits`; replaced when it breaks."""

    def __init__(self, workers: int, limits: Limits, target: Target) -> None:
        self.workers, self.limits, self.target = max(1, workers), limits, target
        self.tries: Counter[str] = Counter()
        self.pool = self.new_pool()

    def new_pool(self) -> ProcessPool:
        CONSTS.sleep_unit = settings.SETTINGS.pool_poll_seconds  # pebble's own tuning knob
        return ProcessPool(
            max_workers=self.workers,
            max_tasks=settings.SETTINGS.recycle_after,
            initializer=initialize_worker,
            initargs=(self.limits,),
            context=context(),
        )

    def submit(self, job: Job) -> Future[Any]:
        args = (str(job[1]), self.limits, self.target)
        try:
            return self.pool.schedule(read_one, args, timeout=self.limits.time_limit)
        except RuntimeError:  # the pool broke (a worker died while idle): a fresh one
            self.stop()
            self.pool = self.new_pool()
            return self.pool.schedule(read_one, args, timeout=self.limits.time_limit)

    def resolve(self, job: Job, future: Future[Any]) -> Outcome | None:
        key = job[0]
        try:
            result_json, failure, (rss, cpu, seconds) = future.result()
        except TimeoutError:
            reason = f"time limit exceeded ({self.limits.time_limit:g} s)"
            return Outcome(key, failure=reason, seconds=self.limits.time_limit)
        except ProcessExpired as exc:
            return Outcome(key, failure=exit_reason(exc.exitcode))
        except BrokenProcessPool:
            self.tries[key] += 1
            if self.tries[key] <= settings.SETTINGS.broken_pool_retries:
                return None  # read again, on a fresh pool
            return Outcome(key, failure="worker died (the worker pool broke)")
        except Exception as exc:  # noqa: BLE001 - an answer that did not come back
            return Outcome(key, failure=f"worker error ({type(exc).__name__}: {exc})")
        return Outcome(key, result_json, failure, rss, seconds, cpu)

    def stop(self) -> None:
        self.pool.stop()  # type: ignore[no-untyped-call]
        self.pool.join()


def run_isolated(
    jobs: Iterable[Job],
    workers: int,
    limits: Limits,
    target: Target = extract_safely,
) -> Generator[Outcome, None, None]:
    """Run `target` on every (key, path) job in at most `workers` worker processes.

    Outcomes come in the order they finish.  A worker that crashed, hung or was killed
    is replaced by a fresh one, and every worker after `SETTINGS.recycle_after` files.
    Workers still running when the caller stops iterating are stopped."""
    pool = IsolatedPool(workers, limits, target)
    try:
        yield from run_jobs(jobs, pool.submit, pool.resolve, pool.workers)
    finally:
        pool.stop()


# ------------------------------------------- one file, from any kind of process


def run_one(key: str, path: Path, limits: Limits) -> Outcome:
    """One file in a child; works inside daemonic processes (Dask workers) too."""
    if not multiprocessing.current_process().daemon:
        with contextlib.closing(run_isolated([(key, path)], 1, limits)) as outcomes:
            return next(outcomes)
    return run_subprocess(key, path, limits)


def run_subprocess(key: str, path: Path, limits: Limits) -> Outcome:
    command = [sys.executable, "-m", "extractor.batch.isolation", str(path)]
    command += [str(limits.time_limit), str(limits.memory_limit_mb)]
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, timeout=limits.time_limit, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(key, failure=f"time limit exceeded ({limits.time_limit:g} s)")
    seconds = time.monotonic() - started
    if done.returncode != 0:
        return Outcome(key, failure=exit_reason(done.returncode), seconds=seconds)
    answer = json.loads(done.stdout)
    rss, cpu = answer["usage"]
    return Outcome(key, answer["result"], answer["failure"], rss, seconds, cpu)


def main(argv: list[str]) -> int:
    """`python -m extractor.batch.isolation PATH SECONDS MB`: one result as JSON on stdout."""
    limits = Limits(float(argv[1]), int(argv[2]))
    apply_limits(limits)
    tune_gc()
    cpu_backstop(limits)
    result_json, failure = child_result(Path(argv[0]), limits, extract_safely)
    answer = {"result": result_json, "failure": failure, "usage": usage()}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
