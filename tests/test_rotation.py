"""Landscape pages: stored rotated (/Rotate 90) or drawn with a rotated text matrix,
both read as upright pages (text lines left to right, top to bottom)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractor.layout.lines import chars_to_lines
from extractor.read.pdf import open_document, read_pages

WIDTH, HEIGHT = A4


def landscape_pdf(path: Path, rotate_page: bool, turns: int) -> Path:
    """A portrait page whose content is a landscape layout turned `turns` quarter turns."""
    c = canvas.Canvas(str(path), pagesize=A4)
    if rotate_page:
        c.setPageRotation(90 * turns)
    c.saveState()
    if turns == 1:
        c.translate(WIDTH, 0)
        c.rotate(90)
    else:
        c.translate(0, HEIGHT)
        c.rotate(-90)
    c.setFont("Helvetica", 12)
    c.drawString(72, WIDTH - 72, "Tabela 1. Dotacje w 2023 r.")
    c.drawString(72, WIDTH - 100, "Razem")
    c.drawString(400, WIDTH - 100, "39 900,00")
    c.line(72, WIDTH - 110, HEIGHT - 72, WIDTH - 110)
    c.restoreState()
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("rotate_page", [True, False], ids=["rotate-attribute", "text-matrix"])
@pytest.mark.parametrize("turns", [1, 3])
def test_landscape_page_reads_upright(tmp_path: Path, rotate_page: bool, turns: int) -> None:
    path = landscape_pdf(tmp_path / "landscape.pdf", rotate_page, turns)
    doc = open_document(path)
    try:
        (page,) = list(read_pages(doc))
    finally:
        doc.close()
    assert page.width > page.height  # the page is landscape once upright
    lines = chars_to_lines(page.chars)
    texts = [line.text for line in lines]
    assert texts[0] == "Tabela 1. Dotacje w 2023 r."
    assert texts[1].split() == ["Razem", "39", "900,00"]
    assert lines[0].top < lines[1].top
    rule = [s for s in page.segments if s.orientation == "h"]
    assert rule and rule[0].x1 - rule[0].x0 > 0.7 * page.width
