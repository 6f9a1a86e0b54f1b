"""Image geometry for OCR: binarisation, deskew and ruling-line detection.

Everything here works in image pixels (origin top-left, y down) on a greyscale
`numpy` array; `extractor.read.ocr.page` converts to points.  The lines are found with
OpenCV morphology: an opening with a long thin horizontal (vertical) kernel
keeps only long horizontal (vertical) runs of ink, i.e. table rules.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

Grey = npt.NDArray[np.uint8]
Stats = npt.NDArray[np.int32]  # connected components: x, y, w, h, area

MAX_SKEW = 3.0  # degrees; a scan tilted more than this is left alone
MAX_THICK = 6.0  # pt; a thicker horizontal/vertical blob is a filled box, not a rule
MIN_H_RULE = 25.0  # pt: the shortest horizontal rule the opening finds (text is shorter)
SHORT_RULE_INK = 0.9  # share of a narrow column's width a rule across it inks
COLUMN_GAP = 20.0  # pt: a white strip this wide down a ruled box parts columns of text
BACKGROUND = 4.0  # pt: the paper around a pixel is looked for this far (strokes: 0.5-2 pt)
FILL = 0.85  # paper darker than this share of the page's is a fill
FAINT = 30  # grey levels a faint rule's pixel is darker than its neighbourhood's mean


@dataclass(frozen=True)
class Rule:
    """A ruling line in pixels: `pos` is y for "h", x for "v"; `start`-`end` its extent."""

    orientation: str
    pos: float
    start: float
    end: float


@dataclass(frozen=True)
class Box:
    """A box in pixels (top-down)."""

    x0: float
    top: float
    x1: float
    bottom: float


def union(boxes: Iterable[Box]) -> Box:
    items = list(boxes)
    x0, top = min(b.x0 for b in items), min(b.top for b in items)
    return Box(x0, top, max(b.x1 for b in items), max(b.bottom for b in items))


def shifted(box: Box, dy: float) -> Box:
    return Box(box.x0, box.top + dy, box.x1, box.bottom + dy)


def flattened(grey: Grey, scale: float) -> Grey:
    """The page with its fills levelled to its paper: a pixel whose paper (the
    lightest level within `BACKGROUND` pt around it; text strokes are thinner) is
    darker than `FILL` of the page's is lightened by their ratio.  A grey fill behind
    a table's header becomes paper, so the page-wide threshold cuts the text in it as
    thin as on white paper: over the fill, Otsu's threshold took most of the blur
    around the strokes for ink, and serifs ran together along the baseline into a
    rule.  Text on white paper is left as it is."""
    size = max(3, int(BACKGROUND * scale)) | 1
    kernel = np.ones((size, size), np.uint8)
    paper = cv2.blur(cv2.dilate(grey, kernel), (size, size)).astype(np.float32)
    page = float(np.percentile(paper, 90))
    ratio = np.where(paper < FILL * page, page / np.maximum(paper, 1.0), 1.0)
    return np.asarray(np.clip(grey.astype(np.float32) * ratio, 0, 255), dtype=np.uint8)


def binarize(grey: Grey) -> Grey:
    """Ink mask (255 = ink) by Otsu's threshold; light fills and paper tone are background."""
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return np.asarray(mask, dtype=np.uint8)


def line_masks(ink: Grey, h_len: int, v_len: int) -> tuple[Grey, Grey]:
    """Masks of long horizontal and vertical ink runs (morphological opening)."""
    h_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1))
    v_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len))
    h_mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, h_kernel)
    v_mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, v_kernel)
    return np.asarray(h_mask, dtype=np.uint8), np.asarray(v_mask, dtype=np.uint8)


