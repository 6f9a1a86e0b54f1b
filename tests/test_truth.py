"""Accuracy: every bundled text-layer report against its ground truth, cell by cell."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from extractor.model.records import ReportResult, Status

from conftest import INPUT
from truthcompare import compare, load_truth

PDFS = sorted(p.name for p in INPUT.glob("*.pdf"))


@pytest.mark.parametrize("name", PDFS)
def test_report_matches_truth(name: str, extracted: Callable[[Path], ReportResult]) -> None:
    result = extracted(INPUT / name)
    truth = load_truth(Path(name).stem)
    comparison = compare(result, truth)
    assert comparison.cells == len(truth["cells"]) > 0
    assert comparison.missing == []
    assert comparison.wrong_values == []
    assert comparison.wrong_footnotes == []
    assert comparison.spurious == []
    assert comparison.wrong_texts == []


@pytest.mark.parametrize("name", PDFS)
def test_report_metadata(name: str, extracted: Callable[[Path], ReportResult]) -> None:
    info = extracted(INPUT / name).info
    truth = load_truth(Path(name).stem)["report"]
    assert info.status == Status.ok, info.issues
    assert info.pages == truth["pages"]
    assert info.report_year == truth["report_year"]
    assert info.baseline_year == truth["baseline_year"]
    assert len(info.sha256) == 64
    assert truth["jst"].split()[-1].lower()[:6] in info.issuer.lower()
