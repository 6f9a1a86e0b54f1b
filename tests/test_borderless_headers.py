"""Headers and rows that rules mark and alignment alone does not (layout.ruledrow,
layout.stacking, layout.headrows, rowgrid.header_rows, layout.carried): pages drawn with
the helpers of `test_borderless`, read back through `page_tables` (two-page documents
through `pages_to_layouts` and the caption stage)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractor.layout.captions import LogicalTable
from extractor.layout.page import page_tables
from test_borderless import (
    BODY_FOUR,
    LEAD,
    PAD,
    Col,
    Pen,
    logical_tables,
    make_page,
    rows_of,
    span_of,
)

FOUR = [Col(60, 200), Col(260, 60, "right"), Col(320, 60, "right"), Col(380, 60, "right")]


def group_header(pen: Pen, top: float) -> float:
    """A header of two lines: "Item" centred between them on the left, a group header
    narrower than its three year columns over them; returns the header's bottom."""
    pen.text(60 + PAD, top + 16, "Item")
    pen.text(260, top + 10, "Funds", align="center", w=180)
    for k, year in enumerate(["2021", "2022", "2023"]):
        pen.text(FOUR[k + 1].x, top + 22, year, align="center", w=60)
    return top + 26


def test_a_framed_header_with_a_group_is_read_whole(tmp_path: Path) -> None:
    """A frame, a header rule: the label centred over both header lines spans them, the
    group header spans its sub-columns, nothing above the frame joins."""

    def draw(pen: Pen) -> None:
        pen.text(60, 80, "Table 3. Funds by year")
        bottom = group_header(pen, 100)
        pen.hline(60, 440, bottom + 2)
        edges = pen.table(FOUR, BODY_FOUR, bottom + 3)
        pen.rect(60, 98, 380, edges[-1] - 98)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert span_of(table, "Item") == (2, 1)
    assert span_of(table, "Funds") == (1, 3)
    assert rows_of(table)[1] == ["2021", "2022", "2023"]
    assert rows_of(table)[2:] == BODY_FOUR


def test_a_narrow_group_header_without_rules_spans_its_columns(tmp_path: Path) -> None:
    """No rules at all: the group header, set in one column's width, takes the three
    columns it is centred over, and "Item" stands on its header row."""

    def draw(pen: Pen) -> None:
        pen.text(60 + PAD, 114, "Item")
        pen.text(260, 104, "Funds", align="center", w=180)
        for k, year in enumerate(["2021", "2022", "2023"]):
            pen.text(FOUR[k + 1].x, 124, year, align="center", w=60)
        pen.table(FOUR, BODY_FOUR, 130)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert span_of(table, "Funds") == (1, 3)
    assert rows_of(table)[0] == ["Item", "Funds"]
    assert rows_of(table)[1][-3:] == ["2021", "2022", "2023"]
    assert rows_of(table)[2:] == BODY_FOUR


def test_a_ruled_header_over_a_borderless_body_is_one_table(tmp_path: Path) -> None:
    """The header is a lattice of two rows (a filled box with rules), the body has no
    rules: one table, the body's cells under the header's columns."""

    def draw(pen: Pen) -> None:
        top, mid, bottom = 100.0, 100.0 + LEAD + 2 * PAD, 100.0 + 2 * (LEAD + 2 * PAD)
        pen.rect(60, top, 380, bottom - top)
        pen.hline(260, 440, mid)
        for col in FOUR[1:]:
            pen.c.line(col.x, 842 - mid, col.x, 842 - bottom)
        pen.c.line(260, 842 - top, 260, 842 - bottom)
        pen.text(60 + PAD, top + 18, "Item")
        pen.text(260, top + 12, "Funds", align="center", w=180)
        for k, year in enumerate(["2021", "2022", "2023"]):
            pen.text(FOUR[k + 1].x, mid + 12, year, align="center", w=60)
        pen.table(FOUR, BODY_FOUR, bottom + 2)

    tables = page_tables(make_page(tmp_path, draw))
    assert len(tables) == 1
    assert rows_of(tables[0])[2:] == BODY_FOUR
    assert span_of(tables[0], "Funds") == (1, 3)