def skew_from_lines(h_mask: Grey, min_len: int) -> float | None:
    """Skew angle (degrees, positive = falling to the right) of the long horizontal rules."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(h_mask, connectivity=8)
    angles: list[float] = []
    weights: list[float] = []
    for label in range(1, count):
        x, y, w, h = (int(v) for v in stats[label, :4])
        if w < min_len:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == label)
        if len(xs) < 10:
            continue
        slope = float(np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0])
        angles.append(math.degrees(math.atan(slope)))
        weights.append(float(w))
    if not angles:
        return None
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    median = int(np.searchsorted(cumulative, cumulative[-1] / 2))
    return float(np.asarray(angles)[order][median])


def skew_from_text(ink: Grey) -> float:
    """Skew angle from text lines: the rotation that makes row profiles sharpest."""
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    centre = (small.shape[1] / 2, small.shape[0] / 2)
    best, best_score = 0.0, -1.0
    for step in range(-int(MAX_SKEW * 10), int(MAX_SKEW * 10) + 1, 2):
        angle = step / 10
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(small, matrix, (small.shape[1], small.shape[0]))
        profile = turned.sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def estimate_skew(ink: Grey, scale: float) -> float:
    """Skew in degrees: from long horizontal rules when there are any, else from text."""
    h_mask, _ = line_masks(ink, max(20, int(30 * scale)), max(20, int(30 * scale)))
    angle = skew_from_lines(h_mask, int(100 * scale))
    if angle is None:
        angle = skew_from_text(ink)
    return angle if abs(angle) <= MAX_SKEW else 0.0


def rotate(grey: Grey, angle: float) -> Grey:
    """Rotate about the image centre by `angle` degrees (undoing a skew of `angle`)."""
    if abs(angle) < 0.02:
        return grey
    centre = (grey.shape[1] / 2, grey.shape[0] / 2)
    matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
    size = (grey.shape[1], grey.shape[0])
    turned = cv2.warpAffine(grey, matrix, size, borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(turned, dtype=np.uint8)


def mask_rules(mask: Grey, orientation: str, scale: float) -> list[Rule]:
    """Connected components of a line mask as rules (a thick blob gives its two edges)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    rules: list[Rule] = []
    for label in range(1, count):
        x, y, w, h = (float(v) for v in stats[label, :4])
        if orientation == "v":
            x, y, w, h = y, x, h, w  # work along the line: x = along, y = across
        if h <= MAX_THICK * scale:
            rules.append(Rule(orientation, y + h / 2, x, x + w))
        else:
            rules.append(Rule(orientation, y, x, x + w))
            rules.append(Rule(orientation, y + h, x, x + w))
    return rules


def merge_rules(rules: list[Rule], across: float, gap: float) -> list[Rule]:
    """Merge collinear pieces (positions within `across`, gaps up to `gap`)."""
    merged: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (r.pos, r.start)):
        for i, other in enumerate(merged):
            if (
                abs(other.pos - rule.pos) <= across
                and rule.start <= other.end + gap
                and other.start <= rule.end + gap
            ):
                length = other.end - other.start + rule.end - rule.start
                pos = other.pos * (other.end - other.start) + rule.pos * (rule.end - rule.start)
                merged[i] = Rule(
                    rule.orientation,
                    pos / length,
                    min(other.start, rule.start),
                    max(other.end, rule.end),
                )
                break
        else:
            merged.append(rule)
    return merged


def snap_ends(rules: list[Rule], reach: float, overshoot: float) -> list[Rule]:
    """Move rule ends near a perpendicular rule onto it (plus a small overshoot)."""
    snapped: list[Rule] = []
    for rule in rules:
        start, end = rule.start, rule.end
        for other in rules:
            if other.orientation == rule.orientation:
                continue
            if not other.start - reach <= rule.pos <= other.end + reach:
                continue
            if abs(other.pos - rule.start) <= reach:
                start = min(start, other.pos - overshoot)
            if abs(other.pos - rule.end) <= reach:
                end = max(end, other.pos + overshoot)
        snapped.append(Rule(rule.orientation, rule.pos, start, end))
    return snapped


def faint_ink(grey: Grey, scale: float) -> Grey:
    """Ink mask of pixels clearly darker than their surroundings: also thin light-grey
    rules (web-style table borders) that Otsu's page-wide threshold breaks up."""
    block = max(3, int(3 * scale)) | 1
    mask = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, FAINT
    )
    return np.asarray(mask, dtype=np.uint8)


