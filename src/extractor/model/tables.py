"""The output tables, each defined once: a record model, a title and a primary key.

A table's columns are its record model's fields, in order (`Observation` for
observations, `Finding` for checks, ...): the field name is the column, the
field's type its kind (below), its description the column's description, and a
`Literal` or enum type its allowed values.  Everything else that needs the
columns derives them from `TABLES`: the writers' CSV headers, the typed
readers (`extractor.output.read_tables`), Parquet, DuckDB and Data Package
schemas (`extractor.output.exports`) and the JSON Schemas in `schemas/`.

Kinds: ``str``; ``num_str`` (a text stating numbers, `NUMBER_TEXT`); ``int``;
``dec`` (exact `Decimal`); ``float``; ``bool`` (True/False in CSV); ``str_list`` /
``dec_list`` (tuples, ";"-joined in CSV); ``json`` (a tuple of records, JSON text in
CSV); ``periods`` (a mapping period -> exact value: one ``dec`` column per period in
every file, named by the period, `flat_columns`).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel

from extractor.model.comparison import ComparisonRow
from extractor.model.dataset import NO_YEAR, DatasetRow, IndicatorRow
from extractor.model.findings import Finding
from extractor.model.records import (
    NUMBER_TEXT,
    Failure,
    Figure,
    Footnote,
    Observation,
    ReportInfo,
)

Kind = Literal[
    "str", "num_str", "int", "dec", "float", "bool", "str_list", "dec_list", "json", "periods"
]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str
    enum: tuple[str, ...] = ()
    items: tuple[Column, ...] = ()  # for a json column: the fields of its records


@dataclass(frozen=True)
class TableSpec:
    name: str  # the files: NAME.csv, NAME.json, NAME.parquet
    title: str
    model: type[BaseModel]  # one row of the table
    record: str  # the name of its JSON Schema: schemas/RECORD.schema.json
    primary_key: tuple[str, ...]
    source: Literal["json", "csv"] = "json"  # the file read back: NAME.json or NAME.csv
    json_joins_lists: bool = False  # list columns ";"-joined in the JSON file too
    refers_to_reports: bool = False  # report_id is a foreign key to reports

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        return columns_of(self.model)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.model.model_fields)


def columns_of(model: type[BaseModel]) -> tuple[Column, ...]:
    """The columns of a record model, in field order."""
    return tuple(
        column_of(name, field.annotation, field.description or "", field.metadata)
        for name, field in model.model_fields.items()
    )


def column_of(name: str, annotation: Any, description: str, metadata: list[Any]) -> Column:
    kind, item = kind_of(annotation)
    if kind == "str" and NUMBER_TEXT in metadata:
        kind = "num_str"
    items = columns_of(item) if isinstance(item, type) and issubclass(item, BaseModel) else ()
    return Column(name, kind, description, allowed_values(annotation), items)


def kind_of(annotation: Any) -> tuple[Kind, Any]:
    """The column kind of a field type (optional or not), and its item type for tuples."""
    inner = without_none(annotation)
    if typing.get_origin(inner) is dict:
        return "periods", None
    if typing.get_origin(inner) is tuple:
        item = without_none(typing.get_args(inner)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "json", item
        return ("dec_list" if item is Decimal else "str_list"), item
    if inner is Decimal:
        return "dec", None
    if inner is bool:
        return "bool", None
    if inner not in (int, float):
        return "str", None
    return ("int" if inner is int else "float"), None


def without_none(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def allowed_values(annotation: Any) -> tuple[str, ...]:
    inner = without_none(annotation)
    if typing.get_origin(inner) is Literal:
        return tuple(str(v) for v in typing.get_args(inner))
    if isinstance(inner, type) and issubclass(inner, Enum):
        return tuple(str(member.value) for member in inner)
    return ()


REPORT_KEY = ("report_id",)
OBSERVATIONS = TableSpec(
    "observations", "Observations: every number of every table cell", Observation, "observation",
    (*REPORT_KEY, "table_id", "section", "row", "column", "unit"),
    json_joins_lists=True, refers_to_reports=True,
)  # fmt: skip
FOOTNOTES = TableSpec(
    "footnotes", "Footnote texts", Footnote, "footnote", (*REPORT_KEY, "page", "number"),
    json_joins_lists=True, refers_to_reports=True,
)  # fmt: skip
REPORTS = TableSpec("reports", "Reports: one per input file", ReportInfo, "report", REPORT_KEY)
DATASET = TableSpec(
    "dataset", "Dataset: indicator values consolidated across reports", DatasetRow, "dataset_row",
    ("issuer", "programme", "table_id", "section", "row", "indicator", "column", "period", "unit"),
)  # fmt: skip
CHECKS = TableSpec(
    "checks", "Consistency findings within and between reports", Finding, "finding",
    ("check", "report_id", "source_file", "table_id", "section", "row", "period", "message"),
)  # fmt: skip
FIGURES = TableSpec(
    "figures", "Figures: numbers stated in running text", Figure, "figure", (),
    refers_to_reports=True,
)  # fmt: skip
FAILURES = TableSpec(
    "failures", "Input files that could not be read", Failure, "failure", ("file",), source="csv"
)

INDICATORS = TableSpec(
    "indicators", "Indicators: the dataset's latest values, one column per period", IndicatorRow,
    "indicator_row",
    ("issuer", "programme", "table_id", "section", "row", "indicator", "column", "unit"),
    source="csv",
)  # fmt: skip
COMPARISON = TableSpec(
    "comparison", "Comparison: one indicator of one office per year, from tables and prose",
    ComparisonRow, "comparison_row", ("issuer", "year", "indicator_code"),
)  # fmt: skip

TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (OBSERVATIONS, FOOTNOTES, REPORTS, DATASET, CHECKS, FIGURES, FAILURES, COMPARISON)
}
TABLES[INDICATORS.name] = INDICATORS


def period_name(period: str) -> str:
    """The name of a period's column in the wide view: the year, or `no_year`."""
    return period or NO_YEAR


def flat_columns(spec: TableSpec, names: Sequence[str] = ()) -> tuple[Column, ...]:
    """The columns of `spec` as its files hold them: a ``periods`` column becomes one
    ``dec`` column per name of `names` (a file's header, or `period_name`s), in that order."""
    flat: list[Column] = []
    for column in spec.columns:
        if column.kind != "periods":
            flat.append(column)
            continue
        fixed = {c.name for c in spec.columns}
        flat.extend(
            Column(name, "dec", f"{column.description} ({name})")
            for name in names
            if name not in fixed
        )
    return tuple(flat)


def has_periods(spec: TableSpec) -> bool:
    return any(c.kind == "periods" for c in spec.columns)
