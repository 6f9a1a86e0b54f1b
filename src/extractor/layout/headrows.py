"""Header rows of a borderless table put together: a group header over its
sub-columns, and the header labels beside it on the same header row.

Without rules, a header like

    |     |                  |      Kwota (zł)      |
    | Lp. | Wyszczególnienie |                      |
    |     |                  | 2018 | 2019 | 2020   |

comes out of the row grid as three rows: the group header is narrower than its
columns and sits in one of them, the labels centred beside it sit between the two
header lines.  Here, among a table's first `ruled_header_lines` rows:

- two neighbouring rows whose cells fill different columns, neither row full, are one
  row (cells printed at different heights of one header line);
- then a cell centred over two or more filled cells of the row below it, with nothing
  beside it over them, takes their columns (a group header);
- a cell whose first line is centred over its own text and its neighbours' below
  that line (a group header read into the cell under it, one line pitch above) is
  split: the line becomes a group header row over those columns, the row's other
  cells span both rows.
"""

from __future__ import annotations

from extractor.layout.ruled import BBox, GridCell, Table
from extractor.layout.settings import LayoutSettings
from extractor.read.pdf import Char


def compact_header(table: Table, settings: LayoutSettings) -> Table:
    """The table with its header rows put together (see the module docstring)."""
    rows = [list(row_cells(table, r)) for r in range(table.n_rows)]
    top = min(settings.ruled_header_lines, table.n_rows - 1)
    r = 0
    while r < min(top, len(rows) - 1):
        if any(c.rowspan > 1 for row in rows[: r + 2] for c in row):
            break
        if mergeable(rows[r], rows[r + 1], table.n_cols):
            rows[r : r + 2] = [merged(rows[r], rows[r + 1])]
            top -= 1
        else:
            r += 1
    for r in range(min(top, len(rows) - 1)):
        rows[r] = widened(rows[r], rows[r + 1], spanned_into(rows, r))
    for r in range(min(top, len(rows))):
        if any(c.rowspan > 1 for row in rows[: r + 1] for c in row):
            break
        split = split_group_line(rows[r])
        if split is not None:
            rows[r : r + 1] = split
            break
    return rebuilt(table, rows)


def split_group_line(cells: list[GridCell]) -> list[list[GridCell]] | None:
    """A cell whose first line is centred over the text of it and of its neighbours
    below that line (a group header read into the cell under it): two rows, the group
    header spanning those columns, the other cells of the row over both."""
    for cell in cells:
        first, rest = first_line(cell)
        if not rest:
            continue
        bottom = max(ch.bottom for ch in first)
        span = neighbours_beside(
            cells, cell, (min(ch.top for ch in rest), max(ch.bottom for ch in rest))
        )
        if len(span) < 2:
            continue
        left = min(ch.x0 for c in span for ch in (rest if c is cell else c.chars))
        right = max(ch.x1 for c in span for ch in (rest if c is cell else c.chars))
        centre = (min(ch.x0 for ch in first) + max(ch.x1 for ch in first)) / 2
        if abs(centre - (left + right) / 2) > max(ch.size for ch in first):
            continue
        box = BBox(x0=span[0].bbox.x0, top=cell.bbox.top, x1=span[-1].bbox.x1, bottom=bottom)
        group = cell.model_copy(update={
            "col": span[0].col, "colspan": span[-1].col + span[-1].colspan - span[0].col,
            "bbox": box, "chars": first,
        })  # fmt: skip
        lower = [c.model_copy(update={"chars": rest}) if c is cell else c for c in span]
        upper = [group] + [c.model_copy(update={"rowspan": 2}) for c in cells if c not in span]
        return [sorted(upper, key=lambda c: c.col), lower]
    return None


def first_line(cell: GridCell) -> tuple[tuple[Char, ...], tuple[Char, ...]]:
    """The characters of the cell's first line, and the rest."""
    if not cell.chars:
        return (), ()
    base = min(ch.baseline for ch in cell.chars)
    size = max(ch.size for ch in cell.chars)
    first = tuple(ch for ch in cell.chars if ch.baseline - base < 0.5 * size)
    return first, tuple(ch for ch in cell.chars if ch.baseline - base >= 0.5 * size)


