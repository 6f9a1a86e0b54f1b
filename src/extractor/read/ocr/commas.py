"""Decimal marks Tesseract skipped, put back from the ink between two digits.

Takes: a measured run (baseline and size known) and the page's ink blobs.  Gives: the
run with a "," (a blob whose tail reaches below the baseline) or a "." (a dot sitting on
it) put between two digits of a word where such a blob stands alone in the gap:
"5,1 %" read "51%" and then split at the gap into "5" and "1%", two numbers.  Only a
gap wider than two digits set close (`GAP` em) is looked into, before a decimal part
(one or two digits: three are a group of thousands) of a word with no mark yet, and
only a blob of a mark's size, no smaller (a speck) and no larger.
Imports: `read.ocr.grid`, `read.ocr.runs`, `read.ocr.words`.
"""

from __future__ import annotations

from extractor.read.ocr.grid import Box, Stats
from extractor.read.ocr.runs import Glyph, Run
from extractor.read.ocr.words import COMMA_DESCENT, PERIOD_DESCENT

GAP = 0.12  # em between two digits' ink: room for a mark
MARK_HEIGHT = 0.35  # em: a comma's ink at most (a digit's: 0.7)
MARK_WIDTH = 0.2  # em
MARK_LEAST = 0.07  # em: a period's ink at least (0.1-0.15)
MARK_TOP = 0.25  # em above the baseline a mark's ink starts at most (a hyphen: 0.3 up)


def with_lost_marks(run: Run, stats: Stats) -> None:
    """Put back the decimal marks the run's words skipped (see the module docstring)."""
    for word in run.words:
        if any(g.text in ".," for g in word.glyphs):
            continue  # a decimal mark of its own, or dots grouping thousands
        glyphs: list[Glyph] = []
        for k, glyph in enumerate(word.glyphs):
            before = glyphs[-1] if glyphs else None
            if before is not None and before.text.isdigit() and decimal_part(word.glyphs[k:]):
                mark = lost_mark(before.box, glyph.box, stats, run.baseline, run.size)
                if mark is not None:
                    glyphs.append(Glyph(mark[0], mark[1], glyph.conf, own=glyph.own))
            glyphs.append(glyph)
        word.glyphs = glyphs


def decimal_part(glyphs: list[Glyph]) -> bool:
    """The glyphs open with one or two digits, then no more (a decimal part: three
    would be a group of thousands after a blank)."""
    digits = 0
    for glyph in glyphs:
        if not glyph.text.isdigit():
            break
        digits += 1
    return 1 <= digits <= 2


def lost_mark(
    left: Box, right: Box, stats: Stats, baseline: float, size: float
) -> tuple[str, Box] | None:
    """The mark alone in the gap between two digits' boxes, if one is there."""
    if right.x0 - left.x1 < GAP * size:
        return None
    inside = stats[
        (stats[:, 0] >= left.x1 - 1)
        & (stats[:, 0] + stats[:, 2] <= right.x0 + 1)
        & (stats[:, 1] + stats[:, 3] >= baseline - MARK_TOP * size)
        & (stats[:, 1] <= baseline + MARK_TOP * size)
    ]
    if len(inside) != 1:
        return None
    x, y, w, h, _ = (int(v) for v in inside[0])
    if h > MARK_HEIGHT * size or w > MARK_WIDTH * size or y < baseline - MARK_TOP * size:
        return None
    if min(w, h) < MARK_LEAST * size:
        return None  # a speck of dirt, smaller than any period
    descent = (y + h - baseline) / size
    box = Box(x, y, x + w, y + h)
    if descent >= COMMA_DESCENT:
        return ",", box
    if abs(descent) <= PERIOD_DESCENT:
        return ".", box
    return None