def components(ink: Grey) -> Stats:
    """Bounding boxes (x, y, w, h, area) of the ink's connected components."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return np.asarray(stats[1:], dtype=np.int32)


def covers(
    rules: list[Rule], pos: float, a: float, b: float, tol: float, orientation: str = ""
) -> bool:
    """Some rule (of the orientation, when given) at `pos` runs from `a` to `b`."""
    return any(
        abs(r.pos - pos) <= tol
        and r.start - tol <= a
        and r.end + tol >= b
        and r.orientation in (orientation or r.orientation)
        for r in rules
    )


def find_cells(rules: list[Rule], tol: float) -> list[Box]:
    """Table cells: the smallest boxes whose four sides are ruled (pdfplumber-style)."""
    hs = [r for r in rules if r.orientation == "h"]
    vs = [r for r in rules if r.orientation == "v"]
    points = sorted(
        {
            (v.pos, h.pos)
            for h in hs
            for v in vs
            if h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol
        }
    )
    cells: list[Box] = []
    for x, y in points:
        below = sorted(py for px, py in points if abs(px - x) <= tol and py > y + tol)
        right = sorted(px for px, py in points if abs(py - y) <= tol and px > x + tol)
        cell = _first_cell(hs, vs, (x, y), below, right, tol)
        if cell is not None:
            cells.append(cell)
    return cells


def split_columns(ink: Grey, cell: Box, scale: float) -> list[Box]:
    """The cell, or the columns its text stands in: split down the middle of every strip
    of paper `COLUMN_GAP` pt wide or more that runs down the whole cell between inked
    parts (a header band or a body framed without inner rules).  Tesseract reads a
    cell as one block, which would run such columns' lines together."""
    x0 = int(cell.x0) + 3
    crop = ink[int(cell.top) + 3 : int(cell.bottom) - 2, x0 : int(cell.x1) - 3] > 0
    inked = np.flatnonzero(crop.any(axis=0)) if crop.size else np.array([], dtype=np.int64)
    cuts = [
        x0 + (int(a) + int(b)) / 2
        for a, b in zip(inked, inked[1:], strict=False)
        if b - a > COLUMN_GAP * scale
    ]
    edges = [cell.x0, *cuts, cell.x1]
    return [
        Box(left, cell.top, right, cell.bottom)
        for left, right in zip(edges, edges[1:], strict=False)
    ]


def _first_cell(
    hs: list[Rule],
    vs: list[Rule],
    corner: tuple[float, float],
    below: list[float],
    right: list[float],
    tol: float,
) -> Box | None:
    x, y = corner
    for y2 in below:
        if not covers(vs, x, y, y2, tol):
            break
        for x2 in right:
            if not covers(hs, y, x, x2, tol):
                break
            if covers(vs, x2, y, y2, tol) and covers(hs, y2, x, x2, tol):
                return Box(x, y, x2, y2)
    return None


def stack_cells(
    clean: Grey, cells: list[Box], inset: int, gap: int
) -> tuple[Grey, list[tuple[int, int, int]]]:
    """The page with its table cells blanked, and the cells' contents stacked
    below it (each at its own x), so that Tesseract reads every cell on its own.

    Returns the composite image and per stacked cell (canvas top, canvas bottom,
    shift to add to canvas y to get page y).
    """
    page = clean.copy()
    crops: list[tuple[Grey, int, int]] = []
    for cell in cells:
        x0, y0 = int(cell.x0) + inset, int(cell.top) + inset
        x1, y1 = int(cell.x1) - inset, int(cell.bottom) - inset
        if x1 <= x0 or y1 <= y0:
            continue
        crop = clean[y0:y1, x0:x1].copy()
        page[y0:y1, x0:x1] = 255
        rows = np.flatnonzero((crop < 128).any(axis=1))
        if len(rows):
            crops.append((crop[rows[0] : rows[-1] + 1], x0, y0 + int(rows[0])))
    height = page.shape[0] + sum(c.shape[0] + gap for c, _, _ in crops) + gap
    canvas = np.full((height, page.shape[1]), 255, dtype=np.uint8)
    canvas[: page.shape[0]] = page
    slots: list[tuple[int, int, int]] = []
    y = page.shape[0] + gap
    for crop, x0, y0 in crops:
        canvas[y : y + crop.shape[0], x0 : x0 + crop.shape[1]] = crop
        slots.append((y, y + crop.shape[0], y0 - y))
        y += crop.shape[0] + gap
    return canvas, slots


def stack_marks(grey: Grey, boxes: list[Box], target: int) -> tuple[Grey, int]:
    """Marker crops scaled to `target` px high, one per slot of a tall image.

    Returns the image and the slot height: crop i is centred in rows
    [i * slot, (i + 1) * slot).
    """
    crops: list[Grey] = []
    for box in boxes:
        top, left = max(0, int(box.top) - 1), max(0, int(box.x0) - 1)
        crop = grey[top : int(box.bottom) + 2, left : int(box.x1) + 2]
        paper, dark = float(np.percentile(crop, 90)), float(crop.min())
        crop = np.clip((crop.astype(np.float32) - dark) * 255 / max(paper - dark, 1), 0, 255)
        factor = target / max(1.0, box.bottom - box.top)
        crops.append(np.asarray(cv2.resize(crop.astype(np.uint8), None, fx=factor, fy=factor)))
    slot = int(target * 2.5)
    width = max(c.shape[1] for c in crops) + 2 * target
    canvas = np.full((slot * len(crops), width), 255, dtype=np.uint8)
    for i, crop in enumerate(crops):
        y = i * slot + (slot - crop.shape[0]) // 2
        canvas[y : y + crop.shape[0], target : target + crop.shape[1]] = crop
    return canvas, slot
