"""Extra output formats: Parquet, DuckDB, Data Package, Polish-locale Excel CSV."""

from __future__ import annotations

import csv
import errno
import io
import json
import multiprocessing
import re
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from frictionless import validate

from extractor.batch.forked import Beside
from extractor.model.dataset import DatasetRow
from extractor.model.errors import UsageError
from extractor.model.findings import Finding
from extractor.model.records import Failure, Figure, Footnote, Observation, ReportInfo
from extractor.model.tables import FAILURES, TABLES
from extractor.output import exports
from extractor.output.exports import write_exports
from extractor.output.read_tables import file_columns
from extractor.output.rendering import rows_to_csv

from conftest import write_bundled_output

PLAIN_DOT_NUMBER = re.compile(r"^-?\d+\.\d+$")
TABLE_NAMES = (
    "observations", "footnotes", "reports", "dataset", "checks", "figures", "comparison",
    "failures", "indicators",
)  # fmt: skip


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory, extracted: object) -> Path:
    """An output folder of the bundled reports, as `extractor run` writes it."""
    out = tmp_path_factory.mktemp("run")
    write_bundled_output(out, extracted)
    failures = [{"file": "broken.pdf", "reason": "=not a PDF"}]
    (out / "failures.csv").write_text(rows_to_csv(FAILURES.names, failures), "utf-8")
    return out


