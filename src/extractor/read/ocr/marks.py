"""Superscript markers in a scanned page image: small raised glyph groups.

A footnote marker on a scan is a small group of ink well above its line's
baseline with nothing under it, or the raised tail of a glyph it touches; a
group of squarish blobs no taller than a third of the em is a run of stars.
Pixels, like `extractor.read.ocr.grid`; `extractor.read.ocr.page` reads the groups again and
puts them in their runs.
"""

from __future__ import annotations

import numpy as np

from extractor.read.ocr.grid import Box, Grey, Stats

MAX_MARK = 0.7  # em: the tallest superscript group ("¹⁾" of a web page is 0.55-0.6)


def nothing_below(box: Box, ink: Grey, baseline: float) -> bool:
    """No ink between the box and the baseline (so not an accent or the dot of an i)."""
    margin = (box.x1 - box.x0) / 5
    x0, x1 = int(box.x0 + margin), int(box.x1 - margin)
    below = ink[int(box.bottom) + 1 : int(baseline) - 1, x0 : max(x1, x0 + 1)]
    return not bool(below.any())


def is_raised_mark(box: Box, ink: Grey, baseline: float, size: float) -> bool:
    """A small glyph group well above the baseline with no ink under it."""
    height = box.bottom - box.top
    if not (0.15 * size <= height <= MAX_MARK * size and box.x1 - box.x0 <= 1.3 * size):
        return False
    if box.bottom > baseline - 0.18 * size or box.top < baseline - 1.0 * size:
        return False
    return nothing_below(box, ink, baseline)


def raised_marks(
    stats: Stats, ink: Grey, span: tuple[float, float], baseline: float, size: float
) -> list[Box]:
    """Groups of raised marks (superscripts) on a text run.

    `span` is the run's x extent, `baseline` and `size` (em, pixels) its metrics.
    Raised ink pieces close together form a group (a broken glyph, a two-digit
    marker; the tail of a glyph a marker touches, `fused_tail`); a group is
    rejected when a glyph of normal height touches it on the right (the
    numerator of a fraction such as 1/4, part of a percent sign).
    """
    near = stats[
        (stats[:, 0] + stats[:, 2] >= span[0] - 1.2 * size)
        & (stats[:, 0] <= span[1] + 0.9 * size)
        & (stats[:, 1] + stats[:, 3] >= baseline - 1.2 * size)
        & (stats[:, 1] <= baseline + 0.4 * size)
    ]
    raised = near[
        (near[:, 1] + near[:, 3] <= baseline - 0.15 * size) & (near[:, 1] >= baseline - 1.1 * size)
    ].tolist()
    raised += [t for c in near.tolist() if (t := fused_tail(c, ink, baseline, size)) is not None]
    groups: list[Box] = []
    for c in sorted(raised, key=lambda c: int(c[0])):
        x, y, w, h = (float(v) for v in c[:4])
        last = groups[-1] if groups else None
        if last is not None and x <= last.x1 + 0.25 * size:
            groups[-1] = Box(
                last.x0, min(last.top, y), max(last.x1, x + w), max(last.bottom, y + h)
            )
        else:
            groups.append(Box(x, y, x + w, y + h))
    return [
        box
        for box in groups
        if is_raised_mark(box, ink, baseline, size) and not _touched_on_right(near, box, size)
    ]


def fused_tail(component: list[int], ink: Grey, baseline: float, size: float) -> list[int] | None:
    """The raised part of a glyph that a superscript touches ("0" and "¹" of "20¹⁸"
    blurred into one blob): a blob sitting on the baseline and taller than any
    glyph (0.8 em), whose rightmost columns (at least 0.08 em) have no ink below
    the superscript line.  Returned as a component (x, y, w, h, area), else None."""
    x, y, w, h = component[:4]
    if abs(y + h - baseline) > 0.1 * size or y > baseline - 0.8 * size:
        return None
    region = np.asarray(ink[y : y + h, x : x + w] > 0, dtype=bool)
    inked = np.asarray(region.any(axis=0), dtype=bool)
    lowest = np.where(inked, h - 1 - np.argmax(region[::-1], axis=0), h)
    high = np.asarray(y + lowest < baseline - 0.18 * size, dtype=bool)
    start = w
    while start > 0 and bool(high[start - 1] or not inked[start - 1]):
        start -= 1
    if w - start < 0.08 * size or start == 0:
        return None
    rows = np.flatnonzero(region[:, start:].any(axis=1))
    top, bottom = y + int(rows[0]), y + int(rows[-1]) + 1
    return [x + start, top, w - start, bottom - top, int(region[:, start:].sum())]


MAX_STAR_FILL = 0.75  # of its box: a star's ink fills 0.35-0.55, a dash's all of it
TALL_STAR = 0.5  # em: a sans face's star (DejaVu Sans: 0.4-0.48), over a serif's 0.3
SQUARE_STAR = 0.82  # width over height of each such star at least (digits: 0.78 at most)


def star_count(stats: Stats, box: Box, size: float, read_as_star: bool = False) -> int:
    """How many stars a raised mark group is: its blobs at most 0.3 em high (digits
    are taller), each about as wide as high or a whole multiple of that (touching
    stars), so not a quote's narrow commas, and not solid (`MAX_STAR_FILL`: a dash
    blurred to a third of its width is no row of stars); else 0.  Two stars or more of
    a sans face, whose star stands up to `TALL_STAR` em, count too when each is squarer
    still (a pair of touching digits is one "star" that tall, never two), and one such
    star when its reading alone says "*", however unsure (`read_as_star`: two touching
    digits read as digits; Tesseract read "min. 5*" as "min. 5%")."""
    inside = stats[
        (stats[:, 0] >= box.x0 - 1)
        & (stats[:, 0] + stats[:, 2] <= box.x1 + 1)
        & (stats[:, 1] >= box.top - 1)
        & (stats[:, 1] + stats[:, 3] <= box.bottom + 1)
    ]
    count, tall, square = 0, False, True
    for _, _, w, h, area in inside.tolist():
        stars = round(w / h)  # touching stars make one blob k times as wide as high
        if h > TALL_STAR * size or stars < 1 or not 0.75 * stars * h <= w <= 1.4 * stars * h:
            return 0
        if area > MAX_STAR_FILL * w * h:  # a solid bar: a dash raised to mid-height
            return 0
        tall = tall or h > 0.3 * size
        square = square and SQUARE_STAR * stars * h <= w <= 1.25 * stars * h
        count += stars
    return count if not tall or (square and (count >= 2 or read_as_star)) else 0


def _touched_on_right(near: Stats, box: Box, size: float) -> bool:
    height = box.bottom - box.top
    for other in near.tolist():
        ox, oy, ow, oh = (int(v) for v in other[:4])
        if ox <= box.x0 or ox - box.x1 > 0.12 * size or oh <= height * 1.3:
            continue
        if oy < box.bottom and oy + oh > box.top:
            return True
    return False
