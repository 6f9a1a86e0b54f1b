"""Borderless tables: a rule under a header row, columns kept by alignment.

A long horizontal rule outside any ruled table, with text lines right above
it (the header) and rows below it, is read as a table: columns are the runs
of x positions that the text of header and rows leaves free; a row starts
with a line that prints something in the first column, later lines without
one continue it.  The result is an ordinary `Table` (`ruled=False`), so every
later stage is shared with ruled tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout.lines import X0, cluster_by_baseline, cluster_to_line, dominant_size
from extractor.layout.ruled import BBox, GridCell, Table, chars_in_box
from extractor.layout.settings import DEFAULT_SETTINGS
from extractor.read.pdf import Char, PageContent, Segment

CAPTION = DEFAULT_SETTINGS.caption_pattern

MIN_RULE_SHARE = 0.4  # a header rule spans at least this share of the page's text width
COLUMN_GAP = 0.6  # em: a free vertical strip this wide separates columns
CHUNK_GAP = 0.45  # em: a gap this wide inside a line separates cells

Chunk = tuple[float, float]  # x0, x1
Line = list[Char]


def find_borderless_tables(page: PageContent, ruled: Sequence[Table]) -> list[Table]:
    found = header_rules(page, ruled)
    if not found:
        return []
    lines = [sorted(ln, key=X0) for ln in cluster_by_baseline(page.chars)]
    lines.sort(key=lambda ln: ln[0].baseline)
    tables = []
    for rule in found:
        table = table_under_rule(page, rule, lines)
        if table is not None:
            tables.append(table)
    return tables


def header_rules(page: PageContent, ruled: Sequence[Table]) -> list[Segment]:
    """Long horizontal rules outside ruled tables, pieces of one line merged."""
    pieces = sorted(
        (s for s in page.segments if s.orientation == "h" and not inside_any(s, ruled)),
        key=lambda s: (round(s.top), s.x0),
    )
    merged: list[Segment] = []
    for s in pieces:
        last = merged[-1] if merged else None
        if last and abs(last.top - s.top) < 1 and s.x0 - last.x1 < 2:
            merged[-1] = Segment(
                orientation="h", x0=last.x0, x1=max(last.x1, s.x1), top=last.top, bottom=last.bottom
            )
        else:
            merged.append(s)
    return [s for s in merged if s.x1 - s.x0 >= MIN_RULE_SHARE * text_width(page)]


def inside_any(segment: Segment, tables: Sequence[Table]) -> bool:
    return any(t.bbox.top - 3 <= segment.top <= t.bbox.bottom + 3 for t in tables)


def text_width(page: PageContent) -> float:
    if not page.chars:
        return page.width
    return max(c.x1 for c in page.chars) - min(c.x0 for c in page.chars)


def table_under_rule(page: PageContent, rule: Segment, lines: Sequence[Line]) -> Table | None:
    """The table whose header sits on `rule`; `lines` are the page's, top to bottom."""
    header = header_lines(lines, rule)
    body = body_lines(lines, rule)
    if not header or len(body) < 2 or not has_caption_near(lines, header, body):
        return None
    bounds = column_bounds(full_rows(body), rule)
    if len(bounds) < 4:  # at least three columns: fewer is text above a rule
        return None
    return build_table(page, rule, header, body, bounds)


def has_caption_near(lines: Sequence[Line], header: list[Line], body: list[Line]) -> bool:
    """A borderless table is only told from text by its caption, right above or below."""
    above = [ln for ln in lines if line_bottom(ln) <= line_top(header[0])][-3:]
    below = [ln for ln in lines if line_top(ln) >= line_bottom(body[-1])][:2]
    return any(CAPTION.match(line_text(ln)) for ln in above + below)


def line_text(line: Line) -> str:
    return cluster_to_line(list(line)).text.strip()


def line_top(line: Line) -> float:
    return min(c.top for c in line)


def line_bottom(line: Line) -> float:
    return max(c.bottom for c in line)


def header_lines(lines: Sequence[Line], rule: Segment) -> list[Line]:
    above = [ln for ln in lines if line_bottom(ln) <= rule.top + 1]
    block: list[Line] = []
    for line in reversed(above):
        size = dominant_size(line)
        limit = block[0] if block else None
        gap = (line_top(limit) if limit else rule.top) - line_bottom(line)
        if gap > (0.8 if block else 1.5) * size or len(block) >= 4:
            break
        block.insert(0, line)
    return block


