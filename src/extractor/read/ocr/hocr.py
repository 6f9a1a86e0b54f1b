"""Tesseract's hOCR read into lines of words of glyphs, an image of any size at a time.

Tesseract refuses images with a side over 32,767 pixels, and slows down on very
large ones, so an image larger than `TILE` pixels a side (a very tall or wide
page, a page with many table cells stacked under it) is read in tiles, cut
along blank rows (and, for a wide band, blank columns) where there are any, so
that no text line is cut; each tile's lines come back shifted to the image's
pixels.  A tile Tesseract fails on gives no lines: a page never raises.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import numpy.typing as npt

from extractor.read.ocr import tess
from extractor.read.ocr.grid import Box, Grey, shifted
from extractor.read.ocr.runs import Glyph, Line, Word

LINE_CLASSES = {"ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"}
TILE = 16000  # px: the largest image side read in one Tesseract call (its limit: 32,767)
INK = 128  # grey level below which a pixel is ink, for finding blank rows and columns


def _title(element: ET.Element) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for part in element.get("title", "").split(";"):
        key, *values = part.split()
        fields[key] = values
    return fields


def _box(values: list[str]) -> Box:
    x0, y0, x1, y1 = (float(v) for v in values[:4])
    return Box(x0, y0, x1, y1)


def parse_hocr(hocr: bytes | str) -> list[Line]:
    """Lines of words of glyphs from Tesseract's hOCR (with `hocr_char_boxes=1`)."""
    root = ET.fromstring(hocr)
    lines: list[Line] = []
    for element in root.iter():
        if element.get("class") not in LINE_CLASSES:
            continue
        title = _title(element)
        box = _box(title["bbox"])
        slope, offset = (float(v) for v in title.get("baseline", ["0", "0"])[:2])
        baseline = box.bottom + offset + slope * (box.x1 - box.x0) / 2
        height = float(title.get("x_size", [str(box.bottom - box.top)])[0])
        words = [w for w in map(_word, element.iter()) if w is not None]
        if words:
            lines.append(Line(words, baseline, height))
    return lines


def _word(element: ET.Element) -> Word | None:
    """A word of glyphs with the word's confidence (`x_wconf`, which a misread
    marker in the word lowers too) and each glyph's own (`x_conf`)."""
    if element.get("class") != "ocrx_word":
        return None
    conf = float(_title(element).get("x_wconf", ["0"])[0])
    glyphs = []
    for span in element.iter():
        if span.get("class") != "ocrx_cinfo" or not span.text:
            continue
        title = _title(span)
        box = _box(title["x_bboxes"])
        own = float(title["x_conf"][0]) if title.get("x_conf") else conf
        for ch in span.text.strip():
            glyphs.append(Glyph(ch, box, conf, own=own))
    return Word(glyphs, conf, _box(_title(element)["bbox"])) if glyphs else None


# --- tiles ---------------------------------------------------------------------


def cuts(inked: npt.NDArray[np.bool_], limit: int) -> list[int]:
    """Edges splitting `len(inked)` rows (or columns) into pieces of at most `limit`,
    each cut at the last blank row of the piece's second half, else at the limit."""
    edges = [0]
    while len(inked) - edges[-1] > limit:
        start = edges[-1]
        half = start + limit // 2
        blank = np.flatnonzero(~inked[half : start + limit])
        edges.append(half + int(blank[-1]) if len(blank) else start + limit)
    return [*edges, len(inked)]


def tiles(image: Grey, limit: int = TILE) -> list[tuple[int, int, Grey]]:
    """The image as tiles of at most `limit` px a side: (x, y, tile), rows first."""
    ink = np.asarray(image < INK, dtype=bool)
    rows = cuts(np.asarray(ink.any(axis=1), dtype=bool), limit)
    out: list[tuple[int, int, Grey]] = []
    for top, bottom in zip(rows, rows[1:], strict=False):
        band = image[top:bottom]
        columns = cuts(np.asarray(ink[top:bottom].any(axis=0), dtype=bool), limit)
        for left, right in zip(columns, columns[1:], strict=False):
            out.append((left, top, band[:, left:right]))
    return out


def shift_line(line: Line, dx: float, dy: float) -> None:
    """Move a line read in a tile to the image's pixels."""
    line.baseline += dy
    for word in line.words:
        if word.bbox is not None:
            word.bbox = _moved(word.bbox, dx, dy)
        for glyph in word.glyphs:
            glyph.box = _moved(glyph.box, dx, dy)


def _moved(box: Box, dx: float, dy: float) -> Box:
    return shifted(Box(box.x0 + dx, box.top, box.x1 + dx, box.bottom), dy)


def read_lines(image: Grey, args: list[str]) -> list[Line]:
    """hOCR lines (character boxes) of an image of any size, in its pixels."""
    lines: list[Line] = []
    for x, y, tile in tiles(image):
        if min(tile.shape) < 2 or not (tile < INK).any():
            continue  # nothing to read (Tesseract also refuses a 1-px image)
        try:
            hocr = tess.run(tile, [*args, "-c", "hocr_char_boxes=1"], "hocr")
        except tess.TesseractError:
            continue
        found = parse_hocr(hocr.encode("utf-8"))
        if x or y:
            for line in found:
                shift_line(line, x, y)
        lines += found
    return lines
