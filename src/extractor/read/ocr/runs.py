"""OCR text runs: glyphs, words, lines and runs, with their glyph boxes from the
image (`fit_glyphs`), baseline and em size.

A run is the words of one line inside one table cell or column: one baseline,
one font size.  The em is estimated from the heights of glyphs of known
vertical extent: ascender letters, capitals, digits and x-height letters.
How these heights relate differs by typeface (x-height is 0.46 of the em in
Times, 0.53 in Arial), so the page is calibrated first: the height of each
class as a share of the ascender height is measured over the page's runs, and
each class then gives the same em.  Sizes of one kind are snapped to one
value per page, as in a text layer.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

import numpy as np

from extractor.read.ocr.grid import Box, Grey, Stats, union

# Glyphs measured for the em.  Letters whose capital is the small letter enlarged
# (C/c, O/o, S/s, V/v, W/w, X/x, Z/z) are left out: Tesseract often gets their
# case wrong, and a "w" of cap height inflates the em.
CLASSES = {
    "asc": set("bdfhklł"),
    "cap": set("ABDEFGHIKLMNPRTUY"),
    "digit": set("0123456789"),
    "x": set("aemnru"),
}
REFERENCE = "asc"
ASC_RATIO = 0.685  # ascender height of the em (Times/Liberation Serif-like fonts)
CAP_RATIO = 0.665  # cap height of the em (same)
DEFAULT_RATIOS = {"asc": 1.0, "cap": 0.94, "digit": 0.96, "x": 0.69}  # of the ascender (Times)
SEAT = 0.12  # of the tallest glyph: how far a bottom may lie from the baseline
MIN_CALIBRATION = 5  # glyphs of a class the page needs to calibrate it


@dataclass
class Glyph:
    text: str
    box: Box
    conf: float  # the word's confidence (0-100)
    raised: bool = False  # a superscript marker
    own: float = 0.0  # the glyph's own confidence


@dataclass
class Word:
    glyphs: list[Glyph]
    conf: float
    bbox: Box | None = None  # Tesseract's word box
    exact: bool = False  # every glyph box is its own ink blob

    @property
    def box(self) -> Box:
        return union(g.box for g in self.glyphs)

    @property
    def marker(self) -> bool:
        return all(g.raised for g in self.glyphs)


@dataclass
class Line:
    words: list[Word]
    baseline: float  # px, from Tesseract (fallback)
    height: float  # Tesseract's x_size (about the em)
    runs: list[Run] = field(default_factory=list)


@dataclass
class Run:
    """Words of one line inside one table cell / column: one baseline, one size."""

    words: list[Word]
    baseline: float = 0.0
    size: float = 0.0  # em in px


def split_runs(line: Line) -> list[Run]:
    """Split a line at gaps wider than two ems (columns of a borderless table)."""
    runs: list[Run] = [Run([line.words[0]])]
    for word in line.words[1:]:
        if word.box.x0 - runs[-1].words[-1].box.x1 > 2 * line.height:
            runs.append(Run([word]))
        else:
            runs[-1].words.append(word)
    return runs


def seated(run: Run) -> tuple[float | None, list[Glyph]]:
    """The run's baseline (median bottom of its full-height measurable glyphs, at
    least 0.75 of the tallest, that share one bottom) and the measurable glyphs
    sitting on it.  A
    superscript that Tesseract read as a plain digit ("1²⁾" read "12)") neither
    lifts the baseline nor shrinks the size of a short run."""
    measured = set().union(*CLASSES.values())
    glyphs = [g for w in run.words for g in w.glyphs if not g.raised and g.text in measured]
    heights = [g.box.bottom - g.box.top for g in glyphs]
    tallest = max(heights, default=0.0)
    bottoms = [g.box.bottom for g, h in zip(glyphs, heights, strict=True) if h >= 0.75 * tallest]
    if not bottoms:
        return None, []
    tolerance = SEAT * tallest
    # the bottoms most glyphs share; on a tie the lowest (a raised mark is above it)
    anchor = max(bottoms, key=lambda b: (sum(abs(o - b) <= tolerance for o in bottoms), b))
    baseline = statistics.median(b for b in bottoms if abs(b - anchor) <= tolerance)
    return baseline, [g for g in glyphs if abs(g.box.bottom - baseline) <= tolerance]


def class_heights(glyphs: list[Glyph], blur: float) -> dict[str, list[float]]:
    """Heights (less the blur) of measurable glyphs, per class."""
    return {
        name: _heights([g for g in glyphs if g.text in members], blur)
        for name, members in CLASSES.items()
    }


def calibrate(runs: list[Run], blur: float) -> dict[str, float]:
    """The page's typeface: each class's glyph height as a share of the ascender
    height, the median over all glyphs of runs that also print ascenders
    (Times-like defaults for a class the page has too few of)."""
    shares: dict[str, list[float]] = {name: [] for name in CLASSES}
    for run in runs:
        heights = class_heights(seated(run)[1], blur)
        if not heights[REFERENCE]:
            continue
        reference = statistics.median(heights[REFERENCE])
        for name, values in heights.items():
            shares[name] += [value / reference for value in values]
    return {
        name: statistics.median(values) if len(values) >= MIN_CALIBRATION else DEFAULT_RATIOS[name]
        for name, values in shares.items()
    }


def measure(
    run: Run, fallback: tuple[float, float], blur: float, ratios: dict[str, float] | None = None
) -> None:
    """Set the run's baseline and em size (from the glyphs sitting on the baseline)."""
    ratios = ratios or DEFAULT_RATIOS
    baseline, glyphs = seated(run)
    estimates: list[float] = []
    for name, heights in class_heights(glyphs, blur).items():
        if heights:
            em = statistics.median(heights) / (ASC_RATIO * ratios[name])
            estimates += [em] * len(heights)
    run.baseline = baseline if baseline is not None else fallback[0]
    run.size = statistics.fmean(estimates) if estimates else fallback[1]


