"""Column bounds of borderless tables where the gutter is narrow (layout.straddle)."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.page import page_tables
from test_borderless import Col, Pen, make_page, rows_of


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
