"""Characters -> text lines, with superscript footnote markers set apart.

A superscript is told apart from the digits it sits on by typography only:
it is set markedly smaller than its line (font size <= `SUPERSCRIPT_SIZE`
times the line's size) and its baseline is raised (by more than
`SUPERSCRIPT_RISE` times the line's size).  `38 523 346,25⁶` becomes the
text "38 523 346,25" with a marker "6" at offset 13 - never "38 523 346,256".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from extractor.read.pdf import Char

SUPERSCRIPT_SIZE = 0.8
OCR_SAME_BASE = 0.05  # of the size: OCR glyphs this close in baseline sit on one line ...
OCR_SIZE_SPREAD = 0.75  # ... if the smaller is more than this of the larger (sizes wander)
SUPERSCRIPT_RISE = 0.15
SPACE_GAP = (
    0.1  # a gap (between advance boxes) wider than this share of the font size is a word space
)
BLANKS = {" ", "\u00a0", "\u202f", "\u2009", "\t"}
BASELINE_X = itemgetter(5, 1)  # Char.baseline, Char.x0: reading order within a page
X0, X1, TOP, BOTTOM, BASELINE, CONF = (itemgetter(i) for i in (1, 2, 3, 4, 5, 7))


class Marker(BaseModel):
    """A superscript run: its text and the offset in the line text it follows."""

    model_config = ConfigDict(frozen=True)

    text: str
    offset: int


TEXT_LAYER_CONF = 100.0  # the confidence of a text layer's characters


class TextLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    markers: tuple[Marker, ...]
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    conf: float = 100.0
    bold: bool = False  # most of its glyphs are set in a bold face

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())

    @property
    def read_by_ocr(self) -> bool:
        """Some of its characters were read by OCR (a text layer's are all sure)."""
        return self.conf < TEXT_LAYER_CONF


def dominant_size(chars: Iterable[Char]) -> float:
    """The font size most characters are set in (0 when there are none)."""
    counts = Counter(c.size for c in chars if c.text not in BLANKS)
    return counts.most_common(1)[0][0] if counts else 0.0


def chars_to_lines(chars: Sequence[Char]) -> list[TextLine]:
    """Group characters into text lines, top to bottom."""
    clusters = cluster_by_baseline(chars)
    clusters = attach_superscript_clusters(clusters)
    lines = [cluster_to_line(c) for c in clusters]
    return [line for line in lines if line.has_text or line.markers]


def cluster_by_baseline(chars: Sequence[Char]) -> list[list[Char]]:
    """Chars of a comparable size sharing a baseline (within a fifth of their size).

    A glyph joins the newest of the last four clusters it fits (baseline close, size
    comparable or the glyph a blank); the newest is tried first, as most glyphs
    continue the line before them."""
    ordered = sorted(chars, key=BASELINE_X)
    clusters: list[list[Char]] = []
    for char in ordered:
        if clusters and fits(clusters[-1][-1], char):
            clusters[-1].append(char)
            continue
        for cluster in reversed(clusters[-4:-1]):
            if fits(cluster[-1], char):
                cluster.append(char)
                break
        else:
            clusters.append([char])
    return clusters


def fits(ref: Char, char: Char) -> bool:
    """`char` may follow `ref` in one line: baseline close, size comparable (the smaller
    more than `SUPERSCRIPT_SIZE` of the larger) or the glyph a blank; two glyphs OCR
    read on one baseline (`OCR_SAME_BASE`) within `OCR_SIZE_SPREAD` (it measured
    "Wartość" 12.5 pt beside "Wyszczególnienie" 10 pt: its accents and capital)."""
    larger, smaller = (ref.size, char.size) if ref.size >= char.size else (char.size, ref.size)
    if abs(char.baseline - ref.baseline) > 0.2 * max(larger, 1.0):
        return False
    if ocr_read(ref, char) and abs(char.baseline - ref.baseline) <= OCR_SAME_BASE * larger:
        return smaller > OCR_SIZE_SPREAD * larger  # OCR's sizes wander; a mark is raised
    return smaller > SUPERSCRIPT_SIZE * larger or char.text in BLANKS


def ocr_read(*chars: Char) -> bool:
    return all(c.conf < TEXT_LAYER_CONF for c in chars)


class LineStats(NamedTuple):
    """What attaching superscripts asks of a line, computed once per line."""

    size: float  # dominant font size
    base: float  # most common baseline
    x0: float
    x1: float


def line_stats(line: list[Char]) -> LineStats:
    return LineStats(
        dominant_size(line), mode_baseline(line), min(map(X0, line)), max(map(X1, line))
    )


def attach_superscript_clusters(clusters: list[list[Char]]) -> list[list[Char]]:
    """Merge clusters of small raised glyphs into the line they are raised above."""
    flags = marker_flags(clusters)
    lines = [c for c, flag in zip(clusters, flags, strict=True) if not flag]
    orphans = [c for c, flag in zip(clusters, flags, strict=True) if flag]
    known: dict[int, LineStats] = {}

    def stats(line: list[Char]) -> LineStats:
        if id(line) not in known:
            known[id(line)] = line_stats(line)
        return known[id(line)]

    for sup in orphans:
        host = next((ln for ln in lines if is_raised_above(sup, stats(ln))), None)
        host = host or next((ln for ln in lines if shares_baseline(sup, ln, stats(ln))), None)
        if host is None:
            lines.append(sup)
        else:
            host.extend(sup)
            known.pop(id(host), None)  # its extent and counts changed
    return sorted(lines, key=lambda c: min(map(BASELINE, c)))


def marker_flags(clusters: list[list[Char]]) -> list[bool]:
    """Which clusters are candidate markers: a short run of digits / stars / parentheses,
    set no larger than a superscript of some other cluster."""
    flags = [is_marker_text(c) for c in clusters]
    sizes: dict[int, float] = {}  # dominant sizes, computed as asked

    def dominant(j: int) -> float:
        if j not in sizes:
            sizes[j] = dominant_size(clusters[j])
        return sizes[j]

    for i, cluster in enumerate(clusters):
        if flags[i]:
            size = max(c.size for c in cluster)
            flags[i] = any(
                dominant(j) * SUPERSCRIPT_SIZE >= size for j in range(len(clusters)) if j != i
            )
    return flags


def is_marker_text(cluster: list[Char]) -> bool:
    """A short run of digits, stars or brackets ("6", "**", "1)"), or one lower-case
    letter ("ᵃ" notes), that may be a footnote marker."""
    count = 0
    letters = 0
    for char in cluster:
        if char.text in BLANKS:
            continue
        count += len(char.text)
        letters += sum(ch.isalpha() for ch in char.text)
        if count > 6 or not all(is_marker_char(ch) for ch in char.text):
            return False
    return count > 0 and (letters == 0 or letters == count == 1)


def is_marker_char(ch: str) -> bool:
    return ch.isdigit() or ch in "*),." or "a" <= ch <= "z"


def mode_baseline(chars: Iterable[Char]) -> float:
    """The most common baseline, to 0.1 pt (the first seen among equals)."""
    counts: Counter[float] = Counter()
    for baseline, n in Counter(map(BASELINE, chars)).items():
        counts[round(baseline, 1)] += n
    return counts.most_common(1)[0][0]


def is_raised_above(sup: list[Char], line: LineStats) -> bool:
    """True when `sup` is a superscript of the line: smaller, raised, next to it."""
    sup_size = max(c.size for c in sup)
    if sup_size > SUPERSCRIPT_SIZE * line.size:
        return False
    rise = line.base - max(c.baseline for c in sup)
    if not (SUPERSCRIPT_RISE * line.size < rise <= 0.8 * line.size):
        return False
    x0 = line.x0 - 2 * line.size
    x1 = line.x1 + 2 * line.size
    return any(x0 <= c.x0 <= x1 for c in sup)


def shares_baseline(small: list[Char], line: list[Char], stats: LineStats) -> bool:
    """Small glyphs set on a line's own baseline, next to it: ordinary text of that line."""
    size, base = stats.size, stats.base
    if not all(abs(c.baseline - base) <= 0.15 * size for c in small):
        return False
    return min(abs(c.x0 - d.x1) for c in small for d in line) <= 2 * size


def cluster_to_line(cluster: list[Char]) -> TextLine:
    # Clusters hold glyphs of comparable size plus attached superscripts: the line's
    # size is its largest glyph size (superscripts may outnumber a one-digit value).
    size = max((c.size for c in cluster if c.text not in BLANKS), default=cluster[0].size)
    floor = 0.95 * size
    full = [c for c in cluster if c.size >= floor]
    baseline = mode_baseline(full) if full else cluster[0].baseline
    text, markers = chars_to_text(sorted(cluster, key=X0), size, baseline)
    return TextLine(
        text=text,
        markers=tuple(markers),
        x0=min(map(X0, cluster)),
        x1=max(map(X1, cluster)),
        top=min(map(TOP, cluster)),
        bottom=max(map(BOTTOM, cluster)),
        baseline=baseline,
        size=size,
        conf=min(map(CONF, cluster)),
        bold=2 * sum(c.bold for c in full) > len(full),
    )


def is_superscript(char: Char, size: float, baseline: float) -> bool:
    return (
        char.text not in BLANKS
        and char.size <= SUPERSCRIPT_SIZE * size
        and baseline - char.baseline > SUPERSCRIPT_RISE * size
    )


def chars_to_text(chars: Sequence[Char], size: float, baseline: float) -> tuple[str, list[Marker]]:
    """Line text with inferred word spaces; superscript runs returned as markers.

    `is_superscript` and the word-gap test (wider than `SPACE_GAP` of the size) are
    inlined: the loop runs once per glyph."""
    parts: list[str] = []
    markers: list[Marker] = []
    prev: Char | None = None
    last = ""  # the last character of the text so far
    length = 0
    small, rise, gap = SUPERSCRIPT_SIZE * size, SUPERSCRIPT_RISE * size, SPACE_GAP * size
    for char in chars:
        text = char.text
        blank = text in BLANKS
        sup = not blank and char.size <= small and baseline - char.baseline > rise
        if prev is not None and not sup and char.x0 - prev.x1 > gap:
            if last and last not in BLANKS and not blank:
                parts.append(" ")
                last, length = " ", length + 1
        if sup:
            extend_marker(markers, text, length, prev, char)
        elif text:
            parts.append(text)
            last, length = text[-1], length + len(text)
        prev = char
    return "".join(parts).rstrip(), markers


def extend_marker(
    markers: list[Marker], text: str, offset: int, prev: Char | None, char: Char
) -> None:
    """Append a superscript glyph to the marker it continues, or start a new one."""
    if markers and markers[-1].offset == offset and prev is not None:
        if char.x0 - prev.x1 <= SPACE_GAP * char.size * 2:
            last = markers.pop()
            markers.append(Marker(text=last.text + text, offset=offset))
            return
    markers.append(Marker(text=text, offset=offset))
