"""Consolidation of many reports into one dataset, and reading an output folder back."""

from __future__ import annotations

import csv
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from extractor.checks.dataset import consolidate
from extractor.checks.run import run_checks
from extractor.model.dataset import DatasetRow
from extractor.model.errors import UsageError
from extractor.model.records import Observation, ReportResult
from extractor.model.tables import DATASET
from extractor.output.dataset_files import write_dataset
from extractor.output.folder_results import load_results

from truth_results import all_truth_results, make_obs, make_result

ALL = all_truth_results()


def report(year: int, *cells: tuple[str, str, str], **kw: Any) -> ReportResult:
    """A one-table report; each cell is (row, indicator, value) in column '<year> r.'."""
    rows = [
        make_obs(r, text, v, column=f"{year} r.", report_id=f"r{year}", **kw)
        for r, text, v in cells
    ]
    return make_result(rows, year=year)


def rows_of(*results: ReportResult) -> list[DatasetRow]:
    return consolidate(list(results))


def restating(year: int, *cells: tuple[str, str, str, str]) -> ReportResult:
    """A report restating earlier years: cells are (row, indicator, column, value)."""
    obs = [make_obs(r, t, v, column=c, report_id=f"r{year}") for r, t, c, v in cells]
    return make_result(obs, year=year)


def test_status_single_agreed_conflicting() -> None:
    text = "Liczba zrealizowanych projektów"
    r2021 = report(2021, ("6", text, "402"), ("7", "Liczba podmiotów", "786"))
    r2022 = restating(
        2022,
        ("6", text, "2021 r.", "407"),
        ("7", "Liczba podmiotów", "2021 r.", "786"),
        ("6", text, "2022 r.", "414"),
    )
    by_key = {(r.row, r.period): r for r in rows_of(r2021, r2022)}
    assert by_key[("6", "2022")].status == "single"
    agreed = by_key[("7", "2021")]
    assert (agreed.status, agreed.values, agreed.report_ids) == (
        "agreed",
        (Decimal(786),),
        ("r2021", "r2022"),
    )
    assert agreed.sources == ("r2021.pdf:3", "r2022.pdf:3")
    conflict = by_key[("6", "2021")]
    assert (conflict.status, conflict.values) == ("conflicting", (Decimal(402), Decimal(407)))
    assert conflict.value == Decimal(407)  # the latest report's statement


@pytest.mark.parametrize(
    "later",
    [
        "liczba   ZŁOŻONYCH ofert.",  # case, blanks, punctuation
        "Liczba zlozonych ofert",  # diacritics
    ],
)
def test_text_drift_is_the_same_indicator(later: str) -> None:
    r2021 = report(2021, ("2", "Liczba złożonych ofert", "825"))
    r2022 = restating(2022, ("2", later, "2021 r.", "825"))
    [row] = rows_of(r2021, r2022)
    assert (row.status, row.renamed_from, row.indicator) == ("agreed", "", later)
    assert not [f for f in run_checks([r2021, r2022]) if f.check == "indicator_renamed"]


def test_small_rewording_is_the_same_indicator() -> None:
    old = (
        "Wysokość środków uzyskanych przez organizacje pożytku publicznego w ramach 1% "
        "podatku dochodowego."
    )
    new = old.replace("1%", "1%/1,5%")
    [row] = rows_of(
        report(2021, ("6", old, "41 872 519,64")),
        restating(2023, ("6", new, "2021 r.", "41 872 519,64")),
    )
    assert (row.status, row.indicator, row.renamed_from) == ("agreed", new, "")


def test_a_real_text_change_is_kept_together_and_reported() -> None:
    old, new = "Liczba organizacji w bazie Urzędu", "Liczba organizacji korzystających z inkubatora"
    r2021 = report(2021, ("4", old, "1742"))
    r2022 = restating(2022, ("4", new, "2021 r.", "1742"), ("4", new, "2022 r.", "1771"))
    rows = rows_of(r2021, r2022)
    assert [(r.period, r.indicator, r.renamed_from, r.status) for r in rows] == [
        ("2021", new, old, "agreed"),
        ("2022", new, old, "single"),
    ]
    [f] = [f for f in run_checks([r2021, r2022]) if f.check == "indicator_renamed"]
    assert (f.severity, f.report_id, f.source_file, f.row) == (
        "warning",
        "r2021;r2022",
        "r2022.pdf",
        "4",
    )
    assert (f.expected, f.found) == (old, new)
    assert f"reads '{old}' in r2021 (r2021.pdf, page 3)" in f.message


