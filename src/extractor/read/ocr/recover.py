"""Ink Tesseract did not read, read again: every printed word gets its box.

Tesseract's page layout analysis drops text it takes for noise: a narrow column
of row numbers ("1.", "2.") beside a borderless table, a lone dash in a cell.
After the page is read, glyph-sized ink outside every word read is grouped into
line pieces (glyphs side by side, less than an em apart), and the pieces are
cut out, stacked in one image, each at its own x, and read in one more call,
each as a block of its own; their lines come back in page pixels like the
rest.  A piece holding a word read before (the "z" of "(zł)" read alone) comes
back with it, so the word read before goes.  Specks (too small), rules (too
thin) and pictures (too tall) are left alone.
"""

from __future__ import annotations

import statistics

import numpy as np

from extractor.read.ocr.grid import Box, Grey, Stats, stack_cells
from extractor.read.ocr.hocr import read_lines, shift_line
from extractor.read.ocr.runs import Line, Word

MIN_HEIGHT = 0.35  # em: the least height of a glyph worth reading again (a dot is less)
MAX_HEIGHT = 2.5  # em: taller ink is a picture or a logo, not a glyph
PIECE_GAP = 1.0  # em: glyphs closer than this side by side are one piece of a line
MARGIN = 0.1  # em of slack around the words read (their boxes are tight)
PAD = 0.25  # em of paper kept around a piece when it is cut out
RECOVER_PSM = 6  # each stacked piece a uniform block


def unread_ink(lines: list[Line], stats: Stats, em: float) -> list[Box]:
    """Glyph-sized ink components whose centre lies in no word read."""
    read = [w.extent for line in lines for w in line.words]
    margin = MARGIN * em
    found = []
    for x, y, w, h, _ in stats.tolist():
        if not MIN_HEIGHT * em <= h <= MAX_HEIGHT * em or w > 4 * MAX_HEIGHT * em:
            continue
        cx, cy = x + w / 2, y + h / 2
        if not any(
            b.x0 - margin <= cx <= b.x1 + margin and b.top - margin <= cy <= b.bottom + margin
            for b in read
        ):
            found.append(Box(float(x), float(y), float(x + w), float(y + h)))
    return found


def pieces(boxes: list[Box], em: float) -> list[Box]:
    """Components side by side (overlapping in height, gaps under `PIECE_GAP` em)
    merged into pieces of lines."""
    merged: list[Box] = []
    for box in sorted(boxes, key=lambda b: (b.x0, b.top)):
        for i, piece in enumerate(merged):
            overlap = min(piece.bottom, box.bottom) - max(piece.top, box.top)
            near = box.x0 - piece.x1 <= PIECE_GAP * em and piece.x0 - box.x1 <= PIECE_GAP * em
            if near and overlap > 0.3 * min(piece.bottom - piece.top, box.bottom - box.top):
                merged[i] = Box(
                    min(piece.x0, box.x0),
                    min(piece.top, box.top),
                    max(piece.x1, box.x1),
                    max(piece.bottom, box.bottom),
                )
                break
        else:
            merged.append(box)
    return merged


def line_em(lines: list[Line], fallback: float) -> float:
    """The page's em in pixels, from Tesseract's line sizes."""
    sizes = [line.height for line in lines if line.height > 0]
    return statistics.median(sizes) if sizes else fallback


def recover(lines: list[Line], ink: Grey, stats: Stats, fallback_em: float) -> list[Line]:
    """Lines read from the ink no word covers (none when all ink was read)."""
    em = line_em(lines, fallback_em)
    found = pieces(unread_ink(lines, stats, em), em)
    return read_apart(ink, found, em, RECOVER_PSM) if found else []


def without_read_again(lines: list[Line], recovered: list[Line]) -> list[Line]:
    """The lines without the words a recovered word covers and spells (a piece of
    unread ink around a word read, "(" + "z" + "ł)", comes back whole: "(zł)")."""
    again = [w for line in recovered for w in line.words]

    def covered(word: Word) -> bool:
        box, text = word.box, "".join(g.text for g in word.glyphs).lower()
        cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
        return any(
            a.box.x0 <= cx <= a.box.x1
            and a.box.top <= cy <= a.box.bottom
            and text in "".join(g.text for g in a.glyphs).lower()
            for a in again
        )

    kept = [Line([w for w in ln.words if not covered(w)], ln.baseline, ln.height) for ln in lines]
    return [ln for ln in kept if ln.words]


def read_apart(ink: Grey, boxes: list[Box], em: float, psm: int) -> list[Line]:
    """The lines of each box of the page (padded by `PAD` em), read in one call, each
    box stacked on its own under a blank page, as page segmentation mode `psm`; lines
    come back in page pixels."""
    pad = PAD * em
    height, width = ink.shape
    cells = [
        Box(
            max(0.0, b.x0 - pad),
            max(0.0, b.top - pad),
            min(float(width - 1), b.x1 + pad),
            min(float(height - 1), b.bottom + pad),
        )
        for b in boxes
    ]
    canvas, slots = stack_cells(255 - ink, cells, 0, max(4, int(em)))
    if not slots:
        return []
    stacked = read_lines(np.ascontiguousarray(canvas[height:]), ["--psm", str(psm)])
    out = []
    for line in stacked:
        shift_line(line, 0, height)
        middle = (line.words[0].box.top + line.words[0].box.bottom) / 2
        shift = next((dy for top, bottom, dy in slots if top <= middle <= bottom), None)
        if shift is not None:
            shift_line(line, 0, shift)
            out.append(line)
    return out