@pytest.fixture(scope="module")
def exported(run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exported")
    shutil.copytree(run_dir, out, dirs_exist_ok=True)
    write_exports(out, "all,excel-csv")
    return out


def json_records(folder: Path, name: str) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(
        (folder / f"{name}.json").read_text("utf-8"), parse_float=Decimal
    )
    return data


def test_table_specs_match_the_pipeline_columns() -> None:
    names = {name: [c.name for c in spec.columns] for name, spec in TABLES.items()}
    assert names["observations"] == list(Observation.model_fields)
    assert names["footnotes"] == list(Footnote.model_fields)
    assert names["figures"] == list(Figure.model_fields)
    assert names["dataset"] == list(DatasetRow.model_fields)
    assert names["checks"] == list(Finding.model_fields)
    assert names["reports"] == list(ReportInfo.model_fields)
    assert names["failures"] == list(Failure.model_fields)


def test_datapackage_describes_every_csv_and_validates(exported: Path) -> None:
    package = json.loads((exported / "datapackage.json").read_text("utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(TABLE_NAMES)
    for name, resource in resources.items():
        assert resource["path"] == f"{name}.csv"
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == [c.name for c in file_columns(exported, TABLES[name])]
        assert all(f["description"] and f["type"] for f in fields)
    assert resources["observations"]["schema"]["primaryKey"][0] == "report_id"
    value = next(f for f in resources["observations"]["schema"]["fields"] if f["name"] == "value")
    assert value["type"] == "number"
    report = validate(exported / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "type", "note"])[:5]


def test_datapackage_validation_catches_a_duplicate_key(exported: Path, tmp_path: Path) -> None:
    shutil.copytree(exported, tmp_path, dirs_exist_ok=True)
    lines = (tmp_path / "footnotes.csv").read_text("utf-8").splitlines(keepends=True)
    (tmp_path / "footnotes.csv").write_text("".join([*lines, lines[1]]), "utf-8")
    report = validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert "primary-key" in {e[0] for e in report.flatten(["type"])}


def test_parquet_keeps_values_exact_and_typed(exported: Path) -> None:
    table = pq.read_table(exported / "observations.parquet")
    assert pa.types.is_decimal(table.schema.field("value").type)
    assert table.schema.field("page").type == pa.int32()
    assert table.schema.field("footnotes").type == pa.list_(pa.string())
    source = json_records(exported, "observations")
    rows = table.to_pylist()
    assert len(rows) == len(source) > 100
    for row, rec in zip(rows, source, strict=True):
        expected = None if rec["value"] is None else Decimal(str(rec["value"]))
        assert row["value"] == expected
        assert ";".join(row["footnotes"]) == rec["footnotes"]
    dataset = pq.read_table(exported / "dataset.parquet").to_pylist()
    assert (
        [r["values"] for r in dataset][:3]
        == [
            [Decimal(v) for v in rec["values"]]  # type: ignore[attr-defined]
            for rec in json_records(exported, "dataset")[:3]
        ]
    )


def test_duckdb_holds_every_table_with_exact_sums(exported: Path) -> None:
    con = duckdb.connect(str(exported / "extractor.duckdb"), read_only=True)
    try:
        tables = {
            row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        assert tables == set(TABLE_NAMES)
        for name in (n for n in TABLE_NAMES if (exported / f"{n}.json").exists()):
            count = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            assert count is not None and count[0] == len(json_records(exported, name))
        failure = con.execute("SELECT file, reason FROM failures").fetchall()
        total = con.execute("SELECT sum(value) FROM dataset WHERE unit = 'PLN'").fetchone()
        comment = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'dataset' "
            "AND column_name = 'value'"
        ).fetchone()
    finally:
        con.close()
    expected = sum(
        Decimal(str(r["value"]))
        for r in json_records(exported, "dataset")
        if r["unit"] == "PLN" and r["value"] is not None
    )
    assert total is not None and total[0] == expected
    assert failure == [("broken.pdf", "=not a PDF")]  # the CSV's formula guard undone
    assert comment is not None and "exact" in comment[0]


def test_exports_are_deterministic_and_leave_no_temporary_files(
    run_dir: Path, tmp_path: Path
) -> None:
    shutil.copytree(run_dir, tmp_path, dirs_exist_ok=True)
    first = write_exports(tmp_path, "all,excel-csv")
    contents = {p.name: p.read_bytes() for p in first if p.suffix != ".duckdb"}
    second = write_exports(tmp_path, "all,excel-csv", beside=Beside)  # as a run writes them
    assert first == second
    assert {p.name: p.read_bytes() for p in second if p.suffix != ".duckdb"} == contents
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_failed_export_stops_the_workbook_written_beside_it(
    run_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object) -> list[Path]:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x.parquet"))

    shutil.copytree(run_dir, tmp_path, dirs_exist_ok=True)
    monkeypatch.setattr(exports, "typed_files", full)
    with pytest.raises(OSError, match="No space"):
        write_exports(tmp_path, "all", beside=Beside)
    assert not multiprocessing.active_children()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_format_option_narrows_the_extra_outputs(run_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(run_dir, tmp_path, dirs_exist_ok=True)
    written = write_exports(tmp_path, "csv,parquet")
    assert {p.suffix for p in written} == {".csv", ".parquet"}
    assert not (tmp_path / "extractor.duckdb").exists()
    assert not (tmp_path / "datapackage.json").exists()
    assert [p.name for p in write_exports(tmp_path, "csv,json")] == [
        "indicators.csv", "reports.csv",
    ]  # fmt: skip
    with pytest.raises(UsageError, match="unknown format 'xls'"):
        write_exports(tmp_path, "parquet,xls")
    assert [p.name for p in write_exports(tmp_path, "csv,json", excel=True)] == [
        "indicators.csv",
        "reports.csv",
        "extractor.xlsx",
    ]  # --excel: the workbook even when --format leaves it out
    assert not list(tmp_path.glob("*.excel.csv"))  # Polish-locale CSV only when named


def test_missing_tables_are_skipped(run_dir: Path, tmp_path: Path) -> None:
    for name in ("observations.json", "observations.csv"):
        shutil.copy(run_dir / name, tmp_path / name)
    written = write_exports(tmp_path, "all")
    assert sorted(p.name for p in written) == [
        "datapackage.json", "extractor.duckdb", "extractor.xlsx", "observations.parquet",
    ]  # fmt: skip
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert [r["name"] for r in package["resources"]] == ["observations"]
    assert "foreignKeys" not in package["resources"][0]["schema"]
    assert validate(tmp_path / "datapackage.json").valid


def test_excel_csv_for_polish_locale(exported: Path) -> None:
    raw = (exported / "observations.excel.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    source = list(csv.DictReader(io.StringIO((exported / "observations.csv").read_text("utf-8"))))
    assert len(rows) == len(source)
    for row, src in zip(rows, source, strict=True):
        assert row["value"] == src["value"].replace(".", ",")
        assert row["raw"] == src["raw"] and row["table_id"] == src["table_id"]
    assert any("," in r["value"] for r in rows)
    assert not any("." in r["value"] for r in rows)
    checks = (exported / "checks.excel.csv").read_bytes().decode("utf-8-sig")
    assert checks.startswith("check;severity;") and checks.count("\r\n") >= 2
    found = [r["found"] for r in csv.DictReader(io.StringIO(checks), delimiter=";")]
    assert found and not any(PLAIN_DOT_NUMBER.match(f) for f in found)


def test_parquet_and_duckdb_in_row_groups_equal_whole_tables(
    run_dir: Path, exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tables streamed in small row groups hold exactly what one group holds."""
    from extractor.output import settings

    shutil.copytree(run_dir, tmp_path, dirs_exist_ok=True)
    monkeypatch.setattr(
        settings, "OUTPUT", settings.OUTPUT.model_copy(update={"parquet_row_group": 7})
    )
    write_exports(tmp_path, "parquet,duckdb")
    grouped = pq.ParquetFile(tmp_path / "observations.parquet")
    assert grouped.num_row_groups > 1
    for name in TABLE_NAMES:
        small = pq.read_table(tmp_path / f"{name}.parquet")
        assert small.equals(pq.read_table(exported / f"{name}.parquet"), check_metadata=True)
    whole = duckdb.connect(str(exported / "extractor.duckdb"), read_only=True)
    parts = duckdb.connect(str(tmp_path / "extractor.duckdb"), read_only=True)
    for name in TABLE_NAMES:
        query = f"SELECT * FROM {name} ORDER BY ALL"
        assert parts.execute(query).fetchall() == whole.execute(query).fetchall()
