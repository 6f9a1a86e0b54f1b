"""A table broken by a page whose two parts each found a column bound the other missed
(layout.regrid.on_shared_columns): both read on every bound either found."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractor.layout.chunks import page_lines
from extractor.layout.regions import Region, cell_pitch
from extractor.layout.regrid import on_shared_columns
from extractor.layout.rowgrid import region_table
from extractor.layout.ruled import Table
from extractor.layout.settings import DEFAULT_SETTINGS
from extractor.read.pdf import PageContent
from test_borderless import Pen, make_page, rows_of

FIRST = [
    ("1", "Consulting draft resolutions", "Meetings", "On average 3 a year", "11"),
    ("2", "Joint training of staff", "Meetings", "On average 5 a year", "3"),
    ("3", "Open competitions announced", "Competitions", "On average 1 a year", "4"),
    ("4", "Small grants awarded", "Grants", "At least 2", "6"),
]
SECOND = [
    ("5", "Promotion of organisations", "Trainings", "On average 2 a year", "10"),
    ("6", "Premises lent", "Agreements", "At least 4", "9"),
]


def drawn(rows: list[tuple[str, str, str, str, str]]) -> Callable[[Pen], None]:
    def draw(pen: Pen) -> None:
        for k, (no, action, measure, target, actual) in enumerate(rows):
            y = 60 + 22 * k
            pen.text(62, y, no)
            pen.text(85, y, action)
            pen.text(250, y, measure)
            pen.text(350, y, target)
            pen.text(470, y, actual, align="right", w=56)

    return draw


def laid(page: PageContent, bounds: list[float]) -> Table:
    """The page's text laid out on `bounds`: a part whose column finding missed some."""
    lines = page_lines(page.chars, DEFAULT_SETTINGS)
    region = Region(lines, bounds, cell_pitch(lines, bounds, DEFAULT_SETTINGS))
    return region_table(page.number, region, [], DEFAULT_SETTINGS)


def test_both_parts_take_the_column_bounds_either_found(tmp_path: Path) -> None:
    """The first part found no bound between the numbers and the labels, the second
    (two rows: too few to show it) none between target and actual: both come out in
    the five columns either found, each placed in its own part's gutter."""
    first = laid(make_page(tmp_path, drawn(FIRST)), [60.0, 240.0, 340.0, 455.0, 530.0])
    second = laid(make_page(tmp_path, drawn(SECOND)), [60.0, 78.0, 245.0, 345.0, 530.0])
    assert first.n_cols == second.n_cols == 4
    both = on_shared_columns(first, second, DEFAULT_SETTINGS)
    assert both is not None
    assert both[0].n_cols == both[1].n_cols == 5
    assert rows_of(both[0])[-4:] == [list(row) for row in FIRST]
    assert rows_of(both[1]) == [list(row) for row in SECOND]


def test_a_bound_through_a_word_is_not_shared(tmp_path: Path) -> None:
    """A bound one part put through the other's values ("10" cut in two): the parts
    keep their own columns."""
    first = laid(make_page(tmp_path, drawn(FIRST)), [60.0, 240.0, 340.0, 455.0, 530.0])
    cut = [60.0, 80.0, 245.0, 345.0, 455.0, 521.0, 530.0]  # through "10" and "11"
    second = laid(make_page(tmp_path, drawn(SECOND)), cut)
    assert on_shared_columns(first, second, DEFAULT_SETTINGS) is None
