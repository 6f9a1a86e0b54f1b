"""figure_mismatch: a sentence's figure against the table cell it restates."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.checks.rules.figure_mismatch import findings as figure_findings
from extractor.model.records import ReportResult

from conftest import INPUT

Get = Callable[[Path], ReportResult]
GM = ["gm-2022.pdf", "gm-2023-web.pdf"]


def polish(value: Decimal) -> str:
    whole, _, frac = format(value, "f").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return " ".join([whole, *groups]) + ("," + frac if frac else "")


@pytest.mark.parametrize("name", sorted(p.name for p in INPUT.glob("*.pdf")))
def test_consistent_prose_raises_no_finding(name: str, extracted: Get) -> None:
    assert figure_findings(extracted(INPUT / name)) == []


@pytest.mark.parametrize("name", GM)
def test_a_changed_figure_is_reported(name: str, extracted: Get) -> None:
    result = extracted(INPUT / name)
    linked = [f for f in result.figures if f.table_id]
    detected = 0
    for fig in linked:
        wrong = fig.value + 1
        sentence = fig.sentence.replace(polish(fig.value), polish(wrong), 1)
        changed = fig.model_copy(update={"value": wrong, "sentence": sentence, "table_id": ""})
        findings = figure_findings(result.model_copy(update={"figures": (changed,)}))
        detected += bool(findings)
        assert all(f.check == "figure_mismatch" and f.severity == "warning" for f in findings)
    assert detected >= 0.7 * len(linked)
