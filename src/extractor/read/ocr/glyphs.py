"""Glyph boxes from the image: Tesseract's character boxes are rough, the ink is not.

A word's ink splits into blobs (connected components, a letter's accent or dot
merged with it); when there are as many blobs as characters each character
gets its blob, else the characters are fitted to the blobs by their centres.
A slash read as a thin letter is told by its blob's lean (`repair_slashes`).
Pixels, like `extractor.read.ocr.grid`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from extractor.read.ocr.grid import Box, Grey, Stats, union
from extractor.read.ocr.runs import Glyph, Line, Run, Word

PARTS = dict.fromkeys('„”“"', 2)  # glyphs printed as two blobs side by side
UNSURE = 40.0  # a word read less sure than this ...
INKLESS = 0.04  # ... as letters or digits with less ink than this many square ems each
# is specks (a letter holds 0.06-0.2, an "i" the least; a hyphen 0.025 is no letter)


def without_inkless(lines: list[Line], ink: Grey, em: float) -> list[Line]:
    """The lines without the words of letters and digits read unsure (under `UNSURE`)
    over less ink than a letter holds (`INKLESS` square em each): specks of dirt a box
    was stretched over and read as letters ("e" over two dots)."""

    def inkless(word: Word) -> bool:
        if word.conf >= UNSURE or not all(g.text.isalnum() for g in word.glyphs):
            return False
        box = word.extent
        area = ink[int(box.top) : int(box.bottom) + 1, int(box.x0) : int(box.x1) + 1]
        return int(np.count_nonzero(area)) < INKLESS * em * em * len(word.glyphs)

    kept = [Line([w for w in ln.words if not inkless(w)], ln.baseline, ln.height, ln.runs)
            for ln in lines]  # fmt: skip
    return [ln for ln in kept if ln.words]


def blobs_in(stats: Stats, box: Box, min_area: int, guide: Box | None = None) -> list[Box]:
    """Glyph blobs inside a word box, left to right: components merged when their x
    ranges overlap by more than a third of the narrower one and they are close in
    height (a letter and its accent or dot; not a letter of the line below that
    a box Tesseract stretched over two lines takes in), without the blobs wholly
    above or below the band most of them share, or that Tesseract's character boxes
    (`guide`) share when that band is another (`in_band`)."""
    cx = stats[:, 0] + stats[:, 2] / 2
    cy = stats[:, 1] + stats[:, 3] / 2
    inside = stats[
        (cx >= box.x0 - 2)
        & (cx <= box.x1 + 2)
        & (cy >= box.top - 2)
        & (cy <= box.bottom + 2)
        & (stats[:, 4] >= min_area)
    ]
    blobs: list[Box] = []
    for x, y, w, h, _ in sorted(inside.tolist(), key=lambda c: int(c[0])):
        part = Box(x, y, x + w, y + h)
        index = next((i for i in range(len(blobs) - 1, -1, -1) if _parts(blobs[i], part)), None)
        if index is None:
            blobs.append(part)
        else:
            blobs[index] = union([blobs[index], part])
    return in_band(blobs, guide)


def _parts(blob: Box, part: Box) -> bool:
    """Two pieces of one glyph: overlapping in x by a third of the narrower, and
    less than a quarter of the taller's height apart in y (an accent or a dot sits
    closer to its letter than a glyph of the next line, 0.3 em or more away)."""
    overlap = min(blob.x1, part.x1) - max(blob.x0, part.x0)
    gap = max(part.top - blob.bottom, blob.top - part.bottom)
    tall = max(blob.bottom - blob.top, part.bottom - part.top)
    return overlap > min(blob.x1 - blob.x0, part.x1 - part.x0) / 3 and gap < 0.25 * tall


NESTED_CONF = 80.0  # word confidence below which a digit boxed inside another is a misreading
LETTER_GAP = 0.1  # of a word box's height: the widest gap between two of its letters
BAND_SLACK = 0.3  # of the band's height: how far outside it a blob of the word may lie


def in_band(blobs: list[Box], guide: Box | None = None) -> list[Box]:
    """The blobs within (`BAND_SLACK`) the band from the median top to the median
    bottom of the blobs: a word's glyphs, quotes and markers all reach into it,
    a glyph of the line above or below does not.  When that band covers less than
    half of the `guide` band (where Tesseract put the characters), the guide's is
    the band: a word box stretched over the next line takes in that line's glyphs,
    as many as its own ("Kwota" over "dotacji" in a header cell)."""
    if len(blobs) < 3:
        return blobs
    top = float(np.median([b.top for b in blobs]))
    bottom = float(np.median([b.bottom for b in blobs]))
    if guide is not None:
        shared = min(bottom, guide.bottom) - max(top, guide.top)
        if shared < 0.5 * (guide.bottom - guide.top):
            top, bottom = guide.top, guide.bottom
    slack = BAND_SLACK * (bottom - top)
    return [b for b in blobs if b.bottom >= top - slack and b.top <= bottom + slack]


def ink_box(ink: Grey, x0: float, x1: float, band: Box) -> Box:
    """The ink extent in columns x0..x1 inside a band; the band's rows when empty."""
    region = ink[int(band.top) : int(band.bottom) + 1, int(x0) : max(int(x1), int(x0) + 1)]
    rows = np.flatnonzero(region.any(axis=1))
    if len(rows) == 0:
        return Box(x0, band.top, x1, band.bottom)
    return Box(x0, band.top + float(rows[0]), x1, band.top + float(rows[-1]) + 1)


