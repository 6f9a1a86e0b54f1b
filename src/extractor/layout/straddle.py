"""Chunks that straddle two cells, cut apart.

Two header cells of narrow neighbouring columns can stand so close that their
words are closer than a chunk gap and read as one chunk ("złożonych zawartych"
under "Liczba | Liczba"), which the grid would take for a group header over
both columns.  Such a chunk is two cells when the lines right above and right
below it are each two chunks over it, apart at one of its word gaps: a cell
spanning two columns never has its columns' cells split on both sides of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.chunks import Chunk, Line
from extractor.layout.gutters import chunk_columns
from extractor.layout.lines import BLANKS
from extractor.layout.regions import Region
from extractor.read.pdf import Char

WORD_GAP = 0.2  # em: free paper between two glyphs that is a word space


def split_straddling(region: Region) -> Region:
    """The region with each straddling chunk cut at its word gap, and the column
    bound it crossed moved into that gap when no other chunk then crosses it
    (a header word may reach a little over the body's gutter)."""
    lines = list(region.lines)
    out = []
    bounds = list(region.bounds)
    for i, line in enumerate(lines):
        chunks: list[Chunk] = []
        for chunk in line.chunks:
            above = chunks_over(chunk, lines[:i][::-1], line.baseline, region.pitch)
            below = chunks_over(chunk, lines[i + 1 :], line.baseline, region.pitch)
            parts = cut_chunk(chunk, above, below)
            if len(parts) == 2:
                bounds = moved_bound(bounds, parts, [c for ln in lines for c in ln.chunks])
            chunks.extend(parts)
        out.append(line._replace(chunks=tuple(chunks)))
    return region._replace(lines=out, bounds=bounds)


def moved_bound(bounds: list[float], parts: list[Chunk], chunks: list[Chunk]) -> list[float]:
    """`bounds` with the one between the two parts moved to the middle of their gap,
    when that leaves every other chunk in the columns it was in."""
    middle = (parts[0].x1 + parts[1].x0) / 2
    inside = [k for k, b in enumerate(bounds) if parts[0].x0 < b < parts[1].x1]
    if len(inside) != 1:
        return bounds
    moved = list(bounds)
    moved[inside[0]] = middle
    if not moved[inside[0] - 1] < middle < moved[inside[0] + 1]:
        return bounds
    kept = all(chunk_columns(c, moved) == chunk_columns(c, bounds) for c in chunks)
    return moved if kept else bounds


def chunks_over(chunk: Chunk, lines: Sequence[Line], baseline: float, pitch: float) -> list[Chunk]:
    """The chunks over the chunk's extent on the nearest of `lines` (ordered away from
    the chunk's line) that has any, within `pitch` of `baseline`."""
    for other in lines:
        if abs(other.baseline - baseline) > pitch:
            return []
        over = [c for c in other.chunks if c.x1 > chunk.x0 and c.x0 < chunk.x1]
        if over:
            return over
    return []


def cut_chunk(chunk: Chunk, above: list[Chunk], below: list[Chunk]) -> list[Chunk]:
    """The chunk, or its two parts when the chunks above and below it part at one of
    its word gaps (each side two chunks within its extent)."""
    for k, start, end in word_gaps(chunk):
        if parted(chunk, above, start, end) and parted(chunk, below, start, end):
            left = tuple(ch for ch in chunk.chars[:k] if ch.text not in BLANKS)
            right = tuple(ch for ch in chunk.chars[k:] if ch.text not in BLANKS)
            return [part(chunk, left), part(chunk, right)]
    return [chunk]


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
    over = neighbours
    left = [c for c in over if c.x1 <= middle and c.x0 >= chunk.x0 - chunk.size]
    right = [c for c in over if c.x0 >= middle and c.x1 <= chunk.x1 + chunk.size]
    return bool(left) and bool(right) and len(over) == len(left) + len(right)


def part(chunk: Chunk, chars: tuple[Char, ...]) -> Chunk:
    return chunk._replace(x0=min(c.x0 for c in chars), x1=max(c.x1 for c in chars), chars=chars)
