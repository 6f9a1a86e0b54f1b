"""A table's header and first row left at a page's foot (layout.page.foot_head)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from extractor.layout.cells import logical_table_to_rows
from test_borderless import Col, Pen, logical_tables

COLS = [Col(60, 300), Col(360, 80, "right")]
HEADER = ["Area of tasks", "Offers"]
ROWS = [["Health care", "7"], ["Ecology and animals", "8"], ["Science", "2"], ["Addictions", "3"]]
PROSE = (
    "The programme was carried out in cooperation with the organisations of the district, "
    "which took part in open calls for proposals and in the consultations of the year."
)


def pages(tmp_path: Path, draws: list[Callable[[Pen], None]]) -> list[list[list[str]]]:
    """Each logical table of the pages drawn, as rows of cell texts."""
    return [
        [[cell.text for cell in row.cells] for row in logical_table_to_rows(t)]
        for t in logical_tables(tmp_path, draws)
    ]


def prose_page(pen: Pen, table_rows: list[list[str]]) -> None:
    top = 80.0
    for _ in range(12):
        top = pen.paragraph(60, top, 440, PROSE) + 8
    pen.table(COLS, table_rows, 760)


@pytest.mark.parametrize("repeated", [True, False])
def test_a_header_and_one_row_at_a_pages_foot_open_the_table_going_on_overleaf(
    tmp_path: Path, repeated: bool
) -> None:
    """No caption, no rules: two rows at a page's foot are too few for a table alone,
    but the next page opens with a table in the same columns (its header repeated or
    not), so they are its first part and the first row is not lost."""
    overleaf = [HEADER, *ROWS[1:]] if repeated else ROWS[1:]
    tables = pages(tmp_path, [lambda pen: prose_page(pen, [HEADER, ROWS[0]]),
                              lambda pen: pen.table(COLS, overleaf, 80)])  # fmt: skip
    (table,) = tables
    assert [row for k, row in enumerate(table) if k == 0 or row != HEADER] == [HEADER, *ROWS]


def test_two_aligned_lines_at_a_pages_foot_before_prose_overleaf_are_no_table(
    tmp_path: Path,
) -> None:
    """The next page opens with prose, not a table: the two lines stay text."""
    tables = pages(tmp_path, [lambda pen: prose_page(pen, [HEADER, ROWS[0]]),
                              lambda pen: [pen.paragraph(60, 80 + 60 * k, 440, PROSE)
                                           for k in range(3)]])  # fmt: skip
    assert tables == []


def test_a_header_and_one_row_under_another_table_low_on_the_page_open_the_next(
    tmp_path: Path,
) -> None:
    """The page ends with a ruled table low on it, then a sentence, then the header
    and first row of another table, which goes on overleaf: the two rows are that
    table's first part, not lost (nor the ruled table's carried rows)."""

    def first(pen: Pen) -> None:
        top = 80.0
        for _ in range(7):
            top = pen.paragraph(60, top, 440, PROSE) + 8
        for k, (area, count) in enumerate([("Meetings", "5"), ("Trainings", "7"),
                                           ("Visits", "2"), ("Consultations", "9")]):  # fmt: skip
            y = 560 + 22 * k
            pen.rect(60, y, 300, 22)
            pen.rect(360, y, 80, 22)
            pen.text(64, y + 15, area)
            pen.text(360, y + 15, count, align="right", w=76)
        pen.paragraph(60, 680, 440, "All tasks were carried out and settled on time.")
        pen.table(COLS, [HEADER, ROWS[0]], 740)

    tables = pages(tmp_path, [first, lambda pen: pen.table(COLS, ROWS[1:], 80)])
    last = tables[-1]
    assert [row for row in last if row != HEADER][-4:] == ROWS
    assert last[0] == HEADER