def fit_word(word: Word, stats: Stats, ink: Grey) -> None:
    """The word's glyph boxes from the image (`fit_glyphs`), after dropping a
    character read twice when the word has fewer blobs than characters (`nested`).
    A glyph whose box is not a blob of its own (a column of touching glyphs,
    Tesseract's guess) is marked `shared`: its height tells nothing."""
    box = word.extent
    guide = guide_band([g.box for g in word.glyphs])
    blobs = blobs_in(stats, box, 4, guide)
    if len(blobs) < len(word.glyphs):
        word.glyphs = [g for i, g in enumerate(word.glyphs) if not nested(word.glyphs, i)]
    guesses = [g.box for g in word.glyphs]
    parts = [PARTS.get(g.text, 1) for g in word.glyphs]
    letters = [g.text.isalnum() for g in word.glyphs]
    boxes, word.exact = fit_glyphs(box, guesses, stats, ink, parts, letters, guide)
    for glyph, fitted in zip(word.glyphs, boxes, strict=True):
        glyph.box = fitted
        glyph.shared = not word.exact and fitted not in blobs


def guide_band(guesses: list[Box]) -> Box | None:
    """The band Tesseract's character boxes share (median top to median bottom), for
    a word of three or more characters."""
    if len(guesses) < 3:
        return None
    top = float(np.median([b.top for b in guesses]))
    bottom = float(np.median([b.bottom for b in guesses]))
    return Box(min(b.x0 for b in guesses), top, max(b.x1 for b in guesses), bottom)


def nested(glyphs: list[Glyph], index: int) -> bool:
    """A digit whose box lies within its left neighbour digit's in x and is
    narrower than half of it: Tesseract read one digit as two ("7" as "71", the
    "1" boxed inside the "7"), in a word Tesseract doubted (`NESTED_CONF`).
    Letters are left alone: touching letters ("rt") get boxes like that too, and
    so do touching digits read with confidence ("44")."""
    if index == 0 or glyphs[index].raised:
        return False
    if not (glyphs[index].text.isdigit() and glyphs[index - 1].text.isdigit()):
        return False
    if glyphs[index].conf >= NESTED_CONF:  # a sure reading of touching digits ("44")
        return False
    box, left = glyphs[index].box, glyphs[index - 1].box
    inside = box.x0 >= left.x0 and box.x1 <= left.x1
    return inside and box.x1 - box.x0 < 0.5 * (left.x1 - left.x0)


