"""Compound cells: one record per number, sub-rows by what the cell prints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.layout.cells import CellText
from extractor.report.cell_values import cell_to_values


def cell(*lines: str) -> CellText:
    return CellText(col=2, colspan=1, page=1, lines=lines, markers=())


def values(
    c: CellText, indicator: str = "Liczba", header: str = "2023 r.", scale: int = 1
) -> list[tuple[str, str, str]]:
    got, problem = cell_to_values(c, indicator, header, Decimal(scale))
    assert problem is None
    return [(str(v.value), v.unit, v.suffix) for v in got]


def test_count_and_percent() -> None:
    assert values(cell("411, tj. 49,82 %")) == [("411", "count", ""), ("49.82", "percent", "")]


def test_stacked_values_for_a_b_parts() -> None:
    indicator = (
        "Liczba projektów wybranych do realizacji a) w formie wsparcia b) w formie powierzenia"
    )
    assert values(cell("410", "1"), indicator) == [("410", "count", "a"), ("1", "count", "b")]


def test_stacked_total_and_including_part() -> None:
    indicator = "Liczba zawartych umów, w tym umów wieloletnich"
    assert values(cell("399", "0"), indicator) == [("399", "count", ""), ("0", "count", "a")]


def test_labelled_parts_in_the_cell() -> None:
    got = values(cell("9, w tym:", "a) szkolenia 6", "b) doradztwo 4"))
    assert got == [("9", "count", ""), ("6", "count", "a"), ("4", "count", "b")]


def test_bracketed_part() -> None:
    assert values(cell("11 (szkolenia 12,", "doradztwo)")) == [
        ("11", "count", ""),
        ("12", "count", "a"),
    ]


def test_frequency_and_fraction() -> None:
    got = values(cell("1/rok, Docelowo", "minimum ¼", "konkursów"), header="Wartość docelowa")
    assert [v for v, _, _ in got] == ["1", "0.25"]


def test_thousands_zloty_scaled_exactly() -> None:
    got = values(cell("1 245,5"), "Dotacje", "2022", scale=1000)
    assert got == [("1245500.0", "PLN", "")]


@pytest.mark.parametrize("text", ["—", "nie dotyczy"])
def test_missing_value_is_empty_not_zero(text: str) -> None:
    got, problem = cell_to_values(cell(text), "Liczba", "2021", Decimal(1))
    assert problem is None
    assert [(v.value, v.unit) for v in got] == [(None, "")]


def test_per_capita_and_per_1000_units() -> None:
    assert values(cell("3,41 zł"), "Wydatki na 1 mieszkańca województwa")[0][1] == "PLN"
    assert values(cell("4,17"), "Liczba organizacji na 1000 mieszkańców") == [
        ("4.17", "per_1000_inhabitants", "")
    ]


def test_cell_without_number_is_a_problem_not_a_silent_drop() -> None:
    got, problem = cell_to_values(cell("w trakcie"), "Liczba", "2021", Decimal(1))
    assert got == []
    assert problem is not None and "w trakcie" in problem


@pytest.mark.parametrize("text", ["brak", "b.d.", "—", "x", "nie dotyczy"])
def test_missing_value_is_stated_without_a_value_never_zero(text: str) -> None:
    got, problem = cell_to_values(cell(text), "Liczba", "2021", Decimal(1))
    assert [(v.value, v.unit) for v in got] == [(None, "")] and problem is None


def test_a_lone_digit_shaped_letter_read_by_ocr_is_the_digit() -> None:
    """OCR read "1" alone in a value column as "l" or "i" (and "0" as "O"); a text
    layer's letter stays a letter, with no value."""
    ocr = [CellText(col=2, colspan=1, page=1, lines=(t,), markers=(), conf=80) for t in "liO"]
    assert [values(c) for c in ocr] == [[("1", "count", "")]] * 2 + [[("0", "count", "")]]
    got, problem = cell_to_values(cell("l"), "Liczba", "2023 r.", Decimal(1))
    assert got == [] and problem is not None
