"""indicators.csv, the wide view: one row per indicator, one column per period, each cell
the long dataset's value, value for value (and the same view everywhere it is given)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from extractor.model.errors import UsageError
from extractor.model.tables import INDICATORS
from extractor.output.exports import write_exports
from extractor.output.read_tables import load_dataset, load_table
from extractor.output.rendering import decimal_text
from extractor.output.wide_view import names_period, period_names, wide_rows

from conftest import write_bundled_output

KEY = list(INDICATORS.primary_key)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory, extracted: object) -> Path:
    out = tmp_path_factory.mktemp("run")
    write_bundled_output(out, extracted)
    write_exports(out, "csv,json,parquet,duckdb")
    return out


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_indicators_csv_matches_the_dataset_value_for_value(run_dir: Path) -> None:
    dataset = json.loads((run_dir / "dataset.json").read_text("utf-8"))
    wide = csv_rows(run_dir / "indicators.csv")
    header = list(wide[0])
    periods = header[header.index("is_total") + 1 :]
    assert periods == ["2020", "2021", "2022", "2023", "no_year"]
    keys = Counter(tuple(r[k] for k in KEY) for r in wide)
    assert max(keys.values()) == 1  # the primary key holds
    cells = {(tuple(r[k] for k in KEY), p): r[p] for r in wide for p in periods if r[p]}
    used = set()
    for rec in dataset:
        if rec["value"] is None:
            continue
        column = "" if names_period(rec["column"], rec["period"]) else rec["column"]
        assert column == "" or rec["column"] == column
        key = (*(rec[k] for k in KEY[:6]), column, rec["unit"])
        cell = (key, rec["period"] or "no_year")
        assert cells.get(cell) == decimal_text(Decimal(rec["value"])), cell
        assert cell not in used
        used.add(cell)
    assert used == set(cells)  # no value in the wide view that the dataset does not state

    def line(row: dict[str, Any]) -> tuple[str, ...]:
        return (*(row[k] for k in KEY[:6]), row["unit"])

    wide_totals = {line(r) for r in wide if r["is_total"] == "True"}
    assert wide_totals == {line(r) for r in dataset if r["is_total"] and r["value"] is not None}
    assert wide_totals


def test_year_columns_fold_into_one_row_and_value_columns_stay_apart(run_dir: Path) -> None:
    wide = csv_rows(run_dir / "indicators.csv")
    kp = [r for r in wide if r["table_id"] == "1.2a" and r["row"] == "6"]
    assert [(r["column"], r["unit"]) for r in kp] == [("", "count")]
    assert kp[0]["2020"] and kp[0]["2021"] and kp[0]["2022"] and kp[0]["2023"]
    grants = [r for r in wide if r["table_id"] == "1" and r["row"] == "Razem"]
    assert [r["column"] for r in grants] == [
        "Kwota dotacji przyznanej (zł)", "Kwota dotacji wykorzystanej (zł)",
        "Liczba zawartych umów", "Liczba złożonych ofert",
    ]  # fmt: skip
    assert [(r["2022"], r["2023"]) for r in grants][0] == ("298000", "315500")
    targets = [r for r in wide if r["column"] == "Wartość docelowa"]
    assert targets and all(r["no_year"] and not r["2023"] for r in targets)


def test_load_dataset_wide_is_the_same_view(run_dir: Path) -> None:
    frame = load_dataset(run_dir, wide=True)
    assert frame.attrs["table"] == "indicators"
    table = load_table(run_dir, "indicators")
    assert list(frame.columns) == list(table.columns)
    assert frame.equals(table)
    assert str(frame["is_total"].dtype) == "boolean"
    values = [v for p in ("2020", "2021", "2022", "2023") for v in frame[p] if v is not None]
    assert values and all(isinstance(v, Decimal) for v in values)
    parquet = pq.read_table(run_dir / "indicators.parquet").to_pylist()
    assert [[r[c] for c in frame.columns] for r in parquet] == frame.astype(object).where(
        frame.notna(), None).values.tolist()  # fmt: skip
    con = duckdb.connect(str(run_dir / "extractor.duckdb"), read_only=True)
    try:
        count = con.execute('SELECT count(*), count("2023") FROM indicators').fetchone()
    finally:
        con.close()
    assert count == (len(frame), frame["2023"].notna().sum())


def record(column: str, period: str, value: str | None, unit: str = "count") -> dict[str, Any]:
    return {
        "issuer": "Gmina", "programme": "Program", "table_id": "1", "section": "", "row": "1",
        "indicator": "Liczba", "column": column, "period": period, "unit": unit,
        "value": None if value is None else Decimal(value), "is_total": False,
    }  # fmt: skip


def test_pivot_keeps_every_value_and_no_empty_line() -> None:
    rows = list(
        wide_rows([
            record("2021 r.", "2021", "3"), record("Stan 2021", "2021", "4"),  # two headers
            record("2022 r.", "2022", None, ""), record("2023 r.", "2023", "5"),
            record("Wartość docelowa", "", "9"), record("Zmiana 2023/2022", "2023", "1"),
        ])
    )  # fmt: skip
    assert [(r["column"], r["values"]) for r in rows] == [
        ("2021 r.", {"2021": Decimal(3)}),
        ("2023 r.", {"2023": Decimal(5)}),
        ("Stan 2021", {"2021": Decimal(4)}),
        ("Wartość docelowa", {"no_year": Decimal(9)}),
        ("Zmiana 2023/2022", {"2023": Decimal(1)}),
    ]  # the "—" of 2022 (no unit) is the empty 2022 cell of the line stated in a unit
    only_missing = list(wide_rows([record("2022 r.", "2022", None, "")]))
    assert [(r["column"], r["unit"], r["values"]) for r in only_missing] == [
        ("", "", {"2022": None})
    ]
    assert period_names(["2023", "", "2021", "2023"]) == ["2021", "2023", "no_year"]


def test_the_wide_view_needs_a_dataset(run_dir: Path, tmp_path: Path) -> None:
    for name in ("observations.json", "observations.csv"):
        (tmp_path / name).write_bytes((run_dir / name).read_bytes())
    with pytest.raises(UsageError, match="no dataset.json"):
        load_dataset(tmp_path, wide=True)
    assert load_dataset(tmp_path).attrs["table"] == "observations"
