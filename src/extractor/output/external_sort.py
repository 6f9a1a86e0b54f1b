"""Sorting more rows than memory should hold: an external merge sort.

Rows are sorted in runs of `OUTPUT.sort_run_rows`; every full run is pickled to
a temporary file, and the runs are merged lazily (`heapq.merge`), so at most
one run is in memory.  The sort is stable, like `sorted`.  Hand-written (on
`heapq.merge`): the sort key is a Python tuple (printed ids in natural order,
`natural_key`) that DuckDB's ORDER BY cannot take without re-encoding every
key, and no well-kept library sorts Python objects out of memory.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from extractor.output import settings

T = TypeVar("T")


def sorted_spilled(
    items: Iterable[T],
    key: Callable[[T], Any],
    folder: Path | None = None,
    run_size: int | None = None,
) -> Iterator[T]:
    """`sorted(items, key=key)`, one item at a time; full runs (`run_size` items, by
    default `OUTPUT.sort_run_rows`) spill into `folder`."""
    run_size = run_size or settings.OUTPUT.sort_run_rows
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
