"""Shaded boxes of a scanned page: the grey header band and the filled rows of a table.

Takes: a deskewed greyscale page and its pixels per point.  Gives: the boxes (pixels)
of the page's fills, for their edges to be the page's ruling segments, as a text
layer's filled rectangles are (`read.pdf.box_to_segments`): a zebra table's filled
rows part its rows, and its filled header parts the header from the caption over it.
The paper around each pixel is its lightest level within `grid.BACKGROUND` pt (text
strokes are thinner), averaged; where that is darker than `SHADE` of the page's
paper, the pixel lies on a fill (specks of lighter paper in it closed).  A fill is a
box: a connected region at least `MIN_WIDTH` pt wide and `MIN_HEIGHT` to `MAX_HEIGHT`
pt high that fills `SOLID` of its bounding box (a photograph's or a gradient's dark
patch is no box).
"""

from __future__ import annotations

import cv2
import numpy as np

from extractor.read.ocr.grid import BACKGROUND, Box, Grey

SHADE = 0.97  # paper darker than this share of the page's is a fill (zebra rows: ~0.93)
MIN_WIDTH = 60.0  # pt
MIN_HEIGHT = 5.0  # pt: a filled row holds a line of text
MAX_HEIGHT = 150.0  # pt: a taller dark region is a picture or uneven paper
SOLID = 0.85  # share of its bounding box a fill covers
NOISE = 0.5  # pt: the scan's speckle is smoothed away at this radius first


def fill_boxes(grey: Grey, scale: float) -> list[Box]:
    """The page's filled boxes, in pixels, top to bottom."""
    size = max(3, int(BACKGROUND * scale)) | 1
    kernel = np.ones((size, size), np.uint8)
    smooth = cv2.GaussianBlur(grey, (0, 0), NOISE * scale)  # speckle would read as paper
    paper = cv2.blur(cv2.dilate(smooth, kernel), (size, size)).astype(np.float32)
    page = float(np.percentile(paper, 90))
    mask = np.asarray((paper < SHADE * page) & (paper > 0.5 * page), dtype=np.uint8)
    mask = np.asarray(cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel), dtype=np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
    boxes = []
    for x, y, w, h, area in stats[1:count].tolist():
        if w < MIN_WIDTH * scale or not MIN_HEIGHT * scale <= h <= MAX_HEIGHT * scale:
            continue
        if area >= SOLID * w * h:
            boxes.append(Box(float(x), float(y), float(x + w), float(y + h)))
    return sorted(boxes, key=lambda b: (b.top, b.x0))
