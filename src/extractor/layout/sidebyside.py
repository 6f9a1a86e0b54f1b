"""Tables set side by side: one region read as two.

Two tables next to each other share the page's lines, so they come out of
region finding as one region whose columns are both tables' columns.  A gutter
with two or more columns on each side that no text crosses (no group row, no
spanning label) separates two tables when the rows of the two sides do not end
together: fewer than `shared_rows` of the row gaps of one side (the one with
fewer) meet a row gap of the other (`shared_ruled_rows` when horizontal rules run under
one side but not the other, as beside a zebra or ruled table).  A rule running
under (nearly) the whole region says it is one table.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.chunks import Line
from extractor.layout.regions import Region
from extractor.layout.rowgrid import bands, make_blocks
from extractor.layout.settings import LayoutSettings
from extractor.layout.spans import Rule


def split_side_by_side(
    region: Region, rules: Sequence[Rule], settings: LayoutSettings
) -> list[Region]:
    """The region, or the tables it holds side by side, left to right."""
    bounds = region.bounds
    if len(bounds) < 5 or spanned(rules, bounds):
        return [region]
    chunks = [c for ln in region.lines for c in ln.chunks]
    for k in range(2, len(bounds) - 2):
        if any(c.x0 < bounds[k] < c.x1 for c in chunks):
            continue
        left, right = side(region, bounds[0], bounds[k]), side(region, bounds[k], bounds[-1])
        if len(left) < settings.min_rows or len(right) < settings.min_rows:
            continue
        limit = settings.shared_ruled_rows if one_sided(rules, bounds, k) else settings.shared_rows
        if shared_gaps(left, right, bounds, k, region.pitch) < limit:
            parts = [
                Region(left, bounds[: k + 1], region.pitch),
                Region(right, bounds[k:], region.pitch),
            ]
            return [p for part in parts for p in split_side_by_side(part, rules, settings)]
    return [region]


def spanned(rules: Sequence[Rule], bounds: list[float]) -> bool:
    """A horizontal rule runs under (nearly) the whole region: one table's rule (tables
    side by side rule their own widths)."""
    width = bounds[-1] - bounds[0]
    return any(min(x1, bounds[-1]) - max(x0, bounds[0]) >= SPANNING * width for _, x0, x1 in rules)


SPANNING = 0.95  # of the region's width: a rule under one table set beside another is shorter


def one_sided(rules: Sequence[Rule], bounds: list[float], k: int) -> bool:
    """At two or more heights rules run under (nearly) all of one side and under none of
    the other."""
    mid = bounds[k]
    cover: dict[float, list[float]] = {}
    for y, x0, x1 in rules:
        sides = cover.setdefault(y, [0.0, 0.0])
        sides[0] += max(0.0, min(x1, mid) - x0) / (mid - bounds[0])
        sides[1] += max(0.0, x1 - max(x0, mid)) / (bounds[-1] - mid)
    return sum(min(c) < 0.05 and max(c) > 0.9 for c in cover.values()) >= 2


def side(region: Region, x0: float, x1: float) -> list[Line]:
    """The region's lines cut to the chunks between x0 and x1."""
    out = []
    for line in region.lines:
        chunks = tuple(c for c in line.chunks if x0 <= (c.x0 + c.x1) / 2 < x1)
        if chunks:
            out.append(
                Line(
                    chunks,
                    line.baseline,
                    line.size,
                    line.top,
                    line.bottom,
                    chunks[0].x0,
                    max(c.x1 for c in chunks),
                )  # fmt: skip
            )
    return out


def shared_gaps(
    left: list[Line], right: list[Line], bounds: list[float], k: int, pitch: float
) -> float:
    """The share of the row gaps of one side (the one with fewer) that meet one of the
    other side (rows: bands of the side's cell blocks)."""
    a = row_gaps(Region(left, bounds[: k + 1], pitch))
    b = row_gaps(Region(right, bounds[k:], pitch))
    few, many = (a, b) if len(a) <= len(b) else (b, a)
    if not few:
        return 1.0
    hits = sum(any(meet(g, h) for h in many) for g in few)
    return hits / len(few)


def meet(g: tuple[float, float], h: tuple[float, float]) -> bool:
    """Two gaps overlap by half the shorter one."""
    common = min(g[1], h[1]) - max(g[0], h[0])
    return common >= 0.5 * min(g[1] - g[0], h[1] - h[0])


def row_gaps(region: Region) -> list[tuple[float, float]]:
    found = bands(make_blocks(region, ()))
    spans = [(min(b.top for b in band), max(b.bottom for b in band)) for band in found]
    return [(p[1], q[0]) for p, q in zip(spans, spans[1:], strict=False)]
