"""Table regions: runs of lines whose text keeps to common columns.

A run of linked tabular lines (see `runs`), with the lines between them (wrapped labels, group
rows), is the core of a region; its gutters (see `gutters`) give the columns,
less those around a column that holds (almost) no text of its own.
The region then loses boundary lines that cross its gutters (prose, a caption)
and gains the lines that continue its cells upward or downward: a header cell
wrapped over several lines, a label's last line.  A continuation keeps to one
column (or, above, spans a group of columns right of the first), lies at most
a cell's line pitch (see `cell_pitch`) from the region's text in that column
and aligns with it (left, right or centre within `align_tolerance` em).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from extractor.layout.chunks import Chunk, Line
from extractor.layout.continuation import (
    continues,
    group_row_above,
    side_label_above,
    wrapped_group_above,
)
from extractor.layout.gutters import (
    chunk_columns,
    find_gutters,
    narrowed,
    without_aligned_splits,
    without_empty_columns,
    without_offset_headers,
    without_suffix_columns,
)
from extractor.layout.runs import is_caption, linked_runs
from extractor.layout.settings import LayoutSettings


class Region(NamedTuple):
    lines: list[Line]  # top to bottom
    bounds: list[float]  # column boundaries, left to right (columns + 1)
    pitch: float  # lines of one cell are at most this far apart (baselines)


def find_regions(lines: Sequence[Line], settings: LayoutSettings) -> list[Region]:
    """Candidate table regions among the page's lines (top to bottom)."""
    regions: list[Region] = []
    for first, last in linked_runs(lines, settings):
        if regions and regions[-1].lines[-1].baseline >= lines[first].baseline:
            continue
        region = grow(lines, first, last, settings)
        if region is not None:
            regions.append(region)
    return regions


def grow(lines: Sequence[Line], first: int, last: int, settings: LayoutSettings) -> Region | None:
    """The region of a linked run: gutters, boundary lines trimmed, continuations added."""
    lo, hi = first, last + 1  # members: lines[lo:hi]
    bounds: list[float] | None = None
    for _ in range(3):
        bounds = column_bounds(lines[lo:hi], settings)
        if bounds is None:
            return None
        start, end = trim(lines[lo:hi], bounds, settings)
        if (start, end) == (0, hi - lo):
            break
        lo, hi = lo + start, lo + end
    if bounds is None or hi - lo < 2:
        return None
    pitch = cell_pitch(lines[lo:hi], bounds, settings)
    core = lines[lo:hi]
    while lo > 0:
        if continues(lines[lo - 1], lines[lo:hi], bounds, pitch, settings, True):
            lo -= 1
        elif lo > 1 and side_label_above(lines[lo - 2 : lo], lines[lo:hi], bounds, pitch, settings):
            lo -= 2
        elif lo > 1 and wrapped_group_above(lines[lo - 2 : lo], lines[lo:hi], bounds, pitch):
            lo -= 2
        elif not is_caption(lines[lo - 1], settings) and group_row_above(
            lines[lo - 1], lines[lo:hi], bounds, pitch
        ):
            lo -= 1
        else:
            break
    while hi < len(lines) and continues(lines[hi], lines[lo:hi], bounds, pitch, settings, False):
        hi += 1
    return Region(list(lines[lo:hi]), settled(bounds, core, lines[lo:hi]), pitch)


def settled(bounds: list[float], core: Sequence[Line], members: Sequence[Line]) -> list[float]:
    """Inner bounds moved, within their gutter (as the `core` lines leave it), off the
    text of lines added to the region (a wide header cell over right-aligned numbers):
    to the middle of the widest stretch no chunk covers, when there is one."""
    chunks = [c for ln in members for c in ln.chunks]
    body = [c for ln in core for c in ln.chunks]
    out = list(bounds)
    for k in range(1, len(bounds) - 1):
        crossing = [c for c in chunks if c.x0 < bounds[k] < c.x1]
        if not crossing:
            continue
        free = free_in_gutter(bounds, k, body, crossing)
        if free is None:
            free = under_group(bounds, k, core, chunks)
        if free is not None:
            out[k] = (free[0] + free[1]) / 2
    return out


def free_in_gutter(
    bounds: Sequence[float], k: int, body: Sequence[Chunk], crossing: Sequence[Chunk]
) -> tuple[float, float] | None:
    """The widest stretch the crossing chunks leave free in the gutter the body leaves
    around bound `k`."""
    return free_stretch(*gutter_around(bounds, k, body), crossing)


def gutter_around(bounds: Sequence[float], k: int, body: Sequence[Chunk]) -> tuple[float, float]:
    """The gap the body's chunks leave around bound `k` (its neighbours where none)."""
    left = max((c.x1 for c in body if c.x1 <= bounds[k]), default=bounds[k - 1])
    right = min((c.x0 for c in body if c.x0 >= bounds[k]), default=bounds[k + 1])
    return left, right


def under_group(
    bounds: Sequence[float], k: int, core: Sequence[Line], chunks: Sequence[Chunk]
) -> tuple[float, float] | None:
    """Where a group header over two columns left no gutter between them (a header
    chunk above the first full row, from the first column to the last, reaches over
    this bound): the gutter the lines of rows leave (chunks in half the columns or
    more), and in it a stretch a third of an em wide that no header chunk covers,
    leaving out the topmost ones (the group's own lines) one by one."""
    full = [ln for ln in core if ln.x0 <= bounds[1] and ln.x1 >= bounds[-2]]
    rows = [c for ln in core if 2 * len(ln.chunks) >= len(bounds) - 1 for c in ln.chunks]
    if not full or not rows:
        return None
    top = full[0].baseline
    head = [c for c in chunks if c.bottom <= top and bounds_inside(c, bounds) <= 1]
    if not any(c.x0 < bounds[k] < c.x1 for c in head):
        return None
    left, right = gutter_around(bounds, k, rows)
    inside = sorted((c for c in head if c.x1 > left and c.x0 < right), key=lambda c: c.top)
    least = 0.3 * max(c.size for c in inside)
    for drop in range(len(inside)):
        free = free_stretch(left, right, inside[drop:])
        if free is not None and free[1] - free[0] >= least:
            return free
    return None


