"""extractor.xlsx, opened the way an analyst's spreadsheet opens it (openpyxl): the sheets,
typed cells with the printed decimals, texts that stay texts, links from the findings."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from extractor.cli.main import app
from extractor.model.dataset import DatasetRow
from extractor.model.tables import FAILURES, TABLES
from extractor.output import settings
from extractor.output.dataset_files import write_dataset
from extractor.output.exports import write_exports
from extractor.output.folder_results import printed_precision
from extractor.output.read_tables import file_columns
from extractor.output.rendering import rows_to_csv
from extractor.output.workbook import WORKBOOK_FILE, write_workbook

from conftest import INPUT, write_bundled_output

SHEETS = [
    "indicators", "comparison", "dataset", "checks", "observations", "footnotes", "figures",
    "reports", "failures",
]  # fmt: skip


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory, extracted: object) -> Path:
    """The bundled reports' output, a failure whose reason looks like a formula."""
    out = tmp_path_factory.mktemp("run")
    write_bundled_output(out, extracted)
    failures = [{"file": "broken.pdf", "reason": "=not a PDF"}]
    (out / "failures.csv").write_text(rows_to_csv(FAILURES.names, failures), "utf-8")
    write_exports(out, "csv,json,xlsx")
    return out


@pytest.fixture(scope="module")
def book(run_dir: Path) -> Any:
    return openpyxl.load_workbook(run_dir / WORKBOOK_FILE)


def records(folder: Path, name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (folder / f"{name}.json").read_text("utf-8"), parse_float=Decimal
    )
    return data


