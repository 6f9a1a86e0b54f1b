"""Scanned reports: OCR gives the same observations as the text-layer twin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractor.models import ReportResult

from conftest import FIXTURES, INPUT
from truthcompare import compare, load_truth

SCAN = FIXTURES / "kp-2021-scan.pdf"
TWIN = INPUT / "kp-2021.pdf"


def test_scan_reaches_98_percent_of_cells_exact(extracted: Callable[[Path], ReportResult]) -> None:
    result = extracted(SCAN)
    comparison = compare(result, load_truth("kp-2021-scan"))
    wrong = len(comparison.missing) + len(comparison.wrong_values)
    assert wrong <= 0.02 * comparison.cells, comparison.wrong_values + comparison.missing
    assert comparison.spurious == []
    assert len(comparison.wrong_footnotes) <= 0.02 * comparison.cells
    assert comparison.wrong_texts == []


def test_scan_observations_agree_with_text_twin(extracted: Callable[[Path], ReportResult]) -> None:
    def keyed(result: ReportResult) -> dict[tuple[str, str, str, str], object]:
        return {(o.table_id, o.section, o.row, o.column): o.value for o in result.observations}

    scan, twin = keyed(extracted(SCAN)), keyed(extracted(TWIN))
    assert scan.keys() == twin.keys()
    agree = sum(scan[k] == twin[k] for k in twin)
    assert agree >= 0.98 * len(twin)


def test_scan_observations_say_they_were_read_by_ocr(
    extracted: Callable[[Path], ReportResult],
) -> None:
    result = extracted(SCAN)
    assert {o.source for o in result.observations} == {"ocr"}
    assert all(0 <= o.confidence <= 1 for o in result.observations)
    assert all(o.source == "text" and o.confidence == 1 for o in extracted(TWIN).observations)


def test_low_confidence_cell_is_an_issue(extracted: Callable[[Path], ReportResult]) -> None:
    result = extracted(SCAN)
    low = [o for o in result.observations if o.confidence < 0.6]
    issues = [i for i in result.info.issues if "low OCR confidence" in i.message]
    assert len(issues) >= len({(o.table_id, o.row, o.column) for o in low}) > 0
    assert all(i.page for i in issues)
