"""A table's part cut short by a page break, read again on its other part's columns.

A table broken by a page may leave only its header and a row or two at the foot of a
page: too few rows for all its columns to show by alignment (a name and an amount side
by side end up in one wide column).  When the next page goes on with the same table in
more columns over the same width, the short part's text is laid out again on those
columns (`extractor.layout.rowgrid`), provided every word group then keeps to one
column (a line of one group, a row spanning the table, aside).  A row or two carried
over to the top of the next page, in fewer columns than the part above, are read
again on that part's columns the same way.

Takes `Table`s (with their characters); gives `Table`s.  Imports `chunks`, `regions`,
`rowgrid`, `ruled`, `gutters` and `settings` of this package.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.chunks import Chunk, Line, page_lines
from extractor.layout.gutters import chunk_columns
from extractor.layout.regions import Region, cell_pitch, free_stretch
from extractor.layout.rowgrid import region_table
from extractor.layout.ruled import Table, column_edges
from extractor.layout.settings import LayoutSettings

WIDTH_SLACK = 0.05  # share of the table's width its two parts' edges may differ by
LOW = 0.6  # the short part ends below this share of its page's height
HIGH = 0.4  # ... and the next page's first table starts above this share of its own


def with_regridded_ends(pages: Sequence[list[Table]], heights: Sequence[float],
                        settings: LayoutSettings) -> None:  # fmt: skip
    """Each page's lowest table, when it ends low on the page and the next page opens
    with a table of more columns over the same width, read again on those columns; else
    the next page's first table, when it has fewer columns than the lowest one (a row
    or two carried over, too few to show all columns), read again on the lowest one's
    (`pages`: each page's tables, changed in place)."""
    for k in range(len(pages) - 1):
        if not pages[k] or not pages[k + 1]:
            continue
        last = max(range(len(pages[k])), key=lambda i: pages[k][i].bbox.bottom)
        first = min(pages[k + 1], key=lambda t: t.bbox.top)
        if pages[k][last].bbox.bottom < LOW * heights[k] or first.bbox.top > HIGH * heights[k + 1]:
            continue
        better = regridded(pages[k][last], first, settings)
        if better is not None:
            pages[k][last] = better
            continue
        head = regridded(first, pages[k][last], settings)  # a row or two carried over
        if head is not None:
            pages[k + 1][pages[k + 1].index(first)] = head


def regridded(short: Table, after: Table, settings: LayoutSettings) -> Table | None:
    """`short` (borderless, fewer columns than `after`) laid out on `after`'s columns,
    or None when its text does not keep to them."""
    if short.ruled or short.n_cols >= after.n_cols:
        return None
    bounds = column_edges(after)
    if len(bounds) != after.n_cols + 1:
        return None
    slack = WIDTH_SLACK * (bounds[-1] - bounds[0])
    if abs(short.bbox.x0 - bounds[0]) > slack or abs(short.bbox.x1 - bounds[-1]) > slack:
        return None
    lines = page_lines([ch for cell in short.cells for ch in cell.chars], settings)
    if len(lines) < 2:
        return None
    bounds = fitted(bounds, after, [c for line in lines for c in line.chunks])
    if not all(keeps_columns(line, bounds) for line in lines):
        return None
    region = Region(lines, list(bounds), cell_pitch(lines, bounds, settings))
    table = region_table(short.page, region, [], settings)
    return table if table.n_cols == after.n_cols else None


def fitted(bounds: list[float], after: Table, chunks: Sequence[Chunk]) -> list[float]:
    """Inner bounds moved, within the gutter `after`'s own text leaves between two
    columns, off the short part's word groups (a header wider than the numbers)."""
    out = list(bounds)
    for k in range(1, len(bounds) - 1):
        crossing = [c for c in chunks if c.x0 < bounds[k] < c.x1]
        if not crossing:
            continue
        left = max((ch.x1 for cell in after.cells if cell.col + cell.colspan <= k
                    for ch in cell.chars), default=bounds[k - 1])  # fmt: skip
        right = min((ch.x0 for cell in after.cells if cell.col >= k
                     for ch in cell.chars), default=bounds[k + 1])  # fmt: skip
        free = free_stretch(left, right, crossing) if left < right else None
        if free is not None:
            out[k] = (free[0] + free[1]) / 2
    return out


def keeps_columns(line: Line, bounds: Sequence[float]) -> bool:
    """Every word group of the line within one column, or the line one group alone (a
    group header or a row spanning the table)."""
    if len(line.chunks) == 1:
        return True
    return all(first == last for first, last in (chunk_columns(c, bounds) for c in line.chunks))
