"""Superscript footnote markers are told apart by size and baseline rise, never glued."""

from __future__ import annotations

from extractor.layout.lines import chars_to_lines
from extractor.read.pdf import Char


def glyphs(text: str, x: float, baseline: float, size: float) -> list[Char]:
    out = []
    for ch in text:
        width = 0.5 * size
        out.append(
            Char(
                text=ch,
                x0=x,
                x1=x + width,
                top=baseline - 0.7 * size,
                bottom=baseline,
                baseline=baseline,
                size=size,
            )
        )
        x += width
    return out


def test_superscript_marker_is_not_a_digit_of_the_number() -> None:
    chars = glyphs("38 523 346,25", 100, 200, 11) + glyphs("6", 100 + 13 * 5.5, 196, 6.4)
    [line] = chars_to_lines(chars)
    assert line.text == "38 523 346,25"
    assert [(m.text, m.offset) for m in line.markers] == [("6", 13)]


def test_two_digit_marker_stays_one_marker() -> None:
    chars = glyphs("6 441 107,45", 100, 200, 11) + glyphs("10", 166, 196, 6.4)
    [line] = chars_to_lines(chars)
    assert line.text == "6 441 107,45"
    assert [m.text for m in line.markers] == ["10"]


def test_small_glyph_on_the_baseline_is_text_not_a_marker() -> None:
    chars = glyphs("370", 100, 200, 11) + glyphs("5", 116.5, 200, 6.4)
    [line] = chars_to_lines(chars)
    assert line.markers == ()
    assert line.text.replace(" ", "") == "3705"


def test_marker_outnumbering_a_one_digit_value() -> None:
    """'1' with the marker '2)' (two small glyphs): the line size is still the value's."""
    chars = glyphs("1", 100, 200, 10) + glyphs("2)", 105, 196.1, 5.8)
    [line] = chars_to_lines(chars)
    assert line.text == "1"
    assert [m.text for m in line.markers] == ["2)"]


def test_marker_opening_a_footnote_line() -> None:
    chars = glyphs("4", 70, 755, 5.2) + glyphs("Do obliczenia", 75, 758.8, 9)
    [line] = chars_to_lines(chars)
    assert line.text == "Do obliczenia"
    assert [(m.text, m.offset) for m in line.markers] == [("4", 0)]


def test_lines_are_split_by_baseline_and_words_by_gaps() -> None:
    chars = glyphs("410", 100, 200, 11) + glyphs("1", 100, 214, 11) + glyphs("ab", 140, 214, 11)
    lines = chars_to_lines(chars)
    assert [ln.text for ln in lines] == ["410", "1 ab"]


def test_ocr_glyphs_of_one_baseline_measured_apart_in_size_are_one_line() -> None:
    """OCR measured "Wartość" 12.5 pt beside "Wyszczególnienie" 10 pt on one baseline:
    one header line, its two words groups side by side (a text layer's glyphs so far
    apart in size are a superscript's, when raised)."""
    ocr = [c._replace(conf=95.0) for c in glyphs("Wyszczególnienie", 100, 261, 10)]
    ocr += [c._replace(conf=95.0) for c in glyphs("Wartość", 276, 261, 12.5)]
    [line] = chars_to_lines(ocr)
    assert line.text.split() == ["Wyszczególnienie", "Wartość"]
