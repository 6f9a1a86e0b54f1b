"""Consistency checks: the truth corpus's expected findings, and each rule on small tables."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from extractor.checks.rules import FINDING_COLUMNS, RULES, Finding
from extractor.checks.within_report import run_checks, write_checks
from extractor.model.records import Observation, ReportResult

from truth_results import (
    all_truth_results,
    brief,
    load_truth,
    make_obs,
    make_result,
    truth_files,
)

RESULTS: dict[str, ReportResult] = {r.info.file: r for r in all_truth_results()}
TRUTH = {load_truth(p)["report"]["file"]: load_truth(p) for p in truth_files()}


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def is_expected(f: Finding, entry: dict[str, Any], file: str) -> bool:
    """Matched the way the corpus scorer matches: table, one of the rows, the column."""
    if (f.check, f.source_file, f.table_id) != (entry["check"], file, entry["table"]):
        return False
    digits = re.match(r"\d+", f.row)
    if (digits.group(0) if digits else slug(f.row)) not in entry["rows"]:
        return False
    period = entry["period"]
    if isinstance(period, int):
        return f.period == str(period)
    if period in ("actual", "target"):
        return ("wskaźnik" if period == "actual" else "docelow") in f.period.lower()
    return slug(f.period) == period or slug(f.period) in period or period in slug(f.period)


EXPECTED = [
    pytest.param(file, entry, id=f"{file}:{entry['check']}:{entry['table']}:{entry['row']}")
    for file, truth in TRUTH.items()
    for entry in truth["expected_findings"]
]


def with_counterparts(file: str, entry: dict[str, Any]) -> list[ReportResult]:
    wanted = set(entry["counterparts"])
    return [RESULTS[file]] + [r for r in RESULTS.values() if r.info.report_id in wanted]


@pytest.mark.parametrize(("file", "entry"), EXPECTED)
def test_every_expected_finding_is_found(file: str, entry: dict[str, Any]) -> None:
    findings = run_checks(with_counterparts(file, entry))
    assert any(is_expected(f, entry, file) for f in findings), [f.message for f in findings]


@pytest.mark.parametrize("file", ["kp-2022.pdf", "gm-2023-web.pdf"])
def test_restatement_needs_the_counterpart_report(file: str) -> None:
    assert not [f for f in run_checks([RESULTS[file]]) if f.check == "restatement"]


def test_no_error_on_values_the_truth_does_not_list() -> None:
    for f in run_checks(list(RESULTS.values())):
        if f.severity == "error":
            entries = TRUTH[f.source_file]["expected_findings"]
            assert any(is_expected(f, e, f.source_file) for e in entries), f.message


def test_findings_over_the_whole_corpus() -> None:
    counts = Counter((f.check, f.severity) for f in run_checks(list(RESULTS.values())))
    assert counts == {
        ("percent_mismatch", "error"): 2,
        ("parts_sum_mismatch", "error"): 2,  # kp-2021 and its scan
        ("parts_exceed_total", "error"): 1,
        ("used_exceeds_allocated", "error"): 2,
        ("total_mismatch", "error"): 1,
        ("restatement", "error"): 2,
        ("stage_order", "info"): 1,  # kp-2023: 426 contracts for 418 + 2 selected projects
        ("yoy_jump", "info"): 2,  # Tab. 1.3 row 2: 120 000 -> 185 000 -> 120 000 zł
    }


def test_published_2023_percent_is_reported_with_printed_values() -> None:
    [f] = [f for f in run_checks([RESULTS["kp-2023.pdf"]]) if f.check == "percent_mismatch"]
    assert (f.table_id, f.row, f.period, f.expected, f.found) == (
        "1.2a",
        "3",
        "2023",
        "84.50",
        "83.79",
    )
    assert f.message == (
        "Tab. 1.2a row 3 (2023 r., page 3): 703 of 832 (row 2) is 84,50 %, "
        "the report prints 83,79 %"
    )


def test_rules_are_declared_with_ids_and_tolerance() -> None:
    ids = {r.id for r in RULES}
    assert {"percent_mismatch", "parts_sum_mismatch", "used_exceeds_allocated"} <= ids
    assert {"per_capita_mismatch", "baseline_mismatch", "restatement", "total_mismatch"} <= ids
    assert {"footnote_amount_exceeds_value", "goal_attainment", "yoy_jump"} <= ids
    assert all(r.description and r.tolerance for r in RULES)


# ----------------------------------------------------------------- hand-built


def checks_of(*observations: Observation, notes: dict[str, str] | None = None) -> list[Finding]:
    return run_checks([make_result(list(observations), notes=notes)])


PCT_ROW = "Liczba ofert poprawnych formalnie liczbowo oraz procentowo"


def offers(submitted: str, correct: str, percent: str) -> list[Observation]:
    raw = f"{correct}, tj. {percent} %"
    return [
        make_obs("2", "Liczba złożonych ofert", submitted),
        make_obs("3", PCT_ROW, correct, raw=raw),
        make_obs("3", PCT_ROW, percent, "percent", raw=raw),
    ]


@pytest.mark.parametrize(
    ("percent", "ok"),
    [("49,83", True), ("49,82", False), ("49,8", True), ("49,9", False), ("50", True)],
)
def test_percent_rounds_half_up_at_the_printed_decimals(percent: str, ok: bool) -> None:
    # 19 930 of 40 000 is exactly 49,825 %.
    findings = checks_of(*offers("40 000", "19 930", percent))
    assert [f.check for f in findings] == ([] if ok else ["percent_mismatch"])


def test_percent_mismatch_quotes_both_values() -> None:
    [f] = checks_of(*offers("869", "664", "67,41"))
    assert (f.row, f.period, f.expected, f.found) == ("3", "2023", "76.41", "67.41")
    assert "664 of 869 (row 2) is 76,41 %, the report prints 67,41 %" in f.message


def test_percent_without_a_denominator_row_is_not_checked() -> None:
    assert checks_of(*offers("869", "664", "67,41")[1:]) == []


def events(total: str, parts: list[tuple[str, str]], raw: str) -> list[Observation]:
    kw: dict[str, Any] = {"table": "1.1", "section": "3", "column": "Wartość wskaźnika", "raw": raw}
    rows = [make_obs("1", "Liczba wydarzeń", total, **kw)]
    for letter, (label, value) in zip("ab", parts, strict=False):
        rows.append(make_obs(f"1{letter}", f"Liczba wydarzeń – {label}", value, **kw))
    return rows


def test_enumerated_parts_must_add_up_to_the_total() -> None:
    raw = "9, w tym:\na) szkolenia 6\nb) doradztwo 4"
    [f] = checks_of(*events("9", [("a) szkolenia", "6"), ("b) doradztwo", "4")], raw))
    assert (f.check, f.table_id, f.section, f.row) == ("parts_sum_mismatch", "1.1", "3", "1")
    assert (f.period, f.expected, f.found) == ("Wartość wskaźnika", "10", "9")
    assert "a) szkolenia 6 + b) doradztwo 4 add up to 10, the total printed is 9" in f.message
    raw = "10, w tym:\na) szkolenia 6\nb) doradztwo 4"
    assert checks_of(*events("10", [("a) szkolenia", "6"), ("b) doradztwo", "4")], raw)) == []


def test_bracketed_parts_split_the_total() -> None:
    parts = [("szkolenia", "7"), ("doradztwo", "3")]
    assert checks_of(*events("10", parts, "10 (szkolenia 7, doradztwo 3)")) == []
    [f] = checks_of(*events("11", parts, "11 (szkolenia 7, doradztwo 3)"))
    assert f.check == "parts_sum_mismatch"


def test_a_single_part_larger_than_its_total() -> None:
    [f] = checks_of(*events("11", [("szkolenia", "12")], "11 (szkolenia 12, doradztwo)"))
    assert (f.check, f.row, f.expected, f.found) == ("parts_exceed_total", "1", "<= 11", "12")
    assert checks_of(*events("12", [("szkolenia", "12")], "12 (szkolenia 12, doradztwo)")) == []


@pytest.mark.parametrize(("part", "ok"), [("0", True), ("399", True), ("400", False)])
def test_a_w_tym_part_stays_within_its_total(part: str, ok: bool) -> None:
    text = "Liczba zawartych umów, w tym umów wieloletnich"
    rows = [make_obs("5", text, "399", raw=f"399\n{part}"), make_obs("5a", f"{text} – w tym", part)]
    assert [f.check for f in checks_of(*rows)] == ([] if ok else ["parts_exceed_total"])


def test_parts_without_a_printed_total_are_not_compared_with_a_total() -> None:
    text = "Liczba projektów wybranych do realizacji"
    rows = [
        make_obs("4a", f"{text} a) w formie wsparcia", "418"),
        make_obs("4b", f"{text} b) w formie powierzenia", "2"),
    ]
    assert checks_of(*rows) == []


FUNDS = "Wysokość środków finansowych {} na zadania zlecone w trybie konkursowym"


@pytest.mark.parametrize(("used", "ok"), [("268 915,00", True), ("268 915,01", False)])
def test_funds_used_within_funds_allocated(used: str, ok: bool) -> None:
    rows = [
        make_obs("9", FUNDS.format("przeznaczonych"), "268 915,00", "PLN"),
        make_obs("10", FUNDS.format("wykorzystanych"), used, "PLN"),
    ]
    findings = checks_of(*rows)
    assert [(f.check, f.row) for f in findings] == (
        [] if ok else [("used_exceeds_allocated", "10")]
    )


def test_funds_used_in_a_list_table_compare_columns_of_a_row() -> None:
    def cell(column: str, value: str) -> Observation:
        return make_obs("4", "Podtrzymywanie tradycji", value, "PLN", column=column, table="1")

    rows = [
        cell("Kwota dotacji przyznanej (zł)", "8 000,00"),
        cell("Kwota dotacji wykorzystanej (zł)", "8 240,00"),
    ]
    [f] = checks_of(*rows)
    used = "Kwota dotacji wykorzystanej (zł)"
    assert (
        brief(f) == f"used_exceeds_allocated|error|r2023|r2023.pdf|1||4|{used}|<= 8000.00|8240.00"
    )
    assert "8 240,00 zł used" in f.message and "8 000,00 zł allocated" in f.message


def test_funds_of_different_purposes_are_not_paired() -> None:
    rows = [
        make_obs("9", FUNDS.format("przeznaczonych"), "100,00", "PLN"),
        make_obs("10", "Wysokość środków wykorzystanych na szkolenia pracowników", "500,00", "PLN"),
    ]
    assert checks_of(*rows) == []


ORGS = "Liczba zarejestrowanych organizacji pozarządowych"
ORGS_1000 = "Liczba organizacji pozarządowych na 1000 mieszkańców"
SPENDING = "Wysokość nakładów na współpracę z organizacjami w budżecie województwa"
SPENDING_1 = "Wydatki na współpracę z organizacjami na 1 mieszkańca województwa"
POPULATION = "Do obliczenia wskaźnika przyjęto liczbę ludności wg danych GUS, która wynosi {} osób."


def stat(row: str, text: str, value: str, unit: Any = "count", **kw: Any) -> Observation:
    return make_obs(row, text, value, unit, table=kw.pop("table", "1.2"), **kw)


@pytest.mark.parametrize(
    ("count", "population", "printed", "ok"),
    [
        ("8 351", "2 001 670", "4,17", True),
        ("8 351", "2 001 670", "4,18", False),
        ("4 175", "1 000 000", "4,18", True),  # exactly 4,175: half-up
        ("4 175", "1 000 000", "4,17", False),
    ],
)
def test_per_1000_inhabitants(count: str, population: str, printed: str, ok: bool) -> None:
    rows = [
        stat("1", ORGS, count),
        stat("2", ORGS_1000, printed, "per_1000_inhabitants", footnotes=("4",)),
    ]
    findings = checks_of(*rows, notes={"4": POPULATION.format(population)})
    assert [(f.check, f.row) for f in findings] == ([] if ok else [("per_capita_mismatch", "2")])


@pytest.mark.parametrize(("printed", "ok"), [("4,18", True), ("4,17", False)])
def test_per_inhabitant_amount_at_the_rounding_edge(printed: str, ok: bool) -> None:
    rows = [
        stat("1", SPENDING, "4 175 000,00", "PLN", table="1.4"),
        stat("2", SPENDING_1, printed, "PLN_per_capita", table="1.4", raw=f"{printed} zł",
             footnotes=("18",)),
    ]  # fmt: skip
    notes = {"18": "Wg danych GUS stan ludności w województwie wyniósł 1 000 000 osób."}
    findings = checks_of(*rows, notes=notes)
    assert [f.expected for f in findings] == ([] if ok else ["4.18"])


def test_population_from_another_footnote_of_the_same_year() -> None:
    column = "Stan wyjściowy 2020 r."
    rows = [
        stat("1", ORGS, "7 285", column=column),
        stat("2", ORGS_1000, "3,6", "per_1000_inhabitants", column=column),
        stat("2", SPENDING_1, "3,41", "PLN_per_capita", table="1.4", column=column,
             footnotes=("17",)),
    ]  # fmt: skip
    notes = {"17": "Wg danych GUS na dzień 30.06.2020 r. stan ludności wyniósł 2 069 273 osób."}
    [f] = checks_of(*rows, notes=notes)
    assert (f.table_id, f.period, f.expected, f.found) == ("1.2", "2020", "3.5", "3.6")
    assert "7 285 (row 1) for 2 069 273 inhabitants is 3,5 per 1000" in f.message


def test_per_inhabitant_without_population_is_not_checked() -> None:
    assert (
        checks_of(stat("1", ORGS, "8 351"), stat("2", ORGS_1000, "9,99", "per_1000_inhabitants"))
        == []
    )


COLUMN = "Kwota dotacji przyznanej (zł)"


def grants(values: list[str], total: str) -> list[Observation]:
    rows = [make_obs(str(i), f"Zadanie {i}", v, "PLN", column=COLUMN, table="1") for i, v in
            enumerate(values, 1)]  # fmt: skip
    return [*rows, make_obs("Razem", "Razem", total, "PLN", column=COLUMN, table="1")]


def test_rows_against_the_razem_row() -> None:
    assert checks_of(*grants(["120 000,00", "24 000,00", "42 500,00"], "186 500,00")) == []
    [f] = checks_of(*grants(["120 000,00", "24 000,00", "42 500,00"], "185 000,00"))
    assert (
        brief(f)
        == "total_mismatch|error|r2023|r2023.pdf|1||Razem|" + COLUMN + "|186500.00|185000.00"
    )
    assert "rows 1–3 add up to 186 500,00 zł, the report prints 185 000,00 zł" in f.message


@pytest.mark.parametrize(("total", "ok"), [("1,3", True), ("1,4", True), ("1,5", False)])
def test_totals_in_tys_zl_allow_the_rounding_of_each_operand(total: str, ok: bool) -> None:
    def cell(row: str, value: str | None) -> Observation:
        number = None if value is None else str(int(value.replace(",", "")) * 100)
        raw = value if value is not None else "nie dotyczy"
        return make_obs(row, f"Pozycja {row}", number, "PLN", column="2022", table="5", raw=raw)

    values = [("1", "0,4"), ("2", "0,4"), ("3", "0,4"), ("4", None), ("Razem", total)]
    rows = [cell(row, value) for row, value in values]
    assert [f.check for f in checks_of(*rows)] == ([] if ok else ["total_mismatch"])


W_TYM = "W tym 231 600,00 zł stanowią środki PFRON oraz 430 000,00 zł środki z budżetu Państwa."


@pytest.mark.parametrize(
    ("amount", "ok"), [("6 723 282,50", True), ("661 600,00", True), ("600 000,00", False)]
)
def test_amounts_a_footnote_names_as_part_of_a_value(amount: str, ok: bool) -> None:
    cell = make_obs("10", FUNDS.format("przeznaczonych"), amount, "PLN", footnotes=("8",))
    findings = checks_of(cell, notes={"8": W_TYM})
    assert [(f.check, f.found) for f in findings] == (
        [] if ok else [("footnote_amount_exceeds_value", "661600.00")]
    )


def test_footnote_amounts_not_named_as_parts_are_ignored() -> None:
    cell = make_obs("3", "Zadanie", "100,00", "PLN", footnotes=("*",))
    notes = {"*": "Stowarzyszenie zwróciło niewykorzystaną część dotacji w kwocie 378,65 zł."}
    assert checks_of(cell, notes=notes) == []


def goal(target_raw: str, target: str, unit: Any, actual: str) -> list[Observation]:
    kw: dict[str, Any] = {"table": "1.1", "section": "2"}
    target_kw: dict[str, Any] = {"column": "Wartość docelowa", "raw": target_raw, **kw}
    return [
        make_obs("1", "Liczba procesów", target, unit, **target_kw),
        make_obs("1", "Liczba procesów", actual, column="Wartość wskaźnika", **kw),
    ]


def test_goal_attainment_reports_targets_not_met_as_info() -> None:
    [f] = checks_of(*goal("Średnio 5 w roku", "5", "per_year", "3"))
    assert (f.check, f.severity, f.expected, f.found) == ("goal_attainment", "info", ">= 5", "3")
    assert "achieved 3, below the target 'Średnio 5 w roku' (5)" in f.message
    assert checks_of(*goal("Średnio 5 w roku", "5", "per_year", "5")) == []
    assert checks_of(*goal("1/rok, Docelowo minimum ¼ konkursów", "1", "per_year", "1")) == []


def test_a_later_stage_larger_than_an_earlier_is_a_warning() -> None:
    text = "Liczba projektów wybranych do realizacji"
    rows = [
        make_obs("4a", f"{text} a) w formie wsparcia", "418"),
        make_obs("4b", f"{text} b) w formie powierzenia", "2"),
        make_obs("5", "Liczba zawartych umów, w tym umów wieloletnich", "426"),
        make_obs("6", "Liczba zrealizowanych projektów", "420"),
    ]
    [f] = checks_of(*rows)
    assert brief(f) == "stage_order|info|r2023|r2023.pdf|1.2a||5|2023|<= 420|426"
    assert "'Liczba projektów wybranych do realizacji' 420 (418 + 2)" in f.message
    assert checks_of(*rows[:2], make_obs("5", "Liczba zawartych umów", "420"), rows[3]) == []


# --------------------------------------------------------------------- writers


def test_write_checks_files_are_complete_and_deterministic(tmp_path: Path) -> None:
    findings = run_checks(list(RESULTS.values()))
    write_checks(findings, tmp_path / "a")
    write_checks(list(reversed(findings)), tmp_path / "b")
    for name in ("checks.csv", "checks.json", "checks.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["checks.csv", "checks.json", "checks.md"]  # no temporary files left
    with (tmp_path / "a" / "checks.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header = (
        "check,severity,report_id,source_file,table_id,section,row,period,expected,found,message"
    )
    assert tuple(rows[0]) == FINDING_COLUMNS == tuple(header.split(","))
    data = json.loads((tmp_path / "a" / "checks.json").read_text(encoding="utf-8"))
    assert len(rows) == len(findings) == len(data)
    assert data[0] == findings[0].model_dump()
    md = (tmp_path / "a" / "checks.md").read_text(encoding="utf-8")
    assert md.startswith(
        "# Consistency checks\n\n13 finding(s): 10 error(s), 0 warning(s), 3 info."
    )
    assert "## kp-2023.pdf\n\n### Table 1.1\n\n- **error** `parts_exceed_total`: Tab. 1.1" in md
    assert "\n## gm-2023-web.pdf\n\n### Table 1\n\n- **error** `total_mismatch`" in md


def test_write_checks_without_findings(tmp_path: Path) -> None:
    write_checks([], tmp_path)
    assert (tmp_path / "checks.csv").read_text() == ",".join(FINDING_COLUMNS) + "\n"
    assert json.loads((tmp_path / "checks.json").read_text()) == []
    assert "No inconsistencies found." in (tmp_path / "checks.md").read_text()
