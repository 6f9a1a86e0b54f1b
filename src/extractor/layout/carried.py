"""Rows of a borderless table carried over to the top of the next page.

The last row or two of a table without rules, pushed onto the next page, are a line
or two of text there: too few rows to be a table of their own, and without a rule
to mark them.  When the previous page ends with a borderless table, the first text
lines of the page that each print two or more word groups, every group within one
of that table's columns (the page's running header above them aside), are read as
rows of a table with the same columns; the caption stage then joins it to the
table it continues.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.chunks import Line, page_lines
from extractor.layout.gutters import chunk_columns
from extractor.layout.ruled import BBox, GridCell, Table, column_edges
from extractor.layout.settings import LayoutSettings
from extractor.read.pdf import Char, PageContent

TOP_SHARE = 0.25  # carried rows stand in the top quarter of the page


def carried_rows(
    page: PageContent, chars: Sequence[Char], previous: Table | None, settings: LayoutSettings
) -> Table | None:
    """A table of the lines at the top of the page that continue `previous` (the last
    table of the page before, borderless), else None."""
    if previous is None or previous.ruled or not chars:
        return None
    bounds = column_edges(previous)
    if len(bounds) != previous.n_cols + 1 or len(bounds) < 3:
        return None
    rows: list[Line] = []
    for line in page_lines(chars, settings):
        if line.top > TOP_SHARE * page.height:
            break
        if len(line.chunks) < 2 and not rows:
            continue  # a running header above the rows
        if not fits_columns(line, bounds):
            break
        rows.append(line)
    return table_of(page.number, rows, bounds) if rows else None


def fits_columns(line: Line, bounds: Sequence[float]) -> bool:
    """Two or more word groups in two columns or more, each within one column but the
    first, which may be a label merged over the first columns ("Razem" over L.p. and
    the label), and none sharing a column."""
    if len(line.chunks) < 2 or line.x0 < bounds[0] - 3 or line.x1 > bounds[-1] + 3:
        return False
    columns = [chunk_columns(c, bounds) for c in line.chunks]
    if columns[0][0] != 0 and columns[0][0] != columns[0][1]:
        return False
    if any(a != b for a, b in columns[1:]):
        return False
    lasts = [b for _, b in columns]
    return lasts == sorted(set(lasts))


def table_of(page: int, rows: Sequence[Line], bounds: Sequence[float]) -> Table:
    cells = []
    for r, line in enumerate(rows):
        top, bottom = line.top - 1, line.bottom + 1
        spans = {chunk_columns(c, bounds): c for c in line.chunks}
        k = 0
        while k < len(bounds) - 1:
            first, last = next(((a, b) for a, b in spans if a == k), (k, k))
            chunk = spans.get((first, last))
            box = BBox(x0=bounds[first], top=top, x1=bounds[last + 1], bottom=bottom)
            chars = chunk.chars if chunk is not None else ()
            cells.append(GridCell(row=r, col=first, rowspan=1, colspan=last - first + 1,
                                  bbox=box, chars=chars))  # fmt: skip
            k = last + 1
    box = BBox(x0=bounds[0], top=rows[0].top - 1, x1=bounds[-1], bottom=rows[-1].bottom + 1)
    return Table(page=page, bbox=box, n_rows=len(rows), n_cols=len(bounds) - 1,
                 cells=tuple(cells), ruled=False)  # fmt: skip
