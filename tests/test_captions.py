"""Captions and continuations, on hand-built page layouts."""

from __future__ import annotations

from extractor.layout.captions import layouts_to_logical_tables
from extractor.layout.lines import TextLine
from extractor.layout.page import PageLayout
from extractor.layout.ruled import BBox, Table


def line(text: str, top: float, size: float = 11) -> TextLine:
    return TextLine(
        text=text, markers=(), x0=70, x1=500, top=top, bottom=top + size * 0.8,
        baseline=top + size * 0.7, size=size,
    )  # fmt: skip


def table(page: int, top: float, bottom: float, cols: int = 4) -> Table:
    return Table(
        page=page, bbox=BBox(x0=70, top=top, x1=520, bottom=bottom), n_rows=3, n_cols=cols,
        cells=(),
    )  # fmt: skip


def page(number: int, lines: list[TextLine], tables: list[Table]) -> PageLayout:
    return PageLayout(
        number=number, width=595, height=842, tables=tuple(tables), lines=tuple(lines)
    )


def test_caption_above_with_wrapped_title() -> None:
    lines = [line("Tab. 1.2a Zlecanie zadań publicznych", 100), line("w trybie konkursowym", 114)]
    [lt], issues = layouts_to_logical_tables([page(1, lines, [table(1, 135, 400)])])
    assert lt.table_id == "1.2a"
    assert lt.caption is not None
    assert lt.caption.title == "Zlecanie zadań publicznych w trybie konkursowym"
    assert issues == []


def test_reference_in_prose_is_not_the_caption() -> None:
    lines = [line("dane przedstawia", 80), line("Tabela 1.", 94), line("Tabela 1. Zadania", 120)]
    [lt], _ = layouts_to_logical_tables([page(1, lines, [table(1, 140, 400)])])
    assert lt.caption is not None and lt.caption.title == "Zadania"


def test_caption_below_when_none_above() -> None:
    lines = [line("Tekst akapitu.", 50), line("Tabela 5. Środki finansowe", 410)]
    [lt], _ = layouts_to_logical_tables([page(1, lines, [table(1, 120, 400)])])
    assert lt.table_id == "5" and lt.caption is not None and lt.caption.position == "below"


def test_table_continues_on_next_page() -> None:
    first = page(1, [line("Tab. 1.3 Zlecenie", 600)], [table(1, 620, 780)])
    second = page(2, [line("Tab. 1.4 Finansowanie", 300)], [table(2, 70, 200), table(2, 320, 500)])
    tables, _ = layouts_to_logical_tables([first, second])
    assert [(t.table_id, [p.page for p in t.parts]) for t in tables] == [
        ("1.3", [1, 2]),
        ("1.4", [2]),
    ]


def test_caption_orphaned_at_page_end_goes_to_next_page_table() -> None:
    first = page(1, [line("Tab. 1.2 Ogólne dane", 600)], [table(1, 100, 500)])
    second = page(2, [], [table(2, 70, 300)])
    tables, _ = layouts_to_logical_tables([first, second])
    assert [(t.table_id, t.parts[0].page) for t in tables] == [("1.2", 2)]


def test_table_without_caption_or_predecessor_is_reported() -> None:
    tables, issues = layouts_to_logical_tables([page(1, [], [table(1, 100, 300)])])
    assert tables == [] and issues and issues[0].page == 1


def test_continuation_with_a_column_lost_but_the_same_extent() -> None:
    first = page(1, [line("Tab. 1.1 Działania", 600)], [table(1, 620, 780, cols=4)])
    second = page(2, [], [table(2, 70, 400, cols=5)])
    [lt], issues = layouts_to_logical_tables([first, second])
    assert [p.page for p in lt.parts] == [1, 2] and issues == []


def test_narrower_captionless_table_is_not_a_continuation() -> None:
    narrow = Table(
        page=2, bbox=BBox(x0=70, top=70, x1=250, bottom=200), n_rows=2, n_cols=2, cells=()
    )
    first = page(1, [line("Tab. 1.1 Działania", 600)], [table(1, 620, 780)])
    tables, issues = layouts_to_logical_tables([first, page(2, [], [narrow])])
    assert [len(t.parts) for t in tables] == [1] and issues[0].page == 2
