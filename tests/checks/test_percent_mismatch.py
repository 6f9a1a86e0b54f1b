"""percent_mismatch: a stated percent against its count and the denominator row."""

from __future__ import annotations

import pytest

from extractor.model.records import Observation

from truth_results import checks_of, make_obs

PCT_ROW = "Liczba ofert poprawnych formalnie liczbowo oraz procentowo"


def offers(
    submitted: str, correct: str, percent: str, label: str = "Liczba złożonych ofert"
) -> list[Observation]:
    raw = f"{correct}, tj. {percent} %"
    return [
        make_obs("2", label, submitted),
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


@pytest.mark.parametrize(
    "label",
    ["Liczba ofert złożonych w otwartych konkursach ofert", "Liczba złożonych ofert (ogółem)"],
)
def test_the_denominator_row_in_other_words(label: str) -> None:
    [f] = checks_of(*offers("32", "29", "88,80", label))
    assert (f.check, f.expected) == ("percent_mismatch", "90.63")


def test_offers_of_one_kind_are_no_denominator() -> None:
    label = "Liczba ofert złożonych w ramach inicjatywy lokalnej"
    assert checks_of(*offers("25", "14", "88,80", label)) == []
