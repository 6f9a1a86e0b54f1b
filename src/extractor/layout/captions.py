"""Table captions and continuations: page tables -> logical tables.

Every table found becomes (part of) a logical table; none is dropped.

A caption is found by structure:
- a *numbered* caption: a line opening with a table label and a number
  ("Tabela 1.", "Tab. 1.2a", "Tabela nr 3:", "Zestawienie nr 2 –"), the labels
  being `LayoutSettings.caption_labels`; it is the nearest such line right above
  the table (with the lines between it and the table as its continuation), else
  the nearest one right below it, else one printed at the foot of the page before
  when the table opens its page;
- a *heading*: a bold line block right above the table, set apart from the text
  above it.

A table without a caption of its own, opening its page, continues the last table
of the page before when it has the same columns (or extent) and does not start
with a different header.  Any other table is a table of its own: without a
numbered caption its id is derived from its position, `p<page>.<k>` (the k-th
table starting on that page, top to bottom).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from extractor.layout.caption_matching import Candidate, best_matching, follows
from extractor.layout.lines import Marker, TextLine
from extractor.layout.page import PageLayout, starts_with_marker
from extractor.layout.part_headers import opens_with_other_header
from extractor.layout.ruled import Table
from extractor.layout.settings import DEFAULT_SETTINGS, LayoutSettings, table_id


class Caption(BaseModel):
    model_config = ConfigDict(frozen=True)

    table_id: str  # the printed number ("1.2a"); empty for a heading caption
    text: str  # the whole caption as printed, markers removed
    title: str
    page: int
    markers: tuple[str, ...] = ()
    position: str = "above"


class LogicalTable(BaseModel):
    """A table, possibly spread over several pages, with its caption if it has one."""

    model_config = ConfigDict(frozen=True)

    caption: Caption | None
    parts: tuple[Table, ...]
    position_id: str = ""  # "p3.1": the first table starting on page 3

    @property
    def table_id(self) -> str:
        """The caption's number, else the id derived from the table's position."""
        if self.caption is not None and self.caption.table_id:
            return self.caption.table_id
        return self.position_id


def line_caption(line: TextLine, settings: LayoutSettings) -> re.Match[str] | None:
    return settings.caption_match(line.text, line.read_by_ocr)


def caption_above(
    table: Table, lines: Sequence[TextLine], settings: LayoutSettings
) -> list[TextLine] | None:
    """Caption lines right above the table: a caption line and what follows it."""
    above = [ln for ln in lines if ln.bottom <= table.bbox.top + 1 and over(ln, table)]
    block: list[TextLine] = []
    for line in reversed(above):
        if block and block[0].top - line.bottom > 1.5 * line.size:
            break
        if not block and table.bbox.top - line.bottom > settings.caption_gap * line.size:
            break
        block.insert(0, line)
        if line_caption(line, settings):
            return block
        if len(block) >= settings.caption_lines:
            break
    return None


def over(line: TextLine, table: Table) -> bool:
    """The line is printed over (or under) the table, not beside it."""
    return line.x1 > table.bbox.x0 and line.x0 < table.bbox.x1


def heading_above(
    table: Table, lines: Sequence[TextLine], settings: LayoutSettings
) -> list[TextLine] | None:
    """A bold heading right above the table (one or two lines, set apart from the
    text above it): the table's title when it has no numbered caption."""
    above = [ln for ln in lines if ln.bottom <= table.bbox.top + 1 and over(ln, table)]
    block: list[TextLine] = []
    for line in reversed(above):
        gap_below = (block[0].top if block else table.bbox.top) - line.bottom
        limit = 1.5 if block else settings.caption_gap
        if gap_below > limit * line.size or not line.bold or len(block) >= 2:
            break
        block.insert(0, line)
    if not block or any(ln.text.rstrip().endswith(":") for ln in block[-1:]):
        return None
    before = [ln for ln in above if ln.bottom <= block[0].top + 1 and ln not in block]
    if before and before[-1].bold and block[0].top - before[-1].bottom <= 1.5 * block[0].size:
        return None  # part of a longer bold passage, not a heading of its own
    return block


def caption_below(
    table: Table, lines: Sequence[TextLine], claimed: set[int], settings: LayoutSettings
) -> list[TextLine] | None:
    """A numbered caption right below the table, possibly after notes or a source line
    set smaller than the page's body text ("¹ Stan na dzień ...", "Źródło: ...")."""
    below = [
        ln
        for ln in lines
        if ln.top >= table.bbox.bottom - 1 and id(ln) not in claimed and over(ln, table)
    ]
    body = body_size(lines)
    bottom = table.bbox.bottom
    for index, first in enumerate(below[: settings.caption_notes + 1]):
        if first.top - bottom > settings.caption_gap * first.size:
            return None
        if line_caption(first, settings):
            if any(
                ln.size >= max(body, first.size) - 0.25
                and not settings.source_match(ln.text, ln.read_by_ocr)
                and not opens_as_note(ln)
                for ln in below[:index]
            ):
                return None  # body text between: not this table's caption
            return caption_block(first, below[index + 1 : index + settings.caption_lines], settings)
        bottom = first.bottom
    return None


