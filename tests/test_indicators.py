"""Table structure: header rows, group rows, repeated headers, rows split by a page."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.cells import CellText, GridRow
from extractor.report.observations import Column, merge_split_rows, split_rows


def row(page: int, *texts: str, span: int = 1) -> GridRow:
    colspan = span if len(texts) == 1 else 1
    cells = tuple(
        CellText(col=i, colspan=colspan, page=page, lines=tuple(t.split("|")), markers=())
        for i, t in enumerate(texts)
    )
    return GridRow(page=page, cells=cells)


HEADER = ("L.p.", "Nazwa wskaźnika", "Stan wyjściowy|2020 r.", "2023 r.")


def test_header_group_rows_and_repeated_header() -> None:
    rows = [
        row(1, *HEADER),
        row(1, "1. zwiększenie wpływu sektora", span=4),
        row(1, "1", "Liczba warsztatów", "1", "2"),
        row(2, *HEADER),
        row(2, "2. podnoszenie efektywności", span=4),
        row(2, "1", "Liczba procesów", "5", "9"),
    ]
    reading = split_rows(rows, 4)
    assert len(reading.header_rows) == 1
    assert [(section, r.cells[1].text) for section, r in reading.body] == [
        ("1", "Liczba warsztatów"),
        ("2", "Liczba procesów"),
    ]


def test_row_split_by_a_page_break_is_joined() -> None:
    columns = [Column(0, "L.p.", role="lp"), Column(1, "Nazwa", role="text"),
               Column(2, "2020", role="value"), Column(3, "2023", role="value")]  # fmt: skip
    body = [
        ("", row(4, "1.", "Liczba umów zawartych|w innym trybie", "1", "1")),
        ("", row(5, "", "ustawowym przez organizacje", "", "")),
        ("", row(5, "2.", "Wysokość środków", "120 000,00", "120 000,00")),
    ]
    merged = merge_split_rows(body, columns)
    assert len(merged) == 2
    first = merged[0][1]
    assert first.cells[1].text == "Liczba umów zawartych w innym trybie ustawowym przez organizacje"
    assert first.cells[2].text == "1"


def test_a_total_row_opening_the_next_page_is_a_row_of_its_own() -> None:
    """The total row alone at the top of the next page has no L.p. either, but it is no
    row broken by the page: its values are the total's, not the last row's."""
    columns = [Column(0, "Lp.", role="lp"), Column(1, "Nazwa", role="text"),
               Column(2, "Kwota", role="value")]  # fmt: skip
    body = [
        ("", row(2, "3)", "Klub Seniora", "7 800,00")),
        ("", row(3, "", "RAZEM:", "25 200,00")),
    ]
    assert [r.cells[1].text for _, r in merge_split_rows(body, columns)] == [
        "Klub Seniora", "RAZEM:",
    ]  # fmt: skip


def test_row_without_lp_on_the_same_page_is_kept() -> None:
    columns = [
        Column(0, "Lp.", role="lp"),
        Column(1, "Nazwa", role="text"),
        Column(2, "2023", role="value"),
    ]
    body = [("", row(2, "1.", "Dotacje", "5")), ("", row(2, "", "Razem", "5"))]
    assert len(merge_split_rows(body, columns)) == 2


def test_a_table_of_addresses_and_phones_is_read_but_states_no_values(tmp_path: Path) -> None:
    from extractor.model.records import Status
    from extractor.report.pipeline import extract_safely

    import hostile_pdfs as H

    rows = [["Nazwa organizacji", "Adres", "Telefon"]]
    rows += [[f"Stowarzyszenie nr {i}", f"ul. Polna {i}", f"12 345 67 {i:02d}"] for i in range(8)]
    content = H.text(["Tab. 3 Wykaz organizacji"], top=730) + b"\n" + H.grid(rows)
    result = extract_safely(H.write(tmp_path / "wykaz.pdf", H.document([content])))
    assert result.observations == ()
    assert result.info.status == Status.failed
    assert any("no column of numbers" in i.message for i in result.info.issues)


def test_a_table_of_unknown_meaning_is_read_with_its_labels_as_printed(tmp_path: Path) -> None:
    from extractor.model.records import Status
    from extractor.report.pipeline import extract_safely

    import hostile_pdfs as H

    rows = [["Obiekt", "Pojemnosc", "Wynik"]]
    rows += [[f"Hala {name}", f"{100 * i}", f"{i},5"] for i, name in enumerate("ABC", 1)]
    content = H.grid(rows)
    result = extract_safely(H.write(tmp_path / "nieznana.pdf", H.document([content])))
    assert result.info.status == Status.ok
    got = {(o.table_id, o.row, o.column, str(o.value)) for o in result.observations}
    assert got == {
        ("p1.1", "Hala A", "Pojemnosc", "100"), ("p1.1", "Hala A", "Wynik", "1.5"),
        ("p1.1", "Hala B", "Pojemnosc", "200"), ("p1.1", "Hala B", "Wynik", "2.5"),
        ("p1.1", "Hala C", "Pojemnosc", "300"), ("p1.1", "Hala C", "Wynik", "3.5"),
    }  # fmt: skip
    assert all(i.severity == "info" for i in result.info.issues)
    assert any("no numbered caption" in i.message for i in result.info.issues)


def test_a_row_without_a_readable_number_between_n_minus_1_and_n_plus_1_is_n() -> None:
    from extractor.report.observations import fill_row_number_gaps

    same = [""] * 5
    assert fill_row_number_gaps(["3", "Klub „Olimp”", "5"], same[:3]) == ["3", "4", "5"]
    # a sub-row or a note between consecutive rows, a total, a new section: left as printed
    assert fill_row_number_gaps(["3", "w tym:", "4"], same[:3]) == ["3", "w tym:", "4"]
    assert fill_row_number_gaps(["6", "Razem", "8"], same[:3]) == ["6", "Razem", "8"]
    assert fill_row_number_gaps(["1", "Inne", "3"], ["A", "B", "B"]) == ["1", "Inne", "3"]
    assert fill_row_number_gaps(["Inne", "2"], same[:2]) == ["Inne", "2"]
    # the first row's number misread ("p." for "1."): row 1, unless a row 1 is printed
    assert fill_row_number_gaps(["p.", "2", "3"], same[:3]) == ["1", "2", "3"]
    assert fill_row_number_gaps(["1", "p.", "2"], same[:3]) == ["1", "p.", "2"]
    assert fill_row_number_gaps(["1", "l.", "2"], ["A", "B", "B"]) == ["1", "l.", "2"]
    # rows numbered on across sections of one row each: a misread number is filled
    assert fill_row_number_gaps(["U", "2", "3"], ["I", "II", "III"]) == ["1", "2", "3"]
    assert fill_row_number_gaps(["1", "Z", "3"], ["I", "II", "III"]) == ["1", "2", "3"]
    assert fill_row_number_gaps(["1", "Inne", "3"], ["I", "II", "III"]) == ["1", "Inne", "3"]
    # a number misread as another row's: "8, 2, 10" is 8, 9, 10; a number of its own stays
    assert fill_row_number_gaps(["1", "2", "8", "2", "10"], same) == ["1", "2", "8", "9", "10"]
    assert fill_row_number_gaps(["1", "2", "8", "7", "10"], same) == ["1", "2", "8", "7", "10"]
    # ... also opening a section of a table numbered on across its sections ("6, 1, 8")
    parts = ["A", "A", "B", "B"]
    assert fill_row_number_gaps(["1", "6", "1", "8"], parts) == ["1", "6", "7", "8"]
    assert fill_row_number_gaps(["1", "2", "1", "2"], parts) == ["1", "2", "1", "2"]
    # the last row showing an earlier row's number after rows 1 to n-1 is row n ("7" read
    # "1"); the number of the row right before it, or rows not numbered 1.. in turn, stay
    assert fill_row_number_gaps(["1", "2", "3", "1"], parts) == ["1", "2", "3", "4"]
    assert fill_row_number_gaps(["1", "2", "3", "3"], parts) == ["1", "2", "3", "3"]
    assert fill_row_number_gaps(["1", "3", "4", "1"], parts) == ["1", "3", "4", "1"]
    # the first row's L.p. slot empty (a "1" OCR lost) before row 2: row 1; a first row
    # with a number slot of its own that holds a label stays
    labels = ["Dotacje w trybie konkursów", "2", "3"]
    assert fill_row_number_gaps(labels, same[:3], [True, False, False]) == ["1", "2", "3"]
    assert fill_row_number_gaps(labels, same[:3], [False, False, False]) == labels