def fit_glyphs(
    word: Box,
    guesses: list[Box],
    stats: Stats,
    ink: Grey,
    parts: list[int] | None = None,
    letters: list[bool] | None = None,
    guide: Box | None = None,
) -> tuple[list[Box], bool]:
    """Glyph boxes of a word from the image (Tesseract's character boxes are rough).

    When the word's ink splits into as many blobs as it has characters, each
    character gets its blob; `parts` (blobs per character: 2 for quotes such as
    „ and ”, side by side) counts in characters of several blobs.  Otherwise each
    character goes to the blob under the centre of its guessed box, and a blob
    holding k characters is cut into k equal columns (touching glyphs); a
    character with no blob keeps its guess.  The flag says whether every
    character got a blob of its own.  Blobs in order are not each character's
    when a letter or digit (`letters`) would get a speck (`_speck_for_letter`):
    two touching letters made one blob, and a speck of dirt made up the count.
    """
    found = blobs_in(stats, word, 4, guide)
    if parts is not None and max(parts, default=1) > 1 and sum(parts) == len(found):
        ends = np.cumsum([0, *parts]).tolist()
        return [union(found[a:b]) for a, b in zip(ends, ends[1:], strict=False)], True
    blobs, marker = _drop_extra(found, len(guesses))
    if len(blobs) == len(guesses) and not _speck_for_letter(blobs, word, letters):
        return blobs, True
    owners: dict[int, list[int]] = {}
    fitted = list(guesses)
    for i, guess in enumerate(guesses):
        centre = (guess.x0 + guess.x1) / 2
        if marker is not None and centre >= marker.x0 and not _covers_blob(guess, blobs):
            fitted[i] = marker  # the marker read as a glyph: `ocr.place_mark` replaces it
            continue
        distances = [max(b.x0 - centre, centre - b.x1, 0.0) for b in blobs]
        if distances and min(distances) < 0.5 * (word.bottom - word.top):
            owners.setdefault(distances.index(min(distances)), []).append(i)
    for index, members in owners.items():
        blob = blobs[index]
        step = (blob.x1 - blob.x0) / len(members)
        for k, i in enumerate(members):
            fitted[i] = ink_box(ink, blob.x0 + k * step, blob.x0 + (k + 1) * step, blob)
    return fitted, False


MIN_LETTER = 0.25  # of a word box's height: the least ink height of a letter or digit


def _speck_for_letter(blobs: list[Box], word: Box, letters: list[bool] | None) -> bool:
    """A letter or digit would get a blob less than `MIN_LETTER` of the word's
    height tall (letters are half an em and more; periods, commas, quotes are not
    letters)."""
    floor = MIN_LETTER * (word.bottom - word.top)
    return letters is not None and any(
        letter and b.bottom - b.top < floor for b, letter in zip(blobs, letters, strict=True)
    )


def _covers_blob(guess: Box, blobs: list[Box]) -> bool:
    """The guessed box covers at least half the width of one of the blobs."""
    return any(min(guess.x1, b.x1) - max(guess.x0, b.x0) >= 0.5 * (b.x1 - b.x0) for b in blobs)


def _drop_extra(blobs: list[Box], count: int) -> tuple[list[Box], Box | None]:
    """Blobs beyond `count`: first raised ones (a marker Tesseract skipped), then specks.

    When the word ends in more raised blobs than there are extra blobs (a marker
    "¹⁵" beside glyphs that touch, "44"), the marker is dropped whole, its box
    returned, and fewer blobs than characters are left: the characters are then
    fitted by their centres, not one blob each in order (which would shift them).
    """
    if len(blobs) <= count:
        return blobs, None
    height = max(b.bottom - b.top for b in blobs)
    floor = float(np.median([b.bottom for b in blobs if b.bottom - b.top >= 0.7 * height]))
    raised = [b for b in blobs if b.bottom < floor - 0.2 * height]
    trailing = len(blobs) - next(
        (i + 1 for i in range(len(blobs) - 1, -1, -1) if blobs[i] not in raised), 0
    )
    if len(blobs) > trailing > len(blobs) - count:
        return blobs[: len(blobs) - trailing], union(blobs[len(blobs) - trailing :])
    specks = [b for b in blobs if (b.x1 - b.x0) * (b.bottom - b.top) < 0.02 * height**2]
    extra = (raised[::-1] + specks)[: len(blobs) - count]
    kept = [b for b in blobs if b not in extra]
    return (kept if len(kept) == count else blobs), None


