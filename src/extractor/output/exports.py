"""Extra output formats, derived from the CSV/JSON files a run has written.

`write_exports(out_dir, formats, excel)` adds, beside observations, footnotes,
reports, dataset, checks, figures and failures (each skipped when its file is
absent):

- ``reports.csv``: reports.json as a table (``issues`` as JSON text); always;
- ``indicators.csv``: the dataset's wide view (`extractor.output.indicators`); always;
- ``parquet``: ``<table>.parquet``, typed (exact decimals, lists, nullable ints);
- ``duckdb``: ``extractor.duckdb``, one table per output table, columns commented
  (`extractor.output.duckdb_file`);
- ``datapackage``: ``datapackage.json``, a Frictionless Tabular Data Package
  describing every CSV (field types, descriptions, enums, primary/foreign keys);
- ``xlsx``: ``extractor.xlsx``, every table as a typed sheet (`extractor.output.workbook`);
  also with ``excel=True`` when the formats leave it out;
- ``excel-csv`` (only when named): ``<table>.excel.csv`` for Polish-locale spreadsheets
  (UTF-8 with BOM, ``;`` separator, decimal comma in numeric columns).

Column types come from the one definition of the tables, `extractor.model.tables`.
Every file is written to a temporary name in `out_dir` and renamed into place;
Parquet, CSV, JSON and the workbook are byte-identical for identical inputs.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from extractor import __version__
from extractor.model.errors import UsageError
from extractor.model.tables import REPORTS, TABLES, Column, TableSpec, flat_columns
from extractor.output import settings
from extractor.output.atomic import atomic_file_path, atomic_files, atomic_write_text
from extractor.output.comparison_files import write_comparison
from extractor.output.duckdb_file import DuckdbFile
from extractor.output.formats import chosen_formats
from extractor.output.indicators import write_indicators
from extractor.output.read_tables import file_columns, iter_records
from extractor.output.rendering import write_csv
from extractor.output.workbook import write_workbook

Rows = list[dict[str, Any]]


class Pending(Protocol):
    """A piece of work started: `wait()` for its value (or its exception), or `stop()` it."""

    def wait(self) -> list[Path]: ...
    def stop(self) -> None: ...


Beside = Callable[[Callable[[], list[Path]]], Pending]  # starts work elsewhere, or here at once

PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
NUMBER_IN_TEXT = re.compile(r"(?<![\w.,])(-?\d+)\.(\d+)(?![\w.,])")
FRICTIONLESS_TYPES = {
    "str": "string", "num_str": "string", "int": "integer", "dec": "number",
    "float": "number", "str_list": "string", "dec_list": "string", "json": "array",
    "bool": "boolean",
}  # fmt: skip


class Done:
    """Work done at once, in this process (the `Beside` without another process)."""

    def __init__(self, work: Callable[[], list[Path]]) -> None:
        self.value = work()

    def wait(self) -> list[Path]:
        return self.value

    def stop(self) -> None:
        pass


def write_exports(
    out_dir: Path,
    formats: str = "all",
    excel: bool = False,
    beside: Beside = Done,
    database: DuckdbFile | None = None,
) -> list[Path]:
    """Write the extra formats for the tables found in `out_dir`; the paths written.  The
    workbook (pure Python) is written through `beside`, e.g. in another process while
    this one writes Parquet and DuckDB (stopped should they fail); DuckDB's tables go
    into `database` when given (opened ahead of time, `extractor.output.duckdb_file`)."""
    chosen = chosen_formats(formats, excel)
    if not out_dir.is_dir():
        raise UsageError(f"no such output folder: {out_dir}")
    written = [path for path in (write_indicators(out_dir),) if path is not None]
    write_comparison(out_dir)  # offices side by side: a data table of its own, not a format
    present = [name for name in TABLES if (out_dir / f"{name}.{TABLES[name].source}").exists()]
    if REPORTS.name in present:
        written.append(write_reports_csv(out_dir))
    workbook = beside(lambda: workbook_files(out_dir)) if "xlsx" in chosen else Done(list)
    try:
        written += typed_files(out_dir, chosen, present, database)
        if "datapackage" in chosen:
            written.append(write_datapackage(out_dir))
    except BaseException:
        workbook.stop()
        raise
    written += workbook.wait()
    if "excel-csv" in chosen:
        written += write_excel_csvs(out_dir)
    return written


def workbook_files(out_dir: Path) -> list[Path]:
    return [p for p in (write_workbook(out_dir),) if p is not None]


def typed_files(
    out_dir: Path, chosen: set[str], present: list[str], database: DuckdbFile | None = None
) -> list[Path]:
    """The Parquet files and the DuckDB database of the tables `present`."""
    written: list[Path] = []
    duck = (database or DuckdbFile(out_dir)) if "duckdb" in chosen and present else None
    try:
        for name in present if {"parquet", "duckdb"} & chosen else ():  # streamed
            with parquet_file(out_dir, name, keep="parquet" in chosen) as parquet:
                if parquet is None:
                    continue
                if "parquet" in chosen:
                    written.append(out_dir / f"{name}.parquet")
                if duck is not None:
                    duck.add(name, parquet)
        if duck is not None:
            written.append(duck.close())
    finally:
        if duck is not None:
            duck.discard()
    return written


# ------------------------------------------------------------------ helpers


def write_reports_csv(out_dir: Path) -> Path:
    """reports.json as a table, its record columns (``issues``) as JSON text."""
    path = out_dir / f"{REPORTS.name}.csv"
    nested = [c.name for c in REPORTS.columns if c.kind == "json"]
    flat = (
        {**row, **{k: json.dumps(row[k], ensure_ascii=False, sort_keys=True) for k in nested}}
        for row in iter_records(out_dir, REPORTS.name) or ()
    )
    with atomic_files(path) as [fh]:
        write_csv(fh, REPORTS.names, flat)
    return path


# ------------------------------------------------------------------ Arrow / Parquet


def decimal_places(columns: Sequence[Column], records: Iterable[dict[str, Any]]) -> dict[str, int]:
    """For each decimal column: the largest number of decimal places (at least 2)."""
    places = {c.name: 2 for c in columns if c.kind in ("dec", "dec_list")}
    for row in records:
        for name in places:
            value = row[name]
            for item in value if isinstance(value, tuple) else (value,):
                if item is not None:
                    places[name] = max(places[name], -int(item.as_tuple().exponent))
    return places


def arrow_type(column: Column, places: int = 2) -> pa.DataType:
    if column.kind == "int":
        return pa.int32()
    if column.kind == "float":
        return pa.float64()
    if column.kind == "bool":
        return pa.bool_()
    if column.kind == "dec":
        return pa.decimal128(38, places)
    if column.kind == "dec_list":
        return pa.list_(pa.decimal128(38, places))
    if column.kind == "str_list":
        return pa.list_(pa.string())
    if column.kind == "json":
        return pa.list_(pa.struct([(item.name, arrow_type(item)) for item in column.items]))
    return pa.string()


def arrow_schema(spec: TableSpec, places: dict[str, int], columns: Sequence[Column]) -> pa.Schema:
    fields = [
        pa.field(
            c.name, arrow_type(c, places.get(c.name, 2)), metadata={"description": c.description}
        )
        for c in columns
    ]
    return pa.schema(
        fields, metadata={"title": spec.title, "generator": f"extractor {__version__}"}
    )


def record_batch(columns: Sequence[Column], schema: pa.Schema, rows: Rows) -> pa.RecordBatch:
    arrays = []
    for column in columns:
        values = [row[column.name] for row in rows]
        if column.kind == "json":
            names = [item.name for item in column.items]
            values = [[{k: i.get(k) for k in names} for i in v] for v in values]
        arrays.append(pa.array(values, type=schema.field(column.name).type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def record_batches(columns: Sequence[Column], schema: pa.Schema,
                   records: Iterable[dict[str, Any]]) -> Iterator[pa.RecordBatch]:  # fmt: skip
    rows: Rows = []
    for record in records:
        rows.append(record)
        if len(rows) == settings.OUTPUT.parquet_row_group:
            yield record_batch(columns, schema, rows)
            rows = []
    if rows:
        yield record_batch(columns, schema, rows)


@contextmanager
def parquet_file(out_dir: Path, name: str, keep: bool) -> Iterator[Path | None]:
    """`<name>.parquet`, written in row groups from a streamed read of the table, and for a
    table of more than one row group a first read that finds the decimal scales (a
    smaller one is read once, whole); kept in `out_dir` or only for the block."""
    spec = TABLES[name]
    records = iter_records(out_dir, name)
    if records is None:
        yield None
        return
    columns = file_columns(out_dir, spec)
    first = list(islice(records, settings.OUTPUT.parquet_row_group + 1))
    if len(first) <= settings.OUTPUT.parquet_row_group:
        places = decimal_places(columns, first)
    else:
        decimals = [c.name for c in columns if c.kind in ("dec", "dec_list")]
        places = decimal_places(columns, iter_records(out_dir, name, only=decimals) or ())
    schema = arrow_schema(spec, places, columns)
    target = out_dir / f"{name}.parquet"
    with atomic_file_path(target, keep) as tmp:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for batch in record_batches(columns, schema, chain(first, records)):
                writer.write_batch(batch)
        yield tmp


# ------------------------------------------------------------------ Data Package


def field_descriptor(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": FRICTIONLESS_TYPES[column.kind],
        "description": column.description,
    }
    if field["type"] in ("string", "array"):
        field["missingValues"] = []  # an empty text is a value, not a missing one
    if column.enum:
        field["constraints"] = {"enum": list(column.enum)}
    return field


def resource_descriptor(
    spec: TableSpec, with_reports: bool, columns: Sequence[Column] | None = None
) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [field_descriptor(c) for c in (spec.columns if columns is None else columns)],
        "missingValues": [""],
    }
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    if with_reports and spec.refers_to_reports:
        key = list(REPORTS.primary_key)
        reference = {"resource": REPORTS.name, "fields": key}
        schema["foreignKeys"] = [{"fields": key, "reference": reference}]
    return {
        "name": spec.name,
        "title": spec.title,
        "path": f"{spec.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "schema": schema,
    }


def datapackage_descriptor(out_dir: Path) -> dict[str, Any]:
    present = [spec for name, spec in TABLES.items() if (out_dir / f"{name}.csv").exists()]
    with_reports = REPORTS in present
    return {
        "profile": "tabular-data-package",
        "name": "extractor-output",
        "title": "Indicators of Polish local-government NGO-cooperation reports",
        "description": "Every number of every indicator table of the reports, with footnotes, "
        "units and pages; consolidated across reports, with consistency findings.",
        "sources": [{"title": f"extractor {__version__}"}],
        "resources": [
            resource_descriptor(spec, with_reports, file_columns(out_dir, spec)) for spec in present
        ],
    }


def write_datapackage(out_dir: Path) -> Path:
    path = out_dir / "datapackage.json"
    text = json.dumps(datapackage_descriptor(out_dir), ensure_ascii=False, indent=1)
    atomic_write_text(path, text + "\n")
    return path


# ------------------------------------------------------------------ Excel CSV


def comma_decimal(text: str) -> str:
    """'49.82' -> '49,82'; text that is not a plain number stays as it is."""
    return text.replace(".", ",") if PLAIN_NUMBER.match(text) else text


def excel_cell(column: Column, text: str) -> str:
    if column.kind in ("dec", "float"):
        return comma_decimal(text)
    if column.kind == "num_str":  # "<= 8000.00" -> "<= 8000,00"
        return NUMBER_IN_TEXT.sub(r"\1,\2", text)
    if column.kind == "dec_list":
        return ";".join(comma_decimal(part) for part in text.split(";"))
    return text


def write_excel_csv(spec: TableSpec, source: TextIO, target: TextIO) -> None:
    """A pipeline CSV re-written, line by line, for a Polish-locale spreadsheet."""
    reader = csv.reader(source)
    header = next(reader, [])
    columns = {c.name: c for c in flat_columns(spec, header)}
    writer = csv.writer(target, delimiter=";", lineterminator="\r\n")
    target.write("\ufeff")
    writer.writerow(header)
    for row in reader:
        writer.writerow(
            [
                excel_cell(columns[h], v) if h in columns else v
                for h, v in zip(header, row, strict=False)
            ]
        )


def write_excel_csvs(out_dir: Path) -> list[Path]:
    written = []
    for name, spec in TABLES.items():
        source = out_dir / f"{name}.csv"
        if not source.exists():
            continue
        path = out_dir / f"{name}.excel.csv"
        with source.open(encoding="utf-8", newline="") as fh, atomic_files(path) as [out]:
            write_excel_csv(spec, fh, out)
        written.append(path)
    return written
