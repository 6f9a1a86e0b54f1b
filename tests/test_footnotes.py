"""Footnote texts read whole: markers, numbered notes, stars, wraps, page breaks."""

from __future__ import annotations

from extractor.layout.lines import Marker, TextLine
from extractor.layout.page import PageLayout
from extractor.report.footnotes import layouts_to_footnotes


def line(
    text: str, top: float, size: float = 11, marker: str = "", conf: float = 100.0
) -> TextLine:
    markers = (Marker(text=marker, offset=0),) if marker else ()
    return TextLine(
        text=text, markers=markers, x0=70, x1=520, top=top, bottom=top + 0.8 * size,
        baseline=top + 0.7 * size, size=size, conf=conf,
    )  # fmt: skip


def page(number: int, lines: list[TextLine]) -> PageLayout:
    return PageLayout(number=number, width=595, height=842, tables=(), lines=tuple(lines))


BODY = [line(f"Treść akapitu numer {i} z tekstem.", 100 + 15 * i) for i in range(20)]


def test_superscript_marker_note_wrapped_over_lines() -> None:
    notes = layouts_to_footnotes(
        [
            page(
                1,
                [
                    *BODY,
                    line("W tym kwota 412 300,00 zł oraz 430", 740, 9, "9"),
                    line("000,00 zł z budżetu Państwa.", 751, 9),
                ],
            )
        ]  # fmt: skip
    )
    assert [(n.number, n.text) for n in notes] == [
        ("9", "W tym kwota 412 300,00 zł oraz 430 000,00 zł z budżetu Państwa.")
    ]


def test_numbered_star_and_parenthesis_notes_with_source_line() -> None:
    notes = layouts_to_footnotes(
        [
            page(
                1,
                [
                    *BODY,
                    line("* Stowarzyszenie zwróciło dotację.", 700, 9),
                    line("1) Stan na dzień 31 grudnia.", 711, 9),
                    line("Źródło: opracowanie własne.", 722, 9),
                ],
            )
        ]  # fmt: skip
    )
    assert [(n.number, n.text) for n in notes] == [
        ("*", "Stowarzyszenie zwróciło dotację."),
        ("1", "Stan na dzień 31 grudnia."),
    ]


def test_a_note_ends_at_a_caption_as_ocr_misread_it() -> None:
    """A caption set small right under a note ("Tak. 1.2b" for "Tab. 1.2b" on a scan)
    is no line of the note."""
    notes = layouts_to_footnotes(
        [
            page(
                1,
                [
                    *BODY,
                    line("Stan na dzień 31 grudnia.", 700, 9, "1", conf=90),
                    line("Tak. 1.2b Liczba ofert", 711, 9, conf=70),
                ],
            )
        ]  # fmt: skip
    )
    assert [(n.number, n.text) for n in notes] == [("1", "Stan na dzień 31 grudnia.")]


def test_a_note_ends_at_a_source_line_ocr_read_without_its_accent() -> None:
    notes = layouts_to_footnotes(
        [page(1, [*BODY, line("Wskaźniki mają charakter pomocniczy.", 700, 9, "1", conf=90),
                  line("Zródło: dane Urzędu", 711, 9, conf=90)])]
    )  # fmt: skip
    assert [(n.number, n.text) for n in notes] == [("1", "Wskaźniki mają charakter pomocniczy.")]


def test_hyphen_at_line_end_joins_tight() -> None:
    notes = layouts_to_footnotes(
        [page(1, [*BODY, line("Województwa Kujawsko-", 740, 9, "5"), line("Pomorskiego.", 751, 9)])]
    )
    assert notes[0].text == "Województwa Kujawsko-Pomorskiego."


def test_footnote_continued_on_the_next_page() -> None:
    first = page(1, [*BODY, line("Umowa podpisana z Wodnym Ochotniczym", 780, 9, "14")])
    second = page(
        2, [*BODY, line("Pogotowiem Ratunkowym.", 760, 9), line("Kolejny.", 771, 9, "15")]
    )
    notes = layouts_to_footnotes([first, second])
    assert [(n.number, n.text, n.page) for n in notes] == [
        ("14", "Umowa podpisana z Wodnym Ochotniczym Pogotowiem Ratunkowym.", 1),
        ("15", "Kolejny.", 2),
    ]


def test_body_sized_numbered_list_is_not_a_footnote() -> None:
    notes = layouts_to_footnotes([page(1, [*BODY, line("1) zlecanie zadań publicznych;", 500)])])
    assert notes == []


def test_footnote_set_at_body_size_is_found_by_its_marker() -> None:
    notes = layouts_to_footnotes(
        [page(1, [*BODY, line("Wartość przekazana w ramach 1%.", 740, 11, "6")])]
    )
    assert [(n.number, n.text) for n in notes] == [("6", "Wartość przekazana w ramach 1%.")]


def test_every_footnote_is_linked_to_where_it_is_referenced() -> None:
    from extractor.report.pipeline import extract

    from conftest import INPUT

    result = extract(INPUT / "kp-2023.pdf")
    anchors = {fn.number: fn.anchors for fn in result.footnotes}
    assert anchors["1"] == ("text (page 1)",)
    assert anchors["3"] == ("caption of Tab. 1.2 (page 3)",)
    assert anchors["6"] == ("Tab. 1.2 row 6, Stan wyjściowy 2020 r. (page 3)",)
    assert all(anchors.values())
    assert not [i for i in result.info.issues if "footnote" in i.message]


def test_body_size_is_the_running_text_even_when_footnotes_are_as_long() -> None:
    from extractor.report.footnotes import body_size

    body = [line("Treść akapitu o współpracy z organizacjami.", 100 + 15 * i) for i in range(10)]
    notes = [line("Przypis z dłuższym tekstem niż akapit.", 600 + 11 * i, 8) for i in range(12)]
    assert body_size([page(1, body + notes)]) == 11


def test_body_size_when_no_size_sets_a_fifth_of_the_text() -> None:
    from extractor.report.footnotes import body_size

    words = [5] * 7 + [6]  # eight sizes, none setting a fifth of the text
    lines = [line("Tekst " * n, 100 + 20 * i, 6 + i) for i, n in enumerate(words)]
    assert body_size([page(1, lines)]) == 13  # the most used size
