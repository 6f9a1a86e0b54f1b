"""Glyph boxes from the image: Tesseract's character boxes are rough, the ink is not.

A word's ink splits into blobs (connected components, a letter's accent or dot
merged with it); when there are as many blobs as characters each character
gets its blob, else the characters are fitted to the blobs by their centres.
Pixels, like `extractor.read.ocr.grid`.
"""

from __future__ import annotations

import numpy as np

from extractor.read.ocr.grid import Box, Grey, Stats, union


def blobs_in(stats: Stats, box: Box, min_area: int) -> list[Box]:
    """Glyph blobs inside a word box: components merged when their x ranges overlap
    by more than a third of the narrower one (a letter and its accent or dot)."""
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
        last = blobs[-1] if blobs else None
        if last is not None:
            overlap = min(last.x1, x + w) - max(last.x0, x)
            if overlap > min(last.x1 - last.x0, w) / 3:
                blobs[-1] = Box(
                    min(last.x0, x), min(last.top, y), max(last.x1, x + w), max(last.bottom, y + h)
                )
                continue
        blobs.append(Box(x, y, x + w, y + h))
    return blobs


def ink_box(ink: Grey, x0: float, x1: float, band: Box) -> Box:
    """The ink extent in columns x0..x1 inside a band; the band's rows when empty."""
    region = ink[int(band.top) : int(band.bottom) + 1, int(x0) : max(int(x1), int(x0) + 1)]
    rows = np.flatnonzero(region.any(axis=1))
    if len(rows) == 0:
        return Box(x0, band.top, x1, band.bottom)
    return Box(x0, band.top + float(rows[0]), x1, band.top + float(rows[-1]) + 1)


def fit_glyphs(
    word: Box, guesses: list[Box], stats: Stats, ink: Grey, parts: list[int] | None = None
) -> tuple[list[Box], bool]:
    """Glyph boxes of a word from the image (Tesseract's character boxes are rough).

    When the word's ink splits into as many blobs as it has characters, each
    character gets its blob; `parts` (blobs per character: 2 for quotes such as
    „ and ”, side by side) counts in characters of several blobs.  Otherwise each
    character goes to the blob under the centre of its guessed box, and a blob
    holding k characters is cut into k equal columns (touching glyphs); a
    character with no blob keeps its guess.  The flag says whether every
    character got a blob of its own.
    """
    found = blobs_in(stats, word, 4)
    if parts is not None and max(parts, default=1) > 1 and sum(parts) == len(found):
        ends = np.cumsum([0, *parts]).tolist()
        return [union(found[a:b]) for a, b in zip(ends, ends[1:], strict=False)], True
    blobs, marker = _drop_extra(found, len(guesses))
    if len(blobs) == len(guesses):
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
