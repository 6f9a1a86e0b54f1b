"""Chunks that straddle two cells, cut apart.

Header cells of narrow neighbouring columns can stand so close that their
words are closer than a chunk gap and read as one chunk ("złożonych zawartych"
under "Liczba | Liczba"; "działań organizacji uczestników" under a group
header "Liczba"), which the grid would take for a group header over the
columns.  Such a chunk is cut at each of its word gaps where the chunks of the
line right below it part (chunks on both sides, none over the gap), when those
of the line right above part there too, or are one group header centred over
it: a cell spanning columns never has its columns' cells split on both sides of
it, and a group header is never set under another over the same columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.chunks import Chunk, Line
from extractor.layout.gutters import chunk_columns
from extractor.layout.lines import BLANKS
from extractor.layout.regions import Region
from extractor.read.pdf import Char

WORD_GAP = 0.2  # em: free paper between two glyphs that is a word space
REACH = 2.0  # em: the lines right above and below are at most this far (or a cell's pitch)


def split_straddling(region: Region) -> Region:
    """The region with each straddling chunk cut at its word gaps (see `cut_chunk`)
    when its parts then lie one in each of its columns, each column bound it crossed
    moved into its gap when no other chunk then changes column (a header word may
    reach a little over the body's gutter)."""
    lines = list(region.lines)
    out = []
    bounds = list(region.bounds)
    every = [c for ln in lines for c in ln.chunks]
    for i, line in enumerate(lines):
        chunks: list[Chunk] = []
        for chunk in line.chunks:
            reach = max(region.pitch, REACH * line.size)
            above = chunks_over(chunk, lines[:i][::-1], line.baseline, reach)
            below = chunks_over(chunk, lines[i + 1 :], line.baseline, reach)
            parts = cut_chunk(chunk, above, below)
            moved = bounds
            for left, right in zip(parts, parts[1:], strict=False):
                moved = moved_bound(moved, (left, right), every)
            if len(parts) > 1 and one_column_each(parts, moved):
                bounds = moved
            else:
                parts = [chunk]
            chunks.extend(parts)
        out.append(line._replace(chunks=tuple(chunks)))
    return region._replace(lines=out, bounds=parted_neighbours(out, bounds))


def parted_neighbours(lines: Sequence[Line], bounds: list[float]) -> list[float]:
    """`bounds` with each one that a chunk crosses into its line's neighbour's column
    moved into the gap between the two (see `moved_bound`), when each then lies in
    one column: two cells of a row never share a column, and a gutter a little
    narrower than the header over it is still the gutter ("169 721,00 212 200,00"
    under "Rok" centred over "2023 | 2024")."""
    every = [c for ln in lines for c in ln.chunks]
    for line in lines:
        for pair in zip(line.chunks, line.chunks[1:], strict=False):
            (a0, a1), (b0, b1) = (chunk_columns(c, bounds) for c in pair)
            if a1 != b0 or (a1 - a0) + (b1 - b0) != 1 or not mostly_beyond(pair, bounds[b0 + 1]):
                continue
            others = [c for c in every if c is not pair[0] and c is not pair[1]]
            moved = moved_bound(bounds, pair, others, groups=True)
            if one_column_each(list(pair), moved):
                bounds = moved
    return bounds


def one_column_each(parts: list[Chunk], bounds: list[float]) -> bool:
    """Each part lies in one column, the parts in neighbouring columns left to right
    (a section row's words, cut where the cells around part, lie across them)."""
    columns = [chunk_columns(p, bounds) for p in parts]
    return all(a == b for a, b in columns) and all(
        b[0] == a[0] + 1 for a, b in zip(columns, columns[1:], strict=False)
    )


def mostly_beyond(pair: tuple[Chunk, Chunk], bound: float) -> bool:
    """Of the two neighbours, the one crossing `bound` lies mostly on its far side
    from the other (a value reaching into the gutter, not a label's wrapped words)."""
    a, b = pair
    if a.x1 > bound:
        return bound - a.x0 > a.x1 - bound
    return b.x1 - bound > bound - b.x0


def moved_bound(
    bounds: list[float], parts: tuple[Chunk, Chunk], chunks: list[Chunk], groups: bool = False
) -> list[float]:
    """`bounds` with the one between two neighbouring parts moved to the middle of
    their gap, when that leaves every other chunk in the columns it was in (or, with
    `groups`, centred over the two columns around it)."""
    middle = (parts[0].x1 + parts[1].x0) / 2
    inside = [k for k, b in enumerate(bounds) if parts[0].x0 < b < parts[1].x1]
    if len(inside) != 1:
        return bounds
    moved = list(bounds)
    moved[inside[0]] = middle
    if not moved[inside[0] - 1] < middle < moved[inside[0] + 1]:
        return bounds
    kept = all(
        chunk_columns(c, moved) == chunk_columns(c, bounds)
        or (groups and centred_over(c, moved, inside[0]))
        for c in chunks
    )
    return moved if kept else bounds


def centred_over(chunk: Chunk, bounds: list[float], k: int) -> bool:
    """The chunk spans the two columns around bound `k`, centred on it within a
    quarter of its width and half an em: a group header over both ("Rok" over
    "2023 | 2024")."""
    if chunk_columns(chunk, bounds) != (k - 1, k):
        return False
    off = abs((chunk.x0 + chunk.x1) / 2 - bounds[k])
    return off <= min((chunk.x1 - chunk.x0) / 4, chunk.size / 2)


def chunks_over(chunk: Chunk, lines: Sequence[Line], baseline: float, reach: float) -> list[Chunk]:
    """The chunks over the chunk's extent on the nearest of `lines` (ordered away from
    the chunk's line) that has any, within `reach` of `baseline`."""
    for other in lines:
        if abs(other.baseline - baseline) > reach:
            return []
        over = [c for c in other.chunks if c.x1 > chunk.x0 and c.x0 < chunk.x1]
        if over:
            return over
    return []


def cut_chunk(chunk: Chunk, above: list[Chunk], below: list[Chunk]) -> list[Chunk]:
    """The chunk cut at each word gap where the chunks below it part, and those above
    part too or are one group header centred over it (sub-column headers under their
    group: a group header is never under another over the same columns)."""
    group = grouped(chunk, above)
    cuts = [
        k
        for k, start, end in word_gaps(chunk)
        if parted(chunk, below, start, end) and (group or parted(chunk, above, start, end))
    ]
    return cut_at(chunk, cuts)


def cut_at(chunk: Chunk, cuts: list[int]) -> list[Chunk]:
    """The chunk cut before each of the characters `cuts` (indices, ascending), blanks
    at the cuts dropped."""
    edges = [0, *cuts, len(chunk.chars)]
    pieces = [
        tuple(ch for ch in chunk.chars[a:b] if ch.text not in BLANKS)
        for a, b in zip(edges, edges[1:], strict=False)
    ]
    return [part(chunk, chars) for chars in pieces if chars]


def grouped(chunk: Chunk, above: list[Chunk]) -> bool:
    """One chunk above, narrower than the chunk: a group header over it and its
    neighbours ("Liczba" over "działań | organizacji uczestników", centred over all
    three), or centred over it alone."""
    return len(above) == 1 and above[0].x1 - above[0].x0 < chunk.x1 - chunk.x0


def word_gaps(chunk: Chunk) -> list[tuple[int, float, float]]:
    """(index of the first character after the gap, gap start, gap end) for each
    space between words: a blank, or free paper of `WORD_GAP` em."""
    out = []
    prev: Char | None = None
    blank = False
    for k, ch in enumerate(chunk.chars):
        if ch.text in BLANKS:
            blank = True
            continue
        if prev is not None and (blank or ch.x0 - prev.x1 >= WORD_GAP * chunk.size):
            out.append((k, prev.x1, ch.x0))
        prev, blank = ch, False
    return out


def parted(chunk: Chunk, neighbours: list[Chunk], start: float, end: float) -> bool:
    """Two of the neighbouring chunks lie over the chunk, one left of the gap's middle
    and one right of it, with the middle free between them."""
    middle = (start + end) / 2
    left = [c for c in neighbours if c.x1 <= middle and c.x0 >= chunk.x0 - chunk.size]
    right = [c for c in neighbours if c.x0 >= middle and c.x1 <= chunk.x1 + chunk.size]
    return bool(left) and bool(right) and len(neighbours) == len(left) + len(right)


def part(chunk: Chunk, chars: tuple[Char, ...]) -> Chunk:
    return chunk._replace(x0=min(c.x0 for c in chars), x1=max(c.x1 for c in chars), chars=chars)
