"""Page layout: tables found, and the text lines outside them with page
furniture (running headers, footers, page numbers) removed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from extractor.layout import patterns
from extractor.layout.borderless import resolve_tables
from extractor.layout.carried import carried_rows
from extractor.layout.chunks import page_lines as chunked_lines
from extractor.layout.lines import TextLine, chars_to_lines
from extractor.layout.regrid import with_regridded_ends
from extractor.layout.ruled import Table, chars_in_box, find_tables
from extractor.layout.settings import DEFAULT_SETTINGS
from extractor.read.pdf import Char, PageContent

MARGIN_ZONE = 0.09  # share of the page height at top and bottom where page numbers live
SIDE_BY_SIDE_MARGIN = 60.0  # pt above and below tables side by side whose text is cut at the gutter
RUNNING_ZONE = 0.12  # ... and where running headers and footers (repeated lines) live
FOOT_HEAD_TOP = 0.25  # share of the page height: a table opening a page starts above it
FOOT_HEAD_LINES = 3  # ... under fewer lines than this (a running header, a "continued" note)
FOOT_ZONE = 0.6  # share of the page height: a table ending below it ends low, and a head
# left at a page's foot lies below it


class PageLayout(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    width: float
    height: float
    tables: tuple[Table, ...]
    lines: tuple[TextLine, ...]  # outside tables, furniture removed, top to bottom
    source: str = "text"


def pages_to_layouts(pages: Iterable[PageContent]) -> list[PageLayout]:
    """Tables and text lines of every page.  Pages may come one at a time: only what
    is found on a page is kept, never its characters, so a long document is not held
    whole in memory."""
    raw: list[tuple[PageContent, list[Table], list[TextLine]]] = []
    previous: Table | None = None  # the last table of the page before, when it ends low
    before: PageContent | None = None  # the page before
    for page in pages:
        tables = with_carried_rows(page, page_tables(page), previous)
        head = foot_head(before, raw[-1][1], tables, page) if before is not None else None
        if head is not None and before is not None:
            held = [*raw[-1][1], head]
            raw[-1] = (raw[-1][0], held, outside_lines(before, held))
        raw.append((without_text(page), tables, outside_lines(page, tables)))
        last = max(tables, key=lambda t: t.bbox.bottom, default=None)
        low = last is not None and last.bbox.bottom > FOOT_ZONE * page.height
        previous = last if low else None
        before = page
    with_regridded_ends([tables for _, tables, _ in raw], [p.height for p, _, _ in raw],
                        DEFAULT_SETTINGS)  # fmt: skip
    furniture = repeated_margin_keys([(page, page_lines) for page, _, page_lines in raw])
    layouts = []
    for page, tables, page_lines in raw:
        edges = {id(page_lines[0]), id(page_lines[-1])} if page_lines else set()
        kept = [
            ln
            for ln in page_lines
            if not is_furniture(ln, page, furniture)
            and not (id(ln) in edges and is_page_number(ln, page))
        ]
        layouts.append(
            PageLayout(
                number=page.number,
                width=page.width,
                height=page.height,
                tables=tuple(tables),
                lines=tuple(kept),
                source=page.source,
            )
        )
    return layouts


def foot_head(
    page: PageContent, tables: Sequence[Table], following: Sequence[Table], then: PageContent
) -> Table | None:
    """A table's header and first row or two left at the foot of `page`, too few rows to
    be a table alone, when the table opening the next page (`then`) goes on in the same
    columns: read with the fewer rows a rule or caption would allow, lowest on the page,
    with nothing under it but the page's margin and notes."""
    opening = min(following, key=lambda t: t.bbox.top, default=None)
    if opening is None or opening.bbox.top > FOOT_HEAD_TOP * then.height:
        return None
    if len(chars_to_lines(chars_above(then, opening))) >= FOOT_HEAD_LINES:
        return None  # a paragraph opens the next page
    if not tabular_foot(page, tables):
        return None
    relaxed = DEFAULT_SETTINGS.model_copy(update={"min_rows": DEFAULT_SETTINGS.min_ruled_rows})
    found = [
        t
        for t in resolve_tables(page, find_tables(page), relaxed)
        if not t.ruled and not any(overlapping(t, k) for k in tables)
    ]
    head = max(found, key=lambda t: t.bbox.bottom, default=None)
    if head is None or any(t.bbox.bottom > head.bbox.bottom for t in tables):
        return None
    below = [c for c in page.chars if c.top > head.bbox.bottom]
    if any(not in_margin(ln, page) and not note_like(ln) for ln in chars_to_lines(below)):
        return None
    same = head.n_cols == opening.n_cols
    overlap = min(head.bbox.x1, opening.bbox.x1) - max(head.bbox.x0, opening.bbox.x0)
    return head if same and overlap >= 0.7 * (opening.bbox.x1 - opening.bbox.x0) else None


def tabular_foot(page: PageContent, tables: Sequence[Table]) -> bool:
    """The page's last line of text under its tables, in its lower part (margin and
    notes aside), prints two or more word groups: a table's first row may stand there."""
    low = max([t.bbox.bottom for t in tables] + [FOOT_ZONE * page.height])
    under = [c for c in page.chars if c.top > low]
    lines = [
        ln
        for ln in chunked_lines(under, DEFAULT_SETTINGS)
        if not in_margin(text := ln.text_line(), page) and not note_like(text)
    ]
    return bool(lines) and len(lines[-1].chunks) >= 2


def chars_above(page: PageContent, table: Table) -> list[Char]:
    """The page's characters above the table, its top margin aside."""
    return [
        c for c in page.chars if c.bottom <= table.bbox.top and c.top > MARGIN_ZONE * page.height
    ]


