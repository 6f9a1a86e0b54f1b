"""Text lines cut into chunks: the material borderless tables are read from.

A *chunk* is a run of glyphs on one baseline whose gaps are narrower than
`LayoutSettings.chunk_gap` (in em of the line's text size): a word group, which
in a table is (part of) one cell.  Words OCR read are chunked at the wider
`ocr_chunk_gap`: its word boxes hug the ink, so its word spaces measure wider
(half an em is common).  A justified prose line, whose word gaps are all
stretched alike, stays one chunk however wide its gaps are.

Vertical extents are *reduced boxes* (from the baseline: `chunk_ascent` em up,
`chunk_descent` em down) so that consecutive lines of one paragraph or cell,
whose glyph boxes touch or overlap, are still told apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from extractor.layout.lines import (
    BLANKS,
    TEXT_LAYER_CONF,
    X0,
    TextLine,
    attach_superscript_clusters,
    cluster_by_baseline,
    cluster_to_line,
)
from extractor.layout.settings import LayoutSettings
from extractor.read.pdf import Char


class Chunk(NamedTuple):
    x0: float
    x1: float
    top: float  # reduced box (see the module docstring)
    bottom: float
    chars: tuple[Char, ...]
    bold: bool
    size: float

    @property
    def text(self) -> str:
        return "".join(ch.text for ch in self.chars)

    @property
    def read_by_ocr(self) -> bool:
        """Its characters were read by OCR (a text layer's are all sure)."""
        return bool(self.chars) and self.chars[0].conf < TEXT_LAYER_CONF


class Line(NamedTuple):
    """A text line: its chunks left to right."""

    chunks: tuple[Chunk, ...]
    baseline: float
    size: float
    top: float
    bottom: float
    x0: float
    x1: float

    @property
    def gaps(self) -> list[tuple[float, float]]:
        """The free x-intervals between consecutive chunks."""
        return [(a.x1, b.x0) for a, b in zip(self.chunks, self.chunks[1:], strict=False)]

    def text_line(self) -> TextLine:
        """The line as a `TextLine` (its text with blanks, its markers apart)."""
        return cluster_to_line([ch for chunk in self.chunks for ch in chunk.chars])


def page_lines(chars: Sequence[Char], settings: LayoutSettings) -> list[Line]:
    """The lines of the characters (superscripts joined to their line), top to bottom;
    one-chunk lines set side by side at different heights joined (see `join_staggered`)."""
    clusters = attach_superscript_clusters(cluster_by_baseline(chars))
    found = [cluster_to_chunked_line(c, settings) for c in clusters]
    lines = sorted((ln for ln in found if ln is not None), key=lambda ln: ln.baseline)
    return join_staggered(lines, settings)


def join_staggered(lines: list[Line], settings: LayoutSettings) -> list[Line]:
    """One line of several chunks from one-chunk lines whose reduced boxes overlap and whose
    chunks stand apart side by side: a value centred between the two lines of its label
    is one row with it (each chunk keeps its own box)."""
    out: list[Line] = []
    for line in lines:
        last = out[-1] if out else None
        if last is not None and joinable(last, line, settings):
            chunks = tuple(sorted(last.chunks + line.chunks, key=lambda c: c.x0))
            out[-1] = Line(
                chunks, last.baseline, max(last.size, line.size), min(last.top, line.top),
                max(last.bottom, line.bottom), chunks[0].x0, max(c.x1 for c in chunks),
            )  # fmt: skip
        else:
            out.append(line)
    return out


def joinable(last: Line, line: Line, settings: LayoutSettings) -> bool:
    """`line` (one chunk) joins `last` (one-chunk lines joined so far): it overlaps each of
    their chunks vertically, is set in the same size (as OCR measures it: within
    `same_size`) and stands apart from them."""
    if len(line.chunks) != 1 or line.top >= last.bottom:
        return False
    if any(c.top >= line.bottom or c.bottom <= line.top for c in last.chunks):
        return False  # every chunk joined so far overlaps the new one vertically
    if any(not same_size(c, line.chunks[0], settings) for c in last.chunks):
        return False
    if len({round(c.top, 1) for c in last.chunks}) != len(last.chunks):
        return False  # `last` is a line of its own with several chunks
    gap = settings.min_gutter * line.size
    new = line.chunks[0]
    return all(new.x0 - c.x1 >= gap or c.x0 - new.x1 >= gap for c in last.chunks)


def same_size(a: Chunk, b: Chunk, settings: LayoutSettings) -> bool:
    """Set in one size: exactly in a text layer, within `same_size` when OCR measured
    either (its estimates of one line's size differ by a tenth)."""
    if a.size == b.size:
        return True
    close = abs(a.size - b.size) <= settings.same_size * max(a.size, b.size)
    return (a.read_by_ocr or b.read_by_ocr) and close


class Run(NamedTuple):
    chars: list[Char]  # glyphs and the blanks after them, left to right
    x0: float  # glyph extent
    x1: float
    bold: int  # bold glyphs
    glyphs: int


def cluster_to_chunked_line(cluster: list[Char], settings: LayoutSettings) -> Line | None:
    ordered = sorted(cluster, key=X0)
    sizes = [c[6] for c in ordered if c[0] not in SPACES]  # Char.size, Char.text
    if not sizes or not max(sizes):
        return None
    size = max(sizes)  # superscripts may outnumber a short value
    base = next(c.baseline for c in ordered if c.size >= 0.95 * size and c.text not in SPACES)
    top, bottom = base - settings.chunk_ascent * size, base + settings.chunk_descent * size
    runs = split_runs(ordered, settings.chunk_gap * size)
    if len(runs) > 1 and is_justified(runs, size, settings):
        runs = [
            Run([c for r in runs for c in r.chars], runs[0].x0, max(r.x1 for r in runs),
                sum(r.bold for r in runs), sum(r.glyphs for r in runs))
        ]  # fmt: skip
    elif len(runs) > 1 and ordered[0].conf < TEXT_LAYER_CONF:  # OCR's boxes hug the ink
        runs = split_runs(ordered, settings.ocr_chunk_gap * size, DASH_BEARING * size)
    chunks = tuple(
        Chunk(r.x0, r.x1, top, bottom, tuple(r.chars), r.bold * 2 > r.glyphs, size) for r in runs
    )
    return Line(chunks, base, size, top, bottom, chunks[0].x0, chunks[-1].x1)


DASHES = frozenset("-‐–—")
ABBREVIATION = re.compile(r"[^\W\d_]{1,4}\.|.*,")  # "art.", "tj." (a short word's period); "164,"
DASH_BEARING = 0.25  # em: how much wider OCR measures a gap beside a dash or after a stop
SPACES = frozenset(BLANKS | {"", "\n", "\r", "\x0b", "\x0c", "\u2028", "\u2029", "\u3000"})


def split_runs(ordered: list[Char], gap: float, dash: float = 0.0) -> list[Run]:
    """Runs of glyphs (blanks kept with the run they follow) split at wide gaps, wider
    by `dash` before the glyphs `widened` marks.  The loop runs once per glyph: fields
    are read by index (text 0, x0 1, x1 2, bold 8)."""
    runs: list[Run] = []
    chars: list[Char] = []
    x0 = reach = float("-inf")
    bold = glyphs = 0
    spaces = SPACES
    wider = widened(ordered) if dash > 0 else set()
    for k, char in enumerate(ordered):
        if char[0] in spaces:
            if chars:
                chars.append(char)
            continue
        if char[1] - reach > (gap + dash if k in wider else gap) and chars:
            runs.append(Run(chars, x0, reach, bold, glyphs))
            chars, bold, glyphs = [], 0, 0
        if not chars:
            x0 = char[1]
        chars.append(char)
        bold += char[8]
        glyphs += 1
        if char[2] > reach:
            reach = char[2]
    if chars:
        runs.append(Run(chars, x0, reach, bold, glyphs))
    return runs


def widened(ordered: Sequence[Char]) -> set[int]:
    """Glyphs (by index) before which OCR measures a word space wider than it is (its
    boxes hug the ink, and some glyphs' ink sits narrow in their advance): either side
    of a dash standing apart between words ("word - word"; never beside a number or a
    dash for a missing value), and after a short word's period or a comma, before
    anything but a capital ("art. 19a", "164, tj. 90%")."""
    out: set[int] = set()
    apart = letter = False  # the glyph before: a dash standing apart; a letter
    word = last_word = ""  # the glyphs since the last blank; the word they made
    for k, char in enumerate(ordered):
        text = char[0]
        if text in SPACES:
            word = ""
            continue
        alone = text in DASHES and (k + 1 == len(ordered) or ordered[k + 1][0] in SPACES)
        after = not word and ABBREVIATION.fullmatch(last_word) is not None
        if (alone and letter) or (apart and text.isalpha()) or (after and not text.isupper()):
            out.add(k)
        apart, letter = alone, text.isalpha()
        word += text
        last_word = word
    return out


def is_justified(runs: list[Run], size: float, settings: LayoutSettings) -> bool:
    """`justified_words` or more chunks whose gaps are nearly all equally wide (four in
    five within a tenth of the median or 1 pt, none half as wide again) and narrower
    than `justified_gap` em: word spaces stretched by justification, not column
    gutters (a table's header of a few columns may have equal gaps too)."""
    if len(runs) < settings.justified_words:
        return False
    gaps = sorted(b.x0 - a.x1 for a, b in zip(runs, runs[1:], strict=False))
    median = gaps[len(gaps) // 2]
    if gaps[-1] > settings.justified_gap * size or gaps[-1] > 1.5 * median:
        return False
    alike = sum(abs(g - median) <= max(1.0, 0.1 * median) for g in gaps)
    return alike >= 0.8 * len(gaps)