def test_one_row_between_two_rules_is_a_table(tmp_path: Path) -> None:
    """The last row of a table carried over to a page of its own, in a frame."""

    def draw(pen: Pen) -> None:
        edges = pen.table(FOUR, BODY_FOUR[:1], 60)
        pen.rect(60, edges[0], 380, edges[-1] - edges[0])
        pen.paragraph(60, edges[-1] + 30, 380, "Prose follows the table. " * 8)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert rows_of(table) == BODY_FOUR[:1]


def test_a_lone_line_of_prose_between_rules_is_no_table(tmp_path: Path) -> None:
    def draw(pen: Pen) -> None:
        pen.hline(60, 440, 95)
        pen.text(60, 108, "A note set between two rules, justified as one run of words.")
        pen.hline(60, 440, 114)

    assert page_tables(make_page(tmp_path, draw)) == []


def test_a_caption_between_two_tables_rules_is_no_row(tmp_path: Path) -> None:
    """A caption with a gap after its label ("Tab." then "1.2b ...") is two word groups,
    set between the rule closing one table and the rule opening the next."""

    def draw(pen: Pen) -> None:
        pen.hline(60, 440, 95)
        pen.text(60, 108, "Tab.")
        pen.text(90, 108, "1.2b Offers by area of public tasks")
        pen.hline(60, 440, 114)

    assert page_tables(make_page(tmp_path, draw)) == []


def test_a_right_aligned_column_of_one_wide_amount_and_small_counts_stays_one(
    tmp_path: Path,
) -> None:
    """Counts right-aligned under a wide amount, years centred over them: the strip the
    counts and the years leave free is no column of its own (the amount ends where the
    counts end)."""
    cols = [Col(60, 250), Col(310, 75, "right"), Col(385, 75, "right")]
    rows = [
        ["Grants awarded (PLN)", "161 720,00PLN", "187 202,34PLN"],
        ["Small grants", "4", "4"],
        ["Consultations", "3", "4"],
        ["Premises lent", "10", "11"],
    ]

    def draw(pen: Pen) -> None:
        pen.text(60 + PAD, 100, "Item")
        for col, year in zip(cols[1:], ["2023", "2024"], strict=True):
            pen.text(col.x, 100, year, align="center", w=col.w)
        pen.table(cols, rows, 104)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert table.n_cols == 3
    assert rows_of(table) == [["Item", "2023", "2024"], *rows]


def test_years_centred_over_right_aligned_values_on_a_short_table(tmp_path: Path) -> None:
    """Two rows only (a table starting at a page's foot): each year, centred in its
    column, stands left of its right-aligned values and no value crosses the strip
    between them; still one column per year."""
    cols = [Col(60, 200), Col(260, 70, "right"), Col(330, 70, "right"), Col(400, 70, "right")]
    rows = [["Competitions", "7", "7", "6"], ["Inspections", "2", "30", "58"]]

    def draw(pen: Pen) -> None:
        pen.text(60 + PAD, 100, "Item")
        for col, year in zip(cols[1:], ["2015", "2016", "2017"], strict=True):
            pen.text(col.x - 12, 100, year, align="center", w=col.w)
        pen.table(cols, rows, 104)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert table.n_cols == 4
    assert rows_of(table) == [["Item", "2015", "2016", "2017"], *rows]


def test_rule_joints_are_the_cell_edges_rules_drawn_cell_by_cell_share(tmp_path: Path) -> None:
    """Pieces of horizontal rules drawn under each cell start at the cells' left edges;
    an edge seen on one rule only (a group header's rule) is not a column edge."""
    from extractor.layout.borderless import rule_joints

    def draw(pen: Pen) -> None:
        for y in (100.0, 130.0, 150.0):
            for x0, x1 in ((60, 260), (260, 315), (315, 350), (350, 440)):
                pen.hline(x0, x1, y)
        pen.hline(260, 350, 115)  # under a group header over two columns

    page = make_page(tmp_path, draw)
    joints = rule_joints(page, 90, 160, 63, 437)
    assert len(joints) == 3
    assert all(abs(x - edge) <= 1.5 for x, edge in zip(joints, (260, 315, 350), strict=True))


def carried_table(
    tmp_path: Path, cols: list[Col], body: list[list[str]], second_page: Callable[[Pen], None]
) -> LogicalTable:
    """The one logical table of a two-page PDF: `body` ending at the foot of page 1,
    `second_page` drawn at the top of page 2 and a paragraph of prose under it."""

    def first(pen: Pen) -> None:
        pen.table(cols, body, 842 - (len(body) - 1) * (LEAD + 2 * PAD) - 150)

    def second(pen: Pen) -> None:
        second_page(pen)
        pen.paragraph(60, 120, 380, "Prose after the table, long enough to be a paragraph. " * 4)

    [table] = logical_tables(tmp_path, [first, second])
    return table


