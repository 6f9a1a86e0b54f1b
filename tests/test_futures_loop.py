"""The one concurrent.futures loop of local and Dask runs, and how a broken pool is met."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from extractor.batch import settings
from extractor.batch.futures_loop import Job, Outcome, run_jobs
from extractor.batch.isolation import IsolatedPool
from extractor.batch.options import Limits


def jobs(count: int, taken: list[str]) -> Iterator[Job]:
    for i in range(count):
        taken.append(str(i))
        yield str(i), Path(f"{i}.pdf")


def test_every_job_once_and_jobs_taken_only_as_they_start() -> None:
    taken: list[str] = []
    with ThreadPoolExecutor(2) as pool:

        def submit(job: Job) -> Future[Any]:
            return pool.submit(lambda: Outcome(job[0], result_json="{}"))

        outcomes = run_jobs(jobs(10, taken), submit, lambda job, f: f.result(), in_flight=2)
        first = next(outcomes)
        assert len(taken) <= 3  # two in flight, and the one that started after the first
        keys = [first.key, *(o.key for o in outcomes)]
    assert sorted(keys, key=int) == [str(i) for i in range(10)]


def test_an_outcome_known_at_once_is_yielded_without_a_future() -> None:
    outcomes = run_jobs(
        jobs(3, []),
        lambda job: Outcome(job[0], failure="cannot read file"),
        None,
        2,  # type: ignore[arg-type]
    )
    assert [o.failure for o in outcomes] == ["cannot read file"] * 3


def test_a_job_whose_executor_broke_runs_again() -> None:
    tries: dict[str, int] = {}

    def submit(job: Job) -> Future[Any]:
        tries[job[0]] = tries.get(job[0], 0) + 1
        future: Future[Any] = Future()
        future.set_result(tries[job[0]])
        return future

    def resolve(job: Job, future: Future[Any]) -> Outcome | None:
        if job[0] == "1" and future.result() < 3:
            return None  # broke under it: run it again
        return Outcome(job[0], result_json="{}")

    assert sorted(o.key for o in run_jobs(jobs(3, []), submit, resolve, 1)) == ["0", "1", "2"]
    assert tries == {"0": 1, "1": 3, "2": 1}


def test_a_pool_that_keeps_breaking_fails_the_file_after_a_few_tries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        settings, "SETTINGS", settings.SETTINGS.model_copy(update={"broken_pool_retries": 2})
    )
    pool = IsolatedPool(1, Limits(10, 256), target=lambda path: None)  # type: ignore[arg-type, return-value]
    try:
        broken: Future[Any] = Future()
        broken.set_exception(BrokenProcessPool("All workers expired"))
        answers = [pool.resolve(("k", Path("k.pdf")), broken) for _ in range(3)]
    finally:
        pool.stop()
    assert answers[:2] == [None, None]
    assert answers[2] == Outcome("k", failure="worker died (the worker pool broke)")
