"""Consistency checks on the truth corpus: every expected finding, and no other error.

Each rule is tested on small hand-built tables beside it, in `tests/checks/`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

import pytest

from extractor.checks.rules import RULES
from extractor.checks.run import run_checks
from extractor.model.findings import Finding
from extractor.model.records import ReportResult

from truth_results import (
    all_truth_results,
    load_truth,
    truth_files,
)

RESULTS: dict[str, ReportResult] = {r.info.file: r for r in all_truth_results()}
TRUTH = {load_truth(p)["report"]["file"]: load_truth(p) for p in truth_files()}


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def is_expected(f: Finding, entry: dict[str, Any], file: str) -> bool:
    """Matched the way the corpus scorer matches: table, one of the rows, the column."""
    if (f.check, f.source_file, f.table_id) != (entry["check"], file, entry["table"]):
        return False
    digits = re.match(r"\d+", f.row)
    if (digits.group(0) if digits else slug(f.row)) not in entry["rows"]:
        return False
    period = entry["period"]
    if isinstance(period, int):
        return f.period == str(period)
    if period in ("actual", "target"):
        return ("wskaźnik" if period == "actual" else "docelow") in f.period.lower()
    return slug(f.period) == period or slug(f.period) in period or period in slug(f.period)


EXPECTED = [
    pytest.param(file, entry, id=f"{file}:{entry['check']}:{entry['table']}:{entry['row']}")
    for file, truth in TRUTH.items()
    for entry in truth["expected_findings"]
]


def with_counterparts(file: str, entry: dict[str, Any]) -> list[ReportResult]:
    wanted = set(entry["counterparts"])
    return [RESULTS[file]] + [r for r in RESULTS.values() if r.info.report_id in wanted]


@pytest.mark.parametrize(("file", "entry"), EXPECTED)
def test_every_expected_finding_is_found(file: str, entry: dict[str, Any]) -> None:
    findings = run_checks(with_counterparts(file, entry))
    assert any(is_expected(f, entry, file) for f in findings), [f.message for f in findings]


@pytest.mark.parametrize("file", ["kp-2022.pdf", "gm-2023-web.pdf"])
def test_restatement_needs_the_counterpart_report(file: str) -> None:
    assert not [f for f in run_checks([RESULTS[file]]) if f.check == "restatement"]


def test_no_error_on_values_the_truth_does_not_list() -> None:
    for f in run_checks(list(RESULTS.values())):
        if f.severity == "error":
            entries = TRUTH[f.source_file]["expected_findings"]
            assert any(is_expected(f, e, f.source_file) for e in entries), f.message


def test_findings_over_the_whole_corpus() -> None:
    counts = Counter((f.check, f.severity) for f in run_checks(list(RESULTS.values())))
    assert counts == {
        ("percent_mismatch", "error"): 2,
        ("parts_sum_mismatch", "error"): 2,  # kp-2021 and its scan
        ("parts_exceed_total", "error"): 1,
        ("used_exceeds_allocated", "error"): 2,
        ("total_mismatch", "error"): 1,
        ("restatement", "error"): 2,
        ("stage_order", "info"): 1,  # kp-2023: 426 contracts for 418 + 2 selected projects
        ("yoy_jump", "info"): 2,  # Tab. 1.3 row 2: 120 000 -> 185 000 -> 120 000 zł
    }


def test_published_2023_percent_is_reported_with_printed_values() -> None:
    [f] = [f for f in run_checks([RESULTS["kp-2023.pdf"]]) if f.check == "percent_mismatch"]
    assert (f.table_id, f.row, f.period, f.expected, f.found) == (
        "1.2a",
        "3",
        "2023",
        "84.50",
        "83.79",
    )
    assert f.message == (
        "Tab. 1.2a row 3 (2023 r., page 3): 703 of 832 (row 2) is 84,50 %, "
        "the report prints 83,79 %"
    )


def test_rules_are_declared_with_ids_and_tolerance() -> None:
    ids = {r.id for r in RULES}
    assert {"percent_mismatch", "parts_sum_mismatch", "used_exceeds_allocated"} <= ids
    assert {"per_capita_mismatch", "baseline_mismatch", "restatement", "total_mismatch"} <= ids
    assert {"footnote_amount_exceeds_value", "goal_attainment", "yoy_jump"} <= ids
    assert all(r.description and r.tolerance for r in RULES)
