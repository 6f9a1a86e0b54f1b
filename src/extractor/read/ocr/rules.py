"""Ruling lines of a page image: long ones by morphology (`grid.line_masks`), and the
short pieces a narrow column or a spanning cell leaves of a rule.

Takes a deskewed page's ink mask (pixels); gives `grid.Rule`s and the mask of their
ink (to be erased before Tesseract reads the page, which would read a rule's piece as
dashes).  Imports `grid` only.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractor.read.ocr.grid import (
    MAX_THICK,
    MIN_H_RULE,
    SHORT_RULE_INK,
    Grey,
    Rule,
    covers,
    faint_ink,
    line_masks,
    mask_rules,
    merge_rules,
    snap_ends,
)

MIN_PIECE = 8.0  # pt: the shortest piece of a broken rule (an em dash is about 1 em)
PIECE_CLEAR = 0.2  # share of them inked just above and below (a thin line, not a glyph)


def find_rules(ink: Grey, scale: float, grey: Grey | None = None) -> tuple[list[Rule], Grey]:
    """Ruling lines of a deskewed page (pixels) and the mask of their ink.

    `scale` is pixels per point.  Horizontal rules must be 25 pt long and
    vertical ones 15 pt (a table row is at least that high); merged pieces
    shorter than 10 pt are dropped.  With the greyscale page, faint rules count
    too (`faint_ink`).
    """
    if grey is not None:
        ink = np.asarray(cv2.bitwise_or(ink, faint_ink(grey, scale)), dtype=np.uint8)
    h_len = max(10, int(MIN_H_RULE * scale))
    h_mask, v_mask = line_masks(ink, h_len, max(10, int(15 * scale)))
    rules: list[Rule] = []
    for orientation, mask in (("h", h_mask), ("v", v_mask)):
        pieces = mask_rules(mask, orientation, scale)
        rules += merge_rules(pieces, 2.0 * scale, 4.0 * scale)
    rules = [r for r in rules if r.end - r.start >= 10 * scale]
    short = [
        rule
        for rule in short_rules(ink, [r for r in rules if r.orientation == "v"], h_len, scale)
        if not covers(rules, rule.pos, rule.start, rule.end, 2 * scale, "h")
    ]
    short += broken_pieces(ink, [*rules, *short], scale)
    for rule in short:
        h_mask[int(rule.pos) - 1 : int(rule.pos) + 2, int(rule.start) : int(rule.end) + 1] = 255
    rules = snap_ends(rules + short, 6.0 * scale, 1.0 * scale)
    both = cv2.dilate(cv2.bitwise_or(h_mask, v_mask), np.ones((5, 5), np.uint8))
    return rules, np.asarray(both, dtype=np.uint8)


def short_rules(ink: Grey, verticals: list[Rule], h_len: int, scale: float) -> list[Rule]:
    """Horizontal rules too short for the opening: across a narrow column (an
    "L.p." column whose neighbour spans rows), between two neighbouring vertical
    rules less than `h_len` apart.  A row of the strip between them inked across
    `SHORT_RULE_INK` of its width is a rule (text never fills a cell's width)."""
    found: list[Rule] = []
    for left in verticals:
        right = _right_neighbour(left, verticals, h_len, scale)
        if right is None:
            continue
        top, bottom = int(max(left.start, right.start)), int(min(left.end, right.end))
        x0, x1 = int(left.pos + MAX_THICK * scale / 2), int(right.pos - MAX_THICK * scale / 2)
        if x1 - x0 < 2 * scale or bottom <= top:
            continue
        strip = ink[top : bottom + 1, x0:x1] > 0
        full = np.flatnonzero(strip.mean(axis=1) >= SHORT_RULE_INK)
        for run in np.split(full, np.flatnonzero(np.diff(full) > 1) + 1):
            if len(run) and len(run) <= MAX_THICK * scale:
                found.append(Rule("h", top + float(run.mean()), left.pos, right.pos))
    return found


def _right_neighbour(rule: Rule, verticals: list[Rule], h_len: int, scale: float) -> Rule | None:
    """The nearest vertical rule right of `rule`, closer than `h_len`, overlapping it."""
    near = [
        v
        for v in verticals
        if 2 * scale < v.pos - rule.pos < h_len and v.start < rule.end and rule.start < v.end
    ]
    return min(near, key=lambda v: v.pos, default=None)


def broken_pieces(ink: Grey, rules: list[Rule], scale: float) -> list[Rule]:
    """Pieces of horizontal rules too short for the opening, in line with a rule and
    within the width of the rules it overlaps: where a cell spanning rows (a category
    printed once) breaks the rules between them, the narrow column beside it keeps its
    piece of each.  A piece inks (nearly) every pixel of its row over `MIN_PIECE` pt and
    little just above and below it: a thin line, never a glyph."""
    flat = [r for r in rules if r.orientation == "h"]
    found: list[Rule] = []
    for rule in flat:
        near = [r for r in flat if r.start < rule.end and rule.start < r.end]
        left, right = min(r.start for r in near), max(r.end for r in near)
        for x0, x1 in ((left, rule.start), (rule.end, right)):
            found += pieces_in_row(ink, rule.pos, int(x0), int(x1), scale)
    return [r for r in found if not covers(flat, r.pos, r.start, r.end, 2 * scale, "h")]


def pieces_in_row(ink: Grey, pos: float, x0: int, x1: int, scale: float) -> list[Rule]:
    """Thin horizontal runs of ink at height `pos` between x0 and x1 (pixels)."""
    if x1 - x0 < MIN_PIECE * scale:
        return []
    y = int(round(pos))
    band = ink[max(0, y - 2) : y + 3, x0:x1] > 0
    clear = max(2, int(MAX_THICK * scale / 2))
    above = ink[max(0, y - clear - 2) : max(0, y - clear), x0:x1] > 0
    below = ink[y + clear + 1 : y + clear + 3, x0:x1] > 0
    inked = np.flatnonzero(band.any(axis=0))
    found: list[Rule] = []
    for run in np.split(inked, np.flatnonzero(np.diff(inked) > 1) + 1):
        if len(run) < MIN_PIECE * scale:
            continue
        a, b = int(run[0]), int(run[-1]) + 1
        fence = max(above[:, a:b].any(axis=0).mean(), below[:, a:b].any(axis=0).mean())
        if fence <= PIECE_CLEAR:
            found.append(Rule("h", pos, float(x0 + a), float(x0 + b)))
    return found
