"""Rows of a borderless table carried over to the top of the next page.

The last row or two of a table without rules, pushed onto the next page, are a line
or two of text there: too few rows to be a table of their own, and without a rule
to mark them.  When the previous page ends with a borderless table, the first text
lines of the page that each print two or more word groups, every group within one
of that table's columns (the page's running header above them aside), with the
lines of one word group that continue their cells, are read as rows of a table with
the same columns (cut into rows as a borderless region is); the caption stage then
joins it to the table it continues.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.chunks import Line, page_lines
from extractor.layout.gutters import chunk_columns
from extractor.layout.regions import Region, cell_pitch
from extractor.layout.rowgrid import body_table
from extractor.layout.ruled import Table, column_edges
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
    bounds = column_bounds_of(previous)
    if bounds is None:
        return None
    rows: list[Line] = []
    for line in page_lines(chars, settings):
        if line.top > TOP_SHARE * page.height:
            break
        if len(line.chunks) < 2 and not rows:
            continue  # a running header above the rows
        if not (fits_columns(line, bounds) or continues_cell(line, rows, bounds, settings)):
            break
        rows.append(line)
    return rows_table(page.number, rows, bounds, settings)


def column_bounds_of(table: Table) -> list[float] | None:
    """The bounds of the table's columns, when its cells give one per column."""
    bounds = column_edges(table)
    return bounds if len(bounds) == table.n_cols + 1 and len(bounds) >= 3 else None


def rows_table(
    page: int, rows: Sequence[Line], bounds: Sequence[float], settings: LayoutSettings
) -> Table | None:
    """The lines cut into rows of the given columns as a borderless region is."""
    if not rows:
        return None
    return body_table(page, Region(list(rows), list(bounds), cell_pitch(rows, bounds, settings)))


def continues_cell(
    line: Line, rows: Sequence[Line], bounds: Sequence[float], settings: LayoutSettings
) -> bool:
    """A line of one word group within one column, a cell's line pitch at most under the
    rows so far: the next line of a wrapped label or value."""
    if not rows or len(line.chunks) != 1:
        return False
    first, last = chunk_columns(line.chunks[0], bounds)
    step = line.baseline - rows[-1].baseline
    return first == last and 0 < step <= settings.max_cell_pitch * line.size


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


def rows_under(
    page: PageContent, chars: Sequence[Char], head: Table, settings: LayoutSettings
) -> Table | None:
    """A table of the lines right under `head` (a lattice: a filled or ruled header)
    that keep to its columns, as `carried_rows` reads them: a zebra table's white rows
    under its grey header, too few to be a table of their own; else None."""
    bounds = column_bounds_of(head)
    if bounds is None:
        return None
    rows: list[Line] = []
    inside = [c for c in chars if head.bbox.x0 - 3 <= c.x0 and c.x1 <= head.bbox.x1 + 3]
    for line in page_lines(inside, settings):
        if line.bottom <= head.bbox.bottom + 1:
            continue
        last = rows[-1].bottom if rows else head.bbox.bottom
        if line.top - last > settings.max_cell_pitch * line.size:
            break
        if not (fits_columns(line, bounds) or continues_cell(line, rows, bounds, settings)):
            break
        rows.append(line)
    return rows_table(page.number, rows, bounds, settings)