def test_the_last_row_carried_to_the_next_page_joins_its_table(tmp_path: Path) -> None:
    """A borderless table ending at the foot of page 1, its Total row alone at the top of
    page 2 (no rule around it): one logical table, the row its last."""
    from test_borderless import THREE

    body = [["Item", "2022", "2023"], *[[f"Task {k}", str(10 + k), str(20 + k)] for k in range(20)]]

    def total(pen: Pen) -> None:
        pen.table(THREE, [["Total", "390", "590"]], 60)

    table = carried_table(tmp_path, THREE, body, total)
    assert [part.page for part in table.parts] == [1, 2]
    assert rows_of(table.parts[1]) == [["Total", "390", "590"]]


def test_a_carried_total_label_may_span_the_number_column(tmp_path: Path) -> None:
    """The carried row's label "Total" starts in the L.p. column and reaches into the
    label column: still the table's row, the label a cell over both columns."""
    cols = [Col(60, 20), Col(80, 200), Col(280, 80, "right"), Col(360, 80, "right")]
    body = [["Lp.", "Item", "2022", "2023"]]
    body += [[f"{k}.", f"Task {k}", str(10 + k), str(20 + k)] for k in range(1, 21)]

    def total(pen: Pen) -> None:
        pen.text(60 + PAD, 70, "Total")
        pen.text(280, 70, "410", align="right", w=80 - PAD)
        pen.text(360, 70, "610", align="right", w=80 - PAD)

    table = carried_table(tmp_path, cols, body, total)
    assert [part.page for part in table.parts] == [1, 2]
    assert rows_of(table.parts[1]) == [["Total", "410", "610"]]
    assert span_of(table.parts[1], "Total") == (1, 2)


def test_a_carried_row_keeps_its_wrapped_label_and_two_line_values_whole(
    tmp_path: Path,
) -> None:
    """The last row, carried to page 2, wraps its label over three lines and prints two
    values a line apart in each value cell ("a)" and "b)" parts): one row, not a row per
    line, and the label's last lines are not left out."""
    from test_borderless import THREE

    body = [["Item", "2022", "2023"], *[[f"Task {k}", str(10 + k), str(20 + k)] for k in range(20)]]

    def carried(pen: Pen) -> None:
        pen.table(
            THREE, [["Projects chosen\na) as support\nb) as commission", "21\n2", "20\n3"]], 60
        )

    table = carried_table(tmp_path, THREE, body, carried)
    assert [part.page for part in table.parts] == [1, 2]
    assert rows_of(table.parts[1]) == [
        ["Projects chosen a) as support b) as commission", "21 2", "20 3"]
    ]


def test_a_body_whose_rows_inside_the_header_are_not_at_its_top_is_kept_whole() -> None:
    """Rows 0 and 2 of a three-row body lie inside a header's box, row 1 does not
    (a scan's tilted lines): nothing is dropped, and nothing raises."""
    from extractor.layout.ruled import BBox, GridCell, Table
    from extractor.layout.stacking import below

    def cell(row: int, top: float) -> GridCell:
        return GridCell(row=row, col=0, rowspan=1, colspan=1, chars=(),
                        bbox=BBox(x0=50, top=top, x1=150, bottom=top + 10))  # fmt: skip

    body = Table(page=1, n_rows=3, n_cols=1, ruled=False,
                 cells=(cell(0, 100), cell(1, 140), cell(2, 110)),
                 bbox=BBox(x0=50, top=100, x1=150, bottom=150))  # fmt: skip
    head = Table(page=1, n_rows=1, n_cols=1, cells=(cell(0, 60),),
                 bbox=BBox(x0=40, top=60, x1=160, bottom=125))  # fmt: skip
    assert below(body, head) == body