PROSE_LINES = 3  # lines of text above a table that make a paragraph: no continuation
NOTE_MARK = re.compile(r"^\s*(?:\*{1,4}|\d{1,3}\))\s*\S")  # "* ...", "** ...", "1) ..."


def opens_as_note(line: TextLine) -> bool:
    """A note under a table: it opens with a superscript marker, stars or "1)"."""
    return starts_with_marker(line) or bool(NOTE_MARK.match(line.text))


def body_size(lines: Sequence[TextLine]) -> float:
    """The font size most of the page's text is set in."""
    weight: dict[float, int] = {}
    for line in lines:
        weight[line.size] = weight.get(line.size, 0) + len(line.text)
    return max(weight, key=weight.__getitem__) if weight else 0.0


def caption_block(
    first: TextLine, following: Sequence[TextLine], settings: LayoutSettings
) -> list[TextLine]:
    """A caption line and the lines that continue it (same size, no gap)."""
    block = [first]
    for line in following:
        if line.top - block[-1].bottom > 0.8 * line.size or line_caption(line, settings):
            break
        if abs(line.size - first.size) > 0.5:
            break
        block.append(line)
    return block


def lines_to_caption(
    block: Sequence[TextLine], page: int, position: str, settings: LayoutSettings
) -> Caption:
    text = " ".join(" ".join(ln.text.split()) for ln in block)
    markers = tuple(normalise_marker(m.text) for ln in block for m in ln.markers)
    match = settings.caption_match(text, any(ln.read_by_ocr for ln in block))
    common = {"text": text, "page": page, "markers": markers, "position": position}
    if match is None:  # a heading
        return Caption.model_validate({"table_id": "", "title": text, **common})
    title = re.sub(r"^[\s.:;–—-]+", "", match.group("title") or "").strip()
    return Caption.model_validate({"table_id": table_id(match), "title": title, **common})


def normalise_marker(text: str) -> str:
    """ "1)" and "1." are footnote 1; stars stay stars."""
    stripped = text.strip().rstrip(").")
    return stripped or text.strip()


