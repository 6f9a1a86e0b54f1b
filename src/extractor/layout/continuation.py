"""Lines that continue a table region's cells, up or down (see `extractor.layout.regions`).

A continuation keeps to one column (or, above, spans a group of columns right of the
first), lies at most a cell's line pitch from the region's text in that column and aligns
with it (left, right or centre within `align_tolerance` em).  Above the region, a group
header centred over its sub-column headers may come with a label beside it that is
centred on the header's two lines, over an empty header cell (`side_label_above`).
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.chunks import Chunk, Line
from extractor.layout.gutters import chunk_columns
from extractor.layout.settings import LayoutSettings


def continues(
    line: Line, members: Sequence[Line], bounds: Sequence[float], pitch: float,
    settings: LayoutSettings, above: bool,
) -> bool:  # fmt: skip
    """The line continues the region's cells (see the module docstring)."""
    edge = members[0] if above else members[-1]
    if abs(line.size - edge.size) > settings.size_tolerance * edge.size:
        return False
    if line.x0 < bounds[0] - 0.5 or line.x1 > bounds[-1] + 0.5:
        return False
    near = [
        c
        for ln in members
        if abs(ln.baseline - line.baseline) <= pitch
        for c in with_column_spans(ln.chunks, bounds)
    ]
    for chunk in line.chunks:
        first, last = chunk_columns(chunk, bounds)
        if first != last and not (above and first > 0):
            return False
        below = first_below(chunk, members, bounds, 2 * pitch) if above else []
        lone = first == last  # above: a narrow group header, centred in one column
        others = near + (below if lone else [])
        if any(aligned(chunk, other, bounds, first, last, settings) for other in others):
            continue
        if lone or not centred_over(chunk, below):
            return False
    return True


def with_column_spans(chunks: Sequence[Chunk], bounds: Sequence[float]) -> list[Chunk]:
    """The line's chunks and, for a column holding several, one spanning them all (a
    cell's words OCR set apart: "dotacji (zł)" read as two chunks)."""
    out = list(chunks)
    for col in range(len(bounds) - 1):
        inside = [c for c in chunks if chunk_columns(c, bounds) == (col, col)]
        if len(inside) > 1:
            out.append(inside[0]._replace(x0=inside[0].x0, x1=max(c.x1 for c in inside)))
    return out


def centred_over(chunk: Chunk, below: Sequence[Chunk]) -> bool:
    """Two or more chunks below, the chunk centred over them (a group header over its
    sub-column headers, with labels beside it centred on the header's two lines)."""
    if len(below) < 2:
        return False
    left, right = min(c.x0 for c in below), max(c.x1 for c in below)
    return abs((chunk.x0 + chunk.x1) / 2 - (left + right) / 2) <= chunk.size


def first_below(
    chunk: Chunk, members: Sequence[Line], bounds: Sequence[float], reach: float
) -> list[Chunk]:
    """The region's top chunk in the chunk's columns, when within `reach` below it: a
    group header over sub-columns whose neighbours are centred over two header lines."""
    first, last = chunk_columns(chunk, bounds)
    for line in members[:3]:
        if line.top - chunk.bottom > reach:
            break
        inside = [c for c in line.chunks if first <= chunk_columns(c, bounds)[0] <= last]
        if inside:
            return inside
    return []


def aligned(
    chunk: Chunk, other: Chunk, bounds: Sequence[float], first: int, last: int,
    settings: LayoutSettings,
) -> bool:  # fmt: skip
    """`other` lies in the chunk's columns, aligned with it (spanning: just under it)."""
    o_first, o_last = chunk_columns(other, bounds)
    if o_first < first or o_last > last:
        return False
    if first != last:
        return True
    tol = settings.align_tolerance * chunk.size
    return (
        abs(chunk.x0 - other.x0) <= tol
        or abs(chunk.x1 - other.x1) <= tol
        or abs(chunk.x0 + chunk.x1 - other.x0 - other.x1) <= 2 * tol
    )


