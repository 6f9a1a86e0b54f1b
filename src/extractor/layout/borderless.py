"""Tables without full ruling: read from the alignment of their text.

`resolve_tables` takes the page's lattice tables (`ruled.find_tables`) and
returns the tables of the page:

- a lattice table with two or more rows stays exactly as lattice reads it
  (*strong*); its characters take no further part, and when it is narrower than
  the page's text its caption and notes are kept from a table beside it;
- a lattice table is *weak*, kept only when no table read from the text covers
  it, when it has one row, belongs to a stack of lattice tables of one width
  with rows of aligned text between them (the filled rows of a zebra table), or
  has a merged cell holding a table of its own (a frame whose header is ruled:
  lattice sees the body as one cell);
- everything else is read from text alignment (`chunks` -> `regions` ->
  `sidebyside` -> `rowgrid` -> `spans`): columns from gutters that many lines
  leave free, rows from cell blocks; horizontal rules (drawn, or the edges of
  filled rows) separate rows.  A region is a table when it has two or more
  columns and at least `min_rows` rows with two filled cells (`min_ruled_rows`
  when a rule crosses it), and is not a list (a first column of enumerators:
  "1.", "a)", "•").

The result is ordinary `Table`s (`ruled=False`), so every later stage is shared
with ruled tables.  No caption or header rule is needed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from extractor.layout.carried import rows_under
from extractor.layout.chunks import Chunk, Line, page_lines
from extractor.layout.frames import bands, frame_tops
from extractor.layout.gutters import without_specks
from extractor.layout.regions import Region, find_regions
from extractor.layout.rowgrid import region_table
from extractor.layout.ruled import BBox, Table, chars_in_box, column_edges
from extractor.layout.ruledrow import ruled_rows, with_body_bounds, with_ruled_header
from extractor.layout.runs import is_caption
from extractor.layout.settings import DEFAULT_SETTINGS, LayoutSettings
from extractor.layout.sidebyside import split_side_by_side
from extractor.layout.spans import Rule
from extractor.layout.stacking import stack_headers
from extractor.read.pdf import Char, PageContent

ENUMERATOR = re.compile(
    r"^(?:\(?[0-9]{1,3}[.)]?|\(?[a-zA-Z][.)]|[ivxlcIVXLC]{1,5}[.)]|[•·▪◦●○*–—-])$"
)


def resolve_tables(
    page: PageContent, ruled: Sequence[Table], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[Table]:
    """The page's tables: lattice tables kept, borderless ones added, top to bottom."""
    weak = weak_tables(page, ruled, settings)
    strong = [t for t in ruled if not any(t is w for w in weak)]
    taken = {id(c) for t in strong for c in chars_in_box(page.chars, t.bbox)}
    chars = [c for c in page.chars if id(c) not in taken] if taken else list(page.chars)
    extent = text_extent(page) if strong else (0.0, page.width, 10.0)
    zones = [zone(extent, t, settings, captioned_over(chars, t, settings)) for t in strong]
    found = find_borderless_tables(page, chars, strong, zones, settings, weak)
    kept = [w for w in weak if not any(covers(t, w) for t in [*found, *strong])]
    short = short_bodies(page, strong + kept, found, chars, settings)
    lattice, found = stack_headers(strong + kept, found + short, chars, extent[2], settings)
    tables = lattice + [t for t in found if not any(t is s for s in short)]
    inside = {id(c) for t in tables for c in chars_in_box(page.chars, t.bbox)}
    tables += ruled_rows(page, [c for c in page.chars if id(c) not in inside], settings)
    return sorted(tables, key=lambda t: (t.bbox.top, t.bbox.x0))


def short_bodies(
    page: PageContent,
    lattice: Sequence[Table],
    found: Sequence[Table],
    chars: Sequence[Char],
    settings: LayoutSettings,
) -> list[Table]:
    """Rows right under a lattice header that no table found holds (`rows_under`): for
    `stack_headers` to join under it, dropped when they join nothing."""
    taken = {id(c) for t in found for c in chars_in_box(chars, t.bbox)}
    free = [c for c in chars if id(c) not in taken]
    return [body for head in lattice if (body := rows_under(page, free, head, settings))]


