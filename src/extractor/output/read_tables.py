"""Reading an output folder back as typed tables: the Python API for analysts.

`load_dataset(dir)` returns the consolidated dataset (`dataset.json`) as a
pandas DataFrame or, when the folder holds no dataset, the per-report
observations (`observations.json`).  `load_table(dir, name)` reads any of the
output tables.  Columns are typed:

- text columns: pandas ``string`` dtype (empty string, never missing);
- ``page``, ``pages``, ``report_year``, ``baseline_year``: nullable ``Int64``;
- ``confidence``: ``float64``;
- ``value`` (and ``scale``): exact: an ``object`` column of `decimal.Decimal`
  (``None`` for a missing value), never a binary float.  Use
  ``df["value"].astype(float)`` when floats are good enough;
- list columns (``footnotes``, ``values``, ``sources``, ``report_ids``):
  ``object`` columns of tuples; ``issues`` of reports: lists of dicts;
- ``is_total``: nullable ``boolean``;
- the wide view (``load_dataset(dir, wide=True)``, ``load_table(dir, "indicators")``):
  one ``object`` column of Decimals per period.

Column kinds come from the one definition of the tables, `extractor.model.tables`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from extractor.model.errors import UsageError
from extractor.model.tables import (
    INDICATORS,
    TABLES,
    Column,
    Kind,
    TableSpec,
    flat_columns,
    has_periods,
)
from extractor.output.jsonstream import json_records
from extractor.output.rendering import FORMULA_START

if TYPE_CHECKING:  # pandas is imported when a frame is built: exports need no pandas
    import pandas as pd


def to_decimal(value: Any) -> Decimal | None:
    """A JSON number/string as an exact Decimal (None for null or empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        return Decimal(value) if not isinstance(value, Decimal) else value
    except (InvalidOperation, TypeError):
        raise UsageError(f"not a number: {value!r}") from None


def convert(kind: Kind, value: Any) -> Any:
    """One JSON value as the Python value of its column kind."""
    return CONVERTERS[kind](value)


def _text(value: Any) -> str:
    return value if value.__class__ is str else "" if value is None else str(value)


def _items(value: Any) -> Any:
    return [v for v in value.split(";") if v] if isinstance(value, str) else value or []


def _bool(value: Any) -> bool:
    """JSON true, or the CSV's True (False for a file written before the column)."""
    return value is True or value in ("True", "true")


CONVERTERS: dict[Kind, Callable[[Any], Any]] = {
    "bool": _bool,
    "periods": lambda v: v or {},
    "str": _text,
    "num_str": _text,
    "int": lambda v: None if v is None or v == "" else int(v),
    "dec": to_decimal,
    "float": lambda v: None if v is None or v == "" else float(v),
    "str_list": lambda v: tuple(str(i) for i in _items(v)),
    "dec_list": lambda v: tuple(to_decimal(i) for i in _items(v)),
    "json": lambda v: v if v is not None else [],
}  # one function per column kind, looked up once per column


def read_records(out_dir: Path, name: str) -> list[dict[str, Any]] | None:
    """The records of table `name` (from NAME.json, or NAME.csv for text-only tables such
    as failures), typed per `TABLES`; None when the file is absent.

    Records are parsed one at a time and typed as they come, with one object per
    distinct text: a whole archive's observations fit in a fraction of the memory
    that a list of parsed JSON objects would take."""
    records = iter_records(out_dir, name, shared={})
    return None if records is None else list(records)


def iter_records(
    out_dir: Path,
    name: str,
    shared: dict[str, str] | None = None,
    only: Collection[str] | None = None,
) -> Iterator[dict[str, Any]] | None:
    """`read_records` one record at a time, reading the file a chunk at a time (memory
    bounded whatever the archive's size); None when the file is absent.  Texts are
    shared through `shared` when given (ids, titles, headers and units repeat); with
    `only`, only those columns are typed and given."""
    spec = TABLES[name]
    path = out_dir / f"{name}.{spec.source}"
    if not path.exists():
        return None
    columns = [c for c in file_columns(out_dir, spec) if only is None or c.name in only]
    return _typed_records(path, spec, columns, shared)


def file_columns(out_dir: Path, spec: TableSpec) -> tuple[Column, ...]:
    """The columns of `spec` as its file in `out_dir` holds them: one per period of the
    wide view, from its CSV header (`extractor.model.tables.flat_columns`)."""
    if not has_periods(spec):
        return spec.columns
    path = out_dir / f"{spec.name}.{spec.source}"
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        header = []
    return flat_columns(spec, header)


def _typed_records(
    path: Path, spec: TableSpec, columns: Sequence[Column], shared: dict[str, str] | None
) -> Iterator[dict[str, Any]]:
    raw = json_records(path) if spec.source == "json" else csv_records(path)
    plain = [(c.name, CONVERTERS[c.kind]) for c in columns]
    for record in raw:
        get = record.get
        row = {name: conv(get(name)) for name, conv in plain}
        if shared is not None:  # one object per distinct text
            row = {k: shared.setdefault(v, v) if v.__class__ is str else v
                   for k, v in row.items()}  # fmt: skip
        yield row


def csv_records(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a CSV file (see `csv_rows`); a `UsageError` naming it when unreadable."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            yield from csv_rows(fh)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc


def csv_rows(source: str | IO[str]) -> Iterator[dict[str, str]]:
    """CSV rows, with the apostrophe the writers put before formula-like text removed."""
    handle = io.StringIO(source, newline="") if isinstance(source, str) else source
    for row in csv.DictReader(handle):
        for key, value in row.items():
            if value and value[0] == "'" and value[1:].startswith(FORMULA_START):
                row[key] = value[1:]
        yield row


PANDAS_DTYPES: dict[Kind, str] = {
    "bool": "boolean", "periods": "object",
    "str": "string", "num_str": "string", "int": "Int64", "float": "float64",
    "dec": "object", "str_list": "object", "dec_list": "object", "json": "object",
}  # fmt: skip


def records_to_frame(
    name: str, records: list[dict[str, Any]], columns: Sequence[Column] | None = None
) -> pd.DataFrame:
    """A typed frame of table `name` (of `columns` when given: a wide view's periods)."""
    import pandas as pd

    typed = TABLES[name].columns if columns is None else columns
    frame = pd.DataFrame.from_records(records, columns=[c.name for c in typed])
    for column in typed:
        dtype = PANDAS_DTYPES[column.kind]
        if dtype == "object":
            values = [r[column.name] for r in records]
            frame[column.name] = pd.Series(values, index=frame.index, dtype="object")
        else:
            frame[column.name] = frame[column.name].astype(dtype)  # type: ignore[call-overload]
    return frame


def load_table(out_dir: str | Path, name: str) -> pd.DataFrame:
    """One output table (`observations`, `footnotes`, `reports`, `dataset`, `checks`,
    `figures`, `failures`, `comparison`) of an `extractor run` folder, typed (see the
    module docstring)."""
    if name not in TABLES:
        raise UsageError(f"unknown table '{name}' (one of {', '.join(TABLES)})")
    records = read_records(Path(out_dir), name)
    if records is None:
        raise UsageError(f"{out_dir} holds no {name}.{TABLES[name].source}")
    return records_to_frame(name, records, file_columns(Path(out_dir), TABLES[name]))


def load_dataset(out_dir: str | Path, wide: bool = False, comparison: bool = False) -> pd.DataFrame:
    """The consolidated dataset of an output folder (`dataset.json`): one row per
    indicator, column and period across all reports, `value` as exact Decimals.

    Falls back to the per-report observations (`observations.json`) when the
    folder holds no dataset; the frame's ``attrs["table"]`` says which was read.

    `wide`: the wide view of the dataset, as `indicators.csv` holds it: one row per
    issuer, programme, table, section, row, indicator, column and unit, one column
    per period with the latest value stated (exact Decimals; `indicators`).

    `comparison`: the offices side by side (`comparison.json`), one row per office,
    year and vocabulary indicator.
    """
    folder = Path(out_dir)
    if wide and comparison:
        raise UsageError("wide or comparison, not both")
    if wide:
        from extractor.output.wide_view import wide_table

        records = read_records(folder, "dataset")
        if records is None:
            raise UsageError(f"{out_dir} holds no dataset.json (the wide view is the dataset's)")
        rows, columns = wide_table(records)
        frame = records_to_frame(INDICATORS.name, rows, columns)
        frame.attrs["table"] = INDICATORS.name
        return frame
    name = "dataset" if (folder / "dataset.json").exists() else "observations"
    if comparison:
        name = "comparison"
    frame = load_table(folder, name)
    frame.attrs["table"] = name
    return frame
