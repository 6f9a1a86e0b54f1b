"""Table finding: ruling segments -> edges -> intersections -> cells -> tables.

The lattice algorithm is pdfplumber's (its pure functions on edge dicts are
reused as they are); this module feeds it our `Segment`s and turns its cell
boxes into a grid with row/column indices and spans, with the characters
that fall into each cell.  No domain knowledge here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pydantic import BaseModel, ConfigDict

from extractor.read.pdf import Char, Chars, PageContent, Segment

SNAP = 3.0  # pt: edges closer than this are one line
MIN_CELL = 4.0  # pt: a cell must be at least this tall and wide


class BBox(BaseModel):
    model_config = ConfigDict(frozen=True)

    x0: float
    top: float
    x1: float
    bottom: float

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


class GridCell(BaseModel):
    model_config = ConfigDict(frozen=True)

    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: BBox
    chars: Chars


class Table(BaseModel):
    """A table found on one page: a grid of cells (merged cells span)."""

    model_config = ConfigDict(frozen=True)

    page: int
    bbox: BBox
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]
    ruled: bool = True


def find_tables(page: PageContent) -> list[Table]:
    """Every ruled table on the page, top to bottom."""
    edges = segments_to_edges(page.segments)
    cells = edges_to_cells(edges)
    tables = [cell_boxes_to_table(group, page) for group in cells_to_tables(cells)]
    tables = [t for t in tables if t.n_rows >= 1 and t.n_cols >= 2]
    return sorted(tables, key=lambda t: (t.bbox.top, t.bbox.x0))


def segments_to_edges(segments: Sequence[Segment]) -> list[dict[str, Any]]:
    edges = [
        {
            "orientation": s.orientation,
            "x0": s.x0,
            "x1": s.x1,
            "top": s.top,
            "bottom": s.bottom,
            "width": s.x1 - s.x0,
            "height": s.bottom - s.top,
        }
        for s in segments
    ]
    merged: list[dict[str, Any]] = merge_edges(edges, SNAP, SNAP, SNAP, SNAP)
    return merged


def edges_to_cells(edges: list[dict[str, Any]]) -> list[tuple[float, float, float, float]]:
    intersections = edges_to_intersections(edges, SNAP, SNAP)
    boxes = intersections_to_cells(intersections)
    return [
        (float(b[0]), float(b[1]), float(b[2]), float(b[3]))
        for b in boxes
        if b[2] - b[0] >= MIN_CELL and b[3] - b[1] >= MIN_CELL
    ]


def cell_boxes_to_table(
    boxes: Sequence[tuple[float, float, float, float]], page: PageContent
) -> Table:
    """Index cell boxes into a grid: distinct x and y boundaries give columns and rows."""
    xs = cluster_values([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = cluster_values([b[1] for b in boxes] + [b[3] for b in boxes])
    bbox = BBox(x0=xs[0], top=ys[0], x1=xs[-1], bottom=ys[-1])
    spans = []
    for x0, top, x1, bottom in boxes:
        col, col_end = nearest(xs, x0), nearest(xs, x1)
        row, row_end = nearest(ys, top), nearest(ys, bottom)
        spans.append((row, col, max(1, row_end - row), max(1, col_end - col), x0, top, x1, bottom))
    owner = {
        (r + i, c + j): k
        for k, (r, c, rs, cs, *_) in enumerate(spans)
        for i in range(rs)
        for j in range(cs)
    }
    members = chars_to_grid(page.chars, bbox, xs, ys, owner)
    cells = [
        GridCell(
            row=r, col=c, rowspan=rs, colspan=cs,
            bbox=BBox(x0=x0, top=top, x1=x1, bottom=bottom), chars=tuple(members.get(k, ())),
        )
        for k, (r, c, rs, cs, x0, top, x1, bottom) in enumerate(spans)
    ]  # fmt: skip
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(
        page=page.number,
        bbox=bbox,
        n_rows=len(ys) - 1,
        n_cols=len(xs) - 1,
        cells=tuple(cells),
    )


def chars_to_grid(
    chars: Sequence[Char],
    bbox: BBox,
    xs: list[float],
    ys: list[float],
    owner: dict[tuple[int, int], int],
) -> dict[int, list[Char]]:
    """Characters (by their centre) into the cell owning their grid position."""
    members: dict[int, list[Char]] = {}
    for char in chars_in_box(chars, bbox):
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        key = owner.get((bisect_right(ys, y) - 1, bisect_right(xs, x) - 1))
        if key is not None:
            members.setdefault(key, []).append(char)
    return members


def cluster_values(values: Sequence[float], tolerance: float = SNAP) -> list[float]:
    ordered = sorted(values)
    result: list[float] = []
    for v in ordered:
        if not result or v - result[-1] > tolerance:
            result.append(v)
    return result


def nearest(boundaries: list[float], value: float) -> int:
    i = bisect_left(boundaries, value)
    candidates = [j for j in (i - 1, i) if 0 <= j < len(boundaries)]
    return min(candidates, key=lambda j: abs(boundaries[j] - value))


def column_edges(table: Table) -> list[float]:
    """Where the table's columns start (the left edges of its single-column cells, and
    its own) and its right edge: the bounds of its columns, left to right."""
    starts = {c.bbox.x0 for c in table.cells if c.colspan == 1} | {table.bbox.x0}
    return [*sorted(starts), table.bbox.x1]


def chars_in_box(chars: Sequence[Char], bbox: BBox) -> tuple[Char, ...]:
    """Characters whose centre lies inside the box."""
    x0, top, x1, bottom = bbox.x0, bbox.top, bbox.x1, bbox.bottom
    return tuple(
        c
        for c in chars
        if top <= (c.top + c.bottom) / 2 <= bottom and x0 <= (c.x0 + c.x1) / 2 <= x1
    )
