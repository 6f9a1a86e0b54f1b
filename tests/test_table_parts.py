"""A table spread over pages: its parts' rows in one grid of columns (layout.cells)."""

from __future__ import annotations

from extractor.layout.captions import LogicalTable
from extractor.layout.cells import logical_table_to_rows
from extractor.layout.ruled import BBox, GridCell, Table
from extractor.read.pdf import Char


def word(text: str, x: float, top: float) -> tuple[Char, ...]:
    return tuple(
        Char(
            text=ch,
            x0=x + 5 * k,
            x1=x + 5 * (k + 1),
            top=top,
            bottom=top + 8,
            baseline=top + 7,
            size=9,
        )  # fmt: skip
        for k, ch in enumerate(text)
    )


def part(page: int, edges: list[float], rows: list[list[tuple[str, float]]]) -> Table:
    """A part whose columns are `edges`, each row's cells (text, x of the text)."""
    cells = []
    for r, row in enumerate(rows):
        for c, (text, x) in enumerate(row):
            box = BBox(x0=edges[c], top=100 + 20 * r, x1=edges[c + 1], bottom=118 + 20 * r)
            cells.append(GridCell(row=r, col=c, rowspan=1, colspan=1, bbox=box,
                                  chars=word(text, x, 102 + 20 * r)))  # fmt: skip
    return Table(page=page, n_rows=len(rows), n_cols=len(edges) - 1, ruled=False,
                 cells=tuple(cells), bbox=BBox(x0=edges[0], top=100, x1=edges[-1],
                                               bottom=100 + 20 * len(rows)))  # fmt: skip


def test_a_short_part_with_a_column_too_many_takes_the_longer_parts_columns() -> None:
    """Page 3 holds the header and one row, its last column split in two (its few values
    set apart from their header); page 4 holds four rows in three columns.  Every row
    reads in the three columns, each cell where its text stands."""
    short = part(3, [60, 200, 300, 380, 420], [
        [("Task", 62), ("Target", 210), ("Actual", 340), ("", 400)],
        [("Training", 62), ("2", 280), ("", 340), ("8", 405)],
    ])  # fmt: skip
    edges = [60, 190, 310, 420]
    long = part(4, edges, [[(f"Task {k}", 62), (str(k), 280), (str(k + 5), 405)] for k in range(4)])
    rows = logical_table_to_rows(LogicalTable(caption=None, parts=(short, long)))
    assert [[(c.col, c.text) for c in row.cells] for row in rows[:2]] == [
        [(0, "Task"), (1, "Target"), (2, "Actual")],
        [(0, "Training"), (1, "2"), (2, "8")],
    ]
    assert [len(row.filled) for row in rows] == [3] * 6


def placed(page: int, top: float, edges: list[float], rows: list[list[tuple[str, float]]]) -> Table:
    """`part`, its first row at `top`."""
    table = part(page, edges, rows)
    shift = top - 100
    cells = tuple(
        cell.model_copy(update={
            "bbox": BBox(x0=cell.bbox.x0, top=cell.bbox.top + shift, x1=cell.bbox.x1,
                         bottom=cell.bbox.bottom + shift),
            "chars": tuple(ch._replace(top=ch.top + shift, bottom=ch.bottom + shift,
                                       baseline=ch.baseline + shift) for ch in cell.chars),
        })
        for cell in table.cells
    )  # fmt: skip
    box = table.bbox
    return table.model_copy(update={"cells": cells, "bbox": BBox(
        x0=box.x0, top=box.top + shift, x1=box.x1, bottom=box.bottom + shift)})  # fmt: skip


def test_a_row_carried_to_the_next_page_takes_the_columns_of_the_part_above() -> None:
    """Page 1 ends with a table of four columns; page 2 opens with its last row, in which
    the number and the label ran into one column (too few rows to show the gutter).  The
    row is read again on the four columns."""
    from extractor.layout.regrid import with_regridded_ends
    from extractor.layout.settings import LayoutSettings

    edges = [60, 90, 250, 330, 420]
    long = placed(1, 600, edges, [
        [(f"{k}.", 62), (f"Task {k}", 95), (str(k), 300), (str(k + 5), 400)] for k in range(1, 8)
    ])  # fmt: skip
    short = placed(2, 60, [60, 250, 330, 420], [
        [("8. Training", 62), ("2", 300), ("9", 400)],
        [("staff", 95), ("", 300), ("", 400)],
    ])  # fmt: skip
    pages = [[long], [short]]
    with_regridded_ends(pages, [842, 842], LayoutSettings())
    head = pages[1][0]
    assert head.n_cols == 4
    cells = {(c.row, c.col): "".join(ch.text for ch in c.chars).strip() for c in head.cells}
    assert (cells[(0, 0)], cells[(0, 1)], cells[(0, 3)]) == ("8.", "Training", "9")
