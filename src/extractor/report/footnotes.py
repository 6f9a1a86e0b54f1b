"""Footnotes: footnote and note texts read whole from the page bottom, the
end of a section or under a table, across line wraps.

A footnote starts with a line set smaller than the body text that opens with
a superscript marker ("⁴ Do obliczenia ..."), a numbered label ("4. ...",
"1) ...") or stars ("* ...").  Following lines of the same size belong to it
until the next footnote, a source line ("Źródło: ...") or a gap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from extractor.layout.captions import normalise_marker
from extractor.layout.lines import TextLine
from extractor.layout.page import PageLayout
from extractor.layout.settings import DEFAULT_SETTINGS
from extractor.report import vocabulary as rules

SMALLER = 0.5  # pt: a footnote is set at least this much smaller than the body
OCR_SPREAD = 0.08  # of the body size: how far OCR's size estimates of body lines stray


def smaller_than_body(line: TextLine, body: float) -> bool:
    """Set smaller than the body: by `SMALLER` in a text layer, beyond OCR's spread of
    estimates (`OCR_SPREAD`) on a scan, where body lines measure 12 and 12.5 pt."""
    margin = max(SMALLER, OCR_SPREAD * body) if line.read_by_ocr else SMALLER
    return line.size <= body - margin


class FootnoteText(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: str
    text: str
    page: int


def body_size(layouts: Sequence[PageLayout]) -> float:
    """The font size of the running text outside tables: the largest size that sets at
    least a fifth of that text (footnotes are smaller and may be as plentiful; headings
    are larger but few)."""
    counts: Counter[float] = Counter()
    for layout in layouts:
        for line in layout.lines:
            counts[round(line.size, 1)] += len(line.text)
    total = sum(counts.values())
    if not total:
        return 0.0
    common = max(counts, key=lambda size: counts[size])  # when no size sets a fifth
    return max((size for size, n in counts.items() if n >= 0.2 * total), default=common)


def footnote_start(line: TextLine, body: float) -> tuple[str, str] | None:
    """(number, first text) when the line opens a footnote.

    A line opening with a superscript marker is a footnote whatever its size (no
    body line starts with a raised number); a numbered or starred label ("4. ...",
    "1) ...", "* ...") only when set smaller than the body, since body text has
    numbered lists too.
    """
    if line.markers and line.markers[0].offset == 0 and line.text.strip():
        return normalise_marker(line.markers[0].text), line.text
    if not smaller_than_body(line, body):
        return None
    match = rules.NOTE_START.match(line.text)
    if match:
        return normalise_marker(match.group("mark")), match.group("text")
    return None


def layouts_to_footnotes(layouts: Sequence[PageLayout]) -> list[FootnoteText]:
    body = body_size(layouts)
    notes: list[FootnoteText] = []
    for layout in layouts:
        page_notes = page_footnotes(layout.lines, layout.number, body)
        carried = carried_over(layout, body, notes[-1] if notes else None)
        if carried is not None and notes:
            notes[-1] = notes[-1].model_copy(
                update={"text": join_wrapped([notes[-1].text, carried])}
            )
        notes.extend(page_notes)
    return notes


def carried_over(layout: PageLayout, body: float, last: FootnoteText | None) -> str | None:
    """Footnote text continued from the previous page: small lines opening the page's
    footnote area (lower half of the page) before any footnote starts there."""
    if last is None or last.page != layout.number - 1:
        return None
    parts: list[str] = []
    for line in layout.lines:
        if footnote_start(line, body) or rules.NOTE_STOP.match(line.text):
            break
        if not smaller_than_body(line, body) or line.top < layout.height / 2:
            if parts:
                break
            continue
        if DEFAULT_SETTINGS.caption_match(line.text, line.read_by_ocr):
            return None
        parts.append(line.text)
    return join_wrapped(parts) if parts else None


def page_footnotes(lines: Sequence[TextLine], page: int, body: float) -> list[FootnoteText]:
    notes: list[FootnoteText] = []
    current: tuple[str, list[str], TextLine] | None = None
    for line in lines:
        start = footnote_start(line, body)
        if start is not None:
            if current:
                notes.append(close(current, page))
            current = (start[0], [start[1]], line)
        elif current and continues_note(current[2], line):
            current[1].append(line.text)
            current = (current[0], current[1], line)
        elif current:
            notes.append(close(current, page))
            current = None
    if current:
        notes.append(close(current, page))
    return notes


def continues_note(previous: TextLine, line: TextLine) -> bool:
    if abs(line.size - previous.size) > SMALLER or rules.NOTE_STOP.match(line.text):
        return False
    if DEFAULT_SETTINGS.caption_match(line.text, line.read_by_ocr):
        return False
    return 0 <= line.top - previous.bottom <= 1.2 * previous.size


def close(current: tuple[str, list[str], TextLine], page: int) -> FootnoteText:
    number, parts, _ = current
    return FootnoteText(number=number, text=join_wrapped(parts), page=page)


def join_wrapped(parts: Sequence[str]) -> str:
    """Join wrapped lines: a hyphen at a line end before a lower-case letter joins tight."""
    text = ""
    for part in (" ".join(p.split()) for p in parts):
        if not text:
            text = part
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].isalpha():
            text += part
        else:
            text += " " + part
    return text
