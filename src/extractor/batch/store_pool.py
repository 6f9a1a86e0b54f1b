"""Worker processes for the final stages of a large batch.

Rendering each result's rows and checking each issuer group are independent
pieces of work.  For a `ResultStore` (results on disk) of many files, a pool
of processes does them side by side: each process gets the store once and
reads the results it needs from the cache itself, so only small work orders
(positions) go out and finished pieces come back, in order.  Without a pool,
or for results in memory, the same functions run here.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import TypeVar

from extractor.batch import settings
from extractor.batch.result_store import ResultStore
from extractor.batch.worker import context
from extractor.model.records import ReportResult

T = TypeVar("T")

_adopted: list[ResultStore] = []  # a pool process's results (set once, by `adopt`)


@contextmanager
def store_pool(
    results: Sequence[ReportResult], workers: int
) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of `workers` processes that know `results`, or None when not worth it."""
    small = len(results) < settings.SETTINGS.parallel_from
    if workers <= 1 or not isinstance(results, ResultStore) or small:
        yield None
        return
    with ProcessPoolExecutor(workers, context(), initializer=adopt, initargs=(results,)) as pool:
        yield pool


def adopt(results: ResultStore) -> None:
    """A pool process's start: its results; Ctrl-C left to the parent, which stops it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _adopted[:] = [results]


def on_results(fn: Callable[[list[ReportResult]], T], positions: list[int]) -> T:
    """`fn` of the adopted results at `positions` (run in a pool process)."""
    return fn([_adopted[0][i] for i in positions])


def map_results(
    pool: ProcessPoolExecutor | None,
    fn: Callable[[list[ReportResult]], T],
    results: Sequence[ReportResult],
    orders: Sequence[list[int]],
) -> Iterator[T]:
    """`fn` of the results at each list of positions, in order: in the pool, or here."""
    if pool is None:
        return (fn([results[i] for i in positions]) for positions in orders)
    return pool.map(partial(on_results, fn), orders, chunksize=settings.SETTINGS.orders_per_chunk)
