"""Superscript markers of a scanned page put into their text runs.

Takes the page's recognised lines (`runs.Line`), its ink components and images;
finds raised groups (`marks`: image evidence, not Tesseract's reading), reads each
again from a crop, and replaces whatever the page's reading had there by the
marker's glyphs.  Imports `grid`, `marks`, `runs`, `tess` and `hocr` only.
"""

from __future__ import annotations

import re

from extractor.read.ocr import tess
from extractor.read.ocr.grid import Box, Grey, Stats, stack_marks
from extractor.read.ocr.hocr import TILE
from extractor.read.ocr.marks import raised_marks, star_count
from extractor.read.ocr.runs import Glyph, Line, Run, Word

MARK_SLOT = 48  # px: the height a marker crop is scaled to for its second reading
MIN_MARK_CONF = 40.0  # a re-read marker below this confidence is not a marker
STAR_CONF = 80.0  # confidence of stars told by their shape
MARK = re.compile(r"\d+\)?")  # a superscript footnote marker: 4, 12, 1)
STARS = re.compile(r"\*{1,3}")  # footnote stars


def place_marks(lines: list[Line], stats: Stats, ink: Grey, grey: Grey) -> None:
    """Superscript markers found in the image, read again, put in their runs.

    Stars ("*", "**") are told by their shape (Tesseract reads a lone small star
    poorly): unless a confident digit read says otherwise, a group of squarish
    blobs no taller than 0.3 em is that many stars.
    """
    marks = find_marks(lines, stats, ink)
    placed: list[tuple[Run, Box]] = []
    for (run, box), (text, conf) in zip(
        marks, read_marks(grey, [b for _, b in marks]), strict=True
    ):
        stars = star_count(stats, box, run.size, text == "*")
        if conf < MIN_MARK_CONF and not stars:
            text, conf = read_in_run(run, box, (text, conf))
        if stars and not (MARK.fullmatch(text) and conf >= MIN_MARK_CONF):
            place_mark(run, box, "*" * stars, max(conf, STAR_CONF), raised=False)
        elif conf < MIN_MARK_CONF:
            continue
        elif STARS.fullmatch(text):  # typed after the number, as in the text layer
            place_mark(run, box, text, conf, raised=False)
        elif MARK.fullmatch(text) and box.bottom - box.top >= 0.28 * run.size:
            place_mark(run, box, text, conf, raised=True)
        else:
            continue
        placed.append((run, box))
    drop_mark_copies(lines, placed)


def read_in_run(run: Run, box: Box, second: tuple[str, float]) -> tuple[str, float]:
    """What the page's reading has at a raised group its second reading could not read:
    its digits (Tesseract read "3⁸" as "38", the crop alone as nothing sure)."""
    glyphs = [g for w in run.words for g in w.glyphs if _inside(g.box, box)]
    text = "".join(g.text for g in glyphs)
    if glyphs and MARK.fullmatch(text):
        return text, min(g.conf for g in glyphs)
    return second


def drop_mark_copies(lines: list[Line], placed: list[tuple[Run, Box]]) -> None:
    """A marker Tesseract read as a line of its own ("16" above "Obejmuje"): its
    glyphs, in runs other than the one the marker was placed in, go."""
    for line in lines:
        for run in line.runs:
            boxes = [box for target, box in placed if target is not run]
            if not boxes:
                continue
            for word in run.words:
                word.glyphs = [
                    g for g in word.glyphs if g.raised or not any(_inside(g.box, b) for b in boxes)
                ]
            run.words = [w for w in run.words if w.glyphs]
        line.runs = [run for run in line.runs if run.words]


def find_marks(lines: list[Line], stats: Stats, ink: Grey) -> list[tuple[Run, Box]]:
    """Raised marker groups per run (image evidence, not Tesseract's reading);
    a group near two runs belongs to the nearer one."""
    found: dict[Box, tuple[float, Run]] = {}
    for line in lines:
        for run in line.runs:
            x0, x1 = run.words[0].box.x0, run.words[-1].box.x1
            for box in raised_marks(stats, ink, (x0, x1), run.baseline, run.size):
                distance = max(x0 - box.x1, box.x0 - x1, 0.0)
                if box not in found or distance < found[box][0]:
                    found[box] = (distance, run)
    kept = outermost(list(found))
    return [(run, box) for box, (_, run) in found.items() if box in kept]


