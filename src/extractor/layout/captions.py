"""Table captions and continuations: page tables -> logical tables.

A caption ("Tab. 1.2a ...", "Tabela 3. ...") is the caption line nearest
above a table (with any lines between them as its continuation) or, when no
caption is directly above, the nearest caption line below it.  A table with
no caption continues the table before it when it opens its page and has the
same number of columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from extractor.layout import patterns
from extractor.layout.lines import Marker, TextLine
from extractor.layout.page import PageLayout
from extractor.layout.ruled import Table
from extractor.model.records import Issue

MAX_CAPTION_LINES = 3


class Caption(BaseModel):
    model_config = ConfigDict(frozen=True)

    table_id: str
    text: str  # the whole caption as printed, markers removed
    title: str
    page: int
    markers: tuple[str, ...] = ()
    position: str = "above"


class LogicalTable(BaseModel):
    """A captioned table, possibly spread over several pages."""

    model_config = ConfigDict(frozen=True)

    caption: Caption | None
    parts: tuple[Table, ...]

    @property
    def table_id(self) -> str:
        return self.caption.table_id if self.caption else ""


def caption_above(table: Table, lines: Sequence[TextLine]) -> list[TextLine] | None:
    """Caption lines right above the table: a caption line and what follows it."""
    above = [ln for ln in lines if ln.bottom <= table.bbox.top + 1]
    block: list[TextLine] = []
    for line in reversed(above):
        if block and block[0].top - line.bottom > 1.5 * line.size:
            break
        if not block and table.bbox.top - line.bottom > 2.5 * line.size:
            break
        block.insert(0, line)
        if patterns.CAPTION.match(line.text):
            return block
        if len(block) >= MAX_CAPTION_LINES:
            break
    return None


def caption_below(
    table: Table, lines: Sequence[TextLine], claimed: set[int]
) -> list[TextLine] | None:
    below = [ln for ln in lines if ln.top >= table.bbox.bottom - 1 and id(ln) not in claimed]
    if not below:
        return None
    first = below[0]
    if first.top - table.bbox.bottom > 2.5 * first.size or not patterns.CAPTION.match(first.text):
        return None
    block = [first]
    for line in below[1:MAX_CAPTION_LINES]:
        if line.top - block[-1].bottom > 0.8 * line.size or patterns.CAPTION.match(line.text):
            break
        if abs(line.size - first.size) > 0.5:
            break
        block.append(line)
    return block


def lines_to_caption(block: Sequence[TextLine], page: int, position: str) -> Caption:
    text = " ".join(" ".join(ln.text.split()) for ln in block)
    match = patterns.CAPTION.match(text)
    assert match is not None
    markers = tuple(m.text for ln in block for m in ln.markers)
    return Caption(
        table_id=match.group("id"),
        text=text,
        title=(match.group("title") or "").strip(),
        page=page,
        markers=tuple(normalise_marker(m) for m in markers),
        position=position,
    )


def normalise_marker(text: str) -> str:
    """ "1)" and "1." are footnote 1; stars stay stars."""
    stripped = text.strip().rstrip(").")
    return stripped or text.strip()


def layouts_to_logical_tables(
    layouts: Sequence[PageLayout],
) -> tuple[list[LogicalTable], list[Issue]]:
    result: list[LogicalTable] = []
    issues: list[Issue] = []
    pending: Caption | None = None  # a caption printed at a page end, its table on the next page
    for layout in layouts:
        captions, claimed = assign_captions(layout)
        for index, table in enumerate(layout.tables):
            caption = captions.get(index)
            if caption is None and index == 0 and pending is not None:
                caption = pending
            if caption is not None:
                result.append(LogicalTable(caption=caption, parts=(table,)))
            elif index == 0 and result and continues(result[-1], table):
                last = result.pop()
                result.append(LogicalTable(caption=last.caption, parts=(*last.parts, table)))
            else:
                issues.append(
                    Issue(page=layout.number, message="table without a caption; not read")
                )
        pending = orphan_caption(layout, claimed)
    return result, issues


def orphan_caption(layout: PageLayout, claimed: set[int]) -> Caption | None:
    """A titled caption after the page's last table that no table claimed."""
    last_bottom = max((t.bbox.bottom for t in layout.tables), default=0.0)
    for line in reversed(layout.lines):
        if line.top < last_bottom:
            break
        match = patterns.CAPTION.match(line.text)
        if match and match.group("title") and id(line) not in claimed:
            block = [ln for ln in layout.lines if ln.top >= line.top and ln.size == line.size]
            return lines_to_caption(block[:MAX_CAPTION_LINES], layout.number, "above")
    return None


def assign_captions(layout: PageLayout) -> tuple[dict[int, Caption], set[int]]:
    captions: dict[int, Caption] = {}
    claimed: set[int] = set()
    for index, table in enumerate(layout.tables):
        block = caption_above(table, layout.lines)
        if block:
            captions[index] = lines_to_caption(block, layout.number, "above")
            claimed.update(id(ln) for ln in block)
    for index, table in enumerate(layout.tables):
        if index in captions:
            continue
        block = caption_below(table, layout.lines, claimed)
        if block:
            captions[index] = lines_to_caption(block, layout.number, "below")
            claimed.update(id(ln) for ln in block)
    return captions, claimed


def continues(previous: LogicalTable, table: Table) -> bool:
    """The previous page's table goes on: same columns, or (a column lost to a faint
    line on a scan) the same horizontal extent."""
    last = previous.parts[-1]
    if last.page != table.page - 1:
        return False
    if last.n_cols == table.n_cols:
        return True
    overlap = min(last.bbox.x1, table.bbox.x1) - max(last.bbox.x0, table.bbox.x0)
    widest = max(last.bbox.x1 - last.bbox.x0, table.bbox.x1 - table.bbox.x0)
    return overlap >= 0.7 * widest


def marker_texts(markers: Sequence[Marker]) -> tuple[str, ...]:
    return tuple(normalise_marker(m.text) for m in markers)
