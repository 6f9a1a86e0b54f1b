"""Cell parsing: a logical table's cells -> rows of cell texts with markers.

Each cell's characters become text lines (superscripts set apart as
footnote markers); stars typed after a number ("23 412,56*") are markers
too.  Rows of every page part are concatenated in order, in the columns of the part
with the most rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from extractor.layout import patterns
from extractor.layout.captions import LogicalTable, normalise_marker
from extractor.layout.gutters import column_of
from extractor.layout.lines import TextLine, chars_to_lines
from extractor.layout.ruled import GridCell, Table, column_edges


class CellText(BaseModel):
    model_config = ConfigDict(frozen=True)

    col: int
    colspan: int
    page: int
    lines: tuple[str, ...]  # printed lines, markers removed
    markers: tuple[str, ...]
    conf: float = 100.0
    rowspan: int = 1
    bold: bool = False  # most of its lines are set in bold

    @cached_property
    def text(self) -> str:
        """Lines joined by blanks, whitespace normalised (asked often: computed once)."""
        return " ".join(" ".join(line.split()) for line in self.lines).strip()

    @property
    def raw(self) -> str:
        """Printed text: stacked values (lines opening with a digit or a label) keep their break."""
        out = ""
        for line in self.lines:
            if not out:
                out = line.strip()
            elif re.match(r"^\s*(?:\d|[a-h]\))", line):
                out += "\n" + line.strip()
            else:
                out += " " + line.strip()
        return out


class GridRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    page: int
    cells: tuple[CellText, ...]  # cells that start in this row, by column

    def cell_at(self, col: int) -> CellText | None:
        """The cell covering column `col` in this row."""
        for cell in self.cells:
            if cell.col <= col < cell.col + cell.colspan:
                return cell
        return None

    @property
    def filled(self) -> list[CellText]:
        return [c for c in self.cells if c.text]


def logical_table_to_rows(table: LogicalTable) -> list[GridRow]:
    rows: list[GridRow] = []
    longest = max(table.parts, key=lambda p: p.n_rows, default=None)  # the surest columns
    for part in table.parts:
        if longest is not None and part.n_cols != longest.n_cols:
            part = realigned(part, column_edges(longest))
        rows.extend(table_to_rows(part))
    return rows


def realigned(part: Table, edges: Sequence[float]) -> Table:
    """A part with another number of columns than the table's longest part (a gutter
    found in one part only: a wrapped label's gap, a column's few values set apart) put
    into the longest part's columns by where its cells stand; cells falling into one
    column become one."""
    if len(edges) < 3:
        return part
    cells: list[GridCell] = []
    for cell in sorted(part.cells, key=lambda c: (c.row, c.bbox.x0)):
        first, last = columns_under(cell, edges)
        previous = cells[-1] if cells else None
        if (
            previous is not None
            and previous.row == cell.row
            and first < previous.col + previous.colspan
        ):
            end = max(last, previous.col + previous.colspan - 1)
            cells[-1] = previous.model_copy(update={
                "chars": previous.chars + cell.chars, "colspan": end - previous.col + 1,
            })  # fmt: skip
            continue
        cells.append(cell.model_copy(update={"col": first, "colspan": last - first + 1}))
    return part.model_copy(update={"cells": tuple(cells), "n_cols": len(edges) - 1})


def columns_under(cell: GridCell, edges: Sequence[float]) -> tuple[int, int]:
    """The columns a cell of another grid falls into: a single cell's by the middle of
    its text (its box straddles the other grid's bounds), a spanning cell's by its box."""
    if cell.colspan == 1:
        x0 = min((ch.x0 for ch in cell.chars), default=cell.bbox.x0)
        x1 = max((ch.x1 for ch in cell.chars), default=cell.bbox.x1)
        column = column_of((x0 + x1) / 2, edges)
        return column, column
    first = column_of(cell.bbox.x0 + 1.0, edges)
    return first, max(first, column_of(cell.bbox.x1 - 1.0, edges))


def table_to_rows(table: Table) -> list[GridRow]:
    by_row: dict[int, list[CellText]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row, []).append(cell_to_text(cell, table.page))
    return [
        GridRow(page=table.page, cells=tuple(sorted(cells, key=lambda c: c.col)))
        for _, cells in sorted(by_row.items())
    ]


def cell_to_text(cell: GridCell, page: int) -> CellText:
    lines = chars_to_lines(cell.chars)
    texts, markers = lines_to_texts(lines)
    return CellText(
        col=cell.col,
        colspan=cell.colspan,
        page=page,
        lines=tuple(texts),
        markers=tuple(markers),
        conf=min((ln.conf for ln in lines), default=100.0),
        rowspan=cell.rowspan,
        bold=bool(lines) and 2 * sum(ln.bold for ln in lines) > len(lines),
    )


def lines_to_texts(lines: Sequence[TextLine]) -> tuple[list[str], list[str]]:
    """Line texts without markers; superscript and star markers collected."""
    texts: list[str] = []
    markers: list[str] = []
    for line in lines:
        markers.extend(normalise_marker(m.text) for m in line.markers)
        text = line.text
        for match in patterns.STAR_MARKER.finditer(text):
            markers.append(match.group(1))
        text = patterns.STAR_MARKER.sub("", text)
        texts.append(text)
    return texts, markers