def side_label_above(
    pair: Sequence[Line], members: Sequence[Line], bounds: Sequence[float], pitch: float,
    settings: LayoutSettings,
) -> bool:  # fmt: skip
    """`pair` (two lines right above the region) is a group header line over the
    region's top line and, between them, labels of the columns beside the group: each
    label in one column that the group does not cover and the top line leaves empty
    ("Kwota (tys. zł)" over "2013 2014 2015", "Wyszczególnienie" beside it)."""
    group, side = pair
    top = members[0]
    if not (group.baseline < side.baseline < top.baseline) or not side.chunks:
        return False
    if top.baseline - group.baseline > 2 * pitch:
        return False
    if not continues(group, members, bounds, pitch, settings, True):
        return False
    covered = set()
    for chunk in group.chunks:
        under = group_under(chunk, top.chunks)
        covered |= {col for c in under for col in columns_of(c, bounds)}
    if not covered:
        return False  # no group header in the line
    filled = {col for c in top.chunks for col in columns_of(c, bounds)}
    for chunk in side.chunks:
        first, last = chunk_columns(chunk, bounds)
        if first != last or first in covered or first in filled:
            return False
    return True


def group_under(chunk: Chunk, below: Sequence[Chunk]) -> Sequence[Chunk]:
    """The most chunks in a row of `below` (two or more) the chunk is centred over."""
    ordered = sorted(below, key=lambda c: c.x0)
    for n in range(len(ordered), 1, -1):
        for k in range(len(ordered) - n + 1):
            run = ordered[k : k + n]
            if run[0].x0 <= chunk.x1 and chunk.x0 <= run[-1].x1 and centred_over(chunk, run):
                return run
    return ()


def columns_of(chunk: Chunk, bounds: Sequence[float]) -> range:
    first, last = chunk_columns(chunk, bounds)
    return range(first, last + 1)


def group_row_above(line: Line, members: Sequence[Line], bounds: Sequence[float],
                    pitch: float) -> bool:  # fmt: skip
    """A line of one word group right above the region, set like the group rows inside
    it (one group from the first column, same size and weight, as far from the row
    under it): the first group row of a table going on from the page before."""
    if len(line.chunks) != 1 or members[0].baseline - line.baseline > 2 * pitch:
        return False
    chunk = line.chunks[0]
    if abs(chunk.x0 - bounds[0]) > chunk.size or chunk.x1 > bounds[-1] + 0.5:
        return False
    step = members[0].baseline - line.baseline
    return any(
        len(row.chunks) == 1
        and abs(row.chunks[0].x0 - chunk.x0) <= 0.5
        and row.chunks[0].bold == chunk.bold
        and abs(row.chunks[0].size - chunk.size) <= 0.25
        and chunk_columns(row.chunks[0], bounds)[1] > 0
        and abs(after.baseline - row.baseline - step) <= 0.15 * chunk.size
        for row, after in zip(members[1:], members[2:], strict=False)
    )


def wrapped_group_above(
    pair: Sequence[Line], members: Sequence[Line], bounds: Sequence[float], pitch: float
) -> bool:
    """`pair` is a group header wrapped over two lines ("Środki przekazane" over
    "(tys. zł)", the second centred under the first) right above the region's header,
    centred over two or more sub-column headers of one of the region's top lines."""
    upper, lower = pair
    if len(upper.chunks) != 1 or len(lower.chunks) != 1:
        return False
    group, rest = upper.chunks[0], lower.chunks[0]
    centre = (group.x0 + group.x1) / 2
    if (
        abs((rest.x0 + rest.x1) / 2 - centre) > group.size
        or lower.baseline - upper.baseline > pitch
    ):
        return False
    first, last = chunk_columns(group, bounds)
    if first == last or first == 0:
        return False
    for line in members[:3]:
        if line.baseline - lower.baseline > 3 * pitch:
            break
        under = [c for c in line.chunks if first <= chunk_columns(c, bounds)[0] <= last]
        if len(under) >= 2 and centred_over(group, under):
            return True
    return False
