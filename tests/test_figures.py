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


@pytest.mark.parametrize(("conf", "read"), [(90.0, True), (100.0, False)])
def test_ocr_measuring_a_body_line_a_little_small_keeps_it_body_text(
    conf: float, read: bool
) -> None:
    """OCR measured most of the body at 12.5 pt and this paragraph at 12 pt: it is still
    body text (its figures are read); a text layer's 12 pt under 12.5 pt body is set
    smaller (a note).  A 9.5 pt note is no body text either way."""

    def line(text: str, top: float, size: float) -> TextLine:
        return TextLine(text=text, markers=(), x0=70, x1=520, top=top, bottom=top + size,
                        baseline=top + 0.8 * size, size=size, conf=conf)  # fmt: skip

    body = [line(f"Akapit numer {k} opisuje przebieg współpracy w roku.", 100 + 20 * k, 12.5)
            for k in range(8)]  # fmt: skip
    lines = (*body, line("Łącznie podpisano 22 umowy.", 300, 12.0), line("Dane urzędu.", 700, 9.5))
    page = PageLayout(number=1, width=595, height=842, tables=(), lines=lines)
    sentences = [s for _, s in layouts_to_sentences([page])]
    assert ("Łącznie podpisano 22 umowy." in sentences) is read
    assert "Dane urzędu." not in sentences


def test_figure_model_keeps_printed_value_and_scale() -> None:
    fig = Figure(
        report_id="r", source_file="r.pdf", page=1, sentence="1 245,5 tys. zł",
        value=Decimal("1245.5"), unit="PLN", scale=Decimal(1000),
    )  # fmt: skip
    assert fig.value * fig.scale == Decimal("1245500")
