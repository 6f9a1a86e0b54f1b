"""total_mismatch: a Razem row against the rows above it."""

from __future__ import annotations

import pytest

from extractor.checks.rules.base import Report
from extractor.checks.rules.total_mismatch import totals
from extractor.model.records import Observation

from truth_results import brief, checks_of, make_obs, make_result

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


def test_lacznie_and_numbered_ogolem_rows_are_totals_too() -> None:
    rows = grants(["120 000,00", "24 000,00", "42 500,00"], "186 500,00")[:3]
    lacznie = make_obs("Łącznie:", "Łącznie:", "186 000,00", "PLN", column=COLUMN, table="1")
    [f] = checks_of(*rows, lacznie)
    assert f.check == "total_mismatch" and f.row == "Łącznie:"
    ogolem = make_obs("4", "Ogółem środki", "186 500,00", "PLN", column=COLUMN, table="1")
    assert checks_of(*rows, ogolem) == []
    found = totals(Report.index(make_result([*rows, ogolem])))
    assert [o.row for o in found] == ["4"]  # adds up: a total, whatever its row label
    assert totals(Report.index(make_result([*rows, lacznie]))) == []  # does not add up


def sectioned(total: str, with_subtotals: bool = False) -> list[Observation]:
    def cell(row: str, section: str, amount: str) -> Observation:
        label = f"Zadanie {row}" if row[0].isdigit() else row
        return make_obs(row, label, amount, "PLN", column=COLUMN, table="1", section=section)

    rows = [cell("1", "I", "100,00"), cell("2", "I", "50,00")]
    if with_subtotals:
        rows.append(cell("Razem", "I", "150,00"))
    rows += [cell("3", "II", "30,00"), cell("4", "II", "20,00")]
    if with_subtotals:
        rows.append(cell("Razem", "II", "50,00"))
    return [*rows, cell("Ogółem", "II", total)]


def test_a_total_closing_a_table_of_sections_adds_up_the_whole_table() -> None:
    assert checks_of(*sectioned("200,00")) == []
    assert checks_of(*sectioned("200,00", with_subtotals=True)) == []
    [f] = checks_of(*sectioned("210,00"))
    assert f.check == "total_mismatch" and "rows 1–4 add up to 200,00 zł" in f.message


def test_a_section_total_adds_up_its_section() -> None:
    rows = sectioned("200,00", with_subtotals=True)
    rows[2] = rows[2].model_copy(update={"value": rows[2].value + 1})  # Razem I printed 151
    [f] = checks_of(*rows)
    assert f.section == "I" and "rows 1–2 add up to 150,00 zł" in f.message


def test_a_column_whose_rows_give_two_values_is_not_checked() -> None:
    """Two cells of one row read into one column (a header lost): no sum is checked."""
    rows = grants(["120 000,00", "24 000,00"], "144 000,00")
    stray = make_obs("1", "Zadanie 1", "99 000,00", "PLN", column=COLUMN, table="1")
    assert checks_of(*rows[:2], stray, rows[2]) == []
    assert [f.check for f in checks_of(*grants(["120 000,00", "24 000,00"], "150 000,00"))] == [
        "total_mismatch"
    ]
