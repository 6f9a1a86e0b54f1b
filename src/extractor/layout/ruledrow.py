"""What rules mark and alignment alone does not: a header inside a frame, one row
between two rules.

A header set inside a frame or between two rules (`with_ruled_header`): the lines
between a rule spanning a region and the region's first line join it, when they
are few, fit its columns (a chunk within one column, or spanning columns right of
the first: a group header) and none is a numbered caption.  Their cells alignment
alone does not place: a label centred over two header lines, a group header.

One row of a table between two rules (`ruled_rows`): the last row of a table
carried over to the next page, boxed in a frame or set between two horizontal rules.

A lone line is no borderless table (a table needs `min_rows` rows), and a frame
without inner vertical rules is no lattice table (one column).  A line of two or
more chunks with a rule right above and right below it, each spanning the line, is
read as a one-row table: one cell per chunk, columns cut in the gaps between them.
The caption stage then joins it to the table it continues (same extent), or keeps
it as a table of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.chunks import Line, page_lines
from extractor.layout.gutters import chunk_columns, column_of
from extractor.layout.regions import Region, column_bounds, settled
from extractor.layout.rowgrid import region_table
from extractor.layout.ruled import Table
from extractor.layout.runs import is_caption
from extractor.layout.settings import LayoutSettings
from extractor.read.pdf import Char, PageContent


def ruled_rows(page: PageContent, chars: Sequence[Char], settings: LayoutSettings) -> list[Table]:
    """One-row tables of the lines (of `chars`) that rules enclose, captions aside."""
    rules = [s for s in page.segments if s.orientation == "h"]
    if len(rules) < 2 or not chars:
        return []
    top, bottom = min(c.top for c in chars), max(c.bottom for c in chars)
    if not any(top - 20 <= s.top <= bottom + 20 for s in rules):
        return []  # no rule near the text left outside tables
    tables = []
    for line in page_lines(chars, settings):
        if len(line.chunks) < 2 or is_caption(line, settings):
            continue  # a caption set between two tables' rules is no row
        box = enclosing_rules(page, line, settings)
        if box is not None:
            x0, x1 = box
            gaps = [(a.x1 + b.x0) / 2 for a, b in zip(line.chunks, line.chunks[1:], strict=False)]
            region = Region([line], [x0, *gaps, x1], settings.max_cell_pitch * line.size)
            tables.append(region_table(page.number, region, [], settings))
    return tables


def enclosing_rules(
    page: PageContent, line: Line, settings: LayoutSettings
) -> tuple[float, float] | None:
    """The left and right end of the rules right above and right below the line, when
    both span it; else None."""
    reach = settings.max_cell_pitch * line.size
    across = [
        s for s in page.segments if s.orientation == "h" and s.x0 <= line.x0 and line.x1 <= s.x1
    ]
    above = [s for s in across if 0 < line.top - s.top <= reach]
    below = [s for s in across if 0 < s.top - line.bottom <= reach]
    if not above or not below:
        return None
    upper = max(above, key=lambda s: s.top)
    lower = min(below, key=lambda s: s.top)
    return max(upper.x0, lower.x0), min(upper.x1, lower.x1)


def with_ruled_header(
    page: PageContent, lines: Sequence[Line], region: Region, settings: LayoutSettings
) -> Region:
    """The region with the lines between it and a rule spanning it right above them, or
    between the two rules right above it: a header set inside a frame or between two
    rules, whose cells alignment alone does not place (a label centred over two header
    lines, a group header over sub-columns)."""
    first = region.lines[0]
    x0, x1 = region.bounds[0], region.bounds[-1]
    spanning = [y for y in spanning_rules(page, x0, x1) if y < first.top][::-1]
    if not spanning:
        return region
    rule = spanning[0]
    above = [ln for ln in lines if rule < ln.top and ln.baseline < first.baseline]
    if not above and len(spanning) > 1:  # the header boxed between two rules
        rule = spanning[1]
        above = [ln for ln in lines if rule < ln.top and ln.bottom < spanning[0]]
    em = first.size
    fits = all(
        x0 - em <= ln.x0 and ln.x1 <= x1 + em and abs(ln.size - em) <= settings.size_tolerance * em
        for ln in above
    )
    if not above or len(above) > settings.ruled_header_lines or not fits:
        return region
    if any(is_caption(ln, settings) or not header_fit(ln, region.bounds) for ln in above):
        return region
    if above[0].top - rule > settings.max_cell_pitch * em:
        return region  # the rule closes something above, not this header
    return region._replace(lines=[*above, *region.lines])


def header_fit(line: Line, bounds: Sequence[float]) -> bool:
    """Each chunk of the line keeps to one column, or spans columns right of the first."""
    for chunk in line.chunks:
        first, last = chunk_columns(chunk, bounds)
        if first != last and first == 0:
            return False
    return True


def with_body_bounds(page: PageContent, region: Region, settings: LayoutSettings) -> Region:
    """The region's columns found from its body alone, when a rule spanning it closes a
    header of a few lines: centred header words cross the gutters right-aligned numbers
    leave ("umów" over the right edge of its values), and taken with the body they moved
    a gutter between a header word and its own values.  The bounds then move, within the
    body's gutters, off the header's text (`regions.settled`); they stand unless the
    header's chunks cross more of them, or head fewer columns, than with the region's
    own."""
    x0, x1 = region.bounds[0], region.bounds[-1]
    for rule in spanning_rules(page, x0, x1):
        head = [ln for ln in region.lines if ln.baseline < rule]
        body = [ln for ln in region.lines if ln.top > rule]
        if not head or len(head) + len(body) < len(region.lines):
            continue
        if len(head) > settings.ruled_header_lines or sum(len(ln.chunks) > 1 for ln in body) < 2:
            return region
        bounds = column_bounds(body, settings)
        if bounds is None or len(bounds) != len(region.bounds):
            return region
        bounds[0], bounds[-1] = x0, x1
        bounds = settled(bounds, body, region.lines)
        if crossings(head, bounds) > crossings(head, region.bounds) or headed(
            head, bounds
        ) < headed(head, region.bounds):
            return region  # the header's cells say otherwise
        return region._replace(bounds=bounds)
    return region


def spanning_rules(page: PageContent, x0: float, x1: float) -> list[float]:
    """The y of each horizontal rule spanning (nine tenths of) x0 to x1, top to bottom."""
    return sorted(
        s.top
        for s in page.segments
        if s.orientation == "h" and min(s.x1, x1) - max(s.x0, x0) >= 0.9 * (x1 - x0)
    )


def headed(lines: Sequence[Line], bounds: Sequence[float]) -> int:
    """How many columns hold the middle of some chunk of the lines."""
    return len({column_of((c.x0 + c.x1) / 2, bounds) for ln in lines for c in ln.chunks})


def crossings(lines: Sequence[Line], bounds: Sequence[float]) -> int:
    """How many column bounds the lines' chunks cross."""
    return sum(
        sum(chunk.x0 < b < chunk.x1 for b in bounds[1:-1]) for ln in lines for chunk in ln.chunks
    )