def bounds_inside(chunk: Chunk, bounds: Sequence[float]) -> int:
    """How many inner bounds the chunk reaches over (a row spanning columns: several)."""
    return sum(chunk.x0 < b < chunk.x1 for b in bounds[1:-1])


def free_stretch(left: float, right: float, chunks: Sequence[Chunk]) -> tuple[float, float] | None:
    """The widest part of (left, right) that none of the chunks covers."""
    edges = sorted({left, right, *(x for c in chunks for x in (c.x0, c.x1) if left < x < right)})
    best = None
    for a, b in zip(edges, edges[1:], strict=False):
        if not any(c.x0 < (a + b) / 2 < c.x1 for c in chunks):
            if best is None or b - a > best[1] - best[0]:
                best = (a, b)
    return best


def cell_pitch(members: Sequence[Line], bounds: Sequence[float], settings: LayoutSettings) -> float:
    """How far apart two lines of one cell may be: a little more than the line pitch
    of the region's wrapped cells (the lower quartile of the baseline steps within
    columns; more for lines OCR read, whose baselines wander), and never more than
    `max_cell_pitch` em."""
    size = sorted(ln.size for ln in members)[len(members) // 2]
    steps = []
    previous: dict[int, float] = {}
    for chunk in sorted((c for ln in members for c in ln.chunks), key=lambda c: c.top):
        first, last = chunk_columns(chunk, bounds)
        if first != last:
            continue
        step = chunk.top - previous.get(first, float("-inf"))
        if settings.min_line_pitch * size <= step <= settings.max_cell_pitch * size:
            steps.append(step)
        previous[first] = chunk.top
    ceiling = settings.max_cell_pitch * size
    if not steps:
        return ceiling
    steps.sort()
    ocr = sum(c.read_by_ocr for ln in members for c in ln.chunks) * 2 > sum(
        len(ln.chunks) for ln in members
    )
    factor = settings.ocr_cell_pitch if ocr else settings.cell_pitch
    return min(ceiling, factor * steps[len(steps) // 4])


def column_bounds(members: Sequence[Line], settings: LayoutSettings) -> list[float] | None:
    """Boundaries between the gutters of the region's tabular lines (a line of one chunk
    tells nothing about columns: a wrapped label, a group row spanning the table)."""
    gutters = narrowed(find_gutters(members, settings), members)
    if not gutters:
        return None
    x0 = min(ln.x0 for ln in members)
    x1 = max(ln.x1 for ln in members)
    bounds = [x0 - 1.0] + [(a + b) / 2 for a, b in gutters] + [x1 + 1.0]
    need = 2 if len(members) >= 8 else 1
    chunks = [c for ln in members for c in ln.chunks]
    bounds = without_empty_columns(bounds, chunks, need)
    size = sorted(ln.size for ln in members)[len(members) // 2]
    bounds = without_aligned_splits(bounds, chunks, settings.align_tolerance * size)
    bounds = without_suffix_columns(bounds, [ln.chunks for ln in members])
    return without_offset_headers(bounds, [ln.chunks for ln in members])


def crosses(line: Line, bounds: Sequence[float]) -> bool:
    return any(len(set(chunk_columns(c, bounds))) > 1 for c in line.chunks)


def trim(
    members: Sequence[Line], bounds: Sequence[float], settings: LayoutSettings
) -> tuple[int, int]:
    """The members' range without boundary lines that cross gutters or lie outside, and
    without the lines of one word group beyond them up to the next tabular line (the
    rest of a paragraph: lines above or below the region join it only as continuations
    of its cells, see `grow`)."""
    size = sorted(ln.size for ln in members)[len(members) // 2]
    lo, hi = 0, len(members)
    while lo < hi and (
        outside(members[lo], bounds, size, settings) or mid_paragraph(members, lo, bounds)
    ):
        lo += 1
    while lo and lo < hi and len(members[lo].chunks) < 2:
        lo += 1
    while hi > lo and outside(members[hi - 1], bounds, size, settings):
        hi -= 1
    while hi < len(members) and hi > lo and len(members[hi - 1].chunks) < 2:
        hi -= 1
    return lo, hi


def mid_paragraph(members: Sequence[Line], k: int, bounds: Sequence[float]) -> bool:
    """Line `k` crosses gutters and, like the line under it (one word group), reaches
    the region's right edge: justified prose, one of its word gaps wide enough to pass
    for a gutter, in the paragraph over the table, not its first row."""
    line = members[k]
    below = members[k + 1] if k + 1 < len(members) else None
    if below is None or len(below.chunks) != 1:
        return False
    return all(crosses(ln, bounds) and ln.x1 >= bounds[-1] - ln.size for ln in (line, below))


def outside(line: Line, bounds: Sequence[float], size: float, settings: LayoutSettings) -> bool:
    """Beyond the bounds, or crossing a gutter with one word group or in another size
    than the region's (`size`; a prose line whose one wide word gap OCR read as a
    gutter)."""
    if line.x0 < bounds[0] - 0.5 or line.x1 > bounds[-1] + 0.5:
        return True
    alike = abs(line.size - size) <= settings.same_size * max(line.size, size)
    return crosses(line, bounds) and (len(line.chunks) < 2 or not alike)