def neighbours_beside(
    cells: list[GridCell], cell: GridCell, band: tuple[float, float]
) -> list[GridCell]:
    """The cell and the filled cells beside it, column after column, whose text lies
    on the lines of `band` (top, bottom) and nowhere above them."""
    by_col = {c.col: c for c in cells}
    span = [cell]
    for step in (-1, 1):
        col = cell.col + step
        while col in by_col and on_band(by_col[col], band):
            span.append(by_col[col])
            col += step
    return sorted(span, key=lambda c: c.col)


def on_band(cell: GridCell, band: tuple[float, float]) -> bool:
    if not cell.chars:
        return False
    top, bottom = min(ch.top for ch in cell.chars), max(ch.bottom for ch in cell.chars)
    return top < band[1] and bottom > band[0] and top >= band[0] - 0.5 * (band[1] - band[0])


def row_cells(table: Table, row: int) -> list[GridCell]:
    return [c for c in table.cells if c.row == row]


def filled(cells: list[GridCell]) -> set[int]:
    return {c.col + k for c in cells if c.chars for k in range(c.colspan)}


def spanned_into(rows: list[list[GridCell]], r: int) -> set[int]:
    """The columns of row `r` that a cell of a row above fills (its rowspan reaches down)."""
    if not rows[r]:
        return set()
    row = rows[r][0].row
    return {
        c.col + k
        for above in rows[:r]
        for c in above
        if c.row + c.rowspan > row
        for k in range(c.colspan)
    }


def widened(
    cells: list[GridCell], below: list[GridCell], taken: set[int] | None = None
) -> list[GridCell]:
    """Each filled cell of one column centred over two or more filled cells side by side
    below it, whose columns are empty beside it (no cell of a row above reaching down
    into them: `taken`), takes their columns (their empty cells in its row go)."""
    under = sorted((c for c in below if c.chars), key=lambda c: c.col)
    for cell in [c for c in cells if c.chars and c.colspan == 1 and c.rowspan == 1]:
        span = centred_under(cell, under)
        if span is None:
            continue
        first, last = span[0].col, span[-1].col + span[-1].colspan - 1
        beside = [c for c in cells if c is not cell and first <= c.col <= last]
        if any(c.chars for c in beside) or (taken or set()) & set(range(first, last + 1)):
            continue
        box = cell.bbox.model_copy(update={"x0": span[0].bbox.x0, "x1": span[-1].bbox.x1})
        group = cell.model_copy(update={"col": first, "colspan": last - first + 1, "bbox": box})
        cells = [group if c is cell else c for c in cells if c not in beside]
    return cells


def centred_under(cell: GridCell, under: list[GridCell]) -> list[GridCell] | None:
    """Two or more neighbouring cells whose text the cell's text is centred over."""
    centre = (min(ch.x0 for ch in cell.chars) + max(ch.x1 for ch in cell.chars)) / 2
    size = max(ch.size for ch in cell.chars)
    for i in range(len(under)):
        for j in range(i + 1, len(under)):
            span = under[i : j + 1]
            if span[-1].col - span[0].col != j - i:
                break
            left = min(ch.x0 for ch in span[0].chars)
            right = max(ch.x1 for ch in span[-1].chars)
            inside = span[0].col <= cell.col <= span[-1].col
            if inside and abs((left + right) / 2 - centre) <= size:
                return span
    return None


def mergeable(upper: list[GridCell], lower: list[GridCell], n_cols: int) -> bool:
    a, b = filled(upper), filled(lower)
    single = all(c.rowspan == 1 for c in upper + lower)
    return single and bool(a) and bool(b) and not a & b and len(a) < n_cols > len(b)


def merged(upper: list[GridCell], lower: list[GridCell]) -> list[GridCell]:
    cells = [c for c in upper + lower if c.chars]
    taken = filled(cells)
    top = min(c.bbox.top for c in upper + lower)
    bottom = max(c.bbox.bottom for c in upper + lower)
    empty = [c for c in upper if not c.chars and c.col not in taken and c.colspan == 1]
    out = []
    for cell in cells + empty:
        box = cell.bbox.model_copy(update={"top": top, "bottom": bottom})
        out.append(cell.model_copy(update={"row": upper[0].row, "bbox": box}))
    return sorted(out, key=lambda c: c.col)


def rebuilt(table: Table, rows: list[list[GridCell]]) -> Table:
    cells = [cell.model_copy(update={"row": r}) for r, row in enumerate(rows) for cell in row]
    return table.model_copy(update={"n_rows": len(rows), "cells": tuple(cells)})
