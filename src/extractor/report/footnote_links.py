"""Footnote linking: every footnote text with the places that reference it.

A marker may sit on a table cell, on a table caption or in running text (a
heading, a sentence).  Each footnote gets its anchors ("Tab. 1.2 row 2, 2023 r.
(page 3)", "caption of Tab. 1.2 (page 3)", "text (page 1)"); a marker without a
text and a text without a marker become issues.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from extractor.layout.captions import LogicalTable, normalise_marker
from extractor.layout.page import PageLayout
from extractor.layout.settings import DEFAULT_SETTINGS
from extractor.model.records import Footnote, Issue, Observation
from extractor.report.footnotes import FootnoteText


def cell_anchors(observations: Sequence[Observation]) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for obs in observations:
        for marker in obs.footnotes:
            where = f"Tab. {obs.table_id} row {obs.row}, {obs.column} (page {obs.page})"
            if (obs.page, where) not in found[marker]:
                found[marker].append((obs.page, where))
    return found


def caption_and_text_anchors(
    tables: Sequence[LogicalTable], layouts: Sequence[PageLayout]
) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for table in tables:
        if table.caption:
            for marker in table.caption.markers:
                found[marker].append(
                    (
                        table.caption.page,
                        f"caption of Tab. {table.table_id} (page {table.caption.page})",
                    )
                )
    for layout in layouts:
        for line in layout.lines:
            if DEFAULT_SETTINGS.caption_match(line.text, line.read_by_ocr):
                continue
            for mark in line.markers:
                if mark.offset > 0:
                    found[normalise_marker(mark.text)].append(
                        (layout.number, f"text (page {layout.number})")
                    )
    return found


def link_footnotes(
    notes: Sequence[FootnoteText],
    observations: Sequence[Observation],
    tables: Sequence[LogicalTable],
    layouts: Sequence[PageLayout],
    report_id: str,
    source_file: str,
) -> tuple[list[Footnote], list[Issue]]:
    anchors = cell_anchors(observations)
    for marker, places in caption_and_text_anchors(tables, layouts).items():
        anchors[marker].extend(places)
    known = {n.number for n in notes}
    issues = [
        Issue(
            page=min(p for p, _ in places),
            message=f"footnote {marker} is referenced but its text was not found",
        )
        for marker, places in sorted(anchors.items())
        if marker not in known
    ]
    footnotes = []
    for note in notes:
        where_used = tuple(where for _, where in anchors.get(note.number, []))
        if not where_used:
            issues.append(
                Issue(page=note.page, message=f"footnote {note.number} is never referenced")
            )
        footnotes.append(
            Footnote(
                report_id=report_id, source_file=source_file, number=note.number,
                text=note.text, page=note.page, anchors=where_used,
            )
        )  # fmt: skip
    return footnotes, issues
