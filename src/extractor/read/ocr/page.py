"""OCR backend: a scanned (image-only) page -> the same `PageContent` as a text layer.

`ocr_page` renders the page with pypdfium2 (turned upright when it was scanned
sideways or upside down: `extractor.read.ocr.orient`), deskews it, finds the ruling lines
with OpenCV (`extractor.read.ocr.grid`), erases them and runs Tesseract's Polish
model once (hOCR with character boxes); the blocks of lines it ran together
are read again on their own (`extractor.read.ocr.reread`).  Characters come out with glyph boxes,
the baseline and font size of their text run (`extractor.read.ocr.runs`) and the
word's confidence, in points in the deskewed page frame, so every later stage
is shared with text PDFs.  Superscript footnote markers are found in the image
(small raised glyphs with nothing under them, or the raised tail of a glyph
they touch), read again in one small Tesseract call and emitted with their own
(smaller) size and raised baseline; stars are told by their shape.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import pypdfium2 as pdfium

from extractor.read.ocr import tess
from extractor.read.ocr.commas import with_lost_marks
from extractor.read.ocr.glyphs import fit_word, repair_slashes, snap_words, without_inkless
from extractor.read.ocr.grid import (
    Box,
    Grey,
    Rule,
    Stats,
    binarize,
    components,
    estimate_skew,
    find_cells,
    flattened,
    rotate,
    shifted,
    split_columns,
    stack_cells,
)
from extractor.read.ocr.hocr import read_lines, shift_line
from extractor.read.ocr.orient import clockwise_turn, turned
from extractor.read.ocr.placing import place_marks
from extractor.read.ocr.recover import line_em, recover, without_read_again
from extractor.read.ocr.reread import reread
from extractor.read.ocr.rules import find_rules
from extractor.read.ocr.runs import Glyph, Line, Run, Word, measure_lines, raised_size
from extractor.read.ocr.shading import fill_boxes
from extractor.read.ocr.spelling import in_dictionary, respelled
from extractor.read.ocr.words import (
    digit_advance,
    drop_specks,
    drop_tiny,
    join_closing,
    join_overlapping,
    repair_number,
    repair_word,
    split_gaps,
)
from extractor.read.pdf import Char, PageContent, Segment, box_to_segments

__all__ = ["ocr_page", "repair_number"]

LANG = tess.LANG
MAX_PIXELS = 40_000_000  # a page renders to at most this many pixels (A2 at 300 dpi: 35 M)
MIN_SIDE = 16  # px: a page rendered narrower or lower than this holds no readable text
# Tesseract's page segmentation: the page body as sparse text, every word found on its
# own (lines are rebuilt from baselines later).  Psm 4, a column of text of varying
# sizes, joined a borderless table's cells across columns into lines and lost words of
# stacked headers ("Stan" over "wyjściowy"); psm 6, one uniform block, merged
# "Kwota" over "dotacji (zł)".  Ruled cells are read each as a block.
BODY_PSM = 11
CELL_PSM = 6
FALLBACK_EM = 10.0  # pt: the em of a page whose lines tell none
UPRIGHT_CONF = 80.0  # mean glyph conf of a page read upright: 85-96; sideways, 33-60
BLUR = 0.24  # pt a scanned glyph grows by (anti-aliasing, toner spread)


# --- output -------------------------------------------------------------------


def run_chars(run: Run, scale: float) -> Iterator[Char]:
    """A run's chars in points: the size rounded to half a point (as a text layer's
    sizes are, so that one font size reads the same on every page), a " " between
    words, markers with their own size (at most 3/4 of the run's) and baseline
    (their bottom), no " " next to a marker standing alone (a footnote's number).
    Like a text layer's advance boxes, the glyphs of a word abut (they meet
    half-way between inks)."""
    size, baseline = round(run.size / scale * 2) / 2, run.baseline / scale
    previous: Word | None = None
    for word in run.words:
        if previous is not None and not (previous.marker or word.marker):
            x0, x1 = previous.box.x1, max(previous.box.x1, word.box.x0)
            gap = Box(x0, run.baseline, x1, run.baseline)
            conf = min(previous.glyphs[-1].conf, word.glyphs[0].conf)
            yield _char(" ", gap, scale, baseline, size, conf)
        for g, box in zip(word.glyphs, abutting(word.glyphs), strict=True):
            if g.raised:
                mark = min(round(raised_size(box, scale), 1), 0.75 * size)
                yield _char(g.text, box, scale, box.bottom / scale, mark, g.conf)
            else:
                yield _char(g.text, box, scale, baseline, size, g.conf)
        previous = word


def abutting(glyphs: list[Glyph]) -> list[Box]:
    boxes = [g.box for g in glyphs]
    cuts = [(a.x1 + b.x0) / 2 for a, b in zip(boxes, boxes[1:], strict=False)]
    lefts = [boxes[0].x0, *cuts]
    rights = [*cuts, boxes[-1].x1]
    return [
        Box(left, b.top, max(left, right), b.bottom)
        for left, right, b in zip(lefts, rights, boxes, strict=True)
    ]


def _char(text: str, box: Box, scale: float, baseline: float, size: float, conf: float) -> Char:
    x0, x1, top, bottom = box.x0 / scale, box.x1 / scale, box.top / scale, box.bottom / scale
    return Char(text, x0, x1, top, bottom, baseline, size, conf)


def rule_segment(rule: Rule, scale: float) -> Segment:
    pos, start, end = rule.pos / scale, rule.start / scale, rule.end / scale
    if rule.orientation == "h":
        return Segment(orientation="h", x0=start, x1=end, top=pos, bottom=pos)
    return Segment(orientation="v", x0=pos, x1=pos, top=start, bottom=end)


# --- the page -------------------------------------------------------------------


def with_fill_edges(segments: list[Segment], grey: Grey, scale: float) -> tuple[Segment, ...]:
    """The rules with the top and bottom edges of the page's filled boxes
    (`shading.fill_boxes`), where no rule runs along them already (a ruled box
    filled).  Their sides are left out: a text layer fills a row cell by cell, the
    scan shows one box across the table, and a box's sides would make a filled row of
    two lines a frame (`layout.frames`)."""
    edges = [
        edge
        for box in fill_boxes(grey, scale)
        for edge in box_to_segments(
            box.x0 / scale, box.top / scale, box.x1 / scale, box.bottom / scale
        )
        if edge.orientation == "h"
    ]
    return (*segments, *(e for e in edges if not any(along(e, s) for s in segments)))


def along(edge: Segment, rule: Segment, near: float = 3.0) -> bool:
    """The rule runs along the (horizontal) edge, within `near` pt, over most of it."""
    shared = min(edge.x1, rule.x1) - max(edge.x0, rule.x0)
    return (
        rule.orientation == "h"
        and abs(edge.top - rule.top) <= near
        and shared >= 0.8 * (edge.x1 - edge.x0)
    )


def render(pdf_page: pdfium.PdfPage, scale: float) -> Grey:
    """The page as a greyscale image, as scanned."""
    image = pdf_page.render(scale=scale, grayscale=True).to_pil().convert("L")
    return np.asarray(image, dtype=np.uint8)


def deskewed(grey: Grey, scale: float) -> Grey:
    return rotate(grey, estimate_skew(binarize(grey), scale))


def recognise(ink: Grey, rules: list[Rule], scale: float) -> list[Line]:
    """Two Tesseract calls (one on a page without ruled cells; more for a huge image:
    `hocr.read_lines`): the page with its table cells blanked, and the cells stacked
    in an image of their own (a ruled box holding columns of text, column by column:
    one block would run its columns together); lines come back in page pixels."""
    boxes = [box for c in find_cells(rules, 4 * scale) for box in split_columns(ink, c, scale)]
    canvas, slots = stack_cells(255 - ink, boxes, 3, int(15 * scale))
    height = ink.shape[0]
    lines = read_lines(canvas[:height], ["--psm", str(BODY_PSM)])
    if slots:
        cells = read_lines(canvas[height:], ["--psm", str(CELL_PSM)])
        for line in cells:
            shift_line(line, 0, height)
        lines += cells
    for line in lines:
        middle = (line.words[0].box.top + line.words[0].box.bottom) / 2
        shift = next((dy for top, bottom, dy in slots if top <= middle <= bottom), 0)
        if shift:
            line.baseline += shift
            for word in line.words:
                word.bbox = shifted(word.extent, shift)
                for glyph in word.glyphs:
                    glyph.box = shifted(glyph.box, shift)
    return lines


def layout(lines: list[Line], ink: Grey, grey: Grey, blur: float, stats: Stats) -> None:
    """Glyph boxes from the image, runs with their metrics, superscript markers."""
    for line in lines:
        for word in line.words:
            fit_word(word, stats, ink)
    measure_lines(lines, blur)
    repair_slashes(lines, ink)
    place_marks(lines, stats, ink, grey)


def ocr_page(pdf_page: pdfium.PdfPage, number: int, dpi: int = 300) -> PageContent:
    """OCR one page into `PageContent` (points, top-down, in the upright deskewed frame).

    A page of any size: rendered at `dpi`, or fewer pixels per point when that
    would give more than `MAX_PIXELS` (Tesseract reads an image too tall or too
    wide for it in tiles); a page too small to hold text gives no characters.
    A page read with low confidence may be turned: it is turned as Tesseract's
    orientation detection says and read again, and the better reading is kept."""
    width, height = pdf_page.get_size()
    scale = render_scale(width, height, dpi)
    if not scale or min(width, height) * scale < MIN_SIDE:
        return PageContent(
            number=number, width=width, height=height, chars=(), segments=(), source="ocr"
        )
    image = render(pdf_page, scale)
    content = read_image(image, scale, number, (width, height))
    if mean_conf(content) >= UPRIGHT_CONF:
        return content
    turn = clockwise_turn(image)
    if not turn:
        return content
    size = (height, width) if turn in (90, 270) else (width, height)
    again = read_image(turned(image, turn), scale, number, size)
    return again if mean_conf(again) > mean_conf(content) else content


def render_scale(width: float, height: float, dpi: int) -> float:
    """Pixels per point: `dpi` / 72, less for a page that would exceed `MAX_PIXELS`;
    0 for a page without an area."""
    if not (width > 0 and height > 0 and math.isfinite(width * height)):
        return 0.0
    return min(dpi / 72, math.sqrt(MAX_PIXELS / (width * height)))


def mean_conf(content: PageContent) -> float:
    return sum(c.conf for c in content.chars) / len(content.chars) if content.chars else 0.0


def read_image(image: Grey, scale: float, number: int, size: tuple[float, float]) -> PageContent:
    """One upright page image (deskewed here) read into `PageContent` of `size` points."""
    grey = deskewed(image, scale)
    ink = binarize(flattened(grey, scale))
    rules, rule_mask = find_rules(ink, scale, grey)
    ink[rule_mask > 0] = 0
    lines = recognise(ink, rules, scale)
    lines = reread(lines, ink, line_em(lines, FALLBACK_EM * scale))
    stats = components(ink)
    snap_words([w for line in lines for w in line.words], stats)
    found = recover(lines, ink, stats, FALLBACK_EM * scale)
    lines = join_overlapping(without_read_again(lines, found) + found)
    lines = without_inkless(lines, ink, line_em(lines, FALLBACK_EM * scale))
    layout(lines, ink, grey, BLUR * scale, stats)
    chars: list[Char] = []
    advance = digit_advance(lines)
    for line in lines:
        for run in line.runs:
            drop_specks(run)
            drop_tiny(run, scale)
            join_closing(run)
            if not run.words:
                continue
            with_lost_marks(run, stats)
            split_gaps(run, advance)
            for word in run.words:
                repair_word(word, run.size, run.baseline)
            chars.extend(run_chars(run, scale))
    return PageContent(
        number=number,
        width=size[0],
        height=size[1],
        chars=in_dictionary(respelled(chars)),
        segments=with_fill_edges([rule_segment(r, scale) for r in rules], grey, scale),
        source="ocr",
    )
