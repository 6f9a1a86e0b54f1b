"""Where a framed table starts: a barrier between table regions.

Takes: a page's ruling segments and text lines.  Gives: the tops of frames (a
horizontal rule whose ends two vertical rules leave downward, with no vertical rule
ending on it from above) and the lines cut into bands at them.  A borderless table
set right above a framed one shares its columns' alignment, and read by alignment
alone the two were one table; a frame's top edge parts them.  Cells drawn box by box
are no frames: the boxes of the row above end where the next row's begin, and a box
of one cell meets the next cell's box; a filled band of one row is too short.
Imports: `layout.chunks`, `read.pdf`.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.chunks import Line
from extractor.read.pdf import Segment

MEET = 2.0  # pt: a rule's end and a vertical rule's end meet within this
SPAN = 0.8  # of the text's width near it: a frame that parts the lines there
NEAR = 50.0  # pt
MIN_SIDE = 36.0  # pt: a frame's sides run down at least this far (a header and a row)


Frame = tuple[float, float, float, float]  # top edge's y, x0, x1; the sides' bottom


def frame_tops(segments: Sequence[Segment]) -> list[Frame]:
    """Each frame's top edge (y, x0, x1) and how far its sides run down (see the module
    docstring), top to bottom."""
    verticals = [s for s in segments if s.orientation == "v"]
    rules = [s for s in segments if s.orientation == "h"]
    tops = []
    for rule in rules:
        if any(r is not rule and abs(r.top - rule.top) <= MEET and (
            abs(r.x1 - rule.x0) <= MEET or abs(r.x0 - rule.x1) <= MEET) for r in rules
        ):  # fmt: skip
            continue  # one of a row of cell boxes
        sides = [
            v for v in verticals if abs(v.top - rule.top) <= MEET and v.bottom - v.top >= MIN_SIDE
        ]
        left = [v.bottom for v in sides if abs(v.x0 - rule.x0) <= MEET]
        right = [v.bottom for v in sides if abs(v.x0 - rule.x1) <= MEET]
        ending = any(
            abs(v.bottom - rule.top) <= MEET and rule.x0 - MEET <= v.x0 <= rule.x1 + MEET
            for v in verticals
        )
        if left and right and not ending:
            tops.append((rule.top, rule.x0, rule.x1, min(max(left), max(right))))
    return sorted(set(tops))


def bands(lines: Sequence[Line], tops: Sequence[Frame]) -> list[list[Line]]:
    """The lines (top to bottom) cut into runs at each frame top spanning the text
    around it, or with no text beside the frame (not a table framed beside another)."""
    cuts = [
        y
        for y, x0, x1, bottom in tops
        if spans_text(lines, y, x0, x1) or alone(lines, (y, x0, x1, bottom))
    ]
    out: list[list[Line]] = [[]]
    for line in lines:
        while cuts and line.top > cuts[0]:
            cuts.pop(0)
            if out[-1]:
                out.append([])
        out[-1].append(line)
    return [band for band in out if band]


def alone(lines: Sequence[Line], frame: Frame) -> bool:
    """Text stands inside the frame and none beside it, at its height: a narrow framed
    table under a wider one, not one framed beside text."""
    y, x0, x1, bottom = frame
    chunks = [c for ln in lines if y < ln.baseline < bottom for c in ln.chunks]
    return bool(chunks) and all(x0 - MEET <= c.x0 and c.x1 <= x1 + MEET for c in chunks)


def spans_text(lines: Sequence[Line], y: float, x0: float, x1: float) -> bool:
    """The frame's top edge (at y, from x0 to x1) covers `SPAN` of the width of the text
    within `NEAR` pt above and below it."""
    near = [ln for ln in lines if abs(ln.baseline - y) <= NEAR]
    if not near:
        return False
    left, right = min(ln.x0 for ln in near), max(ln.x1 for ln in near)
    return min(right, x1) - max(left, x0) >= SPAN * (right - left)