def test_two_texts_under_one_row_of_one_file_are_separate_items() -> None:
    cells = [("2", "Liczba złożonych ofert", "825"), ("2", "Liczba organizacji w bazie", "1705")]
    rows = rows_of(report(2021, *cells))
    assert [(r.indicator, r.value, r.renamed_from) for r in rows] == [
        ("Liczba organizacji w bazie", Decimal(1705), ""),
        ("Liczba złożonych ofert", Decimal(825), ""),
    ]
    assert run_checks([report(2021, *cells)]) == []


def grants(year: int, name: str, amount: str) -> ReportResult:
    title = f"Zadania publiczne zlecone w {year} r."
    cell = make_obs(
        "6",
        name,
        amount,
        "PLN",
        column="Kwota dotacji (zł)",
        table="1",
        title=title,
        report_id=f"g{year}",
    )
    return make_result([cell], year=year, programme=f"Program współpracy Gminy X na rok {year}")


def test_list_tables_state_the_caption_year_and_match_rows_by_text() -> None:
    same = rows_of(
        grants(2022, "Klub Seniora", "5 400,00"), grants(2023, "Klub Seniora", "7 600,00")
    )
    assert [(r.period, r.indicator, r.status) for r in same] == [
        ("2022", "Klub Seniora", "single"),
        ("2023", "Klub Seniora", "single"),
    ]
    assert {r.programme for r in same} == {"Program współpracy Gminy X"}
    results = [
        grants(2022, "Towarzystwo Miłośników Wierzbna", "8 500,00"),
        grants(2023, "Stowarzyszenie Ekologiczne", "4 500,00"),
    ]
    different = consolidate(results)
    assert {(r.period, r.indicator, r.renamed_from) for r in different} == {
        ("2022", "Towarzystwo Miłośników Wierzbna", ""),
        ("2023", "Stowarzyszenie Ekologiczne", ""),
    }
    assert run_checks(results) == []


def test_targets_hold_for_the_programme_and_achieved_values_for_the_report_year() -> None:
    def goal(year: int, actual: str) -> ReportResult:
        kw: dict[str, Any] = {"table": "1.1", "section": "2", "report_id": f"r{year}"}
        cells: list[Observation] = [
            make_obs(
                "1",
                "Liczba procesów",
                "5",
                "per_year",
                column="Wartość docelowa",
                raw="Średnio 5 w roku",
                **kw,
            ),
            make_obs("1", "Liczba procesów", actual, column="Wartość wskaźnika", **kw),
        ]
        return make_result(cells, year=year)

    rows = rows_of(goal(2021, "9"), goal(2022, "11"))
    assert [(r.column, r.period, r.unit, r.value, r.status) for r in rows] == [
        ("Wartość docelowa", "", "per_year", Decimal(5), "agreed"),
        ("Wartość wskaźnika", "2021", "count", Decimal(9), "single"),
        ("Wartość wskaźnika", "2022", "count", Decimal(11), "single"),
    ]


def test_truth_corpus_dataset() -> None:
    rows = consolidate(ALL)
    assert Counter(r.status for r in rows) == {"single": 241, "agreed": 98, "conflicting": 2}
    conflicting = {
        (r.table_id, r.row, r.period, r.values) for r in rows if r.status == "conflicting"
    }
    assert conflicting == {
        ("1.2a", "6", "2021", (Decimal(402), Decimal(407))),
        ("4", "1", "2022", (Decimal(64), Decimal(66))),
    }
    assert not [r for r in rows if r.renamed_from]
    [baseline] = [r for r in rows if (r.table_id, r.row, r.period) == ("1.2", "6", "2020")]
    assert baseline.report_ids == ("kp-2021", "kp-2022", "kp-2023")
    assert baseline.indicator.endswith("w ramach 1%/1,5% podatku dochodowego.")
    assert {r.programme for r in rows if r.issuer == "Gmina Wierzbno Dolne"} == {
        "Program współpracy Gminy Wierzbno Dolne z organizacjami pozarządowymi oraz podmiotami, "
        "o których mowa w art. 3 ust. 3 ustawy o działalności pożytku publicznego i o wolontariacie"
    }


