"""used_exceeds_allocated: funds used against funds allocated, rows or columns."""

from __future__ import annotations

import pytest

from extractor.model.records import Observation

from truth_results import brief, checks_of, make_obs

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
