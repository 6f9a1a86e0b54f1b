"""indicators.csv: the wide view of the dataset (`extractor.output.wide_view`), streamed.

The dataset file is read twice (its periods, then its rows): its rows come in
indicator order, and one indicator's rows are pivoted at a time, so the memory is
that of one indicator whatever the archive's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from extractor.model.tables import INDICATORS, Column, flat_columns
from extractor.output.atomic import atomic_files
from extractor.output.read_tables import iter_records
from extractor.output.rendering import write_csv
from extractor.output.wide_view import Record, flat, period_names, wide_rows


def wide_records(out_dir: Path) -> tuple[tuple[Column, ...], Iterator[Record]] | None:
    """The wide view of `out_dir`'s dataset, streamed: its columns and flat rows (None
    without a dataset)."""
    found = iter_records(out_dir, "dataset", only=("period",))
    if found is None:
        return None
    periods = period_names(r["period"] for r in found)
    rows = (flat(row, periods) for row in wide_rows(iter_records(out_dir, "dataset") or ()))
    return flat_columns(INDICATORS, periods), rows


def write_indicators(out_dir: Path) -> Path | None:
    """indicators.csv from the dataset of `out_dir` (None without a dataset)."""
    found = wide_records(out_dir)
    if found is None:
        return None
    columns, rows = found
    path = out_dir / f"{INDICATORS.name}.csv"
    with atomic_files(path) as [fh]:
        write_csv(fh, [c.name for c in columns], rows)
    return path
