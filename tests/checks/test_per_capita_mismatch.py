"""per_capita_mismatch: per-1000 / per-capita figures against amount and population."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.model.records import Observation

from truth_results import checks_of, make_obs

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


def test_a_row_counting_something_for_organisations_is_no_numerator() -> None:
    """ "Liczba szkoleń dla organizacji pozarządowych" counts trainings: it is not the
    count the per-1000 figure divides, so no finding compares them."""
    rows = [
        stat("1", "Liczba szkoleń dla organizacji pozarządowych", "8"),
        stat("2", ORGS_1000, "6,37", "per_1000_inhabitants", footnotes=("4",)),
    ]
    assert checks_of(*rows, notes={"4": POPULATION.format("34 717")}) == []
    rows[0] = stat("1", ORGS, "230")  # 230 / 34 717 * 1000 = 6,62, not 6,37
    findings = checks_of(*rows, notes={"4": POPULATION.format("34 717")})
    assert [(f.check, f.row) for f in findings] == [("per_capita_mismatch", "2")]


def test_the_count_a_sentence_states_when_no_row_gives_it() -> None:
    """No row counts the organisations, a sentence does: 221 for 34 717 inhabitants is
    6,37 per 1000, so 6,74 is a mismatch and 6,37 is none."""
    from decimal import Decimal

    from extractor.checks.run import run_checks
    from extractor.model.records import Figure

    from truth_results import make_result

    def run(printed: str) -> list[str]:
        rows = [stat("2", ORGS_1000, printed, "per_1000_inhabitants", footnotes=("4",))]
        result = make_result(rows, notes={"4": POPULATION.format("34 717")})
        figure = Figure(
            report_id=result.info.report_id, source_file=result.info.file, page=1,
            sentence="Na terenie gminy zarejestrowanych było 221 organizacji pozarządowych.",
            value=Decimal(221), unit="count", indicator_code="orgs_registered",
            period=rows[0].period,
        )  # fmt: skip
        result = result.model_copy(update={"figures": (figure,)})
        return [f.check for f in run_checks([result])]

    assert run("6,37") == []
    assert run("6,74") == ["per_capita_mismatch"]
