"""PDF reading: characters with size, glyph box and baseline; damaged input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor.read import pdf as pdfread
from extractor.read.pdf import char_text, open_document, read_pages

from conftest import FIXTURES, INPUT


def test_surrogate_pairs_are_joined_and_line_end_hyphen_mapped() -> None:
    assert char_text(0xD83D, 0xDE00) == "\U0001f600"
    assert char_text(2, 0) == "-"
    assert char_text(ord("ż"), 0) == "ż"


def test_superscript_marker_is_smaller_and_raised() -> None:
    doc = open_document(INPUT / "kp-2023.pdf")
    try:
        [page] = list(read_pages(doc, [3]))
    finally:
        doc.close()
    assert page.source == "text" and page.width > 500 and page.segments
    text = "".join(c.text for c in page.chars)
    start = text.index("38 523 346,25")
    number = page.chars[start : start + 13]
    marker = page.chars[start + 13]
    assert marker.text == "6"
    assert marker.size < 0.8 * number[0].size
    assert marker.baseline < number[0].baseline - 0.15 * number[0].size
    assert all(c.x0 <= c.x1 and c.top < c.bottom for c in number)


# --- the compiled bulk reader gives exactly what the ctypes reader gives ----

PDFS = sorted(INPUT.glob("*.pdf")) + sorted(FIXTURES.glob("*.pdf"))


@pytest.mark.skipif(not pdfread.compiled_reader(), reason="compiled reader not built")
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_compiled_reader_matches_ctypes_reader(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = open_document(path)
    try:
        for index in range(len(doc)):
            page = doc[index]
            height = page.get_height()
            textpage = page.get_textpage()
            bulk = pdfread.textpage_to_chars_bulk(textpage, height)
            slow = list(pdfread.textpage_to_chars_ctypes(textpage, height))
            textpage.close()
            fast_rules = list(pdfread.page_to_segments(page, height))
            with monkeypatch.context() as patch:
                patch.setenv("EXTRACTOR_READER", "ctypes")
                assert not pdfread.compiled_reader()
                slow_rules = list(pdfread.page_to_segments(page, height))
            page.close()
            assert bulk == slow, f"page {index + 1}"
            assert [type(v) for c in bulk for v in c] == [type(v) for c in slow for v in c]
            assert fast_rules == slow_rules, f"page {index + 1}"
    finally:
        doc.close()


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler: ctypes reader only")
def test_compiled_reader_is_built_where_a_compiler_is() -> None:
    assert pdfread._pdfium_fast is not None, "pip install -e . should have built it"


def test_pipeline_gives_the_same_result_with_either_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from extractor.report.pipeline import extract

    path = INPUT / "kp-2023.pdf"
    default = extract(path)
    monkeypatch.setenv("EXTRACTOR_READER", "ctypes")
    assert extract(path) == default


def test_bold_face_is_told_by_font_name(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "bold.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, 700, "Heading")
    c.setFont("Helvetica", 12)
    c.drawString(72, 680, "Body")
    c.save()
    doc = open_document(path)
    try:
        chars = next(read_pages(doc)).chars
    finally:
        doc.close()
    assert "".join(c.text for c in chars if c.bold) == "Heading"
    assert "".join(c.text for c in chars if not c.bold) == "Body"
