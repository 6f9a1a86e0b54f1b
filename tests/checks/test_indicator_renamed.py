"""indicator_renamed: the indicator text of a table row changed between reports."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.checks.rules import indicator_renamed
from extractor.checks.run import run_checks
from extractor.model.records import ReportResult

from truth_results import make_obs, make_result


def report(year: int, *cells: tuple[str, str, str], **kw: Any) -> ReportResult:
    """A one-table report; each cell is (row, indicator, value) in column '<year> r.'."""
    rows = [
        make_obs(r, text, v, column=f"{year} r.", report_id=f"r{year}", **kw)
        for r, text, v in cells
    ]
    return make_result(rows, year=year)


def renamed(*results: ReportResult) -> list[Any]:
    return [f for f in run_checks(list(results)) if f.check == "indicator_renamed"]


def test_a_real_text_change_is_a_warning_naming_both_texts() -> None:
    old, new = "Liczba organizacji w bazie Urzędu", "Liczba organizacji korzystających z inkubatora"
    [f] = renamed(report(2021, ("4", old, "1742")), report(2022, ("4", new, "1771")))
    assert (f.severity, f.report_id, f.source_file, f.row, f.period) == (
        "warning", "r2021;r2022", "r2022.pdf", "4", "",
    )  # fmt: skip
    assert (f.expected, f.found) == (old, new)
    assert f"reads '{old}' in r2021 (r2021.pdf, page 3)" in f.message


@pytest.mark.parametrize(
    "later", ["liczba  organizacji pozarządowych,", "Liczba organizacji pozarzadowych"]
)
def test_case_blanks_diacritics_and_punctuation_are_no_rename(later: str) -> None:
    earlier = report(2021, ("1", "Liczba organizacji pozarządowych", "10"))
    assert renamed(earlier, report(2022, ("1", later, "12"))) == []


def test_the_rule_states_the_similarity_it_tolerates() -> None:
    assert "0.9" in indicator_renamed.RULE.tolerance
