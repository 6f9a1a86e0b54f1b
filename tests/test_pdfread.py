"""PDF reading: characters with size, glyph box and baseline; damaged input."""

from __future__ import annotations

from extractor.pdfread import char_text, open_document, read_pages

from conftest import INPUT


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