def test_write_dataset_is_deterministic(tmp_path: Path) -> None:
    write_dataset(consolidate(ALL), tmp_path / "a")
    write_dataset(list(reversed(consolidate(list(reversed(ALL))))), tmp_path / "b")
    for name in ("dataset.csv", "dataset.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["dataset.csv", "dataset.json"]
    with (tmp_path / "a" / "dataset.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert tuple(table[0]) == DATASET.names
    [row] = [r for r in table if (r["table_id"], r["row"], r["period"]) == ("1.2a", "6", "2021")]
    assert (row["value"], row["status"], row["values"]) == ("407", "conflicting", "402;407")
    assert row["report_ids"] == "kp-2021;kp-2022"
    data = json.loads((tmp_path / "a" / "dataset.json").read_text(encoding="utf-8"))
    assert len(data) == len(table) == 341
    [pct] = [
        d
        for d in data
        if (d["table_id"], d["row"], d["period"], d["unit"]) == ("1.2a", "3", "2023", "percent")
    ]
    assert (pct["value"], pct["values"]) == ("83.79", ["83.79"])


# ------------------------------------------------------------------ load_results


def dump_output(results: list[ReportResult], out: Path, *, values_as_text: bool = False) -> None:
    """The output folder as `extractor run` writes it (markers ';'-joined, numbers as JSON)."""
    out.mkdir(parents=True, exist_ok=True)

    def number(value: Decimal) -> Any:
        return f"{value:f}" if values_as_text else float(value)

    observations = []
    for result in results:
        for obs in result.observations:
            record = obs.model_dump()
            record["footnotes"] = ";".join(obs.footnotes)
            observations.append(record)
    notes = [n.model_dump() for r in results for n in r.footnotes]
    infos = [r.info.model_dump(mode="json") for r in results]
    for name, data in (("observations", observations), ("footnotes", notes), ("reports", infos)):
        (out / f"{name}.json").write_text(json.dumps(data, default=number), encoding="utf-8")


@pytest.mark.parametrize("values_as_text", [False, True])
def test_load_results_regroups_by_file_with_exact_decimals(
    tmp_path: Path, values_as_text: bool
) -> None:
    dump_output(ALL, tmp_path, values_as_text=values_as_text)
    loaded = load_results(tmp_path)
    assert [r.info.file for r in loaded] == sorted(r.info.file for r in ALL)
    by_file = {r.info.file: r for r in ALL}
    for result in loaded:
        original = by_file[result.info.file]
        assert result.info == original.info
        assert result.observations == original.observations
        assert set(result.footnotes) == set(original.footnotes)
    assert run_checks(loaded) == run_checks(ALL)


def test_load_results_without_reports_json(tmp_path: Path) -> None:
    dump_output([r for r in ALL if r.info.file == "kp-2023.pdf"], tmp_path)
    (tmp_path / "reports.json").unlink()
    (tmp_path / "footnotes.json").unlink()
    [result] = load_results(tmp_path)
    assert (result.info.report_id, result.info.file, result.footnotes) == (
        "kp-2023",
        "kp-2023.pdf",
        (),
    )
    assert [i.message for i in result.info.issues] == ["no entry in reports.json"]


def test_load_results_reports_unusable_folders(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no observations.json"):
        load_results(tmp_path)
    (tmp_path / "observations.json").write_text('{"not": "a list"}', encoding="utf-8")
    with pytest.raises(UsageError, match="not a list of objects"):
        load_results(tmp_path)
    (tmp_path / "observations.json").write_text('[{"row": "1"}]', encoding="utf-8")
    with pytest.raises(UsageError, match="record 0 is not valid"):
        load_results(tmp_path)


@pytest.mark.parametrize(
    ("value", "raw", "restored"),
    [
        ("110000", "110 000,00 zł", "110000.00"),
        ("1245500", "1 245,50 tys. zł", "1245500.00"),
        ("49.8", "411, tj. 49,80 %", "49.80"),
        ("411", "411, tj. 49,80 %", "411"),
        ("7", "7", "7"),
        ("5", "4,00", "5"),  # a value the text does not state: left as it is
    ],
)
def test_loaded_values_get_their_printed_decimal_places_back(
    value: str, raw: str, restored: str
) -> None:
    from extractor.output.folder_results import printed_precision

    result = printed_precision(Decimal(value), raw)
    assert str(result) == restored and result == Decimal(value)
