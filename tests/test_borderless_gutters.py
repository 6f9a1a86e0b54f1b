"""Column bounds of borderless tables where the gutter is narrow or a header cell
stands over it (layout.straddle, layout.gutters), and header cells kept in their
columns (layout.headrows)."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.chunks import page_lines
from extractor.layout.gutters import find_gutters
from extractor.layout.page import page_tables
from extractor.layout.regions import Region
from extractor.layout.settings import DEFAULT_SETTINGS
from extractor.layout.straddle import split_straddling
from test_borderless import Col, Pen, make_page, rows_of, span_of


def test_two_wide_values_of_a_row_keep_their_columns_under_a_group_header(
    tmp_path: Path,
) -> None:
    """Right-aligned amounts of one row leave the narrowest gap between two year
    columns, and the group header "Year" centred over both covers it: the bound
    goes into that gap, as two cells of a row never share a column, not beside the
    header into the first amount of the right column."""
    cols = [Col(60, 40), Col(100, 225), Col(325, 96, "right"), Col(421, 52, "right"),
            Col(473, 50, "right")]  # fmt: skip
    rows = [
        ["1.", "Competitions announced", "3", "3", "100,0"],
        ["2.", "Joint undertakings", "1", "19", "1 900,0"],
        ["3.", "Funds granted to organisations (PLN)", "169 721,00", "212 200,00", "125,0"],
        ["4.", "Organisations cooperating", "35", "32", "91,4"],
        ["5.", "Honorary patronages", "7", "7", "100,0"],
    ]

    def draw(pen: Pen) -> None:
        pen.text(63, 112, "No.")
        pen.text(103, 112, "Item", align="center", w=219)
        pen.text(400, 103, "Year", align="center", w=43, bold=True)
        pen.text(371, 117, "2023", align="center", w=47, bold=True)
        pen.text(428, 117, "2024", align="center", w=46, bold=True)
        pen.text(476, 103, "Change", align="right", w=44, bold=True)
        pen.text(476, 117, "(%)", align="right", w=44, bold=True)
        pen.hline(60, 523, 92)
        pen.hline(60, 523, 121)
        pen.table(cols, rows, 122)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert [r[2:4] for r in rows_of(table)[-5:]] == [r[2:4] for r in rows]


def test_a_sub_header_set_lower_than_its_neighbour_keeps_its_column(tmp_path: Path) -> None:
    """Two narrow count columns under a group header of two lines: "submitted /
    offers" on two lines, "contracts" beside them on one line set between those two,
    right-aligned like the counts under it.  Two strips of the gutter are crossed as
    often: one left of "contracts" (by the group's short second line), one under it;
    the bound goes left of it, for a cut through it would take a cell aligned with its
    column's values out of its column."""
    cols = [Col(60, 150), Col(210, 52, "right"), Col(262, 44, "right"), Col(306, 70, "right")]
    rows = [
        ["Sport for children", "7", "5", "104 683,87"],
        ["Culture and heritage", "8", "4", "117 223,50"],
        ["Health education", "14", "3", "80 265,01"],
        ["Social care", "3", "2", "29 000,00"],
        ["Prevention of addictions", "3", "2", "9 100,00"],
        ["Football training", "5", "4", "26 500,00"],
        ["League matches", "5", "2", "75 000,00"],
        ["Sports events", "4", "2", "19 000,00"],
        ["Table tennis", "2", "1", "17 700,00"],
        ["Total", "46", "25", "478 472,38"],
    ]

    def draw(pen: Pen) -> None:
        pen.text(63, 108, "Task")
        pen.text(212, 82, "Offers and contracts", align="center", w=92)
        pen.text(306, 82, "Grants", align="right", w=68)
        pen.text(220, 92, "in all", align="center", w=92)
        pen.text(212, 106, "submitted", align="right", w=48)
        pen.text(212, 118, "offers", align="center", w=48)
        pen.text(262, 112, "contracts", align="right", w=42)
        pen.text(306, 112, "Amount", align="right", w=68)
        pen.hline(60, 376, 70)
        pen.hline(60, 376, 122)
        pen.table(cols, rows, 123)

    page = make_page(tmp_path, draw)
    (table,) = page_tables(page)
    assert [r[1:] for r in rows_of(table)[-10:]] == [r[1:] for r in rows]
    lines = page_lines(page.chars, DEFAULT_SETTINGS)
    sub = next(c for ln in lines for c in ln.chunks if c.text == "contracts")
    counts = max(c.x1 for ln in lines for c in ln.chunks if c.text in {"7", "14", "46"})
    gutters = find_gutters(lines, DEFAULT_SETTINGS)
    assert any(counts <= a and b <= sub.x0 + 0.5 for a, b in gutters)
    assert not any(sub.x0 < (a + b) / 2 < sub.x1 for a, b in gutters)


def test_a_group_header_over_inner_columns_leaves_the_outer_ones_their_cells(
    tmp_path: Path,
) -> None:
    """Year columns under "Years", a rule under the group: the first and last year
    stand under no part of the group header's text and span both header lines; the
    years under it stay one column each, none widened into the column of a cell that
    reaches down from the line above."""
    cols = [Col(60, 170), Col(230, 70, "right"), Col(300, 70, "right"), Col(370, 70, "right"),
            Col(440, 70, "right")]  # fmt: skip
    rows = [
        ["Offers received", "21", "24", "22", "23"],
        [
            "Offers correct",
            "19, i.e. 90,5 %",
            "22, i.e. 91,7 %",
            "20, i.e. 90,9 %",
            "20, i.e. 87,0 %",
        ],
        ["Contracts signed", "11", "11", "12", "14"],
        ["Council meetings", "2", "2", "2", "2"],
    ]

    def draw(pen: Pen) -> None:
        pen.hline(60, 510, 80)
        pen.text(63, 98, "Indicator", bold=True)
        pen.text(230, 90, "Years", align="center", w=280, bold=True)
        pen.hline(230, 510, 93)
        for k, year in enumerate(["2015", "2016", "2017", "2018"]):
            pen.text(230 + 70 * k, 103, year, align="center", w=70, bold=True)
        pen.hline(60, 510, 107)
        pen.table(cols, rows, 108)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert [r[-4:] for r in rows_of(table)[-4:]] == [r[1:] for r in rows]
    for year in ["2015", "2016", "2017", "2018"]:
        assert span_of(table, year)[1] == 1


def test_a_rule_under_a_centred_header_parts_it_from_a_value_set_aside_under_it(
    tmp_path: Path,
) -> None:
    """Horizontal rules only: each year centred in its column, the counts under it set
    right, a line's pitch lower, the two sharing no stretch of paper side by side; the
    rule between them still parts header and first row."""
    rows = [["Competitions announced", "4", "5"], ["Offers submitted", "22", "19"],
            ["Contracts signed", "11", "14"]]  # fmt: skip

    def draw(pen: Pen) -> None:
        pen.hline(60, 440, 90)
        pen.text(63, 102, "Measure")
        pen.text(260, 102, "2011 r.", align="center", w=60)
        pen.text(350, 102, "2012 r.", align="center", w=60)
        pen.hline(60, 440, 104.5)
        for k, row in enumerate(rows):
            base = 114 + 13 * k
            pen.text(63, base, row[0])
            pen.text(260, base, row[1], align="right", w=86)
            pen.text(350, base, row[2], align="right", w=86)
            pen.hline(60, 440, base + 3)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert rows_of(table) == [["Measure", "2011 r.", "2012 r."], *rows]


def test_sub_headers_read_as_one_group_under_a_group_header_over_three_are_cut(
    tmp_path: Path,
) -> None:
    """ "organisations participants": two sub-headers set a word space apart (one word
    group, as OCR reads them) under "Number" centred over all three sub-columns: cut
    where the values under them part, each its column's header."""
    rows = [["Patronages", "14", "20", "33"], ["Consultations", "5", "8", "188"],
            ["Trainings", "1", "2", "125"], ["Council meetings", "1", "3", "22"]]  # fmt: skip

    def draw(pen: Pen) -> None:
        pen.text(230, 92, "Number", align="center", w=195)
        pen.text(63, 104, "Area")
        pen.text(230, 104, "actions", align="right", w=66)
        pen.text(313, 104, "organisations participants")
        for k, row in enumerate(rows):
            base = 122 + 14 * k
            pen.text(63, base, row[0])
            for right, value in zip((296, 366, 421), row[1:], strict=True):
                pen.text(right - 60, base, value, align="right", w=60)

    lines = page_lines(make_page(tmp_path, draw).chars, DEFAULT_SETTINGS)
    bounds = [62.0, 200.0, 304.0, 369.0, 426.0]
    region = split_straddling(Region(lines, bounds, 14.0))
    header = next(ln for ln in region.lines if ln.chunks[0].text == "Area")
    assert [c.text for c in header.chunks] == ["Area", "actions", "organisations", "participants"]


def test_a_unit_after_every_value_set_apart_is_no_column(tmp_path: Path) -> None:
    """ "11,9 tys" and its unit a gutter apart on every row (OCR lost the period and
    the gap grew): the unit stays with its value, no column of its own."""
    rows = [
        ["Transport", "11,9 tys", "11,8 tys"],
        ["Publications", "42,9 tys", "41,5 tys"],
        ["Folk groups", "36,3 tys", "36,3 tys"],
        ["Workshops", "93,7 tys", "91,7 tys"],
    ]

    def draw(pen: Pen) -> None:
        pen.text(63, 100, "Task")
        pen.text(250, 100, "Granted", align="right", w=80)
        pen.text(350, 100, "Used", align="right", w=80)
        for k, row in enumerate(rows):
            base = 116 + 14 * k
            pen.text(63, base, row[0])
            for right, value in zip((316, 416), row[1:], strict=True):
                pen.text(right - 60, base, value, align="right", w=60)
                pen.text(right + 5, base, "PLN")

    (table,) = page_tables(make_page(tmp_path, draw))
    assert table.n_cols == 3
    assert rows_of(table)[-4:] == [[r[0], f"{r[1]} PLN", f"{r[2]} PLN"] for r in rows]