def overlapping(a: Table, b: Table) -> bool:
    return (
        a.bbox.top < b.bbox.bottom
        and b.bbox.top < a.bbox.bottom
        and a.bbox.x0 < b.bbox.x1
        and b.bbox.x0 < a.bbox.x1
    )


def without_text(page: PageContent) -> PageContent:
    """The page's number, size and source, without its characters and rules."""
    return page.model_copy(update={"chars": (), "segments": ()})


def with_carried_rows(
    page: PageContent, tables: list[Table], previous: Table | None
) -> list[Table]:
    """The page's tables, with the rows of `previous` carried over to its top (see
    `carried`) as a table of their own, above every other table."""
    if previous is None:
        return tables
    inside = {id(c) for t in tables for c in chars_in_box(page.chars, t.bbox)}
    free = [c for c in page.chars if id(c) not in inside]
    carried = carried_rows(page, free, previous, DEFAULT_SETTINGS)
    if carried is None or any(t.bbox.top < carried.bbox.bottom for t in tables):
        return tables
    return [carried, *tables]


def page_tables(page: PageContent) -> list[Table]:
    """Every table of the page, top to bottom: lattice tables (ruled) and tables read
    from text alignment (borderless, partly ruled, zebra), see `borderless`."""
    return resolve_tables(page, find_tables(page))


def outside_lines(page: PageContent, tables: Sequence[Table]) -> list[TextLine]:
    """Text lines made of the characters that lie in no table.  Beside tables set side by
    side, text is cut at the gutter between them, so that each table's caption and notes
    stay its own ("Tab. 1.2 ..." left, "Tab. 1.2b ..." right on one baseline)."""
    if not tables:
        return chars_to_lines(page.chars)
    inside = {id(c) for t in tables for c in chars_in_box(page.chars, t.bbox)}
    free = [c for c in page.chars if id(c) not in inside]
    groups: dict[int, list[Char]] = defaultdict(list)
    bands = side_by_side_bands(tables)
    for char in free:
        groups[band_of(char, bands)].append(char)
    lines = [line for group in groups.values() for line in chars_to_lines(group)]
    return sorted(lines, key=lambda ln: (ln.baseline, ln.x0))


Band = tuple[float, float, float]  # top, bottom, gutter x


def side_by_side_bands(tables: Sequence[Table]) -> list[Band]:
    """Vertical bands (with room for captions and notes) where two tables stand side by
    side, and the x of the gutter between them."""
    bands = []
    for left in tables:
        for right in tables:
            overlap = min(left.bbox.bottom, right.bbox.bottom) - max(left.bbox.top, right.bbox.top)
            if left.bbox.x1 <= right.bbox.x0 and overlap > 0:
                top = min(left.bbox.top, right.bbox.top) - SIDE_BY_SIDE_MARGIN
                bottom = max(left.bbox.bottom, right.bbox.bottom) + SIDE_BY_SIDE_MARGIN
                bands.append((top, bottom, (left.bbox.x1 + right.bbox.x0) / 2))
    return bands


def band_of(char: Char, bands: Sequence[Band]) -> int:
    """0 for text outside every band; else which side of which band's gutter it is on."""
    for index, (top, bottom, gutter) in enumerate(bands):
        if top <= char.top <= bottom:
            return 2 * index + (1 if char.x0 < gutter else 2)
    return 0


def margin_key(line: TextLine) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.split())).lower()


def in_margin(line: TextLine, page: PageContent, share: float = MARGIN_ZONE) -> bool:
    zone = share * page.height
    return line.bottom <= zone or line.top >= page.height - zone


def repeated_margin_keys(pages: Sequence[tuple[PageContent, list[TextLine]]]) -> set[str]:
    """Texts (digits ignored) printed near the top or bottom edge of at least two pages;
    lines opening like a note ("1) ...", "* ...") are never counted."""
    seen: dict[str, set[int]] = defaultdict(set)
    for page, lines in pages:
        for line in lines:
            if in_margin(line, page, RUNNING_ZONE) and not note_like(line):
                seen[margin_key(line)].add(page.number)
    return {key for key, numbers in seen.items() if len(numbers) >= 2}


def note_like(line: TextLine) -> bool:
    """A footnote or note: it opens with a superscript marker, stars or "1)"."""
    return starts_with_marker(line) or bool(patterns.NOTE_OPENING.match(line.text))


def starts_with_marker(line: TextLine) -> bool:
    return bool(line.markers) and line.markers[0].offset == 0


def is_page_number(line: TextLine, page: PageContent) -> bool:
    """The first or last line of a page printing its number, in any wording: "3",
    "- 3 -", "Strona 3 z 5", "str. 3/5", "Page 3 of 5": a short line whose first
    number is the page's."""
    digits = re.findall(r"\d+", line.text)
    if not digits or int(digits[0]) != page.number or starts_with_marker(line):
        return False
    if DEFAULT_SETTINGS.caption_match(line.text, line.read_by_ocr):
        return False  # "Tabela 3: Działania" on page 3
    return len(digits) <= 2 and len(line.text.split()) <= 4 and len(line.text) <= 24


def is_furniture(line: TextLine, page: PageContent, repeated: set[str]) -> bool:
    """A line in the page's top or bottom margin that repeats on other pages (a
    running header or footer, digits aside), prints the page's number, or is an
    electronic signature's id."""
    if not in_margin(line, page, RUNNING_ZONE) or note_like(line):
        return False
    if margin_key(line) in repeated:
        return True
    if not in_margin(line, page):
        return False
    if is_page_number(line, page):
        return True
    return bool(patterns.SIGNATURE_ID.search(line.text))
