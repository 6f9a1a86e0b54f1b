"""Sorting more rows than memory should hold: an external merge sort.

Rows are sorted in runs of `RUN_SIZE`; every full run is pickled to a
temporary file, and the runs are merged lazily (`heapq.merge`), so at most
one run is in memory.  The sort is stable, like `sorted`.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
RUN_SIZE = 20_000  # rows in memory at a time


def sorted_spilled(
    items: Iterable[T],
    key: Callable[[T], Any],
    folder: Path | None = None,
    run_size: int = RUN_SIZE,
) -> Iterator[T]:
    """`sorted(items, key=key)`, one item at a time; full runs spill into `folder`."""
    with tempfile.TemporaryDirectory(dir=folder, prefix=".sort.") as tmp:
        runs: list[Path] = []
        run: list[T] = []
        for item in items:
            run.append(item)
            if len(run) >= run_size:
                runs.append(spill(sorted(run, key=key), Path(tmp) / f"run{len(runs)}"))
                run = []
        run.sort(key=key)
        yield from heapq.merge(*(unspill(path) for path in runs), run, key=key)


def spill(run: list[T], path: Path) -> Path:
    with path.open("wb") as fh:
        for item in run:
            pickle.dump(item, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def unspill(path: Path) -> Iterator[Any]:
    with path.open("rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return