def test_a_label_centred_between_a_group_header_and_its_sub_columns_joins_the_header(
    tmp_path: Path,
) -> None:
    """Three header lines a full line apart, no rules: a group header over three year
    columns, the label of the first column centred in its wide column on the line
    between them (aligned with nothing in the body), the years under the group.  The
    label spans both header rows, the group its three columns."""

    def draw(pen: Pen) -> None:
        pen.text(60, 60, "Some prose above the table, set as one line of text.")
        pen.text(260, 100, "Funds", align="center", w=180)
        pen.text(60, 100 + LEAD, "Item", align="center", w=200)
        for k, year in enumerate(["2021", "2022", "2023"]):
            pen.text(FOUR[k + 1].x, 100 + 2 * LEAD, year, align="center", w=60)
        pen.table(FOUR, BODY_FOUR, 100 + 2 * LEAD + 6)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert span_of(table, "Item") == (2, 1)
    assert span_of(table, "Funds") == (1, 3)
    assert rows_of(table)[1] == ["2021", "2022", "2023"]
    assert rows_of(table)[2:] == BODY_FOUR


def test_a_group_header_wrapped_over_two_lines_over_years_and_column_numbers(
    tmp_path: Path,
) -> None:
    """A rule under the header: a group header of two lines over three year columns,
    "Item" beside it, and a row numbering the columns.  The group's two lines are one
    cell over its columns; the years and the column numbers are rows of their own."""
    body = [[f"Grants of the {kind} kind, all of them", *values] for kind, *values in (
        ("first", "251,3", "268,4", "296,7"), ("second", "27,9", "31,5", "40,2"),
        ("third", "650,0", "700,0", "760,0"))]  # fmt: skip

    def draw(pen: Pen) -> None:
        pen.text(260, 100, "Funds granted to organisations", align="center", w=180)
        pen.text(260, 100 + LEAD, "(thousands)", align="center", w=180)
        pen.text(60, 106, "Item", align="center", w=200)
        for k, year in enumerate(["2021", "2022", "2023"]):
            pen.text(FOUR[k + 1].x, 100 + 2.6 * LEAD, year, align="center", w=60)
        for k, col in enumerate(FOUR):
            pen.text(col.x, 100 + 4.2 * LEAD, str(k + 1), align="center", w=col.w)
        pen.hline(60, 440, 100 + 4.6 * LEAD)
        edges = pen.table(FOUR, body, 100 + 4.7 * LEAD)
        pen.rect(60, 88, 380, edges[-1] - 88)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert span_of(table, "Funds granted to organisations (thousands)") == (1, 3)
    assert rows_of(table)[1][-3:] == ["2021", "2022", "2023"]
    assert rows_of(table)[2] == ["1", "2", "3", "4"]
    assert rows_of(table)[-3:] == body


def test_a_group_header_in_one_band_with_a_wrapped_header_beside_it() -> None:
    """No rules: a header cell of two lines beside a group header, and a label centred
    on the second line, tie the header lines into one band; the group (over two of its
    three year columns, by the gutters) is cut from the years under it all the same."""
    from extractor.layout.chunks import Chunk
    from extractor.layout.rowgrid import Block, cut_rows

    def block(first: int, last: int, x0: float, x1: float, top: float, high: float = 9) -> Block:
        chunk = Chunk(x0, x1, top, top + high, (), False, 9.0)
        return Block(first, last, top, top + high, (chunk,))

    head = [
        block(1, 2, 318, 405, 64), block(4, 4, 476, 532, 67, high=21), block(0, 0, 106, 205, 73),
        block(1, 1, 273, 301, 82), block(2, 2, 348, 375, 82), block(3, 3, 422, 450, 82),
    ]  # fmt: skip
    body = [block(0, 0, 64, 240, 100), block(1, 1, 315, 321, 100), block(4, 4, 510, 532, 100)]
    rows = cut_rows(head + body, 5)
    assert len(rows) == 3
    assert rows[0][1] <= 82 and rows[1][0] >= 71


def three_line_header(pen: Pen, middle: str) -> None:
    """A header of three lines over FOUR's columns: "Count" over each of the last three
    columns, then `middle` as one string with its first word gap over the gutter between
    the second and third columns, then a word under each column."""
    pen.text(60 + PAD, 112, "Item")
    for col in FOUR[1:]:
        pen.text(col.x, 100, "Count", align="center", w=col.w)
    first = middle.split(" ")[0]
    gap = pen.c.stringWidth(first, "Helvetica", 9) + pen.c.stringWidth(" ", "Helvetica", 9) / 2
    pen.text(FOUR[2].x - gap, 112, middle)
    for col, word in zip(FOUR[1:], ["filed", "signed", "done"], strict=True):
        pen.text(col.x, 124, word, align="center", w=col.w)


