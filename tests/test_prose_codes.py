"""`indicator_code` and `period` of figures in prose: a sentence that names its subject
gets the code and the year (its own, else the report's); anything else gets none."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.model.records import ReportResult
from extractor.report.figures import is_figure
from extractor.report.prose_codes import prose_code
from extractor.text.numbers import find_numbers

from conftest import INPUT

Get = Callable[[Path], ReportResult]
REPORT_YEAR = 2023


def coded(sentence: str) -> list[tuple[str, str, str]]:
    """(value, code, year) of every figure of the sentence."""
    return [
        (str(t.value), *prose_code(sentence, t, REPORT_YEAR))
        for t in find_numbers(sentence)
        if is_figure(t, sentence)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("W 2022 r. ogłoszono 4 otwarte konkursy ofert, na które wpłynęło 35 ofert.",
         [("4", "competitions_announced", "2022"), ("35", "offers_submitted", "2022")]),
        ("W roku sprawozdawczym ogłoszono 3 otwarte konkursy ofert.",
         [("3", "competitions_announced", "2023")]),
        ("Łącznie wpłynęło 29 ofert.", [("29", "offers_submitted", "2023")]),
        ("Łącznie podpisano 91 umów na łączną kwotę 130 000,00 zł.",
         [("91", "contracts_signed", "2023"), ("130000.00", "grant_awarded", "2023")]),
        ("Zawarto 13 umów o wsparcie lub powierzenie realizacji zadań publicznych na kwotę "
         "355 380,00 zł.",
         [("13", "contracts_signed", "2023"), ("355380.00", "grant_awarded", "2023")]),
        ("Zawarto 28 umów, a organizacje wykorzystały dotacje w łącznej kwocie 296 691,75 zł.",
         [("28", "contracts_signed", "2023"), ("296691.75", "grant_used", "2023")]),
        ("Organizacje wykorzystały dotacje w łącznej kwocie 351 003,42 zł, a kwota 4 376,58 zł "
         "została zwrócona do budżetu.",
         [("351003.42", "grant_used", "2023"), ("4376.58", "grant_returned", "2023")]),
        ("W 2024 r. udzielono 8 dotacji w trybie art. 19a ustawy na łączną kwotę 58 900,00 zł.",
         [("8", "small_grants_count", "2024"), ("58900.00", "small_grants_amount", "2024")]),
        ("W trybie art. 19a ustawy (tzw. małe granty) zlecono 6 zadań na łączną kwotę "
         "40 200,00 zł.",
         [("6", "small_grants_count", "2023"), ("40200.00", "small_grants_amount", "2023")]),
        ("Powiatowa Rada Działalności Pożytku Publicznego odbyła w 2024 r. 1 posiedzenie.",
         [("1", "council_meetings", "2024")]),
        ("Gminna Rada Działalności Pożytku Publicznego odbyła w 2022 r. 3 posiedzenia, na "
         "których zaopiniowała m.in. projekt Programu współpracy na rok 2023.",
         [("3", "council_meetings", "2022")]),
        ("Konsultacjom poddano 6 projektów aktów prawa miejscowego, do których zgłoszono 9 uwag.",
         [("6", "consultations", "2023"), ("9", "consultation_remarks", "2023")]),
        ("Na terenie Gminy Wierzbno Dolne według stanu na dzień 31 grudnia 2022 r. zarejestrowane"
         " były 64 organizacje pozarządowe, w tym stowarzyszenia i fundacje.",
         [("64", "orgs_registered", "2022")]),
        ("Według danych urzędu w 2024 r. na terenie Powiatu Lipowskiego działało 65 organizacji "
         "pozarządowych.", [("65", "orgs_registered", "2024")]),
        ("Dotacje dla organizacji pozarządowych stanowiły 0,44% wydatków budżetu.",
         [("0.44", "grant_budget_ratio", "2023")]),
        ("Łącznie podpisano 91 umów (w tym 12 wieloletnich).",
         [("91", "contracts_signed", "2023"), ("12", "contracts_multiyear", "2023")]),
        ("Zgodnie z ustawą z dnia 24 kwietnia 2003 r. w 2021 r. ogłoszono 5 konkursów.",
         [("5", "competitions_announced", "2021")]),
        ("Na posiedzeniach 3 posiedzenia Sejmiku Organizacji Pozarządowych oraz 2 posiedzenia "
         "Rady Działalności Pożytku Publicznego Województwa.",
         [("3", "", ""), ("2", "council_meetings", "2023")]),
    ],
)  # fmt: skip
def test_a_sentence_naming_its_subject_gives_code_and_year(
    sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert coded(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Oferty były zamieszczane na okres 7 dni w Biuletynie Informacji Publicznej.",
        "Łączna kwota środków przekazanych organizacjom pozarządowym z budżetu Gminy w 2022 r. "
        "wyniosła 1 121,5 tys. zł, tj. o 12,2% więcej niż w roku poprzednim.",
        "W ramach realizacji projektu łącznie podpisano 130 umów z 79 organizacjami na kwotę "
        "ponad 6 milionów złotych.",
        "W spotkaniu uczestniczyło 34 przedstawicieli organizacji.",
        "„Rodzynki z pozarządówki”, w którym nagrodzono 9 organizacji.",
        "pisania projektów (4 szkolenia),",
        "W latach 2021–2023 zawarto 80 umów.",
        "W 2022 r. i w 2023 r. zawarto łącznie 55 umów.",
        "Wpłynęło ok. 90 ofert.",
        "Łącznie wpłynęło 29 ofert, o 3 więcej niż w roku poprzednim.",
        "Dotacje w trybie otwartych konkursów ofert 160.606,00 179.325,00 192.190,00",
        "Zlecanie zadań w trybie otwartych Liczba konsultacji 1 w roku 5 konkursów ofert",
    ],
)
def test_a_figure_is_never_forced_into_a_code(sentence: str) -> None:
    assert [c for _, c, _ in coded(sentence) if c] in ([], ["offers_submitted"])
    if "o 3 więcej" in sentence:
        assert coded(sentence) == [("29", "offers_submitted", "2023"), ("3", "", "")]


GM_FIGURES = {
    "gm-2022.pdf": {
        ("64", "orgs_registered", "2022"), ("4", "competitions_announced", "2022"),
        ("35", "offers_submitted", "2022"), ("28", "contracts_signed", "2022"),
        ("296691.75", "grant_used", "2022"), ("6", "small_grants_count", "2022"),
        ("40200.00", "small_grants_amount", "2022"), ("3", "council_meetings", "2022"),
    },
    "gm-2023-web.pdf": {
        ("68", "orgs_registered", "2023"), ("4", "competitions_announced", "2023"),
        ("37", "offers_submitted", "2023"), ("31", "contracts_signed", "2023"),
        ("314674.76", "grant_used", "2023"), ("7", "small_grants_count", "2023"),
        ("48600.00", "small_grants_amount", "2023"), ("4", "council_meetings", "2023"),
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(GM_FIGURES))
def test_the_gmina_reports_key_figures_are_coded(name: str, extracted: Get) -> None:
    figures = extracted(INPUT / name).figures
    got = {(str(f.value), f.indicator_code, f.period) for f in figures if f.indicator_code}
    assert got == GM_FIGURES[name]
    assert all(f.table_id for f in figures if f.indicator_code != "grant_used"
               and f.indicator_code)  # fmt: skip


def test_a_coded_figure_links_to_the_cell_of_its_indicator_and_year(extracted: Get) -> None:
    figures = extracted(INPUT / "gm-2023-web.pdf").figures
    offers = next(f for f in figures if f.indicator_code == "offers_submitted")
    assert (offers.table_id, offers.column) == ("4", "2023") or offers.row == "Razem"
    days = next(f for f in figures if f.value == Decimal(7) and "dni" in f.sentence)
    assert days.indicator_code == "" and days.period == ""
