"""Column gutters: vertical strips of white space that the lines of a block leave free.

For every x the tabular lines of a block (two or more chunks) are counted twice:
lines where x falls into a gap between two of their chunks (`support`), and lines
with a chunk over x (`cover`).  A gutter is a strip, at least `min_gutter` em
wide, that `gutter_support` or more lines leave free between text on both sides
and that at most `gutter_crossing` times as many lines cross: a spanning group
row or a total label may cross a gutter, running prose crosses every strip of
its lines.  The counts change only at chunk edges, so a sweep over the sorted
edges finds them.  A strip holding a chunk wholly inside is no gutter there (a
sparse column's text), and of a strip the stretch fewest lines cross is kept.
A lone dot or comma (a speck on a scan) neither covers nor splits a strip.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import accumulate

from extractor.layout.chunks import Chunk, Line
from extractor.layout.settings import LayoutSettings

Gutter = tuple[float, float]


def find_gutters(
    lines: Sequence[Line],
    settings: LayoutSettings,
    crossing: float | None = None,
    support: int = 0,
) -> list[Gutter]:
    """Gutters of the lines, left to right.

    Tabular lines (two or more chunks) vote; a line of one chunk counts as text over
    the strips it covers (a label set apart from its row's values, a wrapped label's
    last line) unless it is a row of its own (no tabular line within `row_apart` em)
    that crosses a *clean* gutter, one that no tabular line crosses, or starts at the
    left edge and runs past most first cells: a group row spanning the table tells
    nothing about columns.  `crossing` and `support` override
    `gutter_crossing` and `gutter_support` (when larger)."""
    tabular = [ln for ln in lines if len(ln.chunks) >= 2]
    if len(tabular) < 2:
        return []
    clean = clean_gutters(tabular, settings)
    bases = sorted(ln.baseline for ln in tabular)
    left = min(ln.x0 for ln in tabular) + settings.align_tolerance * tabular[0].size
    firsts = sorted(ln.chunks[0].x1 for ln in tabular if ln.chunks[0].x0 <= left)
    first_end = firsts[len(firsts) // 2] if firsts else float("inf")
    spans = []
    for ln in lines:
        if len(ln.chunks) != 1:
            continue
        k = bisect_left(bases, ln.baseline)
        near = min(abs(bases[j] - ln.baseline) for j in (k - 1, k) if 0 <= j < len(bases))
        alone = near > settings.row_apart * ln.size
        across = any(ln.x0 < (a + b) / 2 < ln.x1 for a, b in clean) or (
            ln.x0 <= left and ln.x1 > first_end
        )
        if not (alone and across):
            spans.append(ln.chunks[0])
    if crossing is None:
        crossing = settings.gutter_crossing
    return gutters_of(tabular, spans, settings, crossing, support)


def clean_gutters(
    lines: Sequence[Line], settings: LayoutSettings, support: int = 0
) -> list[Gutter]:
    """Gutters no tabular line crosses (that `support` or more lines leave free)."""
    tabular = [ln for ln in lines if len(ln.chunks) >= 2]
    if len(tabular) < 2:
        return []
    return gutters_of(tabular, [], settings, 0.0, max(support, settings.gutter_support))


def gutters_of(
    tabular: list[Line],
    extra: list[Chunk],
    settings: LayoutSettings,
    crossing: float,
    support_needed: int = 0,
) -> list[Gutter]:
    chunks = [c for c in [*(c for ln in tabular for c in ln.chunks), *extra] if not is_speck(c)]
    edges = sorted({c.x0 for c in chunks} | {c.x1 for c in chunks})
    index = {x: i for i, x in enumerate(edges)}
    cover = counts([(c.x0, c.x1) for c in chunks], index, len(edges))
    support = counts([gap for ln in tabular for gap in gaps_of(ln)], index, len(edges))
    size = sorted(ln.size for ln in tabular)[len(tabular) // 2]
    runs: list[list[int]] = []  # elementary intervals of each good run
    for i in range(len(edges) - 1):
        free = support[i]
        if free >= max(support_needed, settings.gutter_support) and cover[i] <= crossing * free:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    least = settings.min_gutter * size
    aligned = aligned_crossings(chunks, settings.align_tolerance * size)
    gutters = [cleanest(piece, edges, cover, least, support, aligned) for run in runs
               for piece in without_columns(run, chunks, index)]  # fmt: skip
    return [g for g in gutters if g[1] - g[0] >= least]


SUFFIX_GAP = 2.0  # em: a unit word stands at most this far after its value
SPECKS = frozenset(".,'`·")  # what a speck of dirt on a scan is read as


def is_speck(chunk: Chunk) -> bool:
    """A chunk of a lone dot or comma: no column's text (a speck on a scan, which would
    split a gutter in two or open a column of its own)."""
    text = chunk.text.strip()
    return bool(text) and set(text) <= SPECKS and len(text) <= 2


def without_specks(lines: Sequence[Line]) -> list[Line]:
    """The lines without the chunks OCR read as a lone speck (see `is_speck`): they
    make a header line look tabular ("Liczba" with a dot far right of it)."""
    out = []
    for line in lines:
        kept = tuple(c for c in line.chunks if not (c.read_by_ocr and is_speck(c)))
        if len(kept) == len(line.chunks):
            out.append(line)
        elif kept:
            out.append(line._replace(chunks=kept, x0=kept[0].x0, x1=max(c.x1 for c in kept)))
    return out


def gaps_of(line: Line) -> list[Gutter]:
    """The gaps between the line's chunks, specks aside."""
    kept = [c for c in line.chunks if not is_speck(c)]
    return [(a.x1, b.x0) for a, b in zip(kept, kept[1:], strict=False)]


