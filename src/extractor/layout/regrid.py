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

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence

from extractor.layout.chunks import Chunk, Line, page_lines
from extractor.layout.gutters import chunk_columns
from extractor.layout.regions import Region, cell_pitch, free_stretch
from extractor.layout.rowgrid import region_table
from extractor.layout.ruled import Table, column_edges
from extractor.layout.settings import LayoutSettings
from extractor.layout.straddle import cut_at, word_gaps

WIDTH_SLACK = 0.05  # share of the table's width its two parts' edges may differ by
SAME_BOUND = 1.5  # em: two parts' column bounds closer than this are one bound
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
            continue
        both = on_shared_columns(pages[k][last], first, settings)
        if both is not None:
            pages[k][last] = both[0]
            pages[k + 1][pages[k + 1].index(first)] = both[1]


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
    return laid_on(short.page, lines, list(bounds), settings)


def laid_on(page: int, lines: list[Line], bounds: list[float], settings: LayoutSettings
            ) -> Table | None:  # fmt: skip
    """The lines laid out as a borderless table on `bounds`, or None when the grid
    comes out in other columns."""
    region = Region(lines, bounds, cell_pitch(lines, bounds, settings))
    table = region_table(page, region, [], settings)
    return table if table.n_cols == len(bounds) - 1 else None


def on_shared_columns(a: Table, b: Table, settings: LayoutSettings) -> tuple[Table, Table] | None:
    """Two borderless parts of one width, each of which found a column bound the other
    missed (a short Lp. column under a header that hid it; two value columns the few
    carried rows ran together): both laid out on every bound either found, or None when
    the text of either does not keep to them."""
    if a.ruled or b.ruled:
        return None
    edges_a, edges_b = column_edges(a), column_edges(b)
    if len(edges_a) != a.n_cols + 1 or len(edges_b) != b.n_cols + 1:
        return None
    slack = WIDTH_SLACK * (edges_a[-1] - edges_a[0])
    if abs(edges_a[0] - edges_b[0]) > slack or abs(edges_a[-1] - edges_b[-1]) > slack:
        return None
    laid = [on_bounds(t, with_bounds(t, own, other, settings), settings)
            for t, own, other in ((a, edges_a, edges_b), (b, edges_b, edges_a))]  # fmt: skip
    if laid[0] is None or laid[1] is None or laid[0].n_cols != laid[1].n_cols:
        return None
    return laid[0], laid[1]


def with_bounds(
    table: Table, own: list[float], other: list[float], settings: LayoutSettings
) -> list[float]:
    """`own` bounds with the inner bounds of `other` that lie in no gutter of its own
    and `SAME_BOUND` em or more from each of its own (the two parts place one bound
    each in the middle of their own gutters, and a part's gutter may be a little
    narrower than the other's)."""
    chars = [ch for cell in table.cells for ch in cell.chars]
    middles = sorted((ch.x0 + ch.x1) / 2 for ch in chars)
    em = sorted(ch.size for ch in chars)[len(chars) // 2] if chars else settings.min_gutter

    def apart(x: float, y: float) -> bool:
        low, high = min(x, y), max(x, y)
        text = bisect_right(middles, high) > bisect_left(middles, low)
        return text and high - low >= SAME_BOUND * em

    added = [x for x in other[1:-1] if all(apart(x, y) for y in own)]
    return sorted([*own, *added])


def on_bounds(table: Table, bounds: list[float], settings: LayoutSettings) -> Table | None:
    """The borderless table laid out again on more `bounds`, when its text keeps to them
    and each column holds text of its own in two rows or more (a bound the other part
    put into one value column would split a compound value "25, tj. 96,15 %" alone)."""
    if len(bounds) - 1 <= table.n_cols:
        return None
    found = page_lines([ch for cell in table.cells for ch in cell.chars], settings)
    lines = [cut for line in found if (cut := cut_at_bounds(line, bounds)) is not None]
    if len(lines) < 2 or len(lines) < len(found):
        return None
    laid = laid_on(table.page, lines, bounds, settings)
    if laid is None:
        return None
    filled = Counter(c.col for c in laid.cells if c.colspan == 1 and c.chars)
    return laid if all(filled[k] >= min(2, laid.n_rows) for k in range(laid.n_cols)) else None


def cut_at_bounds(line: Line, bounds: Sequence[float]) -> Line | None:
    """The line with each word group of a tabular line cut at the bounds that fall
    into its word gaps ("1 Prowadzenie ..." read as one group: the row number and
    the label); None when a bound falls into a word (the text keeps to no such
    columns).  A line of one group, or with no text in the last column (a group row
    or a section title spanning the label columns), stays whole."""
    if len(line.chunks) == 1 or line.x1 <= bounds[-2]:
        return line
    chunks: list[Chunk] = []
    for chunk in line.chunks:
        inside = [b for b in bounds[1:-1] if chunk.x0 < b < chunk.x1]
        gaps = [next((k for k, a, z in word_gaps(chunk) if a <= b <= z), None) for b in inside]
        if any(k is None for k in gaps):
            return None
        chunks += cut_at(chunk, sorted({k for k in gaps if k is not None}))
    return line._replace(chunks=tuple(chunks))


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
