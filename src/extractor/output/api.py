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
  ``object`` columns of tuples; ``issues`` of reports: lists of dicts.

`TABLES` describes every output table (columns, kinds, descriptions, primary
keys); `extractor.output.exports` derives Parquet, DuckDB and Data Package schemas
from it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from extractor.model.errors import UsageError
from extractor.output.jsonstream import ArrayError, json_array_items

if TYPE_CHECKING:  # pandas is imported when a frame is built: exports need no pandas
    import pandas as pd

Kind = Literal["str", "num_str", "int", "dec", "float", "str_list", "dec_list", "json"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    source: Literal["json", "csv"] = "json"  # the file read back: NAME.json or NAME.csv


def _cols(*items: tuple[str, Kind, str] | Column) -> tuple[Column, ...]:
    return tuple(i if isinstance(i, Column) else Column(*i) for i in items)


UNITS = ("count", "PLN", "percent", "PLN_per_capita", "per_1000_inhabitants", "per_year", "")
_REPORT_ID = Column("report_id", "str", "Report identifier, from the file name")
_SOURCE_FILE = Column("source_file", "str", "The PDF's file name")
_PAGE = Column("page", "int", "1-based page where it is printed")
_TABLE_ID = Column("table_id", "str", 'Table number as printed after "Tab." / "Tabela" (1.2a, 3)')
_SECTION = Column("section", "str", "Group number for tables split into groups, else empty")
_ROW = Column("row", "str", "L.p. as printed without the dot; 4a/4b for parts; else the row label")
_UNIT = Column("unit", "str", "count, PLN, percent, PLN_per_capita, "
               "per_1000_inhabitants, per_year; empty for a missing value", UNITS)  # fmt: skip

OBSERVATIONS = TableSpec("observations", "Observations: every number of every table cell", _cols(
    _REPORT_ID, _SOURCE_FILE, _PAGE, _TABLE_ID,
    ("table_title", "str", "The caption text after the table number"),
    _SECTION, _ROW,
    ("indicator", "str", "The row's text, whitespace normalised"),
    ("column", "str", "The column header as printed"),
    ("period", "str", "The year the column refers to, else empty"),
    ("raw", "str", "The cell text as printed, footnote markers removed"),
    ("value", "dec", "The number, exact; amounts in tys. zł are in złoty; empty if missing"),
    _UNIT,
    ("footnotes", "str_list", "Footnote markers attached to the cell (;-joined in CSV)"),
    Column("source", "str", "text (text layer) or ocr", ("text", "ocr")),
    ("confidence", "float", "OCR confidence 0-1 (1 for a text layer)"),
), ("report_id", "table_id", "section", "row", "column", "unit"))  # fmt: skip

FOOTNOTES = TableSpec("footnotes", "Footnote texts", _cols(
    _REPORT_ID, _SOURCE_FILE,
    ("number", "str", "The footnote marker as printed (6, *, **)"),
    ("text", "str", "The footnote text"),
    _PAGE,
    ("anchors", "str_list", "Where it is referenced: cells, captions, text (;-joined in CSV)"),
), ("report_id", "page", "number"))  # fmt: skip

REPORTS = TableSpec("reports", "Reports: one per input file", _cols(
    _REPORT_ID,
    ("file", "str", "The PDF's file name"),
    ("sha256", "str", "SHA-256 of the file"),
    ("pages", "int", "Number of pages"),
    ("title", "str", "Title as printed"),
    ("issuer", "str", "The local government that issued the report"),
    ("programme", "str", "The cooperation programme reported on"),
    ("programme_period", "str", "Years the programme covers"),
    ("report_year", "int", "The year reported on"),
    ("baseline_year", "int", "The year of the baseline values"),
    ("resolution_number", "str", "Number of the resolution adopting the programme"),
    ("resolution_date", "str", "Date of that resolution, as printed"),
    Column("status", "str", "ok, partial or failed", ("ok", "partial", "failed")),
    ("issues", "json", "Problems found while reading: [{page, message, severity}] (JSON)"),
), ("report_id",))  # fmt: skip

DATASET = TableSpec("dataset", "Dataset: indicator values consolidated across reports", _cols(
    ("issuer", "str", "The local government"),
    ("programme", "str", "The programme (annual programmes of one issuer form one series)"),
    _TABLE_ID, _SECTION, _ROW,
    ("indicator", "str", "The indicator text (latest report)"),
    ("column", "str", "The column header as printed in the latest report stating the value"),
    ("period", "str", "The year; empty for a target holding for the whole programme"),
    _UNIT,
    ("value", "dec", "The value, exact; when conflicting the latest report's value"),
    Column("status", "str", "single, agreed or conflicting", ("single", "agreed", "conflicting")),
    ("values", "dec_list", "Every distinct value stated, oldest report first (;-joined in CSV)"),
    ("sources", "str_list", "file:page of every statement (;-joined in CSV)"),
    ("report_ids", "str_list", "Reports stating the value (;-joined in CSV)"),
    ("renamed_from", "str", "Earlier texts of a renamed indicator"),
), ("issuer", "programme", "table_id", "section", "row", "indicator", "column", "period",
    "unit"))  # fmt: skip

CHECKS = TableSpec("checks", "Consistency findings within and between reports", _cols(
    ("check", "str", "The check's name (total_mismatch, restatement, ...)"),
    Column("severity", "str", "error, warning or info", ("error", "warning", "info")),
    ("report_id", "str", "Reports involved (;-joined)"),
    ("source_file", "str", "The file that prints the flagged value"),
    _TABLE_ID, _SECTION, _ROW,
    ("period", "str", "The year for year columns, else the column header as printed"),
    ("expected", "num_str", "The expected value or condition"),
    ("found", "num_str", "The value found"),
    ("message", "str", "What is wrong, with pages"),
), ("check", "report_id", "source_file", "table_id", "section", "row", "period",
    "message"))  # fmt: skip

FIGURES = TableSpec("figures", "Figures: numbers stated in running text", _cols(
    _REPORT_ID, _SOURCE_FILE, _PAGE,
    ("sentence", "str", "The sentence stating the number"),
    ("value", "dec", "The number as printed (1 245,5 tys. zł -> 1245.5)"),
    _UNIT,
    ("scale", "dec", "Multiplier of the printed unit (1000 for tys. zł)"),
    ("table_id", "str", "Table of the cell the sentence restates, else empty"),
    ("row", "str", "Row of that cell"),
    ("column", "str", "Column of that cell"),
), ())  # fmt: skip

FAILURES = TableSpec("failures", "Input files that could not be read", _cols(
    ("file", "str", "The file's name"),
    ("reason", "str", "Why it failed"),
), ("file",), source="csv")  # fmt: skip

TABLES: dict[str, TableSpec] = {
    t.name: t for t in (OBSERVATIONS, FOOTNOTES, REPORTS, DATASET, CHECKS, FIGURES, FAILURES)
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


CONVERTERS: dict[Kind, Callable[[Any], Any]] = {
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
    columns = [c for c in spec.columns if only is None or c.name in only]
    return _typed_records(path, spec, columns, shared)


def _typed_records(
    path: Path, spec: TableSpec, columns: Sequence[Column], shared: dict[str, str] | None
) -> Iterator[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            raw = json_array_items(fh) if spec.source == "json" else csv_rows(fh)
            plain = [(c.name, CONVERTERS[c.kind]) for c in columns]
            for record in raw:
                if not isinstance(record, dict):
                    raise UsageError(f"{path} is not a list of objects")
                get = record.get
                row = {name: conv(get(name)) for name, conv in plain}
                if shared is not None:  # one object per distinct text
                    row = {k: shared.setdefault(v, v) if v.__class__ is str else v
                           for k, v in row.items()}  # fmt: skip
                yield row
    except ArrayError as exc:
        if exc.msg == "expected a list":
            raise UsageError(f"{path} is not a list of objects") from None
        raise UsageError(f"cannot read {path}: {exc}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as exc:
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
    "str": "string", "num_str": "string", "int": "Int64", "float": "float64",
    "dec": "object", "str_list": "object", "dec_list": "object", "json": "object",
}  # fmt: skip


def records_to_frame(name: str, records: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    spec = TABLES[name]
    columns = [c.name for c in spec.columns]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for column in spec.columns:
        dtype = PANDAS_DTYPES[column.kind]
        if dtype == "object":
            values = [r[column.name] for r in records]
            frame[column.name] = pd.Series(values, index=frame.index, dtype="object")
        else:
            frame[column.name] = frame[column.name].astype(dtype)  # type: ignore[call-overload]
    return frame


def load_table(out_dir: str | Path, name: str) -> pd.DataFrame:
    """One output table (`observations`, `footnotes`, `reports`, `dataset`, `checks`,
    `figures`, `failures`) of an `extractor run` folder, typed (see the module docstring)."""
    if name not in TABLES:
        raise UsageError(f"unknown table '{name}' (one of {', '.join(TABLES)})")
    records = read_records(Path(out_dir), name)
    if records is None:
        raise UsageError(f"{out_dir} holds no {name}.{TABLES[name].source}")
    return records_to_frame(name, records)


def load_dataset(out_dir: str | Path) -> pd.DataFrame:
    """The consolidated dataset of an output folder (`dataset.json`): one row per
    indicator, column and period across all reports, `value` as exact Decimals.

    Falls back to the per-report observations (`observations.json`) when the
    folder holds no dataset; the frame's ``attrs["table"]`` says which was read.
    """
    folder = Path(out_dir)
    name = "dataset" if (folder / "dataset.json").exists() else "observations"
    frame = load_table(folder, name)
    frame.attrs["table"] = name
    return frame
