"""Figures in prose: found, linked to the cells they restate, checked against them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.layout.lines import TextLine
from extractor.layout.page import PageLayout
from extractor.model.records import Figure, ReportResult
from extractor.report.figures import figure_findings, layouts_to_sentences

from conftest import INPUT
from truthcompare import load_truth

Get = Callable[[Path], ReportResult]
GM = ["gm-2022.pdf", "gm-2023-web.pdf"]


def polish(value: Decimal) -> str:
    whole, _, frac = format(value, "f").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return " ".join([whole, *groups]) + ("," + frac if frac else "")


@pytest.mark.parametrize("name", GM)
def test_every_prose_figure_of_the_truth_is_found(name: str, extracted: Get) -> None:
    result = extracted(INPUT / name)
    found = {(f.page, f.value) for f in result.figures}
    for item in load_truth(Path(name).stem)["prose_figures"]:
        for value in item["values"]:
            assert (item["page"], Decimal(str(value))) in found, item["text"]


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


def test_years_dates_and_list_labels_are_not_figures(extracted: Get) -> None:
    result = extracted(INPUT / "gm-2022.pdf")
    values = {f.value for f in result.figures}
    assert Decimal(2022) not in values and Decimal(31) not in values
    assert not any(f.sentence.startswith(("1)", "2)")) for f in result.figures)


def test_number_wrapped_at_its_thousands_blank() -> None:
    def line(text: str, top: float) -> TextLine:
        return TextLine(
            text=text, markers=(), x0=70, x1=520, top=top, bottom=top + 9, baseline=top + 8, size=11
        )

    page = PageLayout(
        number=1, width=595, height=842, tables=(),
        lines=(line("Łączna kwota wyniosła 1", 100), line("121,5 tys. zł.", 114)),
    )  # fmt: skip
    [(_, sentence)] = layouts_to_sentences([page])
    assert "1 121,5 tys. zł" in sentence


def test_figure_model_keeps_printed_value_and_scale() -> None:
    fig = Figure(
        report_id="r", source_file="r.pdf", page=1, sentence="1 245,5 tys. zł",
        value=Decimal("1245.5"), unit="PLN", scale=Decimal(1000),
    )  # fmt: skip
    assert fig.value * fig.scale == Decimal("1245500")
