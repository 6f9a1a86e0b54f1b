"""Page orientation for OCR: a page scanned sideways or upside down, turned upright.

Scanned archives hold pages fed into the scanner turned: a landscape table
scanned sideways, a sheet upside down.  Tesseract reads such a page with low
confidence; `ocr.ocr_page` then asks Tesseract's orientation detection (OSD,
`--psm 0`, the `osd` model installed with `tesseract-ocr`) how far to turn it,
and reads the page again turned.  Asking is not free (about a second a page),
so upright pages, read confidently the first time, never ask.
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from extractor.read.ocr import tess
from extractor.read.ocr.grid import Grey

OSD_SIDE = 8000  # px: a larger page image is scaled down for orientation detection
MIN_OSD_CONF = 1.5  # Tesseract's orientation confidence below this: left as it is
ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.M)
OSD_CONF = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.M)


def clockwise_turn(grey: Grey) -> int:
    """Degrees (0, 90, 180, 270) to turn the page clockwise to make it upright."""
    side = max(grey.shape[:2])
    if side > OSD_SIDE:
        grey = np.asarray(cv2.resize(grey, None, fx=OSD_SIDE / side, fy=OSD_SIDE / side))
    try:
        osd = tess.run(grey, ["--psm", "0"], lang="osd")
    except tess.TesseractError:  # too little text to tell
        return 0
    return turn_from_osd(osd)


def turn_from_osd(osd: str) -> int:
    """The turn Tesseract's OSD report asks for, if it is confident enough."""
    rotate, conf = ROTATE.search(osd), OSD_CONF.search(osd)
    if rotate is None or conf is None or float(conf.group(1)) < MIN_OSD_CONF:
        return 0
    degrees = int(rotate.group(1)) % 360
    return degrees if degrees in (90, 180, 270) else 0


def turned(grey: Grey, clockwise: int) -> Grey:
    """The image turned clockwise by a multiple of 90 degrees."""
    return np.ascontiguousarray(np.rot90(grey, k=-(clockwise // 90)))