def snap_words(words: list[Word], stats: Stats) -> None:
    """Tesseract's word boxes widened to the glyphs they cut or end just short
    of: a glyph-sized component (no wider than the box is high) with its middle
    within the box's rows, whose centre lies in no word's box, that overlaps the
    box in x or lies less than `LETTER_GAP` of the box's height beside it, widens
    the box to take it in (a box ending one letter short left the letter to be
    read again as a word of its own)."""
    boxes = [w.bbox for w in words if w.bbox is not None]
    if not boxes or not len(stats):
        return
    x0, y0 = stats[:, 0], stats[:, 1]
    x1, y1 = x0 + stats[:, 2], y0 + stats[:, 3]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    free = np.ones(len(stats), dtype=bool)
    for b in boxes:
        free &= ~((cx >= b.x0) & (cx <= b.x1) & (cy >= b.top) & (cy <= b.bottom))
    for word in words:
        box = word.bbox
        while box is not None:
            reach = LETTER_GAP * (box.bottom - box.top)
            near = (
                free
                & (x0 < box.x1 + reach)
                & (x1 > box.x0 - reach)
                & (cy >= box.top)
                & (cy <= box.bottom)
                & (stats[:, 2] <= box.bottom - box.top)
            )
            if not near.any():
                break
            free &= ~near
            left, right = float(x0[near].min()), float(x1[near].max())
            box = Box(min(box.x0, left), box.top, max(box.x1, right), box.bottom)
            word.bbox = box


SLASH_LIKE = set("iI|1!j")  # what Tesseract reads a slash between letters as
MIN_SLANT = 0.1  # em: how far right a slash's top ink lies of its bottom ink


def repair_slashes(lines: list[Line], ink: Grey) -> None:
    """A glyph read as a thin letter ("rir" for "r/r") whose own blob reaches from
    above the x-height to below the baseline and leans right is a slash."""
    for line in lines:
        for run in line.runs:
            for word in run.words:
                if word.exact and len(word.glyphs) > 1:
                    for glyph in word.glyphs:
                        if glyph.text in SLASH_LIKE and is_slash(glyph.box, ink, run):
                            glyph.text = "/"


def is_slash(box: Box, ink: Grey, run: Run) -> bool:
    """One stroke (the longest run of rows with ink: a speck of the scan above it aside;
    the dot over a stem is not tall enough), tall (0.6 em and more, from above the
    x-height), descending below the baseline, its ink's top quarter `MIN_SLANT` em or
    more right of its bottom quarter."""
    size, base = run.size, run.baseline
    crop = np.asarray(ink[int(box.top) : int(box.bottom), int(box.x0) : int(box.x1) + 1] > 0)
    rows = stroke_rows(crop)
    if rows is None:
        return False
    top, bottom = int(box.top) + rows[0], int(box.top) + rows[1]
    if bottom - top < 0.6 * size or top > base - 0.6 * size or bottom < base + 0.03 * size:
        return False
    stroke = crop[rows[0] : rows[1]]
    quarter = max(1, stroke.shape[0] // 4)
    upper, lower = stroke[:quarter].nonzero()[1], stroke[-quarter:].nonzero()[1]
    if not len(upper) or not len(lower):
        return False
    return float(upper.mean() - lower.mean()) >= MIN_SLANT * size


def stroke_rows(crop: npt.NDArray[np.bool_]) -> tuple[int, int] | None:
    """The longest run of rows with ink (first, end), if any."""
    best: tuple[int, int] | None = None
    start: int | None = None
    inked_rows = [bool(v) for v in np.asarray(crop.any(axis=1)).ravel()]
    for k, inked in enumerate([*inked_rows, False]):
        if inked and start is None:
            start = k
        elif not inked and start is not None:
            if best is None or k - start > best[1] - best[0]:
                best = (start, k)
            start = None
    return best
