"""OCR text runs: glyphs, words, lines and runs, with their baseline and em size
(glyph boxes come from the image: `extractor.read.ocr.glyphs`).

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

from extractor.read.ocr.grid import Box, union

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
# Letters whose case only the height tells (the capital is the small letter enlarged),
# plain and with a mark above ("ś": the mark reaches about the ascender; "Ś": a cap and
# the mark above it).
SAME_SHAPE = set("cosvwxz")
MARKED_SHAPE = set("ćóśźż")
OWN_BASELINE = 0.3  # em off its run's baseline: a word of another row
SAME_RUN_SIZE = 0.8  # of the run's size: a word of the run's type, not a marker
DISCORD = 1.3  # one glyph's size over another's in one short run: some box is wrong
SHORT_RUN = 12  # measured glyphs
SEAT = 0.12  # of the tallest glyph: how far a bottom may lie from the baseline
SHORT_LINE = 3  # glyphs: a line this short (a lone "X" or "–") has no height of its own
MIN_CALIBRATION = 5  # glyphs of a class the page needs to calibrate it


@dataclass
class Glyph:
    text: str
    box: Box
    conf: float  # the word's confidence (0-100)
    raised: bool = False  # a superscript marker
    own: float = 0.0  # the glyph's own confidence
    shared: bool = False  # its box is not a blob of its own (touching glyphs): not measured


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
    def extent(self) -> Box:
        """Tesseract's word box, else its glyphs' union."""
        return self.bbox or self.box

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
    guessed: bool = False  # measured on glyphs cut from blobs of touching glyphs only
    unmeasured: bool = False  # no glyph of a measured class: the line's size, or a guess


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


def raised_size(box: Box, scale: float) -> float:
    """The point size a raised glyph's ink says (its height is a digit's, about a cap)."""
    return (box.bottom - box.top) / scale / CAP_RATIO


def measure(
    run: Run, fallback: tuple[float, float], blur: float, ratios: dict[str, float] | None = None
) -> None:
    """Set the run's baseline and em size (from the glyphs sitting on the baseline)."""
    ratios = ratios or DEFAULT_RATIOS
    baseline, glyphs = seated(run)
    estimates: list[float] = []
    each: list[float] = []  # every glyph's own
    for name, heights in class_heights(glyphs, blur).items():
        if heights:
            em = statistics.median(heights) / (ASC_RATIO * ratios[name])
            estimates += [em] * len(heights)
            each += [height / (ASC_RATIO * ratios[name]) for height in heights]
    run.baseline = baseline if baseline is not None else fallback[0]
    run.size = statistics.fmean(estimates) if estimates else fallback[1]
    run.guessed = bool(glyphs) and all(g.shared for g in glyphs) or discordant(each)
    run.unmeasured = not estimates


def discordant(estimates: list[float]) -> bool:
    """A short run's glyphs tell sizes too far apart (`DISCORD`): some glyph boxes took a
    neighbour's ink ("Ra" touching: the "a" as tall as the "R"), so the run's mean size
    says little (see `snap_sizes`)."""
    return 2 <= len(estimates) <= SHORT_RUN and max(estimates) > DISCORD * min(estimates)


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
        runs: list[Run] = []
        for run in line.runs:
            measure(run, fallback, blur, ratios)
            runs += apart_on_baselines(run, fallback, blur, ratios)
        line.runs = runs
        for run in line.runs:
            repair_case(run, blur, ratios)
        if all(run.unmeasured for run in line.runs) and short(line):
            for run in line.runs:  # "X", "–": no glyph shows the em, too few for Tesseract's
                run.guessed = True
    snap_sizes([run for line in lines for run in line.runs])


def apart_on_baselines(
    run: Run, fallback: tuple[float, float], blur: float, ratios: dict[str, float]
) -> list[Run]:
    """The run with its first or last word split off as a run of its own when that word
    sits on a baseline of its own (`OWN_BASELINE` em away) in the run's size: Tesseract
    reads a row number centred beside a label's two lines with one of the label's lines
    ("1." + "Liczba odbiorców"), and the number stood on the label's baseline, not its
    row's.  (A superscript read inline sits higher, but smaller.)"""
    if len(run.words) < 2:
        return [run]
    for index in (0, len(run.words) - 1):
        alone = Run([run.words[index]])
        measure(alone, fallback, blur, ratios)
        if alone.unmeasured or alone.guessed:
            continue
        apart = abs(alone.baseline - run.baseline) > OWN_BASELINE * run.size
        if apart and alone.size >= SAME_RUN_SIZE * run.size:
            rest = Run([w for k, w in enumerate(run.words) if k != index])
            measure(rest, fallback, blur, ratios)
            return [alone, rest] if index == 0 else [rest, alone]
    return [run]


def short(line: Line) -> bool:
    """A line of `SHORT_LINE` glyphs or fewer: Tesseract's own line height says little."""
    return sum(len(word.glyphs) for word in line.words) <= SHORT_LINE