def text_extent(page: PageContent) -> tuple[float, float, float]:
    """Left and right end of the page's text, and its median text size."""
    if not page.chars:
        return 0.0, page.width, 10.0
    sizes = sorted(c.size for c in page.chars[:: max(1, len(page.chars) // 200)])
    return min(c.x0 for c in page.chars), max(c.x1 for c in page.chars), sizes[len(sizes) // 2]


def zone(
    extent: tuple[float, float, float], table: Table, settings: LayoutSettings, above: bool
) -> BBox:
    """Where a lattice table's text lies: its box, and for a table narrower than the
    page's text (another table may stand beside it) its notes below it and, when its
    caption stands `above` it, that caption too, which must not join a table beside it
    (a chunk wholly in the zone is left out of borderless tables).  Without a caption
    above, the text there is no part of it (the last row of a wider table over it)."""
    box = table.bbox
    x0, x1, size = extent
    if box.x1 - box.x0 >= settings.beside_share * (x1 - x0):
        return box
    reach = settings.caption_gap * size
    top = box.top - reach if above else box.top
    return BBox(x0=box.x0, top=top, x1=box.x1, bottom=box.bottom + reach)


def captioned_over(chars: Sequence[Char], table: Table, settings: LayoutSettings) -> bool:
    """A numbered caption stands within `caption_gap` lines over the table, in its width."""
    box = table.bbox
    size = sorted(c.size for c in chars)[len(chars) // 2] if chars else 10.0
    reach = settings.caption_gap * size
    over = [
        c for c in chars
        if box.x0 - 1 <= c.x0 and c.x1 <= box.x1 + 1 and box.top - reach <= c.baseline <= box.top
    ]  # fmt: skip
    return any(is_caption(line, settings) for line in page_lines(over, settings))


def weak_tables(page: PageContent, ruled: Sequence[Table], settings: LayoutSettings) -> list[Table]:
    """One-row lattice tables, stacks of lattice tables of one width, and lattice
    tables with a merged cell holding a table of its own (a frame with a ruled
    header: lattice sees the body as one cell)."""
    weak = [t for t in ruled if t.n_rows == 1 or holds_table(t, settings)]
    for a in ruled:
        for b in ruled:
            if a is not b and stacked(page, a, b, settings):
                weak += [t for t in (a, b) if not any(t is w for w in weak)]
    return weak


def stacked(page: PageContent, a: Table, b: Table, settings: LayoutSettings) -> bool:
    """`b` continues `a` below it after a gap of unruled rows: the same width, and the
    lines between them keep to `a`'s columns, one or more of them printing in two or
    more columns (zebra stripes; a wrapped label's last line prints in one)."""
    if not same_width(a, b) or not 0 < b.bbox.top - a.bbox.bottom <= 3 * row_height(a):
        return False
    gap = [c for c in page.chars if a.bbox.bottom < (c.top + c.bottom) / 2 < b.bbox.top]
    lines = page_lines(gap, settings)
    if not lines:
        return False
    xs = sorted({cell.bbox.x0 for cell in a.cells} | {a.bbox.x1})
    rows = 0
    for line in lines:
        cols = [bisect_right(xs, (c.x0 + c.x1) / 2) for c in line.chunks]
        inside = all(
            bisect_right(xs, c.x0 + 0.5) == bisect_right(xs, c.x1 - 0.5) for c in line.chunks
        )
        if not inside:
            return False
        rows += len(set(cols)) >= 2
    return rows > 0


def holds_table(table: Table, settings: LayoutSettings) -> bool:
    """A merged cell of the table holds lines whose text keeps to columns of its own."""
    for cell in table.cells:
        if cell.colspan < 2 or len(cell.chars) < 8:
            continue
        lines = page_lines(cell.chars, settings)
        if sum(len(ln.chunks) >= 2 for ln in lines) >= 2 and find_regions(lines, settings):
            return True
    return False


def same_width(a: Table, b: Table) -> bool:
    return abs(a.bbox.x0 - b.bbox.x0) <= 2 and abs(a.bbox.x1 - b.bbox.x1) <= 2


def row_height(t: Table) -> float:
    return (t.bbox.bottom - t.bbox.top) / max(1, t.n_rows)


def covers(table: Table, other: Table) -> bool:
    a, b = table.bbox, other.bbox
    width = max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0))
    height = max(0.0, min(a.bottom, b.bottom) - max(a.top, b.top))
    return width * height >= 0.5 * (b.x1 - b.x0) * (b.bottom - b.top)


def find_borderless_tables(
    page: PageContent,
    chars: Sequence[Char],
    strong: Sequence[Table],
    zones: Sequence[BBox],
    settings: LayoutSettings,
    weak: Sequence[Table] = (),
) -> list[Table]:
    lines = without_captions_beside(
        without_zones(without_specks(page_lines(chars, settings)), zones), strong, settings
    )
    if sum(len(ln.chunks) >= 2 for ln in lines) < 2:
        return []
    tables = []
    found_regions = [
        r for band in bands(lines, frame_tops(page.segments)) for r in find_regions(band, settings)
    ]
    for found in found_regions:
        whole = with_body_bounds(page, with_ruled_header(page, lines, found, settings), settings)
        parts = [
            snapped(page, cut_at_caption(part, settings), weak)
            for part in split_side_by_side(whole, region_rules(page, whole), settings)
        ]
        captioned = captioned_above(lines, found, settings)
        tables += region_tables(page, parts, strong, settings, captioned)
    return tables


def captioned_above(lines: Sequence[Line], region: Region, settings: LayoutSettings) -> bool:
    """A numbered caption is the line right above the region, within two cell pitches."""
    k = next((i for i, ln in enumerate(lines) if ln is region.lines[0]), 0)
    if k == 0 or not is_caption(lines[k - 1], settings):
        return False
    return region.lines[0].baseline - lines[k - 1].baseline <= 2 * region.pitch


def snapped(page: PageContent, region: Region, lattices: Sequence[Table]) -> Region:
    """The region's columns taken from the rules drawn over its rows, when they give as
    many columns: the vertical rules of a lattice of the same width (a ruled header,
    rows of ruled cells read as pieces), or the joints of horizontal rules drawn cell by
    cell.  Where rules are drawn, they say where a column ends, not the text."""
    top, bottom = region.lines[0].top, region.lines[-1].bottom
    x0, x1 = region.bounds[0], region.bounds[-1]
    for table in lattices:
        box = table.bbox
        if box.top >= bottom or box.bottom <= top or abs(box.x0 - x0) > 6 or abs(box.x1 - x1) > 6:
            continue
        edges = column_edges(table)
        if len(edges) == len(region.bounds):
            return region._replace(bounds=[x0, *edges[1:-1], x1])
    joints = rule_joints(page, top - 20, bottom + 20, x0 + 3, x1 - 3)
    if len(joints) == len(region.bounds) - 2:
        return region._replace(bounds=[x0, *joints, x1])
    return region


def rule_joints(page: PageContent, top: float, bottom: float, x0: float, x1: float) -> list[float]:
    """Where pieces of horizontal rules drawn cell by cell start, seen on two rules or
    more (the left edges of cells), between `x0` and `x1`."""
    starts = sorted(
        s.x0 for s in page.segments
        if s.orientation == "h" and top <= s.top <= bottom and x0 < s.x0 < x1
    )  # fmt: skip
    clusters: list[list[float]] = []
    for x in starts:
        if clusters and x - clusters[-1][-1] <= 2:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [sum(c) / len(c) for c in clusters if len(c) >= 2]


def cut_at_caption(region: Region, settings: LayoutSettings) -> Region:
    """A table set beside a longer one ends at its numbered caption (the caption and the
    notes over it, lines of one chunk after the last row, are no rows of it)."""
    at = next((i for i, ln in enumerate(region.lines) if i and is_caption(ln, settings)), None)
    if at is None:
        return region
    lines = region.lines[:at]
    while len(lines) > 2 and len(lines[-1].chunks) < 2:
        lines = lines[:-1]
    return region._replace(lines=lines)


def region_tables(
    page: PageContent,
    regions: list[Region],
    strong: Sequence[Table],
    settings: LayoutSettings,
    captioned: bool = False,
) -> list[Table]:
    """The regions' tables; a region needs `min_rows` rows, or `min_ruled_rows` when a
    rule crosses it or a numbered caption heads it (`captioned`: a table's first part,
    its header and a row, at a page's foot)."""
    tables = []
    for region in regions:
        if any(overlaps_table(region, t) for t in strong):
            continue
        rules = region_rules(page, region)
        table = region_table(page.number, region, rules, settings)
        marked = captioned or crossed(rules, region)
        if is_table(table, marked, settings) and not is_list(region):
            tables.append(table)
    return tables


def without_zones(lines: list[Line], zones: Sequence[BBox]) -> list[Line]:
    """The lines without their chunks lying wholly in one of the zones."""
    if not zones:
        return lines
    out = []
    for line in lines:
        chunks = tuple(c for c in line.chunks if not any(inside(c, z) for z in zones))
        if len(chunks) == len(line.chunks):
            out.append(line)
        elif chunks:
            out.append(line._replace(chunks=chunks, x0=chunks[0].x0, x1=max(c.x1 for c in chunks)))
    return out


def without_captions_beside(
    lines: list[Line], strong: Sequence[Table], settings: LayoutSettings
) -> list[Line]:
    """The lines without the numbered captions of ruled tables set beside other text (a
    borderless table next to the ruled one), printed within the ruled table's width
    right under or over it: such a caption would cut the rows beside it in two."""

    def beside(line: Line, table: Table) -> bool:
        box = table.bbox
        if not (box.x0 - 3 <= line.x0 and line.x1 <= box.x1 + 3):
            return False
        if not (-3 <= line.top - box.bottom <= 3 * line.size or -3 <= box.top - line.bottom
                <= 3 * line.size):  # fmt: skip
            return False
        return any(
            abs(other.baseline - line.baseline) <= 2 * line.size
            and (other.x1 < box.x0 or other.x0 > box.x1)
            for other in lines
        )

    return [
        ln for ln in lines
        if not (is_caption(ln, settings) and any(beside(ln, t) for t in strong))
    ]  # fmt: skip


def inside(chunk: Chunk, box: BBox) -> bool:
    return (
        box.x0 - 1 <= chunk.x0
        and chunk.x1 <= box.x1 + 1
        and box.top <= (chunk.top + chunk.bottom) / 2 <= box.bottom
    )


def overlaps_table(region: Region, table: Table) -> bool:
    top = min(ln.top for ln in region.lines)
    bottom = max(ln.bottom for ln in region.lines)
    b = table.bbox
    x0, x1 = region.bounds[0], region.bounds[-1]
    return top < b.bottom and b.top < bottom and x0 < b.x1 and b.x0 < x1


def region_rules(page: PageContent, region: Region) -> list[Rule]:
    """The horizontal rules inside the region, pieces of one line joined."""
    top = min(ln.top for ln in region.lines)
    bottom = max(ln.bottom for ln in region.lines)
    x0, x1 = region.bounds[0], region.bounds[-1]
    pieces = sorted(
        (round(s.top), max(s.x0, x0), min(s.x1, x1))
        for s in page.segments
        if s.orientation == "h" and top < s.top < bottom and s.x1 > x0 and s.x0 < x1
    )
    rules: list[Rule] = []
    for y, a, b in pieces:
        if rules and rules[-1][0] == y and a <= rules[-1][2] + 2:
            rules[-1] = (y, rules[-1][1], max(b, rules[-1][2]))
        else:
            rules.append((float(y), a, b))
    return rules


def crossed(rules: Sequence[Rule], region: Region) -> bool:
    """A rule runs under a third of the region's width or more."""
    width = region.bounds[-1] - region.bounds[0]
    return any(b - a >= width / 3 for _, a, b in rules)


def is_table(table: Table, ruled: bool, settings: LayoutSettings) -> bool:
    if table.n_cols < 2:
        return False
    filled: dict[int, int] = {}
    for cell in table.cells:
        if cell.chars:
            filled[cell.row] = filled.get(cell.row, 0) + 1
    rows = sum(1 for n in filled.values() if n >= 2)
    return rows >= (settings.min_ruled_rows if ruled else settings.min_rows)


def is_list(region: Region) -> bool:
    """Two columns, the first holding only enumerators: a numbered or bulleted list."""
    if len(region.bounds) != 3:
        return False
    firsts = [
        "".join(ch.text for ch in c.chars if not ch.text.isspace())
        for ln in region.lines
        for c in ln.chunks
        if c.x1 <= region.bounds[1]
    ]
    return bool(firsts) and all(ENUMERATOR.match(t) for t in firsts)
