"""yoy_jump: a value changing by a factor of 1.5 or more in a year."""

from __future__ import annotations

import pytest

from extractor.checks.run import run_checks
from extractor.model.records import ReportResult

from truth_results import brief, make_obs, make_result


def kp(year: int, values: dict[str, str]) -> ReportResult:
    """Report of `year` stating Tab. 1.2a row 6 in the given columns."""
    text = "Liczba zrealizowanych projektów"
    rows = [make_obs("6", text, v, column=c, report_id=f"r{year}") for c, v in values.items()]
    return make_result(rows, year=year)


@pytest.mark.parametrize(
    ("before", "after", "flagged"),
    [
        ("120 000", "185 000", True),
        ("100", "150", True),  # exactly a factor of 1.5
        ("100", "149", False),
        ("150", "100", True),
        ("4", "9", False),  # small counts
    ],
)
def test_year_on_year_jumps_are_info(before: str, after: str, flagged: bool) -> None:
    findings = run_checks([kp(2022, {"2021 r.": before, "2022 r.": after})])
    assert [brief(f)[:22] for f in findings] == (["yoy_jump|info|r2022|r2"] if flagged else [])