def outermost(boxes: list[Box]) -> list[Box]:
    """The boxes not mostly inside a larger one: one star of "**" found again as a
    group of its own (from the line under it) is part of the pair, not a mark."""
    return [
        box
        for box in boxes
        if not any(_inside(box, other) and _area(other) > _area(box) for other in boxes)
    ]


def _area(box: Box) -> float:
    return (box.x1 - box.x0) * (box.bottom - box.top)


def read_marks(grey: Grey, boxes: list[Box]) -> list[tuple[str, float]]:
    """Read marker crops again, stacked in an image (as many as fit in a tile):
    digits, ")" and "*" only."""
    per_call = max(1, TILE // int(MARK_SLOT * 2.5))
    return [
        reading
        for first in range(0, len(boxes), per_call)
        for reading in _read_mark_stack(grey, boxes[first : first + per_call])
    ]


def _read_mark_stack(grey: Grey, boxes: list[Box]) -> list[tuple[str, float]]:
    canvas, slot = stack_marks(grey, boxes, MARK_SLOT)
    config = ["--psm", "6", "-c", "tessedit_char_whitelist=0123456789)*"]
    try:
        tsv = tess.run(canvas, config, "tsv")
    except tess.TesseractError:
        return [("", 0.0) for _ in boxes]
    texts: list[list[tuple[int, str, float]]] = [[] for _ in boxes]
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or not fields[11].strip():
            continue
        left, top, height, conf = int(fields[6]), int(fields[7]), int(fields[9]), float(fields[10])
        index = int((top + height / 2) // slot)
        if 0 <= index < len(boxes):
            texts[index].append((left, fields[11].strip(), conf))
    return [
        ("".join(t for _, t, _ in sorted(ws)), min(c for _, _, c in ws)) if ws else ("", 0.0)
        for ws in texts
    ]


def place_mark(run: Run, box: Box, text: str, conf: float, raised: bool) -> None:
    """Replace whatever Tesseract read at a marker by the marker's glyphs.  A word
    that loses glyphs to the marker, or whose box Tesseract stretched over it, had
    its confidence lowered by the misread marker: its glyphs take their own."""
    for word in run.words:
        kept = [g for g in word.glyphs if not _inside(g.box, box)]
        stretched = word.bbox is not None and word.bbox.x1 > box.x0 and word.bbox.x0 < box.x1
        if len(kept) < len(word.glyphs) or stretched:
            for glyph in kept:
                glyph.conf = glyph.own
        word.glyphs = kept
    run.words = [w for w in run.words if w.glyphs]
    width = (box.x1 - box.x0) / len(text)
    glyphs = [
        Glyph(ch, Box(box.x0 + i * width, box.top, box.x0 + (i + 1) * width, box.bottom), conf)
        for i, ch in enumerate(text)
    ]
    for glyph in glyphs:
        glyph.raised, glyph.own = raised, conf
    before = [w for w in run.words if w.box.x0 < box.x0]
    if raised and before:
        drop_shared_copy(before[-1], text)
    if before and box.x0 - before[-1].box.x1 <= 0.3 * run.size:
        before[-1].glyphs += glyphs
    else:
        run.words.insert(len(before), Word(glyphs, conf))


def drop_shared_copy(word: Word, text: str) -> None:
    """The marker's digits at the end of the number before it, boxed on a blob they share
    with its last digit ("15⁸" read "158", the "8" put on the "5"): a copy, which goes."""
    tail = word.glyphs[len(word.glyphs) - len(text) :]
    rest = word.glyphs[: len(word.glyphs) - len(text)]
    if (
        rest
        and all(g.shared for g in tail)
        and "".join(g.text for g in tail) == text
        and "".join(g.text for g in word.glyphs).isdigit()
    ):
        word.glyphs = rest


def _inside(glyph: Box, mark: Box) -> bool:
    """Mostly (half its area or more) inside the marker's box."""
    width = min(glyph.x1, mark.x1 + 2) - max(glyph.x0, mark.x0 - 2)
    height = min(glyph.bottom, mark.bottom + 2) - max(glyph.top, mark.top - 2)
    area = max(1.0, (glyph.x1 - glyph.x0) * (glyph.bottom - glyph.top))
    return width > 0 and height > 0 and width * height >= 0.5 * area
