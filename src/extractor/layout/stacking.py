"""A ruled header over a borderless body: two tables found, one table printed.

A header set in a filled or ruled box (a lattice of two or more rows) over body rows
without rules is found twice: the header as a lattice table, the body from text
alignment.  The body is joined under the header when it starts right below it
(within `stack_gap` em, not counting up to `stack_lines` lines of one text run each
between them: a group row the body's columns do not take), lies within its width,
and each body column falls into a column of the header's last row, no two into one.
The joined table keeps the header's cells and columns; the lines between become rows
spanning the table; each body cell takes the header column its centre falls into
(spanning to the one its right end falls into).
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.chunks import Line, page_lines
from extractor.layout.gutters import column_of
from extractor.layout.ruled import BBox, GridCell, Table, column_edges
from extractor.layout.settings import LayoutSettings
from extractor.read.pdf import Char


def stack_headers(
    lattice: Sequence[Table],
    found: Sequence[Table],
    chars: Sequence[Char],
    size: float,
    settings: LayoutSettings,
) -> tuple[list[Table], list[Table]]:
    """The lattice tables and the found ones, each body joined under its header
    (`chars`: the page's characters outside tables)."""
    heads = list(lattice)
    bodies = []
    for body in found:
        for k, head in enumerate(heads):
            body = below(body, head)
            between = lines_between(head, body, chars, settings)
            columns = header_columns(head, body, between, size, settings)
            if columns:
                heads[k] = joined(with_group_rows(head, between), body, columns)
                break
        else:
            bodies.append(body)
    return heads, bodies


def below(body: Table, head: Table) -> Table:
    """The body without its rows inside the header's box (a header whose lattice did
    not take its text: read again by alignment)."""
    inside = {c.row for c in body.cells if (c.bbox.top + c.bbox.bottom) / 2 < head.bbox.bottom}
    overlap = min(body.bbox.x1, head.bbox.x1) - max(body.bbox.x0, head.bbox.x0) > 0
    if not inside or not overlap or len(inside) >= body.n_rows:
        return body
    drop = max(inside) + 1
    if any(c.row < drop <= c.row + c.rowspan - 1 for c in body.cells):
        return body
    cells = [c.model_copy(update={"row": c.row - drop}) for c in body.cells if c.row >= drop]
    if not cells:  # rows inside the header's box that are not all at the top
        return body
    top = min(c.bbox.top for c in cells)
    return body.model_copy(update={
        "n_rows": body.n_rows - drop, "cells": tuple(cells),
        "bbox": body.bbox.model_copy(update={"top": top}),
    })  # fmt: skip


def lines_between(
    head: Table, body: Table, chars: Sequence[Char], settings: LayoutSettings
) -> list[Line] | None:
    """The text lines between a header and a body, within the header's width; None
    when there are more than `stack_lines` or one is no single text run."""
    inside = [
        c
        for c in chars
        if head.bbox.bottom < (c.top + c.bottom) / 2 < body.bbox.top
        and head.bbox.x0 <= c.x0
        and c.x1 <= head.bbox.x1
    ]
    lines = page_lines(inside, settings)
    if len(lines) > settings.stack_lines or any(len(line.chunks) != 1 for line in lines):
        return None
    return lines


def with_group_rows(head: Table, lines: Sequence[Line] | None) -> Table:
    """The header with a row spanning it for each line."""
    if not lines:
        return head
    cells = list(head.cells)
    for k, line in enumerate(lines):
        box = BBox(x0=head.bbox.x0, top=line.top, x1=head.bbox.x1, bottom=line.bottom)
        cells.append(GridCell(row=head.n_rows + k, col=0, rowspan=1, colspan=head.n_cols,
                              bbox=box, chars=line.chunks[0].chars))  # fmt: skip
    box = head.bbox.model_copy(update={"bottom": lines[-1].bottom})
    return head.model_copy(
        update={"n_rows": head.n_rows + len(lines), "cells": tuple(cells), "bbox": box}
    )


def header_columns(
    head: Table,
    body: Table,
    between: Sequence[Line] | None,
    size: float,
    settings: LayoutSettings,
) -> list[int] | None:
    """For each body column the header column it falls into, when the body joins the
    header; else None."""
    if between is None:
        return None
    gap = body.bbox.top - head.bbox.bottom - sum(ln.bottom - ln.top for ln in between)
    if not -0.5 * size <= gap <= settings.stack_gap * size or head.n_rows < 2:
        return None
    if body.bbox.x0 < head.bbox.x0 - size or body.bbox.x1 > head.bbox.x1 + size:
        return None
    bounds = column_edges(head)
    columns = [column_of(text_centre(c), bounds) for c in first_cells(body)]
    if len(set(columns)) == len(columns) == body.n_cols and columns == sorted(columns):
        return columns
    return None


def text_centre(cell: GridCell) -> float:
    return (min(c.x0 for c in cell.chars) + max(c.x1 for c in cell.chars)) / 2


def first_cells(body: Table) -> list[GridCell]:
    """One single-column cell per column of the body (any row), left to right."""
    seen: dict[int, GridCell] = {}
    for cell in body.cells:
        if cell.colspan == 1 and cell.chars:
            seen.setdefault(cell.col, cell)
    return [seen[k] for k in sorted(seen)] if len(seen) == body.n_cols else []


def joined(head: Table, body: Table, columns: Sequence[int]) -> Table:
    cells = list(head.cells)
    for cell in body.cells:
        first, last = columns[cell.col], columns[cell.col + cell.colspan - 1]
        cells.append(
            cell.model_copy(
                update={"row": cell.row + head.n_rows, "col": first, "colspan": last - first + 1}
            )
        )
    covered = {
        (c.row + r, c.col + k) for c in cells for r in range(c.rowspan) for k in range(c.colspan)
    }
    a, b = head.bbox, body.bbox
    box = BBox(x0=min(a.x0, b.x0), top=a.top, x1=max(a.x1, b.x1), bottom=max(a.bottom, b.bottom))
    edges = column_edges(head)
    for row in range(head.n_rows, head.n_rows + body.n_rows):
        top = next(c.bbox for c in body.cells if c.row == row - head.n_rows)
        for col in range(head.n_cols):
            if (row, col) not in covered:
                empty = BBox(x0=edges[col], top=top.top, x1=edges[col + 1], bottom=top.bottom)
                cells.append(GridCell(row=row, col=col, rowspan=1, colspan=1, bbox=empty, chars=()))
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(
        page=head.page, bbox=box, n_rows=head.n_rows + body.n_rows, n_cols=head.n_cols,
        cells=tuple(cells), ruled=False,
    )  # fmt: skip