def body_lines(lines: Sequence[Line], rule: Segment) -> list[Line]:
    below = [ln for ln in lines if line_top(ln) >= rule.top - 1]
    block: list[Line] = []
    for line in below:
        text = "".join(c.text for c in line).strip()
        size = dominant_size(line)
        prev_bottom = line_bottom(block[-1]) if block else rule.top
        if CAPTION.match(text) or line_top(line) - prev_bottom > 1.2 * size:
            break
        if block and abs(size - dominant_size(block[0])) > 0.6:
            break
        block.append(line)
    return block


def full_rows(lines: Sequence[Line]) -> list[Line]:
    """Lines printing in most columns: they define the column strips (a "Razem" label
    spanning two columns, or a wrapped continuation line, must not blur them)."""
    most = max(len(chunks(ln)) for ln in lines)
    return [ln for ln in lines if 2 * len(chunks(ln)) > most]


def chunks(line: Line) -> list[Chunk]:
    """x extents of the runs of glyphs separated by wide gaps."""
    size = dominant_size(line) or 10.0
    out: list[list[float]] = []
    for char in line:
        if char.text.isspace():
            continue
        if out and char.x0 - out[-1][1] <= CHUNK_GAP * size:
            out[-1][1] = max(out[-1][1], char.x1)
        else:
            out.append([char.x0, char.x1])
    return [(a, b) for a, b in out]


def column_bounds(lines: Sequence[Line], rule: Segment) -> list[float]:
    """Column boundaries: the middles of free vertical strips between rule ends."""
    spans = sorted(span for ln in lines for span in chunks(ln))
    size = max(dominant_size(ln) for ln in lines)
    bounds = [min(rule.x0, spans[0][0]) - 1]
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= COLUMN_GAP * size:
            bounds.append((reach + x0) / 2)
        reach = max(reach, x1)
    bounds.append(max(rule.x1, reach) + 1)
    return bounds


def starts_row(line: Line, bounds: Sequence[float]) -> bool:
    return any(bounds[0] <= c.x0 < bounds[1] and not c.text.isspace() for c in line)


def build_table(
    page: PageContent, rule: Segment, header: list[Line], body: list[Line], bounds: list[float]
) -> Table:
    rows: list[list[Line]] = [header]
    for line in body:
        if starts_row(line, bounds) or len(rows) == 1:
            rows.append([line])
        else:
            rows[-1].append(line)
    cells = []
    spans = []
    for r, row_lines in enumerate(rows):
        top = min(line_top(ln) for ln in row_lines) - 1
        bottom = rule.top if r == 0 else max(line_bottom(ln) for ln in row_lines) + 1
        spans.append((top, bottom))
        band = chars_in_box(page.chars, BBox(x0=bounds[0], top=top, x1=bounds[-1], bottom=bottom))
        for first, last in column_groups(row_lines, bounds):
            bbox = BBox(x0=bounds[first], top=top, x1=bounds[last + 1], bottom=bottom)
            cells.append(
                GridCell(
                    row=r,
                    col=first,
                    rowspan=1,
                    colspan=last - first + 1,
                    bbox=bbox,
                    chars=chars_in_box(band, bbox),
                )
            )
    return Table(
        page=page.number,
        bbox=BBox(x0=bounds[0], top=spans[0][0], x1=bounds[-1], bottom=spans[-1][1]),
        n_rows=len(rows),
        n_cols=len(bounds) - 1,
        cells=tuple(cells),
        ruled=False,
    )


def column_groups(lines: Sequence[Line], bounds: Sequence[float]) -> list[tuple[int, int]]:
    """Columns of a row, merged where one run of text crosses a boundary ("Razem")."""
    owner = list(range(len(bounds) - 1))
    for line in lines:
        for x0, x1 in chunks(line):
            hit = [c for c in range(len(owner)) if x0 < bounds[c + 1] - 1 and x1 > bounds[c] + 1]
            for c in hit[1:]:
                owner[c] = owner[hit[0]]
    groups: list[tuple[int, int]] = []
    for c, o in enumerate(owner):
        if groups and owner[groups[-1][0]] == o:
            groups[-1] = (groups[-1][0], c)
        else:
            groups.append((c, c))
    return groups
