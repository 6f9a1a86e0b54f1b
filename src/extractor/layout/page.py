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
from extractor.layout.lines import TextLine, chars_to_lines
from extractor.layout.ruled import Table, chars_in_box, find_tables
from extractor.read.pdf import PageContent

MARGIN_ZONE = 0.09  # share of the page height at top and bottom where furniture lives


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
    raw = []
    for page in pages:
        tables = page_tables(page)
        raw.append((without_text(page), tables, outside_lines(page, tables)))
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


def without_text(page: PageContent) -> PageContent:
    """The page's number, size and source, without its characters and rules."""
    return page.model_copy(update={"chars": (), "segments": ()})


def page_tables(page: PageContent) -> list[Table]:
    """Every table of the page, top to bottom: lattice tables (ruled) and tables read
    from text alignment (borderless, partly ruled, zebra), see `borderless`."""
    return resolve_tables(page, find_tables(page))


def outside_lines(page: PageContent, tables: Sequence[Table]) -> list[TextLine]:
    """Text lines made of the characters that lie in no table."""
    if not tables:
        return chars_to_lines(page.chars)
    inside = {id(c) for t in tables for c in chars_in_box(page.chars, t.bbox)}
    return chars_to_lines([c for c in page.chars if id(c) not in inside])


def margin_key(line: TextLine) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.split())).lower()


def in_margin(line: TextLine, page: PageContent) -> bool:
    zone = MARGIN_ZONE * page.height
    return line.bottom <= zone or line.top >= page.height - zone


def repeated_margin_keys(pages: Sequence[tuple[PageContent, list[TextLine]]]) -> set[str]:
    """Texts (digits ignored) printed in the margin zone of at least two pages."""
    seen: dict[str, set[int]] = defaultdict(set)
    for page, lines in pages:
        for line in lines:
            if in_margin(line, page) and not starts_with_marker(line):
                seen[margin_key(line)].add(page.number)
    return {key for key, numbers in seen.items() if len(numbers) >= 2}


def starts_with_marker(line: TextLine) -> bool:
    return bool(line.markers) and line.markers[0].offset == 0


def is_page_number(line: TextLine, page: PageContent) -> bool:
    """The first or last line of a page printing its number ("3", "- 3 -", "Strona 3 z 5")."""
    digits = re.findall(r"\d+", line.text)
    if not digits or int(digits[0]) != page.number or starts_with_marker(line):
        return False
    return any(p.search(line.text) for p in patterns.FURNITURE[:2])


def is_furniture(line: TextLine, page: PageContent, repeated: set[str]) -> bool:
    if not in_margin(line, page) or starts_with_marker(line):
        return False
    if margin_key(line) in repeated:
        return True
    return any(p.search(line.text) for p in patterns.FURNITURE)
