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
