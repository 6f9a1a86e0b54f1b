"""comparison.csv: the offices of an output folder side by side, one row per office, year
and vocabulary indicator; the shared corpus's kp (a województwo) and gm (a gmina)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from extractor import load_dataset
from extractor.checks.comparison import comparison
from extractor.checks.issuers import normalise_issuer
from extractor.model.records import ReportResult
from extractor.output.exports import write_exports

from conftest import INPUT, write_bundled_output

Get = Callable[[Path], ReportResult]
KP, GM = "województwo kujawsko-pomorskie", "Gmina Wierzbno Dolne"

# (indicator, year) -> (kp value, gm value), read off the reports by hand.
BOTH = {
    ("competitions_announced", 2022): ("29", "4"),
    ("competitions_announced", 2023): ("28", "4"),
    ("offers_submitted", 2022): ("869", "35"),
    ("offers_submitted", 2023): ("832", "37"),
    ("contracts_signed", 2022): ("421", "28"),
    ("contracts_signed", 2023): ("426", "31"),
    ("contracts_multiyear", 2022): ("5", "1"),
    ("contracts_multiyear", 2023): ("6", "2"),
    ("grant_awarded", 2022): ("6895120", "298000"),
    ("grant_awarded", 2023): ("6943087.5", "315500"),
    ("grant_used", 2022): ("6871344.62", "296691.75"),
    ("grant_used", 2023): ("6940064.31", "314674.76"),
    ("small_grants_count", 2022): ("37", "6"),
    ("small_grants_count", 2023): ("28", "7"),
    ("small_grants_amount", 2022): ("268915", "40200"),
    ("small_grants_amount", 2023): ("222630.5", "48600"),
    ("orgs_registered", 2021): ("7642", "61"),
    ("orgs_registered", 2023): ("8351", "68"),
    ("trainings", 2022): ("7", "2"),
    ("trainings", 2023): ("7", "2"),
    ("council_meetings", 2023): ("3", "4"),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, extracted: Get) -> Path:
    out = tmp_path_factory.mktemp("offices")
    write_bundled_output(out, extracted)
    write_exports(out, "csv,json")
    return out


def test_the_offices_side_by_side_on_the_indicators_both_report(folder: Path) -> None:
    frame = load_dataset(folder, comparison=True)
    assert frame.attrs["table"] == "comparison"
    rows = {(r.issuer, r.indicator_code, r.year): r for r in frame.itertuples()}
    for (code, year), (kp, gm) in BOTH.items():
        assert rows[(KP, code, year)].value == Decimal(kp), (code, year)
        assert rows[(GM, code, year)].value == Decimal(gm), (code, year)
    assert {r.issuer_type for r in frame.itertuples() if r.issuer == KP} == {"województwo"}
    assert {r.issuer_type for r in frame.itertuples() if r.issuer == GM} == {"gmina"}
    kp_only = {c for i, c, _ in rows if i == KP} - {c for i, c, _ in rows if i == GM}
    assert kp_only == {"orgs_funded", "grant_budget_ratio"}


def test_statuses_and_sources(folder: Path) -> None:
    frame = load_dataset(folder, comparison=True)
    rows = {(r.issuer, r.indicator_code, r.year): r for r in frame.itertuples()}
    offers = rows[(GM, "offers_submitted", 2022)]  # a sentence, two tables, two reports
    assert offers.status == "agreed" and offers.values == (Decimal(35),)
    assert offers.report_ids == ("gm-2022", "gm-2023-web")
    assert any("„W 2022 r. ogłoszono 4 otwarte konkursy ofert" in s for s in offers.sources)
    assert any(s.startswith("gm-2022.pdf:2 Tab. 1 row Razem") for s in offers.sources)
    registered = rows[(GM, "orgs_registered", 2022)]  # gm-2022: 64, gm-2023: 66
    assert registered.status == "conflicting" and registered.value == Decimal(66)
    assert registered.values == (Decimal(64), Decimal(66))
    assert rows[(KP, "offers_submitted", 2020)].status == "agreed"  # the baseline, 3 reports
    assert rows[(KP, "grant_budget_ratio", 2023)].unit == "percent"
    assert rows[(GM, "grant_awarded", 2022)].unit == "PLN"


def test_one_row_per_office_year_and_indicator_in_a_stable_order(folder: Path) -> None:
    with (folder / "comparison.csv").open(encoding="utf-8") as fh:
        lines = list(csv.DictReader(fh))
    keys = [(r["issuer"], r["year"], r["indicator_code"]) for r in lines]
    assert len(keys) == len(set(keys)) > 80
    first = write_exports(folder, "csv,json")
    again = (folder / "comparison.csv").read_bytes()
    write_exports(folder, "csv,json")
    assert (folder / "comparison.csv").read_bytes() == again
    assert [p.name for p in first] == ["indicators.csv", "reports.csv"]  # the extra formats


def test_the_files_hold_what_the_results_give(folder: Path, extracted: Get) -> None:
    rows = comparison(extracted(p) for p in sorted(INPUT.glob("*.pdf")))
    frame = load_dataset(folder, comparison=True)
    assert [(r.issuer, r.year, r.indicator_code, r.value, r.status) for r in rows] == [
        (r.issuer, r.year, r.indicator_code, r.value, r.status) for r in frame.itertuples()
    ]


@pytest.mark.parametrize(
    ("printed", "name", "kind"),
    [
        ("województwo Kujawsko-Pomorskie", "województwo kujawsko-pomorskie", "województwo"),
        ("Gmina Wierzbno Dolne", "Gmina Wierzbno Dolne", "gmina"),
        ("Powiat Lipowski", "Powiat Lipowski", "powiat"),
        ("Miasto Krakowa", "Miasto Kraków", "miasto na prawach powiatu"),
        ("Gmina Miejska Kraków", "Miasto Kraków", "miasto na prawach powiatu"),
        ("Miasto Zielonej Góry", "Miasto Zielona Góra", "miasto na prawach powiatu"),
        ("Miasto Dębowca Szlacheckiego", "Miasto Dębowiec Szlachecki", "miasto na prawach powiatu"),
        ("Miasto Przybicy Kościelnej", "Miasto Przybica Kościelna", "miasto na prawach powiatu"),
        ("Miasto Jawornik Wielkich", "Miasto Jaworniki Wielkie", "miasto na prawach powiatu"),
        ("", "", ""),
    ],
)
def test_issuers_are_normalised_with_their_type(printed: str, name: str, kind: str) -> None:
    assert normalise_issuer(printed) == (name, kind)