def counts(spans: list[tuple[float, float]], index: dict[float, int], n: int) -> list[int]:
    """For each elementary interval (edges[i], edges[i+1]): the spans over it."""
    delta = [0] * (n + 1)
    for x0, x1 in spans:
        delta[index[x0]] += 1
        delta[index[x1]] -= 1
    return list(accumulate(delta))


def without_columns(
    run: list[int], chunks: list[Chunk], index: dict[float, int]
) -> list[list[int]]:
    """The run cut where a chunk lies wholly inside it: a sparse column's text (a
    category printed once for several rows) is a column, not a crossing."""
    first, last = run[0], run[-1] + 1
    blocked: set[int] = set()
    for c in chunks:
        a, b = index[c.x0], index[c.x1]
        if first < a and b < last:
            blocked.update(range(a, b))
    pieces: list[list[int]] = [[]]
    for i in run:
        if i in blocked:
            if pieces[-1]:
                pieces.append([])
        else:
            pieces[-1].append(i)
    return [p for p in pieces if p]


def aligned_crossings(chunks: list[Chunk], tolerance: float) -> Callable[[float, float], int]:
    """For a strip: how many chunks crossing it end where two or more chunks wholly
    right of it end, or start where two or more wholly left of it start: a header cell
    aligned with its column's values ("umów" over right-aligned counts, set lower than
    its neighbour "złożonych ofert"), which a gutter through it would cut off."""

    def count(a: float, b: float) -> int:
        crossing = [c for c in chunks if c.x0 < b and c.x1 > a]
        return sum(
            sum(abs(d.x1 - c.x1) <= tolerance for d in chunks if d.x0 >= b) >= 2
            or sum(abs(d.x0 - c.x0) <= tolerance for d in chunks if d.x1 <= a) >= 2
            for c in crossing
        )

    return count


def cleanest(
    run: list[int],
    edges: list[float],
    cover: list[int],
    least: float,
    support: list[int],
    aligned: Callable[[float, float], int] | None = None,
) -> Gutter:
    """The stretch of a run where fewest chunks cross (more, if that is too narrow); of
    several, the one most lines leave free (a header's gap places the boundary that its
    group header and the body's wide gap leave open), then the one fewest cells aligned
    with a column beside it cross (`aligned_crossings`), then the widest."""
    best: Gutter = (0.0, -1.0)
    for low in sorted({cover[i] for i in run}):
        stretches: list[tuple[int, float, float]] = []  # (least support, start, end)
        start: int | None = None
        for i in run + [-1]:
            if i >= 0 and cover[i] <= low:
                start = i if start is None else start
                continue
            if start is not None:
                end = i if i >= 0 else run[-1] + 1
                free = min(support[start:end])
                stretches.append((free, edges[start], edges[end]))
                start = None
        wide = [st for st in stretches if st[2] - st[1] >= least]
        if len(wide) > 1 and aligned is not None:
            most = max(st[0] for st in wide)
            crossed = {st: aligned(st[1], st[2]) for st in wide if st[0] == most}
            wide = [st for st, n in crossed.items() if n == min(crossed.values())]
        if wide:
            _, a, b = max(wide, key=lambda st: (st[0], st[2] - st[1]))
            return (a, b)
        for _, a, b in stretches:
            if b - a > best[1] - best[0]:
                best = (a, b)
    return best


def narrowed(gutters: list[Gutter], lines: Sequence[Line]) -> list[Gutter]:
    """Gutters narrowed to clear the lines of one chunk that reach into them from one
    side (a wrapped label's longer line); a chunk over the whole gutter crosses it."""
    out = []
    for a, b in gutters:
        lo, hi = a, b
        for ln in lines:
            if len(ln.chunks) != 1:
                continue
            c = ln.chunks[0]
            if c.x0 < lo < c.x1 < hi:
                lo = c.x1
            elif lo < c.x0 < hi < c.x1:
                hi = c.x0
        out.append((lo, hi) if hi - lo >= 1.0 else (a, b))
    return out


def column_of(x: float, bounds: Sequence[float]) -> int:
    """The column (between consecutive `bounds`) holding x, clamped to the table."""
    return min(max(bisect_right(bounds, x) - 1, 0), len(bounds) - 2)


