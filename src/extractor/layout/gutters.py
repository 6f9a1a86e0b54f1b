"""Column gutters: vertical strips of white space that the lines of a block leave free.

For every x the lines of a block are counted three ways: lines with text on the
left of x (`left`), on the right of x (`right`) and lines with a chunk covering
x (`cross`).  A gutter is a maximal strip, at least `min_gutter` em wide, where
both sides hold text in at least `gutter_support` lines and at most
`gutter_crossing` of as many lines cross it: a spanning group row or a total
label may cross a gutter, running prose crosses every strip of its lines.  The
counts change only at chunk edges, so a sweep over the sorted edges finds them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

from extractor.layout.chunks import Chunk, Line
from extractor.layout.settings import LayoutSettings

Gutter = tuple[float, float]


def find_gutters(lines: Sequence[Line], settings: LayoutSettings) -> list[Gutter]:
    """Gutters of the lines, left to right.  Only lines of two or more chunks count: a
    group row spanning the table, or a wrapped label's continuation, tells nothing about
    the columns it covers."""
    lines = [ln for ln in lines if len(ln.chunks) >= 2]
    chunks = [c for ln in lines for c in ln.chunks]
    if len(lines) < 2 or not chunks:
        return []
    edges = sorted({c.x0 for c in chunks} | {c.x1 for c in chunks})
    index = {x: i for i, x in enumerate(edges)}
    delta = [0] * (len(edges) + 1)
    for c in chunks:
        delta[index[c.x0]] += 1
        delta[index[c.x1]] -= 1
    cover = list(accumulate(delta))  # cover[i]: chunks over (edges[i], edges[i+1])
    first_ends = sorted(min(c.x1 for c in ln.chunks) for ln in lines)
    last_starts = sorted(max(c.x0 for c in ln.chunks) for ln in lines)
    size = sorted(ln.size for ln in lines)[len(lines) // 2]
    runs: list[list[int]] = []  # elementary intervals of each good run
    for i in range(len(edges) - 1):
        left = bisect_right(first_ends, edges[i])
        right = len(last_starts) - bisect_left(last_starts, edges[i + 1])
        support = min(left, right)
        if support >= settings.gutter_support and cover[i] <= settings.gutter_crossing * support:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    least = settings.min_gutter * size
    gutters = [cleanest(piece, edges, cover, least) for run in runs
               for piece in without_columns(run, chunks, index)]  # fmt: skip
    return [g for g in gutters if g[1] - g[0] >= least]


def without_columns(
    run: list[int], chunks: list[Chunk], index: dict[float, int]
) -> list[list[int]]:
    """The run cut where a chunk lies wholly inside it: a sparse column's text (a
    category printed once for several rows) is a column, not a crossing."""
    first, last = run[0], run[-1] + 1
    blocked: set[int] = set()
    for c in chunks:
        a, b = index[c.x0], index[c.x1]
        if first < a and b < last:
            blocked.update(range(a, b))
    pieces: list[list[int]] = [[]]
    for i in run:
        if i in blocked:
            if pieces[-1]:
                pieces.append([])
        else:
            pieces[-1].append(i)
    return [p for p in pieces if p]


def cleanest(run: list[int], edges: list[float], cover: list[int], least: float) -> Gutter:
    """The widest stretch of a run where fewest chunks cross (more, if that is too narrow)."""
    best: Gutter = (0.0, -1.0)
    for low in sorted({cover[i] for i in run}):
        start: float | None = None
        for i in run + [-1]:
            if i >= 0 and cover[i] <= low:
                start = edges[i] if start is None else start
                continue
            if start is not None:
                end = edges[i] if i >= 0 else edges[run[-1] + 1]
                if end - start > best[1] - best[0]:
                    best = (start, end)
                start = None
        if best[1] - best[0] >= least:
            break
    return best


def narrowed(gutters: list[Gutter], lines: Sequence[Line]) -> list[Gutter]:
    """Gutters narrowed to clear the lines of one chunk that reach into them from one
    side (a wrapped label's longer line); a chunk over the whole gutter crosses it."""
    out = []
    for a, b in gutters:
        lo, hi = a, b
        for ln in lines:
            if len(ln.chunks) != 1:
                continue
            c = ln.chunks[0]
            if c.x0 < lo < c.x1 < hi:
                lo = c.x1
            elif lo < c.x0 < hi < c.x1:
                hi = c.x0
        out.append((lo, hi) if hi - lo >= 1.0 else (a, b))
    return out


def column_of(x: float, bounds: Sequence[float]) -> int:
    """The column (between consecutive `bounds`) holding x, clamped to the table."""
    return min(max(bisect_right(bounds, x) - 1, 0), len(bounds) - 2)


def chunk_columns(chunk: Chunk, bounds: Sequence[float]) -> tuple[int, int]:
    """First and last column a chunk lies in (it crosses the bounds between them)."""
    return column_of(chunk.x0 + 0.5, bounds), column_of(chunk.x1 - 0.5, bounds)
