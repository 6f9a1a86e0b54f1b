"""A narrow ruled table and the text over it (layout.borderless.zone): its caption over
it never joins a table beside it; the last row of a wider table over it, with no
caption between, stays that table's."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.page import page_tables
from test_borderless import Col, Pen, make_page, rows_of

WIDE = [Col(60, 30), Col(90, 250), Col(340, 70, "right"), Col(410, 70, "right"),
        Col(480, 70, "right")]  # fmt: skip
ROWS = [
    ["1.", "Open competitions", "554,8", "630,6", "804,8"],
    ["2.", "Small grants", "47,4", "44,4", "45,7"],
    ["3.", "Local initiative", "71,0", "114,0", "—"],
]


def lattice(pen: Pen, top: float) -> None:
    """A ruled table of two columns and three rows, 240 pt wide, at `top`."""
    for r, (label, value) in enumerate([("Item", "Value"), ("Budget", "87 383,39"),
                                        ("Grants", "804,57")]):  # fmt: skip
        y = top + 18 * r
        pen.rect(60, y, 160, 18)
        pen.rect(220, y, 80, 18)
        pen.text(64, y + 13, label)
        pen.text(220, y + 13, value, align="right", w=76)


def test_the_last_row_of_a_table_over_a_narrow_lattice_without_a_caption_stays_its(
    tmp_path: Path,
) -> None:
    def draw(pen: Pen) -> None:
        pen.text(63, 102, "No.")
        pen.text(93, 102, "Item")
        for k, year in enumerate(["2011", "2012", "2013"]):
            pen.text(340 + 70 * k, 102, year, align="right", w=66)
        pen.hline(60, 550, 106)
        edges = pen.table(WIDE, ROWS, 107)
        pen.text(63, edges[-1] + 12, "Total", bold=True)
        for k, amount in enumerate(["673,2", "789,0", "850,5"]):
            pen.text(340 + 70 * k, edges[-1] + 12, amount, align="right", w=66, bold=True)
        lattice(pen, edges[-1] + 22)
        pen.text(60, edges[-1] + 90, "Table 2. Grants in the budget")

    tables = page_tables(make_page(tmp_path, draw))
    wide = next(t for t in tables if not t.ruled)
    assert rows_of(wide)[-1][0] == "Total"
    assert rows_of(wide)[-1][-3:] == ["673,2", "789,0", "850,5"]


def test_the_caption_over_a_narrow_lattice_joins_no_table_beside_it(tmp_path: Path) -> None:
    def draw(pen: Pen) -> None:
        pen.text(60, 130, "Table 2. Grants in the budget")
        lattice(pen, 140)
        cols = [Col(340, 120), Col(460, 90, "right")]
        rows = [["Offers", "21"], ["Contracts", "11"], ["Meetings", "2"], ["Patronages", "5"],
                ["Premises", "8"]]  # fmt: skip
        pen.table(cols, rows, 117)

    tables = page_tables(make_page(tmp_path, draw))
    beside = next(t for t in tables if not t.ruled)
    assert all("Table" not in " ".join(row) for row in rows_of(beside))
    assert [r[-1] for r in rows_of(beside)[-5:]] == ["21", "11", "2", "5", "8"]
