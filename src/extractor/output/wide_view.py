"""The wide view of the dataset (`indicators.csv`, `load_dataset(wide=True)`): one row
per indicator, one column per period.

A row is an issuer, programme, table, section, row, indicator, column and unit; its
cells hold the dataset's `value` (the latest report's) for each period, in year
order, then `no_year` (targets for the whole programme).  The `column` is empty when
the values come from the table's year columns (`2021 r.`, `Stan wyjściowy 2020 r.`:
headers naming just the row's year), else the header (`Kwota dotacji przyznanej`,
`Wartość docelowa`), so that two value columns of one row stay two rows.  A value
missing in some years ("—", no unit) is an empty cell of the line its other years
state in a unit.  Status and sources stay in the long dataset.

Pure functions over dataset records: one indicator's rows are pivoted at a time, so
records in the dataset's order are pivoted as they stream (`extractor.output.indicators`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from typing import Any

from extractor.model.tables import INDICATORS, Column, flat_columns, period_name
from extractor.text.normalize import natural_key

Record = dict[str, Any]
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
LINE = ("table_id", "section", "row", "column", "unit")  # a wide row within an indicator


def names_period(column: str, period: str) -> bool:
    """Does the column header name the row's period, and no other year (`2021 r.`)?"""
    return bool(period) and set(YEAR.findall(column)) == {period}


def period_names(periods: Iterable[str]) -> list[str]:
    """The wide view's period columns: the years in order, then `no_year`."""
    distinct = set(periods)
    return [period_name(p) for p in sorted(distinct - {""}, key=natural_key)] + (
        [period_name("")] if "" in distinct else []
    )


def indicator_key(record: Record) -> tuple[object, ...]:
    """The dataset's order up to the indicator: one indicator's rows are adjacent."""
    return (
        record["issuer"], record["programme"], natural_key(record["table_id"]),
        natural_key(record["section"]), natural_key(record["row"]), record["indicator"],
    )  # fmt: skip


def wide_rows(records: Iterable[Record]) -> Iterator[Record]:
    """Dataset records (in the dataset's order) -> wide rows: the key columns,
    `is_total` and `values` ({period column: value})."""
    for _, group in groupby(records, key=indicator_key):
        yield from pivot(list(group))


def pivot(group: Sequence[Record]) -> Iterator[Record]:
    """One indicator's dataset rows as wide rows, in a stable order."""
    lines: dict[tuple[str, ...], list[Record]] = {}
    for record in group:
        column = "" if names_period(record["column"], record["period"]) else record["column"]
        key: tuple[str, ...] = (record["table_id"], record["section"], record["row"], column)
        key += (record["unit"],)
        lines.setdefault(key, []).append(record)
    stated = {key[:4] for key in lines if key[4]}
    for key in sorted(lines):
        if not key[4] and key[:4] in stated and all(r["value"] is None for r in lines[key]):
            continue  # "—" in some years of a line stated in a unit: its empty cells
        records = lines[key]
        if len({r["period"] for r in records}) < len(records) and key[3] == "":
            for column in sorted({r["column"] for r in records}):  # two headers, one year
                yield wide_row(group[0], (*key[:3], column, key[4]), records, column)
        else:
            yield wide_row(group[0], key, records)


def wide_row(
    first: Record, line: tuple[str, ...], records: Sequence[Record], column: str | None = None
) -> Record:
    """One wide row of the records (of those printed under `column` when given)."""
    chosen = [r for r in records if column is None or r["column"] == column]
    row: Record = {"issuer": first["issuer"], "programme": first["programme"]}
    row.update(zip(LINE[:3], line[:3], strict=True))
    row.update(indicator=first["indicator"], column=line[3], unit=line[4])
    row["is_total"] = any(r["is_total"] for r in chosen)
    row["values"] = {period_name(r["period"]): r["value"] for r in chosen}
    return row


def flat(row: Record, periods: Sequence[str]) -> Record:
    """A wide row as its files show it: one cell per period column."""
    cells = {k: v for k, v in row.items() if k != "values"}
    cells.update((name, row["values"].get(name)) for name in periods)
    return cells


def wide_table(records: Sequence[Record]) -> tuple[list[Record], tuple[Column, ...]]:
    """The wide view of dataset records held in memory: its flat rows and columns."""
    periods = period_names(r["period"] for r in records)
    rows = [flat(row, periods) for row in wide_rows(records)]
    return rows, flat_columns(INDICATORS, periods)
