"""Figures in prose: found and linked to the cells they restate (checked against them:
`tests/checks/test_figure_mismatch.py`)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.layout.lines import TextLine
from extractor.layout.page import PageLayout
from extractor.model.records import Figure, ReportResult
from extractor.report.figures import layouts_to_sentences

from conftest import INPUT
from truthcompare import load_truth

Get = Callable[[Path], ReportResult]
GM = ["gm-2022.pdf", "gm-2023-web.pdf"]


@pytest.mark.parametrize("name", GM)
def test_every_prose_figure_of_the_truth_is_found(name: str, extracted: Get) -> None:
    result = extracted(INPUT / name)
    found = {(f.page, f.value) for f in result.figures}
    for item in load_truth(Path(name).stem)["prose_figures"]:
        for value in item["values"]:
            assert (item["page"], Decimal(str(value))) in found, item["text"]


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