def test_two_header_words_closer_than_a_chunk_gap_stay_in_their_columns(
    tmp_path: Path,
) -> None:
    """The middle line's two words are one chunk (a plain space between them) across the
    gutter; the lines above and below part there, so each word is its column's."""

    def draw(pen: Pen) -> None:
        three_line_header(pen, "applications agreements")
        pen.table(FOUR, BODY_FOUR, 130)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert rows_of(table)[0] == ["Item", "Count applications filed",
                                 "Count agreements signed", "Count done"]  # fmt: skip
    assert rows_of(table)[1:] == BODY_FOUR


def test_a_group_header_over_parted_sub_columns_still_spans_them(tmp_path: Path) -> None:
    """A two-word group header over sub-columns, its word gap over their gutter, with
    nothing parted above it: one cell over both columns."""

    def draw(pen: Pen) -> None:
        pen.text(60 + PAD, 112, "Item")
        pen.text(FOUR[1].x, 104, "Funds granted", align="center", w=120)
        for k, year in enumerate(["2021", "2022"]):
            pen.text(FOUR[k + 1].x, 124, year, align="center", w=60)
        pen.table(FOUR[:3], [row[:3] for row in BODY_FOUR], 130)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert span_of(table, "Funds granted") == (1, 2)


def test_sub_column_headers_read_as_one_chunk_under_their_group_are_cut(
    tmp_path: Path,
) -> None:
    """Three sub-column headers filling their narrow columns stand closer than a chunk
    gap: one chunk under the group header centred over it, whose columns' values part
    below it at its word gaps; each word heads its own column."""
    words = ["applications", "agreements", "settlements"]

    def draw(pen: Pen) -> None:
        width = max(pen.c.stringWidth(w, "Helvetica", 9) for w in words) + 3
        cols = [Col(60, 200)] + [Col(260 + k * width, width, "right") for k in range(3)]
        pen.text(60 + PAD, 110, "Item")
        pen.text(260, 104, "Count", align="center", w=3 * width)
        for col, word in zip(cols[1:], words, strict=True):
            pen.text(col.x, 116, word, align="center", w=col.w)
        pen.table(cols, BODY_FOUR, 122)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert span_of(table, "Count") == (1, 3)
    assert rows_of(table)[1][-3:] == words
    assert rows_of(table)[2:] == BODY_FOUR


def test_a_section_row_between_parted_rows_is_not_cut(tmp_path: Path) -> None:
    """A section row across the table between the column numbers and the first row:
    the rows above and below part at many of its word gaps, but its words lie across
    the columns, so it stays one row."""
    cols = [Col(60, 25), Col(85, 175), *FOUR[1:]]
    section = "1. Support of public tasks in culture, sport, tourism and the protection of heritage"

    def draw(pen: Pen) -> None:
        pen.table(cols, [["1", "2", "3", "4", "5"]], 90)
        pen.text(60 + PAD, 114, section)
        pen.table(cols, [["1.", *BODY_FOUR[0]], ["2.", *BODY_FOUR[2]]], 118)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert rows_of(table)[1] == [section]
    assert rows_of(table)[2:] == [["1.", *BODY_FOUR[0]], ["2.", *BODY_FOUR[2]]]


def test_a_group_header_centred_on_its_columns_takes_no_more(tmp_path: Path) -> None:
    """ "Number of offers" centred over two columns crosses their gutter; the next
    group header, "Funds", sits inside the middle one of its three: the first does
    not take the empty cell right of it, each group spans its own sub-columns."""
    cols = [Col(60, 150), *[Col(210 + 55 * k, 55, "right") for k in range(5)]]
    subs = ["filed", "signed", "granted", "spent", "returned"]
    body = [["Culture", "4", "2", "3500", "3500", "0"], ["Sport", "7", "5", "9000", "8900", "100"]]

    def draw(pen: Pen) -> None:
        pen.text(60 + PAD, 110, "Item")
        pen.text(cols[1].x, 102, "Number of offers", align="center", w=110)
        pen.text(cols[3].x, 102, "Funds", align="center", w=165)
        for col, word in zip(cols[1:], subs, strict=True):
            pen.text(col.x, 116, word, align="center", w=col.w)
        pen.table(cols, body, 122)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert span_of(table, "Number of offers") == (1, 2)
    assert span_of(table, "Funds") == (1, 3)
    assert rows_of(table)[1][-5:] == subs
