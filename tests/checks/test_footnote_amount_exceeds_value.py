"""footnote_amount_exceeds_value: amounts a footnote names as part of a value."""

from __future__ import annotations

import pytest

from truth_results import checks_of, make_obs

FUNDS = "Wysokość środków finansowych {} na zadania zlecone w trybie konkursowym"


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