def sheet_rows(sheet: Any) -> list[dict[str, Any]]:
    """The sheet's data rows as {header: cell}."""
    rows = list(sheet.iter_rows())
    header = [c.value for c in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def decimals_of(number_format: str) -> int:
    assert number_format.startswith("#,##0"), number_format
    return len(number_format.partition(".")[2])


def test_one_sheet_per_table_and_the_wide_view_first(book: Any, run_dir: Path) -> None:
    assert book.sheetnames == SHEETS
    for name in SHEETS:
        sheet = book[name]
        header = [c.value for c in next(sheet.iter_rows(max_row=1))]
        assert header == [c.name for c in file_columns(run_dir, TABLES[name])]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet.auto_filter.ref.endswith(str(max(sheet.max_row, 2)))
        widths = [d.width for d in sheet.column_dimensions.values()]
        assert widths and all(6 <= w <= 62 for w in widths)
    assert book["observations"].max_row == len(records(run_dir, "observations")) + 1


def test_numbers_are_numbers_with_the_printed_decimals(book: Any, run_dir: Path) -> None:
    source = records(run_dir, "observations")
    rows = sheet_rows(book["observations"])
    assert len(rows) == len(source)
    places = set()
    for row, obs in zip(rows, source, strict=True):
        assert row["page"].data_type == "n" and row["page"].value == obs["page"]
        assert row["is_total"].data_type == "b" and row["is_total"].value is obs["is_total"]
        if obs["value"] is None:
            assert row["value"].value is None
            continue
        shown = printed_precision(Decimal(str(obs["value"])), obs["raw"])
        exponent = shown.as_tuple().exponent
        assert isinstance(exponent, int)
        assert row["value"].data_type == "n"
        assert Decimal(str(row["value"].value)) == shown
        assert decimals_of(row["value"].number_format) == max(0, -exponent)
        places.add(decimals_of(row["value"].number_format))
    assert {0, 2} <= places  # counts and złoty with grosze (110 000,00 zł)
    money = next(r for r in rows if r["raw"].value == "110 000,00")
    assert money["value"].value == 110000 and money["value"].number_format == "#,##0.00"


def test_dataset_values_keep_their_decimals(book: Any, run_dir: Path) -> None:
    source = records(run_dir, "dataset")
    rows = sheet_rows(book["dataset"])
    for row, rec in zip(rows, source, strict=True):
        if rec["value"] is None:
            assert row["value"].value is None
            continue
        value = Decimal(rec["value"])
        assert Decimal(str(row["value"].value)) == value
        assert decimals_of(row["value"].number_format) == max(0, -int(value.as_tuple().exponent))
        assert row["values"].data_type == "s"  # a list: ";"-joined text
        assert row["is_total"].data_type == "b"


def test_texts_stay_texts(book: Any) -> None:
    rows = sheet_rows(book["observations"])
    ids = {r["table_id"].value for r in rows}
    assert {"1.1", "1.2", "1.2a"} <= ids  # never a date, never a number
    assert all(r["table_id"].data_type == "s" for r in rows)
    assert all(r["row"].data_type == "s" for r in rows if r["row"].value)
    assert all(r["raw"].data_type == "s" for r in rows)
    [failure] = sheet_rows(book["failures"])
    assert failure["reason"].value == "=not a PDF" and failure["reason"].data_type == "s"
    [indicator] = [r for r in sheet_rows(book["indicators"]) if r["table_id"].value == "1.1"][:1]
    assert indicator["table_id"].data_type == "s"


def test_each_finding_links_to_its_observation(book: Any, run_dir: Path) -> None:
    observations = sheet_rows(book["observations"])
    findings = sheet_rows(book["checks"])
    assert findings and len(findings) == len(records(run_dir, "checks"))
    for finding in findings:
        link = finding["check"].hyperlink
        assert link is not None, finding["check"].value
        sheet, _, cell = link.location.partition("!")
        assert sheet == "'observations'"
        target = observations[int(cell[1:]) - 2]
        for key in ("source_file", "table_id", "section"):
            assert target[key].value == finding[key].value
        assert target["row"].value.startswith(finding["row"].value or "")
        assert finding["period"].value in (target["period"].value, target["column"].value)


def test_long_tables_go_on_in_further_sheets(
    run_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(run_dir, tmp_path, dirs_exist_ok=True)
    monkeypatch.setattr(
        settings, "OUTPUT", settings.OUTPUT.model_copy(update={"xlsx_sheet_rows": 100})
    )
    path = write_workbook(tmp_path)
    assert path is not None
    split = openpyxl.load_workbook(path)
    parts = [n for n in split.sheetnames if n.startswith("observations")]
    assert parts == ["observations", "observations (2)", "observations (3)", "observations (4)",
                     "observations (5)"]  # fmt: skip
    whole = [[c.value for c in row] for row in openpyxl.load_workbook(
        run_dir / WORKBOOK_FILE)["observations"].iter_rows()]  # fmt: skip
    pieces = [[c.value for c in row] for n in parts for row in split[n].iter_rows(min_row=2)]
    assert pieces == whole[1:]
    for finding in sheet_rows(split["checks"]):  # the links follow the rows
        sheet, _, cell = finding["check"].hyperlink.location.partition("!")
        row = split[sheet.strip("'")][cell]
        assert row.value == finding["report_id"].value.split(";")[-1]


def test_workbook_is_deterministic(run_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(run_dir, tmp_path, dirs_exist_ok=True)
    first = (tmp_path / WORKBOOK_FILE).read_bytes()
    write_workbook(tmp_path)
    assert (tmp_path / WORKBOOK_FILE).read_bytes() == first
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_numbers_beyond_a_spreadsheet_number_stay_exact_as_text(tmp_path: Path) -> None:
    def row(value: str, period: str) -> DatasetRow:
        return DatasetRow(
            issuer="Gmina", programme="Program", table_id="1", section="", row="1",
            indicator="Kwota", column=f"{period} r.", period=period, unit="PLN",
            value=Decimal(value), status="single", values=(Decimal(value),),
            sources=("a.pdf:1",), report_ids=("a",),
        )  # fmt: skip

    write_dataset([row("12345678901234567.89", "2022"), row("1234.5", "2023")], tmp_path)
    path = write_workbook(tmp_path)
    assert path is not None
    [long, short] = sheet_rows(openpyxl.load_workbook(path)["dataset"])
    assert long["value"].data_type == "s" and long["value"].value == "12345678901234567.89"
    assert short["value"].value == 1234.5 and short["value"].number_format == "#,##0.0"
    [wide] = sheet_rows(openpyxl.load_workbook(path)["indicators"])
    assert wide["2022"].value == "12345678901234567.89" and wide["2023"].value == 1234.5


def test_run_writes_the_workbook_by_default_and_with_excel(tmp_path: Path) -> None:
    pdf = str(INPUT / "kp-2023.pdf")
    done = CliRunner().invoke(app, ["run", pdf, "-o", str(tmp_path / "a"), "--quiet"])
    assert done.exit_code == 0, done.output
    assert {"extractor.xlsx", "indicators.csv"} <= {p.name for p in (tmp_path / "a").iterdir()}
    args = ["run", pdf, "-o", str(tmp_path / "b"), "--quiet", "--format", "csv,json"]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert not (tmp_path / "b" / WORKBOOK_FILE).exists()
    assert CliRunner().invoke(app, [*args, "--excel"]).exit_code == 0
    sheets = openpyxl.load_workbook(tmp_path / "b" / WORKBOOK_FILE).sheetnames
    assert sheets[:3] == ["indicators", "comparison", "dataset"]