def repair_case(run: Run, blur: float, ratios: dict[str, float]) -> None:
    """A word's first letter, of `SAME_SHAPE` or `MARKED_SHAPE` and boxed on its own
    ink, given the case its height says (Tesseract reading a word apart from its line,
    as sparse text, often takes the small letter opening it for a capital: "Środki"
    for "środki")."""
    asc = ASC_RATIO * run.size
    x, cap = asc * ratios["x"], asc * ratios["cap"]
    for word in run.words:
        glyph = word.glyphs[0]
        lower = glyph.text.lower()
        if glyph.raised or glyph.shared or (lower not in SAME_SHAPE and lower not in MARKED_SHAPE):
            continue
        small, big = (x, cap) if lower in SAME_SHAPE else (asc, cap + asc - x)
        height = glyph.box.bottom - glyph.box.top - blur
        glyph.text = lower if abs(height - small) <= abs(height - big) else lower.upper()


def snap_sizes(runs: list[Run], spread: float = 0.07) -> None:
    """Give runs of (about) one size the same size.  The commonest sizes of the
    page, by glyph count, each gather the runs within `spread` of them into a
    group; every run then takes the mean size of the group nearest to it (a run
    between two sizes goes to the nearer, not to the commoner).  Runs with
    letters set the sizes first: a run of digits only is measured on one glyph
    class (a pixel of quantisation is 3 %), so it only adds a size of its own
    when no size of the letters is within `spread`.  A run about as near to two
    sizes (a short word: few glyphs to measure) takes the size of its neighbour
    on the line above or below, when that is one of the two.  A run measured on
    glyphs cut from touching glyphs only (bold "Wartość": "Wa" and "rt" one blob
    each, the "a" as tall as the "W") sets no size: it takes its neighbour's; so does
    a short line (`SHORT_LINE`) of no measurable glyph ("X", "–", a lone "w" whose
    case OCR guessed), preferring a run on its own baseline (its row), whose baseline
    it then takes too (Tesseract's line of a lone dash ends at the dash's ink)."""
    measured = [run for run in runs if not run.guessed]
    sizes = _group_sizes([run for run in measured if _has_letters(run)], spread)
    rest = [
        run
        for run in measured
        if not _has_letters(run) and all(abs(run.size - s) > spread * s for s in sizes)
    ]
    sizes += _group_sizes(rest, spread)
    choices = [sorted(sizes, key=lambda size: log_ratio(size, run.size))[:2] for run in runs]
    raw = [run.size for run in runs]
    for run, options in zip(runs, choices, strict=True):
        run.size = options[0] if options else run.size  # no run measured: as measured
    for i, run in enumerate(runs):
        if run.guessed:
            beside = _beside(runs, i, measured) if run.unmeasured else None
            neighbour = beside or _neighbour(runs, i, raw[i], measured)
            run.size = neighbour.size if neighbour is not None else run.size
            if beside is not None:  # a lone "–" read apart: its line's bottom is its ink's
                run.baseline = beside.baseline
        elif len(choices[i]) == 2 and _ambiguous(raw[i], *choices[i]):
            neighbour = _neighbour(runs, i, raw[i])
            if neighbour is not None and neighbour.size in choices[i]:
                run.size = neighbour.size


def _ambiguous(size: float, nearest: float, second: float) -> bool:
    """The size lies between two sizes, less than twice as far from the second."""
    return log_ratio(second, size) < 2 * log_ratio(nearest, size)


def log_ratio(a: float, b: float) -> float:
    """How far apart two sizes are, as a ratio (|log a/b|); infinite for a size of 0."""
    return abs(math.log(a / b)) if a > 0 and b > 0 else math.inf


def _neighbour(
    runs: list[Run], index: int, size: float, among: list[Run] | None = None
) -> Run | None:
    """The run (of `among`, when given) on the nearest line above or below that
    overlaps the run in x (a cell of a wrapped table row, a wrapped line of text)."""
    run = runs[index]
    x0, x1 = run.words[0].box.x0, run.words[-1].box.x1
    allowed = None if among is None else {id(other) for other in among}
    near = [
        other
        for j, other in enumerate(runs)
        if j != index
        and (allowed is None or id(other) in allowed)
        and 0.5 * size <= abs(other.baseline - run.baseline) <= 3 * size
        and other.words[0].box.x0 < x1
        and x0 < other.words[-1].box.x1
    ]
    return min(near, key=lambda o: abs(o.baseline - run.baseline), default=None)


def _beside(runs: list[Run], index: int, among: list[Run]) -> Run | None:
    """The run of `among` nearest in x on the run's own baseline (Tesseract may read a
    lone cell apart from its row)."""
    run = runs[index]
    x = (run.words[0].box.x0 + run.words[-1].box.x1) / 2
    near = [o for o in among if o is not run and abs(o.baseline - run.baseline) <= 0.25 * o.size]
    return min(
        near, key=lambda o: abs((o.words[0].box.x0 + o.words[-1].box.x1) / 2 - x), default=None
    )


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