def _heights(glyphs: list[Glyph], blur: float) -> list[float]:
    """Glyph heights less the blur, without outliers (a misread mark: < 0.6 of the tallest)."""
    heights = [g.box.bottom - g.box.top - blur for g in glyphs]
    return [h for h in heights if h >= 0.6 * max(heights)] if heights else []


def line_metrics(line: Line, blur: float, ratios: dict[str, float]) -> tuple[float, float]:
    whole = Run(list(line.words))
    measure(whole, (line.baseline, line.height * 0.8), blur, ratios)
    return whole.baseline, whole.size


def measure_lines(lines: list[Line], blur: float) -> None:
    """Split lines into runs and set every run's baseline and (snapped) size."""
    for line in lines:
        line.runs = split_runs(line)
    ratios = calibrate([run for line in lines for run in line.runs], blur)
    for line in lines:
        fallback = line_metrics(line, blur, ratios)
        for run in line.runs:
            measure(run, fallback, blur, ratios)
    snap_sizes([run for line in lines for run in line.runs])


def snap_sizes(runs: list[Run], spread: float = 0.07) -> None:
    """Give runs of (about) one size the same size.  The commonest sizes of the
    page, by glyph count, each gather the runs within `spread` of them into a
    group; every run then takes the mean size of the group nearest to it (a run
    between two sizes goes to the nearer, not to the commoner).  Runs with
    letters set the sizes first: a run of digits only is measured on one glyph
    class (a pixel of quantisation is 3 %), so it only adds a size of its own
    when no size of the letters is within `spread`.  A run about as near to two
    sizes (a short word: few glyphs to measure) takes the size of its neighbour
    on the line above or below, when that is one of the two."""
    lettered = [run for run in runs if _has_letters(run)]
    sizes = _group_sizes(lettered, spread)
    rest = [
        run
        for run in runs
        if not _has_letters(run) and all(abs(run.size - s) > spread * s for s in sizes)
    ]
    sizes += _group_sizes(rest, spread)
    choices = [sorted(sizes, key=lambda size: log_ratio(size, run.size))[:2] for run in runs]
    raw = [run.size for run in runs]
    for run, options in zip(runs, choices, strict=True):
        run.size = options[0]
    for i, run in enumerate(runs):
        if len(choices[i]) == 2 and _ambiguous(raw[i], *choices[i]):
            neighbour = _neighbour(runs, i, raw[i])
            if neighbour is not None and neighbour.size in choices[i]:
                run.size = neighbour.size


def _ambiguous(size: float, nearest: float, second: float) -> bool:
    """The size lies between two sizes, less than twice as far from the second."""
    return log_ratio(second, size) < 2 * log_ratio(nearest, size)


def log_ratio(a: float, b: float) -> float:
    """How far apart two sizes are, as a ratio (|log a/b|); infinite for a size of 0."""
    return abs(math.log(a / b)) if a > 0 and b > 0 else math.inf


def _neighbour(runs: list[Run], index: int, size: float) -> Run | None:
    """The run on the nearest line above or below that overlaps the run in x (a cell
    of a wrapped table row, a wrapped line of text)."""
    run = runs[index]
    x0, x1 = run.words[0].box.x0, run.words[-1].box.x1
    near = [
        other
        for j, other in enumerate(runs)
        if j != index
        and 0.5 * size <= abs(other.baseline - run.baseline) <= 3 * size
        and other.words[0].box.x0 < x1
        and x0 < other.words[-1].box.x1
    ]
    return min(near, key=lambda o: abs(o.baseline - run.baseline), default=None)


def _has_letters(run: Run) -> bool:
    return any(g.text.isalpha() for w in run.words for g in w.glyphs)


def _group_sizes(runs: list[Run], spread: float) -> list[float]:
    """Sizes of groups of runs, each seeded by the heaviest run left: the mean of
    the runs close to the seed (a group's edges, bold text a little taller or a
    caption a little larger than the seed, do not pull it)."""
    weights = [(run.size, sum(len(w.glyphs) for w in run.words)) for run in runs]
    free = sorted(range(len(runs)), key=lambda i: -weights[i][1])
    sizes: list[float] = []
    while free:
        seed = weights[free[0]][0]
        group = [i for i in free if abs(weights[i][0] - seed) <= spread * seed]
        core = [i for i in group if abs(weights[i][0] - seed) <= spread * seed / 3]
        total = sum(weights[i][1] for i in core)
        sizes.append(sum(weights[i][0] * weights[i][1] for i in core) / max(total, 1))
        free = [i for i in free if i not in group]
    return sizes


# --- glyph boxes from the image ----------------------------------------------


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
