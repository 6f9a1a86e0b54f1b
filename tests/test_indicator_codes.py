"""The indicator vocabulary and `indicator_code` on table cells: the vocabulary as data,
every wording of the generator's rows, the rules on columns, totals, parts and modes,
and every coded row of the shared corpus against a hand-made list."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.model.records import Observation, ReportResult
from extractor.report.indicator_codes import (
    code_table,
    column_indicator,
    context_mode,
    row_indicator,
)
from extractor.report.indicator_vocabulary import BY_CODE, CODES, INDICATORS

from conftest import INPUT

sys.path.insert(0, str(Path(__file__).parent))
from layoutgen import vocab  # noqa: E402

Get = Callable[[Path], ReportResult]

EXPECTED_CODES = (
    "competitions_announced offers_submitted offers_rejected offers_selected contracts_signed"
    " contracts_multiyear grant_planned grant_awarded grant_used grant_returned"
    " small_grants_count small_grants_amount orgs_funded orgs_cooperating orgs_registered"
    " consultations consultation_remarks council_meetings trainings patronages premises_lent"
    " grant_budget_ratio own_contribution_share first_time_applicants"
).split()


# ------------------------------------------------------------------ the vocabulary


def test_the_vocabulary_holds_exactly_the_codes_in_one_order() -> None:
    assert list(CODES) == EXPECTED_CODES == vocab.CODES
    assert sorted(BY_CODE) == sorted(CODES) and len(INDICATORS) == len(CODES)


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.code)
def test_every_indicator_is_declared_in_full(indicator: object) -> None:
    ind = BY_CODE[indicator.code]  # type: ignore[attr-defined]
    assert ind.label_pl and ind.label_en and ind.labels and ind.prose
    assert ind.unit in ("count", "PLN", "percent")
    assert ind.aggregation in ("sum", "latest", "ratio")
    assert (ind.aggregation == "ratio") == (ind.unit == "percent")
    assert ind.small_variant in ("", *CODES) and ind.part_of in ("", *CODES)
    for pattern in (*ind.labels, *ind.columns, ind.exclude):
        re.compile(pattern)


# ------------------------------------------------------------------ row and column texts


@pytest.mark.parametrize(
    ("code", "wording"),
    [(c, w.format(jst_gen="Gminy Lipowo")) for c, ws in vocab.ROW_WORDINGS.items() for w in ws],
)
def test_every_generator_row_wording_names_its_indicator(code: str, wording: str) -> None:
    found = row_indicator(wording, "small" if BY_CODE[code].mode == "small" else "open")
    assert found is not None and found.code == code


@pytest.mark.parametrize(
    ("code", "form"), [(c, f) for c, fs in vocab.NONFIN_FORMS.items() for f in fs]
)
def test_forms_of_non_financial_cooperation(code: str | None, form: str) -> None:
    found = row_indicator(form, "open")
    assert (found.code if found else None) == code


@pytest.mark.parametrize(
    "label",
    [
        *vocab.OTHER_ROWS,
        "Liczba ofert poprawnych formalnie liczbowo oraz procentowo",
        "Liczba organizacji pozarządowych na 1000 mieszkańców",
        "Liczba organizacji posiadających status pożytku publicznego",
        "Liczba organizacji znajdujących się w bazie organizacji prowadzonej przez Urząd",
        "Liczba zrealizowanych projektów",
        "Liczba podmiotów, które złożyły ofertę",
        "Wydatki budżetu ogółem (zł)",
        "Dotacje na rozwój sportu (ustawa o sporcie)",
        "Dotacje celowe na zadania z zakresu sportu",
        "Szkolenie ratowników wodnych",
        "Konkursy wiedzy dla młodzieży",
        "Projekt uchwały w sprawie trybu powoływania członków Rady Działalności Pożytku",
        "Projekt programu współpracy z organizacjami pozarządowymi na rok 2025",
        "Klub Seniora „Złota Jesień”",
        "Liczba projektów wybranych do realizacji a) w formie wsparcia b) w formie powierzenia",
        "Liczba umów zawartych w innym trybie ustawowym",
    ],
)
def test_rows_no_indicator_is_forced_on(label: str) -> None:
    assert row_indicator(label, context_mode(label, "")) is None


@pytest.mark.parametrize(
    ("column", "code"),
    [
        ("Liczba złożonych ofert", "offers_submitted"),
        ("Liczba ofert i umów złożonych ofert", "offers_submitted"),
        ("Liczba ofert i umów zawartych umów", "contracts_signed"),
        ("Kwota dotacji przyznanej (zł)", "grant_awarded"),
        ("Dotacje (zł) przyznane", "grant_awarded"),
        ("Wysokość dotacji (tys. zł) wykorzystane", "grant_used"),
        ("Kwota wykorzystana (zł)", "grant_used"),
        ("Kwota zwrotu (zł)", "grant_returned"),
        ("Kwota dotacji (zł) zwrócona", "grant_returned"),
        ("Liczba zgłoszonych uwag", "consultation_remarks"),
        ("Liczba działań", None),
        ("Liczba organizacji", None),
        ("2023 r.", None),
        ("Wykonanie (tys. zł) 2022", None),
    ],
)
def test_column_headers(column: str, code: str | None) -> None:
    found = column_indicator(
        column, "Zadania publiczne zlecone w trybie otwartych konkursów", "open"
    )
    assert (found.code if found else None) == code


def test_a_bare_amount_column_is_the_grant_of_a_table_about_grants() -> None:
    small = column_indicator("Kwota (zł)", "Małe granty udzielone w 2024 r.", "small")
    assert small is not None and small.code == "small_grants_amount"
    assert column_indicator("Kwota (zł)", "Wydatki na kulturę", "open") is None


# ------------------------------------------------------------------ cells of a table


def obs(row: str, indicator: str, column: str, value: str, unit: str = "count", **kw: object
        ) -> Observation:  # fmt: skip
    return Observation(
        report_id="r", source_file="r.pdf", page=1, table_id=str(kw.pop("table_id", "1")),
        table_title=str(kw.pop("title", "Wybrane wskaźniki")), row=row, indicator=indicator,
        column=column, period=str(kw.pop("period", "")), raw=value,
        value=Decimal(str(kw.pop("number", value.replace(" ", "").replace(",", ".")))),
        unit=unit, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def codes(observations: list[Observation]) -> list[str]:
    return [o.indicator_code for o in code_table(observations)]


def test_a_row_names_its_indicator_in_year_columns_not_in_change_or_target_columns() -> None:
    label = "Liczba złożonych ofert"
    table = [
        obs("1", label, "2022 r.", "35", period="2022"),
        obs("1", label, "2023 r.", "37", period="2023"),
        obs("1", label, "Zmiana (%)", "5,7", "percent"),
        obs("1", label, "Wartość docelowa", "40"),
        obs("1", label, "Wartość wskaźnika", "37"),
    ]
    assert codes(table) == ["offers_submitted", "offers_submitted", "", "", ""]


def test_a_column_names_its_indicator_on_the_total_row_only() -> None:
    title = "Zadania publiczne zlecone w trybie otwartych konkursów ofert w 2023 r."
    table = [
        obs("1", "Kultura – warsztaty", "Liczba złożonych ofert", "6", title=title),
        obs("1", "Kultura – warsztaty", "Kwota dotacji przyznanej (zł)", "5 000,00", "PLN",
            title=title),
        obs("Razem", "Razem", "Liczba złożonych ofert", "35", title=title, is_total=True),
        obs("Razem", "Razem", "Kwota dotacji przyznanej (zł)", "298 000,00", "PLN", title=title,
            is_total=True),
    ]  # fmt: skip
    assert codes(table) == ["", "", "offers_submitted", "grant_awarded"]


def test_another_count_in_a_column_is_not_the_rows_indicator() -> None:
    row = "Szkolenia i spotkania informacyjne dla organizacji"
    table = [obs("1", row, "Liczba działań", "2"), obs("1", row, "Liczba organizacji", "14")]
    assert codes(table) == ["trainings", ""]


def test_a_w_tym_part_is_the_declared_sub_indicator_and_a_b_parts_are_none() -> None:
    contracts = "Liczba zawartych umów, w tym umów wieloletnich"
    selected = (
        "Liczba projektów wybranych do realizacji a) w formie wsparcia b) w formie powierzenia"
    )
    table = [
        obs("5", contracts, "2023 r.", "426", period="2023"),
        obs("5a", f"{contracts} – w tym", "2023 r.", "6", period="2023"),
        obs("4a", f"{selected} – a) w formie wsparcia", "2023 r.", "410", period="2023"),
        obs("4b", f"{selected} – b) w formie powierzenia", "2023 r.", "1", period="2023"),
    ]
    assert codes(table) == ["contracts_signed", "contracts_multiyear", "", ""]


def test_the_mode_a_caption_names_decides_what_a_row_is() -> None:
    small = "Zlecenie zadań publicznych w trybie z pominięciem otwartego konkursu ofert"
    other = "Zlecenie zadań publicznych na podstawie innych przepisów niż ustawa"
    rows = [
        ("Liczba zawartych umów", "37", "count"),
        ("Liczba ofert złożonych w trybie z pominięciem otwartego konkursu ofert", "52", "count"),
        ("Wysokość środków finansowych przeznaczonych na zadania zlecone", "268 915,00", "PLN"),
        ("Wysokość środków finansowych wykorzystanych na zadania zlecone", "266 000,00", "PLN"),
    ]
    table = [obs(str(i), r, "2022 r.", v, u, title=small, period="2022")
             for i, (r, v, u) in enumerate(rows)]  # fmt: skip
    assert codes(table) == ["small_grants_count", "", "small_grants_amount", ""]
    table = [o.model_copy(update={"table_title": other}) for o in table]
    assert codes(table) == ["", "", "", ""]


def test_execution_of_a_grant_line_is_left_open() -> None:
    """ "Wykonanie" of "Dotacje …" may be the grants awarded or those used: no code."""
    row = "Dotacje na zadania zlecone w trybie otwartych konkursów ofert"
    table = [obs("1", row, "Wykonanie (tys. zł) 2022", "296,7", "PLN", period="2022")]
    assert codes(table) == [""]


def test_values_that_cannot_be_the_indicator() -> None:
    label = "Liczba ogłoszonych konkursów"
    table = [
        obs("1", label, "2022 r.", "4", period="2022"),
        obs("2", "Liczba złożonych ofert", "2022 r.", "-3", period="2022"),
        obs("3", "Liczba zawartych umów", "2022 r.", "133,3", period="2022"),
        obs("4", "Liczba ofert, którym przyznano dotację", "2022 r.", "411, tj. 49,82 %",
            "percent", period="2022", number="49.82"),
        obs("5", "Wkład własny Gminy w projekty realizowane w partnerstwie", "2022 r.",
            "12 000,00 zł", "PLN", period="2022", number="12000.00"),
    ]  # fmt: skip
    assert codes(table) == ["competitions_announced", "", "", "", ""]


def test_headers_read_into_each_other_give_no_code() -> None:
    label = "Liczba złożonych ofert"
    merged = [obs("1", label, "2022 2023", "35"), obs("1", label, "2022 2023", "37")]
    assert codes(merged) == ["", ""]
    untitled = [obs("1", label, "", "35", title=""), obs("2", "Liczba zawartych umów", "", "3",
                                                          title="")]  # fmt: skip
    assert codes(untitled) == ["", ""]


# ------------------------------------------------------------------ the shared corpus

KP_CODED = {
    ("1.2", "1"): "orgs_registered", ("1.2a", "1"): "competitions_announced",
    ("1.2a", "2"): "offers_submitted", ("1.2a", "5"): "contracts_signed",
    ("1.2a", "5a"): "contracts_multiyear", ("1.2a", "8"): "orgs_funded",
    ("1.2a", "10"): "grant_awarded", ("1.2a", "11"): "grant_used",
    ("1.2b", "4"): "small_grants_count", ("1.2b", "9"): "small_grants_amount",
    ("1.4", "3"): "grant_budget_ratio",
}  # fmt: skip
GM_CODED = {
    ("1", "Razem", "Liczba złożonych ofert"): "offers_submitted",
    ("1", "Razem", "Liczba zawartych umów"): "contracts_signed",
    ("1", "Razem", "Kwota dotacji przyznanej (zł)"): "grant_awarded",
    ("1", "Razem", "Kwota dotacji wykorzystanej (zł)"): "grant_used",
    ("2", "Razem", "Kwota dotacji (zł)"): "small_grants_amount",
    ("3", "Konsultacje projektów aktów prawa miejscowego", "Liczba działań"): "consultations",
    ("3", "Posiedzenia Gminnej Rady Działalności Pożytku Publicznego", "Liczba działań"):
        "council_meetings",
    ("3", "Szkolenia i spotkania informacyjne dla organizacji", "Liczba działań"): "trainings",
    ("3", "Użyczenie lokali i sprzętu gminnego", "Liczba działań"): "premises_lent",
    ("3", "Patronat Wójta Gminy nad przedsięwzięciami organizacji", "Liczba działań"):
        "patronages",
    ("4", "1", "*"): "orgs_registered", ("4", "2", "*"): "competitions_announced",
    ("4", "3", "*"): "offers_submitted", ("4", "4", "*"): "contracts_signed",
    ("4", "5", "*"): "small_grants_count", ("4", "6", "*"): "contracts_multiyear",
    ("4", "7", "*"): "consultations",
    ("5", "2", "*"): "small_grants_amount",
}  # fmt: skip


def expected_code(obs: Observation) -> str:
    if obs.value is None:
        return ""
    if obs.source_file.startswith("kp"):
        return KP_CODED.get((obs.table_id, obs.row), "")
    for key in ((obs.table_id, obs.row, obs.column), (obs.table_id, obs.row, "*")):
        if key in GM_CODED:
            return GM_CODED[key]
    return ""


@pytest.mark.parametrize("name", sorted(p.name for p in INPUT.glob("*.pdf")))
def test_every_corpus_row_of_a_vocabulary_indicator_gets_its_code(name: str, extracted: Get
                                                                  ) -> None:  # fmt: skip
    result = extracted(INPUT / name)
    got = {(o.table_id, o.row, o.column, o.raw): o.indicator_code for o in result.observations}
    want = {(o.table_id, o.row, o.column, o.raw): expected_code(o) for o in result.observations}
    assert got == want
    assert {c for c in got.values() if c} >= {
        "competitions_announced", "offers_submitted", "contracts_signed", "grant_awarded",
        "small_grants_count", "small_grants_amount", "orgs_registered",
    }  # fmt: skip
