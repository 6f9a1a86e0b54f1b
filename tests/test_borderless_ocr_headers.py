"""Header lines of borderless tables as OCR gives them: sizes misjudged, words of one
cell set apart (layout.runs, layout.continuation)."""

from __future__ import annotations

import pytest

from extractor.layout.chunks import page_lines
from extractor.layout.regions import find_regions, linked_runs
from extractor.layout.settings import LayoutSettings
from extractor.read.pdf import Char
from test_borderless import word_chars


def row(base: float, size: float, cells: list[tuple[float, str]], conf: float) -> list[Char]:
    return [ch for x, text in cells for ch in word_chars(text, x, base, size, conf)]


def body(conf: float) -> list[Char]:
    chars: list[Char] = []
    for k, (name, a, b) in enumerate(
        [("Fire brigade", "28.000,00", "27.585,42"), ("Nature club", "35.000,00", "35.000,00"),
         ("Friends", "19.000,00", "19.000,00"), ("Brass band", "37.000,00", "37.000,00")]
    ):  # fmt: skip
        cells = [(77, f"{k + 1}."), (92, name), (266, "School classes"), (434, a), (500, b)]
        chars += row(113 + 16 * k, 9, cells, conf)
    return chars


@pytest.mark.parametrize(("conf", "runs"), [(90.0, [(0, 5)]), (100.0, [(0, 1), (2, 5)])])
def test_a_misjudged_header_line_linked_to_the_line_above_keeps_the_rows_under_it(
    conf: float, runs: list[tuple[int, int]]
) -> None:
    """OCR measured the header line "dotacji (zł)" at 10.5 pt among lines of 9.  It
    links to the header line above through a narrow gap of its own, not to the first
    row, whose amount covers that gap: the row links through the line above it, and
    the header and the rows stay one run.  In a text layer 10.5 pt is another size."""
    chars = row(87, 9, [(74, "No"), (135, "Organisation"), (297, "Task"), (480, "wykorzystana")],
                conf)  # fmt: skip
    chars += row(92, 10.5, [(421, "dotacji"), (468, "(zł)")], conf)
    chars += body(conf)
    lines = page_lines(chars, LayoutSettings())
    assert linked_runs(lines, LayoutSettings()) == runs


def test_a_header_word_over_a_cell_read_as_two_chunks_continues_it() -> None:
    """ "Kwota" is centred over "dotacji (zł)", which OCR read as two chunks (a wide
    word space): aligned with the cell's text, not with either chunk, it is the cell's
    first line."""
    chars = row(78, 9, [(442, "Kwota")], 90.0)
    chars += row(87, 9, [(74, "No"), (135, "Organisation"), (297, "Task"), (421, "dotacji"),
                         (468, "(zł)")], 90.0)  # fmt: skip
    chars += body(90.0)
    lines = page_lines(chars, LayoutSettings())
    (region,) = find_regions(lines, LayoutSettings())
    assert region.lines[0].chunks[0].text == "Kwota"


def test_a_label_centred_beside_a_group_header_touching_the_sub_headers_spans_both_rows() -> None:
    """ "Category" is centred on the group header's line and the years' line under it;
    its descenders' box touches the years by a tenth of a point.  It still spans both
    header rows beside the group, and the years stay the group's sub-headers."""
    from extractor.layout.page import page_tables
    from extractor.read.pdf import PageContent
    from test_borderless import rows_of, span_of

    chars = row(504, 10, [(383, "Funds granted (PLN)")], 90.0)
    chars += [ch._replace(bottom=515.1) for ch in row(513.1, 10, [(172, "Category")], 90.0)]
    chars += row(522, 10, [(365, "2022"), (424, "2023"), (484, "2024")], 90.0)
    for k, label in enumerate(["Open calls", "Small grants", "Local initiative"]):
        cells = [(79, label), (360, "184,00"), (420, "169,00"), (480, "212,00")]
        chars += row(539 + 17 * k, 10, cells, 90.0)
    page = PageContent(number=1, width=595, height=842, chars=tuple(chars), segments=(),
                       source="ocr")  # fmt: skip
    (table,) = page_tables(page)
    assert span_of(table, "Category") == (2, 1)
    assert span_of(table, "Funds granted (PLN)") == (1, 3)
    assert rows_of(table)[1] == ["2022", "2023", "2024"]


@pytest.mark.parametrize(("conf", "chunks"), [(90.0, 1), (100.0, 2)])
def test_a_speck_beside_a_group_header_is_dropped_from_ocr_lines(conf: float, chunks: int) -> None:
    """OCR read a speck far right of the group header "Liczba" as a dot: the line is
    the header alone, not a line of two cells.  A text layer's dot is printed."""
    from extractor.layout.gutters import without_specks

    chars = row(467, 9.5, [(445, "Liczba"), (534, ".")], conf)
    (line,) = without_specks(page_lines(chars, LayoutSettings()))
    assert len(line.chunks) == chunks


@pytest.mark.parametrize(("conf", "label_rows"), [(90.0, 1), (100.0, 2)])
def test_a_wrapped_label_whose_last_baseline_ocr_set_low_stays_one_cell(
    conf: float, label_rows: int
) -> None:
    """OCR set the third line of a label 13.5 pt under the second, the first two 11.7
    apart: within what OCR's baselines wander, one cell.  In a text layer that step is
    a new row."""
    from extractor.layout.page import page_tables
    from extractor.read.pdf import PageContent
    from test_borderless import rows_of

    chars = row(200, 11, [(67, "Title"), (300, "Offers"), (400, "Amount")], conf)
    base = 230.0
    labels = [(["Tourism", "signposts", "tourists"], "30"), (["Addictions", "camps"], "9")]
    for lines, value in labels:
        chars += row(base, 11, [(67, lines[0])], conf)
        chars += row(base + 11.7, 11, [(67, lines[1]), (310, value), (400, "1898,17")], conf)
        if len(lines) > 2:
            chars += row(base + 11.7 + 13.5, 11, [(67, lines[2])], conf)
        base += 50
    page = PageContent(number=1, width=595, height=842, chars=tuple(chars), segments=(),
                       source="ocr" if conf < 100 else "text")  # fmt: skip
    (table,) = page_tables(page)
    firsts = [r[0] for r in rows_of(table)]
    assert sum(text.startswith(("Tourism", "tourists")) for text in firsts) == label_rows