def chunk_columns(chunk: Chunk, bounds: Sequence[float]) -> tuple[int, int]:
    """First and last column a chunk lies in (it crosses the bounds between them)."""
    return column_of(chunk.x0 + 0.5, bounds), column_of(chunk.x1 - 0.5, bounds)


def without_aligned_splits(
    bounds: list[float], chunks: Sequence[Chunk], tolerance: float
) -> list[float]:
    """Bounds without those that split one right-aligned column in two: the chunks
    crossing the bound (and no other) end where the right column's own chunks end (a
    column of right-aligned numbers whose narrow values leave a free strip on their
    left), and the left column holds no more chunks of its own than cross.  (Left
    alignment is no such sign: section rows and labels start where the labels do.)"""
    k = 1
    while k < len(bounds) - 1 and len(bounds) > 3:
        crossing = [c.x1 for c in chunks if chunk_columns(c, bounds) == (k - 1, k)]
        left = [c for c in chunks if chunk_columns(c, bounds) == (k - 1, k - 1)]
        right = [c.x1 for c in chunks if chunk_columns(c, bounds) == (k, k)]
        if crossing and len(left) <= len(crossing) and edges_agree(crossing, right, tolerance):
            del bounds[k]
            continue
        k += 1
    return bounds


def edges_agree(edges: Sequence[float], column: Sequence[float], tolerance: float) -> bool:
    """Every edge lies where most of the column's own edges lie."""
    if len(column) < 2:
        return False
    middle = sorted(column)[len(column) // 2]
    near = sum(abs(x - middle) <= tolerance for x in column)
    return near * 2 > len(column) and all(abs(x - middle) <= tolerance for x in edges)


def without_offset_headers(bounds: list[float], lines: Sequence[Sequence[Chunk]]) -> list[float]:
    """Bounds without those between a column that holds only header text (its chunks
    all on the first two lines that have any) and its neighbour that holds only body
    text (none on those lines): a header centred over the strip left of its
    right-aligned values, read on a page with too few rows for a value to cross it."""
    k = 1
    while k < len(bounds) - 1 and len(bounds) > 3:
        a = rows_of_column(lines, bounds, k - 1)
        b = rows_of_column(lines, bounds, k)
        if a and b and (offset(a, b) or offset(b, a)):
            del bounds[k]
            continue
        k += 1
    return bounds


def without_suffix_columns(bounds: list[float], lines: Sequence[Sequence[Chunk]]) -> list[float]:
    """Bounds without those left of a column of one short word repeated on three or
    more lines, each right after a chunk of the column to its left, and nothing else:
    a unit printed after every value ("11,9 tys" | "zł" where OCR lost the period and
    the word gap grew), which no column of its own holds (a value read whole with its
    unit may reach over the bound)."""
    k = 1
    while k < len(bounds) - 1 and len(bounds) > 3:
        if suffix_column(lines, bounds, k):
            del bounds[k]
            continue
        k += 1
    return bounds


def suffix_column(lines: Sequence[Sequence[Chunk]], bounds: Sequence[float], k: int) -> bool:
    texts = []
    for chunks in lines:
        for i, chunk in enumerate(chunks):
            first, last = chunk_columns(chunk, bounds)
            if (first != k and last != k) or (first, last) == (k - 1, k):
                continue  # a value printed with its unit reaches into the column
            before = chunks[i - 1] if i else None
            if first != last or before is None or chunk_columns(before, bounds) != (k - 1, k - 1):
                return False  # not right after a chunk of the column to its left
            if chunk.x0 - before.x1 > SUFFIX_GAP * chunk.size:
                return False
            texts.append(chunk.text.strip())
    word = texts[0] if texts else ""
    short = 0 < len(word) <= 4 and not any(ch.isdigit() for ch in word)
    return short and len(texts) >= 3 and all(t == word for t in texts)


def rows_of_column(lines: Sequence[Sequence[Chunk]], bounds: Sequence[float], k: int) -> set[int]:
    """The lines with a chunk of the column's own (no spanning chunks)."""
    return {i for i, line in enumerate(lines) for c in line if chunk_columns(c, bounds) == (k, k)}


def offset(header: set[int], body: set[int]) -> bool:
    return len(header) <= 2 and max(header) < min(body) and max(header) - min(header) <= 1


def without_empty_columns(bounds: list[float], chunks: Sequence[Chunk], need: int) -> list[float]:
    """Bounds without the more crossed one of the two around a column that holds fewer
    than `need` chunks of its own (two gutters found in one column: its values' free
    left side, and its header's)."""
    while len(bounds) > 3:
        held = Counter(chunk_columns(c, bounds) for c in chunks)
        empty = next((k for k in range(len(bounds) - 1) if held[(k, k)] < need), None)
        if empty is None:
            return bounds
        inner = [b for b in (empty, empty + 1) if 0 < b < len(bounds) - 1]
        crossed = {b: sum(c.x0 < bounds[b] < c.x1 for c in chunks) for b in inner}
        del bounds[max(inner, key=lambda b: (crossed[b], b))]
    return bounds
