"""Blocks of a borderless region's grid and its header's group cells.

Takes: chunks gathered into blocks (the lines of one cell, in its columns) by
`layout.rowgrid`.  Gives: `Block`, and the header's blocks with each group
header's wrapped lines joined to it and label cells stretched over the header's
rows.  Imports: `layout.chunks`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from extractor.layout.chunks import Chunk


class Block(NamedTuple):
    first: int  # columns
    last: int
    top: float
    bottom: float
    chunks: tuple[Chunk, ...]


def with_wrapped_groups(head: list[Block]) -> list[Block]:
    """Group headers wrapped over lines: a block spanning columns takes the lines right
    under it that lie within its width, centred under it ("Środki przekazane" over
    "(tys. zł)"), up to a line with a neighbour under the group (the sub-column headers
    "2021 2022 2023", which OCR may set close enough to join the wrapped line's block)."""
    out = sorted(head, key=lambda b: b.top)
    for group in [b for b in out if b.first != b.last]:
        if group not in out:
            continue
        size = max(c.size for c in group.chunks)
        for block in list(out):
            if block is group:
                continue
            taken = wrapped_lines(group, block, out, size)
            if not taken:
                continue
            index = out.index(group)
            group = group._replace(bottom=max(c.bottom for c in taken), chunks=group.chunks + taken)
            out[index] = group
            rest = block.chunks[len(taken) :]
            if rest:
                out[out.index(block)] = block._replace(top=min(c.top for c in rest), chunks=rest)
            else:
                out.remove(block)
    return out


def wrapped_lines(group: Block, block: Block, head: list[Block], size: float) -> tuple[Chunk, ...]:
    """The block's first chunks that continue the group header's text (see
    `with_wrapped_groups`)."""
    x0, x1 = extent(group)
    bottom = group.bottom
    taken: list[Chunk] = []
    for chunk in block.chunks:
        if not 0 <= chunk.top - bottom <= 0.6 * size:
            break
        if not (x0 - 0.5 <= chunk.x0 and chunk.x1 <= x1 + 0.5):
            break
        if abs(chunk.x0 + chunk.x1 - x0 - x1) > 2 * size or beside(chunk, group, block, head):
            break
        taken.append(chunk)
        bottom = chunk.bottom
    return tuple(taken)


def beside(chunk: Chunk, group: Block, block: Block, head: list[Block]) -> bool:
    """Another header block stands on the chunk's line under the group."""
    return any(
        other is not block
        and other is not group
        and group.first <= other.first
        and other.last <= group.last
        and any(c.top < chunk.bottom and chunk.top < c.bottom for c in other.chunks)
        for other in head
    )


def extent(block: Block) -> tuple[float, float]:
    return min(c.x0 for c in block.chunks), max(c.x1 for c in block.chunks)


def spanning_header(head: list[Block], rows: Sequence[tuple[float, float]]) -> list[Block]:
    """Header cells reach over the header rows where nothing else stands in their
    columns: a label set once beside a group header and its sub-columns."""
    if not head:
        return head
    top, bottom = min(b.top for b in head), max(b.bottom for b in head)
    top = max((t for t, _ in rows if t <= top + 0.01), default=top)
    bottom = min((e for _, e in rows if e >= bottom - 0.01), default=bottom)
    out = []
    for block in head:
        alone = not any(
            other is not block and other.first <= block.last and block.first <= other.last
            for other in head
        )
        out.append(block._replace(top=top, bottom=bottom) if alone else block)
    return out


def spread_groups(head: list[Block]) -> list[Block]:
    """Group headers widened over the sub-column headers set side by side right under
    them that they are centred on ("Liczba" over "ofert | zawartych umów": the column
    bound between them falls under "Liczba", which then lay in one column), when the
    group's line holds nothing else in those columns."""
    out = list(head)
    for k, group in enumerate(out):
        size = max(c.size for c in group.chunks)
        below = [b for b in out if b is not group and 0 <= b.top - group.bottom <= 2 * size]
        span = centred_span(group, below, size)
        if span is None or span == (group.first, group.last):
            continue
        first, last = min(span[0], group.first), max(span[1], group.last)
        if not any(own_cell(b, group, first, last, size) for b in out):
            out[k] = group._replace(first=first, last=last)
    return out


def own_cell(block: Block, group: Block, first: int, last: int, size: float) -> bool:
    """`block` is a header cell of its own in the columns the group would take, starting
    beside the group or under its line (a neighbour's header set lower, centred on more
    lines than the group's), not one of its sub-column headers."""
    if block is group or block.last < first or last < block.first:
        return False
    if group.first <= block.first and block.last <= group.last:
        return False
    return block.top < group.bottom + 0.5 * size


Slot = tuple[int, int, float, float]  # first and last column, text's left and right


def centred_span(group: Block, below: list[Block], size: float) -> tuple[int, int] | None:
    """The columns of two or more neighbouring header cells under the group, holding those
    it overlaps, that it is most nearly centred on (within an em)."""
    cells: dict[tuple[int, int], tuple[float, float]] = {}
    for block in below:
        x0, x1 = extent(block)
        old = cells.get((block.first, block.last), (x0, x1))
        cells[(block.first, block.last)] = (min(old[0], x0), max(old[1], x1))
    slots: list[Slot] = sorted((a, b, x0, x1) for (a, b), (x0, x1) in cells.items())
    g0, g1 = extent(group)
    touching = [i for i, s in enumerate(slots) if min(s[3], g1) > max(s[2], g0)]
    if not touching:
        return None
    best: tuple[float, tuple[int, int]] | None = None
    for i in range(min(touching) + 1):
        for j in range(max(touching), len(slots)):
            run = slots[i : j + 1]
            if len(run) < 2 or any(a[1] + 1 != b[0] for a, b in zip(run, run[1:], strict=False)):
                continue
            off = abs((run[0][2] + run[-1][3]) / 2 - (g0 + g1) / 2)
            if off <= size and (best is None or off < best[0]):
                best = (off, (run[0][0], run[-1][1]))
    return best[1] if best else None
