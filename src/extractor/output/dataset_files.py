"""dataset.csv and dataset.json: the consolidated rows, sorted, streamed, atomic."""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from pathlib import Path

from extractor.checks.dataset import row_order
from extractor.model.dataset import DatasetRow
from extractor.model.tables import DATASET
from extractor.output.atomic import atomic_files
from extractor.output.external_sort import sorted_spilled
from extractor.output.rendering import RowSink, decimal_as_text, joined, render_rows

RenderedRow = tuple[tuple[object, ...], str, str]  # sort key, CSV line, JSON item


def render_row(row: DatasetRow) -> RenderedRow:
    """A dataset row as its files show it, with the key it is sorted by."""
    line, (item,) = render_rows([row.model_dump()], DATASET.names, decimal_as_text, joined)
    return row_order(row), line, item


def write_dataset(rows: Iterable[DatasetRow], out_dir: Path) -> None:
    """dataset.csv and dataset.json, in a stable order (see `write_rendered_dataset`)."""
    write_rendered_dataset(map(render_row, rows), out_dir)


def write_rendered_dataset(rows: Iterable[RenderedRow], out_dir: Path) -> None:
    """dataset.csv and dataset.json from rendered rows, sorted by their keys, written
    together atomically and streamed (rows beyond memory sorted through temporary files)."""
    with atomic_files(out_dir / "dataset.csv", out_dir / "dataset.json") as [csv_fh, json_fh]:
        sink = RowSink(csv_fh, json_fh, DATASET.names)
        for _, line, item in sorted_spilled(rows, key=itemgetter(0), folder=out_dir):
            sink.write_rendered(line, (item,))
        sink.close()
