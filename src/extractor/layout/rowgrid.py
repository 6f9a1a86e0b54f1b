"""The grid of a borderless region: chunks -> cell blocks -> rows -> cells.

Within a column, chunks at most a cell's line pitch apart (`Region.pitch`, and
no rule between them) are one *block*: the lines of one cell.  A chunk crossing
gutters makes a block of its columns (a group row, a total label, a group
header).  Blocks overlapping vertically are one *band*, so a wrapped label and
the values set at its top, middle or bottom are one row.  A band is cut again
where two or more columns break between blocks that other columns' blocks
span: a category cell centred over several rows, or a header whose group cell
stands over sub-columns while the other header cells span both lines; the
spanning blocks become cells with a rowspan.  Horizontal rules (drawn lines,
the edges of filled rows) always separate rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.blocks import (
    Block,
    extent,
    spanning_header,
    spread_groups,
    with_wrapped_groups,
)
from extractor.layout.chunks import Chunk
from extractor.layout.gutters import chunk_columns
from extractor.layout.headrows import compact_header
from extractor.layout.regions import Region
from extractor.layout.ruled import BBox, GridCell, Table
from extractor.layout.settings import LayoutSettings
from extractor.layout.spans import Rect, Rule, slots, widen
from extractor.layout.straddle import split_straddling
from extractor.read.pdf import Char

Slot = tuple[int, int]  # row, column


def region_table(
    page: int, region: Region, rules: Sequence[Rule], settings: LayoutSettings
) -> Table:
    """The grid of a region; `rules` are the horizontal rules inside it."""
    blocks = make_blocks(split_straddling(region), rules)
    n_cols = len(region.bounds) - 1
    line = header_rule(region, rules, settings)
    if line is None:
        table = assemble(page, region.bounds, blocks, cut_rows(blocks, n_cols), rules)
        return compact_header(table, settings)
    head = [b for b in blocks if b.bottom <= line]
    body = [b for b in blocks if b.bottom > line]
    head = spread_groups(with_wrapped_groups(head))
    rows = header_rows(head, n_cols) + cut_rows(body, n_cols)
    table = assemble(page, region.bounds, spanning_header(head, rows) + body, rows, rules)
    return compact_header(table, settings)


def body_table(page: int, region: Region) -> Table:
    """The grid of a region of body rows only (no header, no rules)."""
    blocks = make_blocks(region, [])
    return assemble(page, region.bounds, blocks, cut_rows(blocks, len(region.bounds) - 1), [])


def header_rule(region: Region, rules: Sequence[Rule], settings: LayoutSettings) -> float | None:
    """The rule under the header: the first rule spanning the region, with at most
    `ruled_header_lines` lines above it and rows below it."""
    x0, x1 = region.bounds[0], region.bounds[-1]
    for y, a, b in sorted(rules):
        if b - a >= 0.9 * (x1 - x0):
            above = sum(ln.baseline < y for ln in region.lines)
            below = any(ln.top > y for ln in region.lines)
            return y if 0 < above <= settings.ruled_header_lines and below else None
    return None


def header_rows(head: list[Block], n_cols: int) -> list[tuple[float, float]]:
    """The header's rows: cut under each group header, a block over two or more blocks
    below it (spanning their columns, or centred over them); else as any band."""
    if not head:
        return []
    cuts: list[float] = []
    for group in head:
        under = [b for b in head if b is not group and b.top >= group.bottom and over(group, b)]
        if side_by_side(under) and (group.first != group.last or centred(group, under)):
            y = (group.bottom + min(b.top for b in under)) / 2
            if not any(abs(y - c) < 0.5 * (group.bottom - group.top) for c in cuts):
                cuts.append(y)
    if not cuts:
        return split_band(head, n_cols)
    edges = [min(b.top for b in head), *sorted(cuts), max(b.bottom for b in head)]
    rows = []
    for top, bottom in zip(edges, edges[1:], strict=False):
        inside = [b for b in head if top <= b.top and b.bottom <= bottom]
        cut = [y for row in split_band(inside, n_cols)[1:] for y in row[:1]] if inside else []
        ys = [top, *cut, bottom]
        rows += list(zip(ys, ys[1:], strict=False))
    return rows


def side_by_side(blocks: list[Block]) -> bool:
    """Two of the blocks stand on one line in different columns (sub-column headers)."""
    return any(
        a.last < b.first and a.top < b.bottom and b.top < a.bottom for a in blocks for b in blocks
    )


def over(group: Block, block: Block) -> bool:
    x0, x1 = extent(group)
    b0, b1 = extent(block)
    return min(x1, b1) > max(x0, b0) or (group.first <= block.first and block.last <= group.last)


def centred(group: Block, under: list[Block]) -> bool:
    x0, x1 = extent(group)
    left = min(extent(b)[0] for b in under)
    right = max(extent(b)[1] for b in under)
    return abs((x0 + x1) / 2 - (left + right) / 2) <= max(c.size for c in group.chunks)


def make_blocks(region: Region, rules: Sequence[Rule]) -> list[Block]:
    items = sorted(
        ((chunk_columns(c, region.bounds), c) for ln in region.lines for c in ln.chunks),
        key=lambda item: (item[1].top, item[1].x0),
    )
    open_blocks: dict[tuple[int, int], list[Chunk]] = {}
    done: list[list[Chunk]] = []
    keys: list[tuple[int, int]] = []
    for cols, chunk in items:
        current = open_blocks.get(cols)
        if current is not None and continues_block(current[-1], chunk, rules, region.pitch):
            current.append(chunk)
            continue
        if current is not None:
            done.append(current)
            keys.append(cols)
        open_blocks[cols] = [chunk]
    for cols, chunks in open_blocks.items():
        done.append(chunks)
        keys.append(cols)
    return [
        Block(first, last, min(c.top for c in chunks), max(c.bottom for c in chunks),
              tuple(chunks))
        for (first, last), chunks in zip(keys, done, strict=True)
    ]  # fmt: skip


def continues_block(prev: Chunk, chunk: Chunk, rules: Sequence[Rule], pitch: float) -> bool:
    """The chunk continues the cell of `prev`: close below it, no rule under it between
    (under the part they share, or under both when they share none: a centred header
    over a right-aligned value)."""
    if chunk.top - prev.top > pitch:
        return False
    x0, x1 = max(prev.x0, chunk.x0), min(prev.x1, chunk.x1)
    if x1 <= x0:
        x0, x1 = min(prev.x0, chunk.x0), max(prev.x1, chunk.x1)
    for y, r0, r1 in rules:
        if prev.bottom <= y <= chunk.top and min(r1, x1) - max(r0, x0) > 0.5 * (x1 - x0):
            return False
    return True


def cut_rows(blocks: list[Block], n_cols: int) -> list[tuple[float, float]]:
    """Row extents (top, bottom), top to bottom."""
    rows: list[tuple[float, float]] = []
    found = bands(blocks)
    i = 0
    while i < len(found):
        if side_labelled(found[i : i + 3]):
            rows.extend(header_rows([b for band in found[i : i + 3] for b in band], n_cols))
            i += 3
        elif i + 1 < len(found) and side_labelled([found[i], *labels_apart(*found[i : i + 2])]):
            rows.extend(header_rows(found[i] + found[i + 1], n_cols))
            i += 2
        else:  # the first band may be a header with a group over sub-columns
            rows.extend(header_rows(found[i], n_cols) if i == 0 else split_band(found[i], n_cols))
            i += 1
    return rows


def side_labelled(three: list[list[Block]]) -> bool:
    """Three bands that are one header: a group header over sub-column headers and,
    between them, labels in the columns beside the group (printed once, centred on
    the header's two lines)."""
    if len(three) < 3:
        return False
    group, side, sub = three
    if len(group) != 1 or len(sub) < 2 or not centred(group[0], sub):
        return False
    first, last = min(b.first for b in sub), max(b.last for b in sub)
    return not any(b.first <= last and first <= b.last for b in side)


def labels_apart(group: list[Block], band: list[Block]) -> list[list[Block]]:
    """The band under a lone group header as two bands, the labels beside the group
    and the blocks under it, when each label is centred on the group's line and the
    line under it (OCR's boxes made the labels touch the sub-column headers)."""
    if len(group) != 1:
        return [band]
    head = group[0]
    side = [b for b in band if b.last < head.first or b.first > head.last]
    sub = [b for b in band if b not in side]
    if not side or not sub:
        return [band]
    upper, lower = (head.top + head.bottom) / 2, sum(b.top + b.bottom for b in sub) / 2 / len(sub)
    mid, room = (upper + lower) / 2, (lower - upper) / 4
    if all(abs((b.top + b.bottom) / 2 - mid) <= room for b in side):
        return [side, sub]
    return [band]


def bands(blocks: list[Block]) -> list[list[Block]]:
    """Blocks overlapping vertically, top to bottom."""
    out: list[list[Block]] = []
    bottom = float("-inf")
    for block in sorted(blocks, key=lambda b: b.top):
        if out and block.top <= bottom:
            out[-1].append(block)
            bottom = max(bottom, block.bottom)
        else:
            out.append([block])
            bottom = block.bottom
    return out


def split_band(band: list[Block], n_cols: int) -> list[tuple[float, float]]:
    """A band's rows: cut where two or more columns break and fewer columns span."""
    top, bottom = min(b.top for b in band), max(b.bottom for b in band)
    cuts: list[float] = []
    for y in sorted({(p.bottom + q.top) / 2 for p, q in column_gaps(band, n_cols)}):
        breaking = crossing = 0
        for col in range(n_cols):
            here = [b for b in band if b.first <= col <= b.last]
            if any(b.top < y < b.bottom for b in here):
                crossing += 1
            elif any(b.bottom <= y for b in here) and any(b.top >= y for b in here):
                breaking += 1
        if breaking < 2 or breaking <= crossing:
            continue
        if cuts and not any(cuts[-1] <= b.top and b.bottom <= y for b in band):
            cuts[-1] = (cuts[-1] + y) / 2  # the same gap, seen in another column
        else:
            cuts.append(y)
    edges = [top] + cuts + [bottom]
    return list(zip(edges, edges[1:], strict=False))


def column_gaps(band: list[Block], n_cols: int) -> list[tuple[Block, Block]]:
    pairs = []
    for col in range(n_cols):
        here = sorted((b for b in band if b.first <= col <= b.last), key=lambda b: b.top)
        pairs += [(p, q) for p, q in zip(here, here[1:], strict=False) if p.bottom < q.top]
    return pairs


def assemble(
    page: int,
    bounds: Sequence[float],
    blocks: list[Block],
    rows: list[tuple[float, float]],
    rules: Sequence[Rule],
) -> Table:
    """Cells: blocks sharing a grid slot are one cell; empty slots are empty cells."""
    rects, groups = merge_overlapping([block_rect(b, rows) for b in blocks])
    bold = [all(c.bold for i in group for c in blocks[i].chunks) for group in groups]
    centred = [
        centred_on(rect, group, rects, groups, blocks)
        for rect, group in zip(rects, groups, strict=True)
    ]
    final = widen(rects, rows, bounds, rules, bold, centred)
    ys = row_edges(rows)
    cells = []
    used: set[Slot] = set()
    for rect, group in zip(final, groups, strict=True):
        r0, r1, c0, c1 = rect
        used |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        chars = tuple(ch for i in group for chunk in blocks[i].chunks for ch in chunk.chars)
        cells.append(grid_cell(r0, r1, c0, c1, bounds, ys, chars))
    for r in range(len(rows)):
        for c in range(len(bounds) - 1):
            if (r, c) not in used:
                cells.append(grid_cell(r, r, c, c, bounds, ys, ()))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Table(
        page=page,
        bbox=BBox(x0=bounds[0], top=ys[0], x1=bounds[-1], bottom=ys[-1]),
        n_rows=len(rows),
        n_cols=len(bounds) - 1,
        cells=tuple(cells),
        ruled=False,
    )


def centred_on(
    rect: Rect, group: list[int], rects: list[Rect], groups: list[list[int]],
    blocks: list[Block],
) -> bool:  # fmt: skip
    """The cell of `group` crosses columns and its text is `centred` on the text of the
    row under it in those columns (a group header over its sub-columns)."""
    under = [
        blocks[i]
        for other, below in zip(rects, groups, strict=True)
        if other[0] == rect[1] + 1 and rect[2] <= other[2] and other[3] <= rect[3]
        for i in below
    ]
    if rect[3] == rect[2] or not under:
        return False
    chunks = tuple(c for i in group for c in blocks[i].chunks)
    return centred(Block(rect[2], rect[3], 0.0, 0.0, chunks), under)


def merge_overlapping(rects: list[Rect]) -> tuple[list[Rect], list[list[int]]]:
    """Rectangles sharing a grid slot merged (their bounding rectangle), until none do;
    with the indices of the rectangles each result holds."""
    groups = [[i] for i in range(len(rects))]
    while True:
        owner: dict[Slot, int] = {}
        merged = False
        for k, rect in enumerate(rects):
            for slot in slots(rect):
                other = owner.setdefault(slot, k)
                if other != k and groups[other] and groups[k]:
                    rects[other] = union(rects[other], rects[k])
                    groups[other] += groups[k]
                    groups[k] = []
                    merged = True
                    break
        kept = [k for k in range(len(rects)) if groups[k]]
        rects, groups = [rects[k] for k in kept], [groups[k] for k in kept]
        if not merged:
            return rects, groups


def block_rect(block: Block, rows: list[tuple[float, float]]) -> Rect:
    hit = [k for k, (top, bottom) in enumerate(rows) if block.top < bottom and block.bottom > top]
    if not hit:  # pragma: no cover - every block lies in its band's rows
        mid = (block.top + block.bottom) / 2
        hit = [min(range(len(rows)), key=lambda k: abs((rows[k][0] + rows[k][1]) / 2 - mid))]
    return (hit[0], hit[-1], block.first, block.last)


def union(a: Rect, b: Rect) -> Rect:
    return (min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]))


def row_edges(rows: list[tuple[float, float]]) -> list[float]:
    edges = [rows[0][0] - 1.0]
    for (_, bottom), (top, _) in zip(rows, rows[1:], strict=False):
        edges.append((bottom + top) / 2)
    edges.append(rows[-1][1] + 1.0)
    return edges


def grid_cell(
    r0: int, r1: int, c0: int, c1: int, xs: Sequence[float], ys: Sequence[float],
    chars: tuple[Char, ...],
) -> GridCell:  # fmt: skip
    return GridCell(
        row=r0, col=c0, rowspan=r1 - r0 + 1, colspan=c1 - c0 + 1,
        bbox=BBox(x0=xs[c0], top=ys[r0], x1=xs[c1 + 1], bottom=ys[r1 + 1]), chars=chars,
    )  # fmt: skip
