"""Captions and continuations, on hand-built page layouts."""

from __future__ import annotations

import pytest

from extractor.layout.captions import layouts_to_logical_tables
from extractor.layout.lines import TextLine
from extractor.layout.page import PageLayout
from extractor.layout.ruled import BBox, GridCell, Table
from extractor.read.pdf import Char


def line(
    text: str, top: float, size: float = 11, bold: bool = False, conf: float = 100.0
) -> TextLine:
    return TextLine(
        text=text, markers=(), x0=70, x1=500, top=top, bottom=top + size * 0.8,
        baseline=top + size * 0.7, size=size, bold=bold, conf=conf,
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
    [lt] = layouts_to_logical_tables([page(1, lines, [table(1, 135, 400)])])
    assert lt.table_id == "1.2a"
    assert lt.caption is not None
    assert lt.caption.title == "Zlecanie zadań publicznych w trybie konkursowym"


def test_reference_in_prose_is_not_the_caption() -> None:
    lines = [line("dane przedstawia", 80), line("Tabela 1.", 94), line("Tabela 1. Zadania", 120)]
    [lt] = layouts_to_logical_tables([page(1, lines, [table(1, 140, 400)])])
    assert lt.caption is not None and lt.caption.title == "Zadania"


def test_caption_below_when_none_above() -> None:
    lines = [line("Tekst akapitu.", 50), line("Tabela 5. Środki finansowe", 410)]
    [lt] = layouts_to_logical_tables([page(1, lines, [table(1, 120, 400)])])
    assert lt.table_id == "5" and lt.caption is not None and lt.caption.position == "below"


def test_caption_below_after_a_source_line_in_the_body_size() -> None:
    """A source line set like body text stands between the table and its caption;
    a sentence of body text there would not."""
    text = [line("Tekst akapitu.", 50), line("Tabela 5. Środki finansowe", 426)]
    source = [line("Źródło: dane Urzędu.", 408), *text]
    [lt] = layouts_to_logical_tables([page(1, source, [table(1, 120, 400)])])
    assert lt.table_id == "5" and lt.caption is not None and lt.caption.position == "below"
    prose = [line("Dane przekazały wydziały.", 408), *text]
    [lt] = layouts_to_logical_tables([page(1, prose, [table(1, 120, 400)])])
    assert lt.caption is None


def test_caption_below_after_a_note_in_the_body_size() -> None:
    """A page of one size (a landscape table page): the note "* ..." under the table is
    set as large as the caption, which still belongs to the table."""
    lines = [line("* Dane szacunkowe.", 404, size=9), line("Tabela 1: Zadania", 420, size=9)]
    [lt] = layouts_to_logical_tables([page(1, lines, [table(1, 120, 400)])])
    assert lt.table_id == "1" and lt.caption is not None and lt.caption.position == "below"


def test_table_continues_on_next_page() -> None:
    first = page(1, [line("Tab. 1.3 Zlecenie", 600)], [table(1, 620, 780)])
    second = page(2, [line("Tab. 1.4 Finansowanie", 300)], [table(2, 70, 200), table(2, 320, 500)])
    tables = layouts_to_logical_tables([first, second])
    assert [(t.table_id, [p.page for p in t.parts]) for t in tables] == [
        ("1.3", [1, 2]),
        ("1.4", [2]),
    ]


def test_caption_orphaned_at_page_end_goes_to_next_page_table() -> None:
    first = page(1, [line("Tab. 1.2 Ogólne dane", 600)], [table(1, 100, 500)])
    second = page(2, [], [table(2, 70, 300)])
    tables = layouts_to_logical_tables([first, second])
    assert [(t.table_id, t.parts[0].page) for t in tables] == [("p1.1", 1), ("1.2", 2)]


def test_table_without_caption_gets_an_id_from_its_position() -> None:
    tables = layouts_to_logical_tables([page(1, [], [table(1, 100, 300), table(1, 400, 600)])])
    assert [t.table_id for t in tables] == ["p1.1", "p1.2"]
    assert all(t.caption is None for t in tables)


def test_continuation_with_a_column_lost_but_the_same_extent() -> None:
    first = page(1, [line("Tab. 1.1 Działania", 600)], [table(1, 620, 780, cols=4)])
    second = page(2, [], [table(2, 70, 400, cols=5)])
    [lt] = layouts_to_logical_tables([first, second])
    assert [p.page for p in lt.parts] == [1, 2]


@pytest.mark.parametrize(("above", "parts"), [(1, [1, 2]), (2, [1, 2]), (3, [1])])
def test_a_table_under_a_paragraph_does_not_continue_the_last_page_s(
    above: int, parts: list[int]
) -> None:
    """A table whose page opens with a paragraph is no continuation, even with the same
    columns and its caption under it; a line or two above it (a running header the
    furniture test missed, "cd. tabeli") still let it continue."""
    first = page(1, [line("Tab. 1.2 Zadania", 600)], [table(1, 620, 780)])
    prose = [
        line("Samorząd wspierał organizacje również w formach", 50 + 14 * k) for k in range(above)
    ]
    second = page(2, [*prose, line("Tab. 1.2a Formy współpracy", 310)], [table(2, 120, 300)])
    tables = layouts_to_logical_tables([first, second])
    assert [p.page for p in tables[0].parts] == parts


def test_narrower_captionless_table_is_not_a_continuation() -> None:
    narrow = Table(
        page=2, bbox=BBox(x0=70, top=70, x1=250, bottom=200), n_rows=2, n_cols=2, cells=()
    )
    first = page(1, [line("Tab. 1.1 Działania", 600)], [table(1, 620, 780)])
    tables = layouts_to_logical_tables([first, page(2, [], [narrow])])
    assert [(t.table_id, len(t.parts)) for t in tables] == [("1.1", 1), ("p2.1", 1)]


@pytest.mark.parametrize(
    ("text", "table_id", "title"),
    [
        ("Tabela 1. Dotacje", "1", "Dotacje"),
        ("Tabela nr 1 Dotacje", "1", "Dotacje"),
        ("Tabela 1: Dotacje", "1", "Dotacje"),
        ("Tabela 1 – Dotacje", "1", "Dotacje"),
        ("Tab. 1.2a Dotacje", "1.2a", "Dotacje"),
        ("TABELA 3", "3", ""),
        ("Zestawienie nr 2 – Dotacje", "2", "Dotacje"),
        ("Wykaz nr 3. Dotacje", "3", "Dotacje"),
        ("Załącznik nr 1 – Dotacje", "1", "Dotacje"),
        ("Table 4: Grants", "4", "Grants"),
    ],
)
def test_numbered_caption_forms(text: str, table_id: str, title: str) -> None:
    [lt] = layouts_to_logical_tables([page(1, [line(text, 100)], [table(1, 120, 400)])])
    assert lt.table_id == table_id
    assert lt.caption is not None and lt.caption.title == title


@pytest.mark.parametrize(
    ("text", "table_id"),
    [
        ("Tak. 1.2b Liczba ofert", "1.2b"),  # one letter of the label misread
        ("Zestawicnie nr 3. Dotacje", "3"),
        ("Tab. 1,2a Wskaźniki", "1.2a"),  # a comma read for the period of the number
        ("Tebela 2: Wykaz dotacji", "2"),  # a colon after the number
        ("Tab. 1 .2b Udział dotacji", "1.2b"),  # a blank read before the period
        ("Tab. 1 1 Działania", "1.1"),  # a blank read for the period
        ("Załącznik nr l – Pozafinansowe formy", "1"),  # "l" read for the 1
        ("Tak 12 5", "p1.1"),  # no period or "nr" after a misread label: a row, not a caption
        ("Tak 12 5 - 7", "p1.1"),
        ("Yab. 1.2 Dotacje", "p1.1"),  # the first letter is never taken as misread ...
        ("żałącznik nr 6 – Wysokość środków", "6"),  # ... but for a speck read as its accent
        ("Żestawienie nr 2. Dotacje", "2"),
        ("Tabela 2..Wykaz dotacji", "2"),  # a speck beside the period read as another
        ("Tabela 3.,Wskaźniki", "3"),
        ("Tabela-2 - Zadania zlecone", "2"),  # a hyphen read for the blank
    ],
)
def test_captions_as_ocr_misreads_them(text: str, table_id: str) -> None:
    [lt] = layouts_to_logical_tables([page(1, [line(text, 100, conf=71)], [table(1, 120, 400)])])
    assert lt.table_id == table_id


def test_a_title_glued_to_the_number_in_a_text_layer_is_no_caption() -> None:
    """Specks are OCR's: a text layer's "Tabela 2..Wykaz" is not a caption."""
    [lt] = layouts_to_logical_tables(
        [page(1, [line("Tabela 2..Wykaz dotacji", 100)], [table(1, 120, 400)])]
    )
    assert lt.table_id == "p1.1"


def test_a_misread_label_in_a_text_layer_is_no_caption() -> None:
    """A text layer prints what the office typed: "Tak. 1.2b" there is not "Tab. 1.2b"."""
    [lt] = layouts_to_logical_tables(
        [page(1, [line("Tak. 1.2b Liczba", 100)], [table(1, 120, 400)])]
    )
    assert lt.table_id == "p1.1"


def test_bold_heading_is_the_title_and_the_id_comes_from_the_position() -> None:
    lines = [line("Zwykły akapit tekstu.", 60), line("Wykaz organizacji", 100, bold=True)]
    [lt] = layouts_to_logical_tables([page(3, lines, [table(3, 120, 400)])])
    assert lt.table_id == "p3.1"
    assert lt.caption is not None and lt.caption.title == "Wykaz organizacji"


def test_plain_prose_above_is_no_caption() -> None:
    lines = [line("Dane przedstawia poniższa tabela:", 100)]
    [lt] = layouts_to_logical_tables([page(1, lines, [table(1, 120, 400)])])
    assert lt.caption is None and lt.table_id == "p1.1"


def test_a_year_after_a_label_is_no_caption() -> None:
    lines = [line("Wykaz 2023", 100)]
    [lt] = layouts_to_logical_tables([page(1, lines, [table(1, 120, 400)])])
    assert lt.table_id == "p1.1"


def header_table(page_no: int, top: float, texts: list[str]) -> Table:
    cells = tuple(
        GridCell(
            row=0, col=i, rowspan=1, colspan=1,
            bbox=BBox(x0=70 + 100 * i, top=top, x1=170 + 100 * i, bottom=top + 20),
            chars=tuple(
                Char(ch, x, x + 5, top + 5, top + 15, top + 13, 10)
                for k, ch in enumerate(text)
                for x in [72 + 100 * i + 5 * k]
            ),
        )
        for i, text in enumerate(texts)
    )  # fmt: skip
    return Table(
        page=page_no, bbox=BBox(x0=70, top=top, x1=470, bottom=top + 200), n_rows=3,
        n_cols=len(texts), cells=cells,
    )  # fmt: skip


def test_a_new_header_at_the_top_of_a_page_starts_a_new_table() -> None:
    first = page(1, [], [header_table(1, 500, ["Nazwa", "Kwota", "Data", "Uwagi"])])
    repeated = page(2, [], [header_table(2, 70, ["Nazwa", "Kwota", "Data", "Uwagi"])])
    other = page(3, [], [header_table(3, 70, ["Organizacja", "Adres", "Telefon", "Kontakt"])])
    tables = layouts_to_logical_tables([first, repeated, other])
    assert [(t.table_id, [p.page for p in t.parts]) for t in tables] == [
        ("p1.1", [1, 2]),
        ("p3.1", [3]),
    ]


def test_a_caption_between_two_tables_goes_to_the_one_without_another() -> None:
    lines = [line("Tabela 1. Dotacje", 80), line("Tabela 2. Oferty", 320)]
    layout = page(1, lines, [table(1, 100, 300), table(1, 340, 500)])
    assert [t.table_id for t in layouts_to_logical_tables([layout])] == ["1", "2"]


def test_captions_below_tables_in_a_document_that_prints_them_below() -> None:
    first = page(1, [line("Tabela 1. Dotacje", 310), line("Tabela 2. Oferty", 530)],
                 [table(1, 100, 300), table(1, 330, 520)])  # fmt: skip
    assert [t.table_id for t in layouts_to_logical_tables([first])] == ["1", "2"]


def test_a_caption_ending_a_page_announces_the_next_pages_table() -> None:
    first = page(1, [line("Tab. 1.1 Działania", 80), line("Tab. 1.2 Oferty", 420)],
                 [table(1, 100, 400)])  # fmt: skip
    second = page(2, [], [table(2, 70, 300, cols=2)])
    tables = layouts_to_logical_tables([first, second])
    assert [(t.table_id, [p.page for p in t.parts]) for t in tables] == [
        ("1.1", [1]),
        ("1.2", [2]),
    ]


def test_side_by_side_tables_are_numbered_left_to_right() -> None:
    left = Table(
        page=2, bbox=BBox(x0=70, top=110, x1=280, bottom=300), n_rows=2, n_cols=2, cells=()
    )
    right = Table(
        page=2, bbox=BBox(x0=300, top=100, x1=520, bottom=300), n_rows=2, n_cols=2, cells=()
    )
    tables = layouts_to_logical_tables([page(2, [], [right, left])])
    assert [(t.table_id, t.parts[0].bbox.x0) for t in tables] == [("p2.1", 70), ("p2.2", 300)]


def test_captions_matched_on_a_page_of_many_small_tables() -> None:
    """Forty tables, each between two caption lines: each takes the one right above it
    (contested groups matched apart; a long chain greedily, never every way)."""
    from extractor.layout.caption_matching import Candidate, best_matching
    from extractor.layout.lines import TextLine

    blocks = [
        TextLine(
            text=f"Tabela {k}",
            x0=0,
            x1=50,
            top=k * 30,
            bottom=k * 30 + 10,
            baseline=k * 30 + 8,
            size=10,
            markers=(),
        )
        for k in range(41)
    ]
    candidates = [Candidate(k, "above", (blocks[k],), 0.2) for k in range(40)]
    candidates += [Candidate(k, "below", (blocks[k + 1],), 0.7) for k in range(40)]
    chosen = best_matching(candidates)
    assert [(c.table, c.block[0].text) for c in chosen] == [(k, f"Tabela {k}") for k in range(40)]
    pair = best_matching(candidates[:2] + candidates[40:42])
    assert [(c.table, c.side) for c in pair] == [(0, "above"), (1, "above")]


def test_a_continuation_opening_with_a_group_row_is_no_new_header() -> None:
    """ "B." | "Współpraca pozafinansowa" (spanning), or the label alone in the first
    column, opening the next page's part is a group row of the table, not a header of
    another table."""
    from extractor.layout.part_headers import opens_with_group_row

    def make_char(ch: str, x: float) -> Char:
        return Char(ch, x, x + 5, 0, 10, 8, 10)

    def cell(col: int, text: str, colspan: int = 1) -> GridCell:
        box = BBox(x0=col * 10, top=0, x1=(col + colspan) * 10, bottom=10)
        chars = tuple(make_char(ch, col * 10 + i) for i, ch in enumerate(text))
        return GridCell(row=0, col=col, rowspan=1, colspan=colspan, bbox=box, chars=chars)

    def table(*cells: GridCell) -> Table:
        return Table(page=2, bbox=BBox(x0=0, top=0, x1=60, bottom=10), n_rows=1, n_cols=6,
                     cells=cells)  # fmt: skip

    assert opens_with_group_row(table(cell(0, "B."), cell(1, "Współpraca", colspan=5)))
    assert opens_with_group_row(table(cell(0, "II. Kultura fizyczna", colspan=6)))
    assert opens_with_group_row(table(cell(0, "Współpraca pozafinansowa")))  # span unseen
    assert not opens_with_group_row(table(cell(2, "Współpraca pozafinansowa")))
    header = [cell(0, "L.p."), cell(1, "Nazwa")] + [cell(k, f"{2017 + k} r.") for k in range(2, 6)]
    assert not opens_with_group_row(table(*header))
    assert not opens_with_group_row(table(cell(0, "Wyszczególnienie"), cell(1, "Rok", colspan=5)))


def test_a_caption_numbered_after_the_last_one_wins_a_close_call() -> None:
    """A table between "Tabela 4." above it and "Tabela 5." (the next table's, printed
    at the foot of the page) a little nearer below: after "Tabela 3." it is table 4,
    and 5 waits for the next page's table."""
    first = page(1, [line("Tabela 3. Wydatki", 100)], [table(1, 120, 400)])
    lines = [line("Tabela 4. Dotacje", 89.2), line("Tabela 5. Umowy", 413.2)]
    second = page(2, lines, [table(2, 120, 400)])
    third = page(3, [], [table(3, 60, 300, cols=3)])
    tables = layouts_to_logical_tables([first, second, third])
    assert [lt.table_id for lt in tables] == ["3", "4", "5"]


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [("3", "4", True), ("1.2", "1.3", True), ("1.3", "2", True), ("1.3", "2.1", True),
     ("3", "5", False), ("4", "4", False), ("1.2", "2.2", False), ("1.2a", "1.3", False),
     ("", "1", False)],
)  # fmt: skip
def test_which_number_follows(previous: str, current: str, expected: bool) -> None:
    from extractor.layout.caption_matching import follows

    assert follows(previous, current) is expected


def test_a_caption_beside_the_one_below_a_table_is_not_between_them() -> None:
    """Two tables side by side under a table, their captions on one line, the right one
    a hair higher: it is no note between the upper table and the left caption (which
    made that gap negative, and the upper table took "Tabela 2", whose own table, found
    lower, is too far from it to claim it)."""

    def at(text: str, top: float, x0: float, x1: float) -> TextLine:
        return line(text, top).model_copy(update={"x0": x0, "x1": x1})

    def box(top: float, x0: float, x1: float) -> Table:
        return table(1, top, 600).model_copy(
            update={"bbox": BBox(x0=x0, top=top, x1=x1, bottom=600)}
        )

    lines = [line("Tabela 1. Dotacje", 100), at("Tabela 2. Oferty", 430, 70, 250)]
    lines.append(at("Tabela 3. Umowy", 428.5, 300, 500))
    tables = [table(1, 120, 410), box(480, 70, 250), box(450, 300, 520)]
    ids = [lt.table_id for lt in layouts_to_logical_tables([page(1, lines, tables)])]
    assert ids[0] == "1" and "3" in ids