def layouts_to_logical_tables(
    layouts: Sequence[PageLayout], settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[LogicalTable]:
    """Every table of every page, as part of a logical table, in reading order."""
    result: list[LogicalTable] = []
    pending: Caption | None = None  # a caption printed at a page end, its table on the next page
    below_first = captions_go_below(layouts, settings)
    for layout in layouts:
        last_id = next(
            (t.table_id for t in reversed(result) if t.caption and t.caption.table_id), ""
        )
        captions, claimed = assign_captions(layout, settings, below_first, last_id)
        order = reading_order(layout.tables)
        carried = None
        starting = 0
        for rank, index in enumerate(order):
            table = layout.tables[index]
            caption = captions.get(index)
            if caption is None and rank == 0 and pending is not None:
                caption = pending
            if caption is None and carried is not None:
                caption, carried = carried, None
            opens = rank == 0 and result and opens_page(layout, table)
            if opens and continues_with(result[-1], table, caption):
                last = result.pop()
                merged = {"parts": (*last.parts, table), "caption": last.caption or caption}
                result.append(last.model_copy(update=merged))
                continue
            if opens and taken_caption_below(result[-1], table, caption):
                last = result.pop()
                result.append(last.model_copy(update={"parts": (*last.parts, table)}))
                carried = caption  # the next table's, on this page or the next
                continue
            starting += 1
            result.append(
                LogicalTable(
                    caption=caption, parts=(table,), position_id=f"p{layout.number}.{starting}"
                )
            )
        pending = carried or orphan_caption(layout, claimed, settings)
    return result


def opens_page(layout: PageLayout, table: Table) -> bool:
    """The table stands at the page's top: fewer than `PROSE_LINES` lines of text above it
    (a running header the furniture test missed, a "continued" note), not a paragraph."""
    return sum(ln.bottom <= table.bbox.top + 1 for ln in layout.lines) < PROSE_LINES


def taken_caption_below(previous: LogicalTable, table: Table, caption: Caption | None) -> bool:
    """A page opening with the rest of a table that already has its caption: a numbered
    caption under that rest names the next table (printed at the page's end)."""
    if caption is None or caption.position != "below" or previous.caption is None:
        return False
    return continues(previous, table)


def reading_order(tables: Sequence[Table]) -> list[int]:
    """Indices of the page's tables top to bottom; tables side by side (overlapping in
    height) left to right."""
    rows: list[list[int]] = []
    for index in sorted(range(len(tables)), key=lambda i: tables[i].bbox.top):
        box = tables[index].bbox
        if rows and any(
            min(box.bottom, tables[j].bbox.bottom) > max(box.top, tables[j].bbox.top)
            for j in rows[-1]
        ):
            rows[-1].append(index)
        else:
            rows.append([index])
    return [i for row in rows for i in sorted(row, key=lambda i: tables[i].bbox.x0)]


def captions_go_below(layouts: Sequence[PageLayout], settings: LayoutSettings) -> bool:
    """Does this document print its captions under its tables?  Told by the tables
    that have a numbered caption on one side only; a caption between two tables is
    then given to the one the document's habit says."""
    above = below = 0
    for layout in layouts:
        for table in layout.tables:
            has_above = caption_above(table, layout.lines, settings) is not None
            has_below = caption_below(table, layout.lines, set(), settings) is not None
            above += has_above and not has_below
            below += has_below and not has_above
    return below > above


def orphan_caption(
    layout: PageLayout, claimed: set[int], settings: LayoutSettings
) -> Caption | None:
    """A titled numbered caption after the page's last table that no table claimed."""
    last_bottom = max((t.bbox.bottom for t in layout.tables), default=0.0)
    for line in reversed(layout.lines):
        if line.top < last_bottom:
            break
        match = line_caption(line, settings)
        if match and match.group("title") and id(line) not in claimed:
            block = [ln for ln in layout.lines if ln.top >= line.top and ln.size == line.size]
            return lines_to_caption(
                block[: settings.caption_lines], layout.number, "above", settings
            )
    return None


def assign_captions(
    layout: PageLayout,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    below_first: bool = False,
    last: str = "",
) -> tuple[dict[int, Caption], set[int]]:
    """Each table's caption (by index on the page) and the ids of the lines claimed.

    Numbered captions are matched to tables so that as many tables as possible get
    one, each caption once, and then the nearest (a caption between two tables goes
    to the one the other could not do without; the document's usual side breaks
    ties, before it the number following `last`, the document's last caption's).
    Tables left without one take a bold heading right above them."""
    chosen = best_matching(caption_candidates(layout, settings, below_first, last))
    captions = {c.table: lines_to_caption(c.block, layout.number, c.side, settings) for c in chosen}
    claimed = {id(ln) for c in chosen for ln in c.block}
    for index, table in enumerate(layout.tables):
        if index in captions:
            continue
        block = heading_above(table, [ln for ln in layout.lines if id(ln) not in claimed], settings)
        if block:
            captions[index] = lines_to_caption(block, layout.number, "above", settings)
            claimed.update(id(ln) for ln in block)
    return captions, claimed


def caption_candidates(
    layout: PageLayout, settings: LayoutSettings, below_first: bool, last: str = ""
) -> list[Candidate]:
    preferred = "below" if below_first else "above"
    out = []
    for index, table in enumerate(layout.tables):
        above = caption_above(table, layout.lines, settings)
        below = caption_below(table, layout.lines, set(), settings)
        for side, block in (("above", above), ("below", below)):
            if block:
                gap = caption_gap(table, block, layout.lines, side)
                cost = gap / max(block[0].size, 1.0) + (0.0 if side == preferred else 0.5)
                match = line_caption(block[0], settings)
                if last and match and follows(last, table_id(match)):
                    cost -= settings.caption_sequence
                out.append(Candidate(index, side, tuple(block), cost))
    return out


def caption_gap(
    table: Table, block: Sequence[TextLine], lines: Sequence[TextLine], side: str
) -> float:
    """The blank between a caption and what precedes it on the table's side: the table,
    or (below it) the last note or source line printed between them (above the
    caption: a caption beside it, of a table side by side, is not between)."""
    if side == "above":
        return table.bbox.top - block[-1].bottom
    top = block[0].top
    between = [ln.bottom for ln in lines if table.bbox.bottom - 1 <= ln.top and ln.bottom < top]
    return top - max([table.bbox.bottom, *between])


def continues_with(previous: LogicalTable, table: Table, caption: Caption | None) -> bool:
    """The table opening a page continues the previous page's table: it has no caption
    of its own, or only the caption printed under the whole table (the previous part had
    none)."""
    if caption is not None and (caption.position != "below" or previous.caption is not None):
        return False
    return continues(previous, table)


def continues(previous: LogicalTable, table: Table) -> bool:
    """The previous page's table goes on: same columns, or (a column lost to a faint
    line on a scan) the same horizontal extent; and the new part does not open with a
    header of its own (a repeated header is the same header)."""
    last = previous.parts[-1]
    if last.page != table.page - 1:
        return False
    if last.n_cols != table.n_cols:
        overlap = min(last.bbox.x1, table.bbox.x1) - max(last.bbox.x0, table.bbox.x0)
        widest = max(last.bbox.x1 - last.bbox.x0, table.bbox.x1 - table.bbox.x0)
        if overlap < 0.7 * widest:
            return False
    return not opens_with_other_header(previous.parts[0], table)


def marker_texts(markers: Sequence[Marker]) -> tuple[str, ...]:
    return tuple(normalise_marker(m.text) for m in markers)
