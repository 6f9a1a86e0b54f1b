"""Tables of any shape read from their structure: headers, sections, rows, columns."""

from __future__ import annotations

from extractor.layout.captions import LogicalTable
from extractor.layout.cells import CellText, GridRow
from extractor.report.observations import Context, read_rows
from extractor.report.table_structure import is_numbering_row, is_numeric_cell, section_of

CTX = Context(report_id="r", source_file="r.pdf")


def cell(col: int, text: str, colspan: int = 1, rowspan: int = 1, bold: bool = False) -> CellText:
    return CellText(
        col=col, colspan=colspan, page=1, lines=tuple(text.split("|")), markers=(),
        rowspan=rowspan, bold=bold,
    )  # fmt: skip


def row(*cells: CellText) -> GridRow:
    return GridRow(page=1, cells=cells)


def plain(*texts: str) -> GridRow:
    return row(*(cell(i, t) for i, t in enumerate(texts)))


def read(rows: list[GridRow], n_cols: int) -> list[tuple[str, str, str, str, str, str]]:
    table = LogicalTable(caption=None, parts=(), position_id="p1.1")
    obs, _ = read_rows(table, rows, n_cols, CTX)
    return [(o.section, o.row, o.indicator, o.column, o.period, str(o.value)) for o in obs]


def test_group_header_over_sub_columns_names_each_column() -> None:
    rows = [
        row(cell(0, "Lp.", rowspan=2), cell(1, "Forma", rowspan=2), cell(2, "Liczba", colspan=2)),
        row(cell(2, "działań"), cell(3, "organizacji")),
        plain("1.", "Szkolenia", "4", "12"),
    ]
    got = read(rows, 4)
    assert got == [
        ("", "1", "Szkolenia", "Liczba działań", "", "4"),
        ("", "1", "Szkolenia", "Liczba organizacji", "", "12"),
    ]


def test_year_row_under_rok_sets_the_period() -> None:
    rows = [
        row(cell(0, "Wyszczególnienie", rowspan=2), cell(1, "Rok", colspan=2)),
        row(cell(1, "2022"), cell(2, "2023")),
        plain("Liczba umów", "14", "16"),
    ]
    got = read(rows, 3)
    assert [(r[1], r[3], r[4], r[5]) for r in got] == [
        ("Liczba umów", "Rok 2022", "2022", "14"),
        ("Liczba umów", "Rok 2023", "2023", "16"),
    ]


def test_change_column_has_no_period() -> None:
    rows = [
        plain("Miernik", "2022", "2023", "Zmiana 2023/2022 (%)"),
        plain("Umowy", "10", "11", "+10,0"),
    ]
    got = read(rows, 4)
    assert [(r[3], r[4], r[5]) for r in got] == [
        ("2022", "2022", "10"), ("2023", "2023", "11"), ("Zmiana 2023/2022 (%)", "", "10.0"),
    ]  # fmt: skip


def test_column_numbering_row_is_not_data() -> None:
    assert is_numbering_row(plain("1", "2", "3", "4"))
    assert not is_numbering_row(plain("1.", "Szkolenia", "4", "12"))
    rows = [plain("Lp.", "Forma", "Liczba"), plain("1", "2", "3"), plain("1.", "Szkolenia", "4")]
    assert [r[1:3] for r in read(rows, 3)] == [("1", "Szkolenia")]


def test_a_numbering_row_with_one_number_misread_is_still_no_data() -> None:
    """OCR read the "3" of "1 | 2 | 3 | 4 | 5" as "Zi": the other cells number their
    columns.  A data row of counts is no numbering row, nor is a short one."""
    assert is_numbering_row(plain("1", "2", "Zi", "4", "5"))
    assert is_numbering_row(plain("1", ". 2", "3,", "4"))  # specks beside the numbers
    assert not is_numbering_row(plain("1", "2", "Zi", "5", "4"))
    assert not is_numbering_row(plain("1", "Zi", "3", "Ab", "5"))
    assert not is_numbering_row(plain("1", "Zi", "3", "4"))
    assert not is_numbering_row(plain("1.", "Szkolenia", "3", "4", "5"))


def test_a_numbering_row_with_an_l_read_for_its_1_is_no_data_on_a_scan() -> None:
    """OCR read the "1" of "1 | 2 | 3 | 4" as "l"; a text layer's "l" is a letter."""
    ocr = row(*(cell(k, t).model_copy(update={"conf": 90.0}) for k, t in enumerate("l234")))
    assert is_numbering_row(ocr)
    assert not is_numbering_row(plain("l", "2", "3", "4"))


def test_a_numbering_row_whose_first_number_is_lost_numbers_its_own_columns() -> None:
    """OCR read the "1" of "1 | 2 | 3 | 4 | 5" into the header cell above ("Lp. ="): the
    other four number their own columns.  Numbers not matching their columns, or too
    few, are data."""
    assert is_numbering_row(row(cell(1, "2"), cell(2, "3"), cell(3, "4"), cell(4, "5")))
    assert not is_numbering_row(row(cell(1, "3"), cell(2, "4"), cell(3, "5"), cell(4, "6")))
    assert not is_numbering_row(row(cell(2, "3"), cell(3, "4"), cell(4, "5")))


def test_a_row_number_header_with_a_speck_beside_it_is_still_the_row_number() -> None:
    """ "Lp. =" (a speck read as "="): the column still numbers the rows."""
    rows = [plain("Lp. =", "Organizacja", "Kwota"), plain("1.", "Fundacja A", "3 200,00"),
            plain("2.", "Fundacja B", "8 200,00")]  # fmt: skip
    assert [(r[1], r[2]) for r in read(rows, 3)] == [("1", "Fundacja A"), ("2", "Fundacja B")]


def test_a_two_column_numbering_row_counts_only_under_the_header() -> None:
    rows = [plain("Sfera zadań", "Liczba ofert"), plain("1", "2"), plain("Kultura", "10")]
    assert [(r[2], r[5]) for r in read(rows, 2)] == [("Kultura", "10")]
    rows = [plain("1", "2"), plain("Kultura", "10")]
    assert [r[5] for r in read(rows, 2)] == ["2", "10"]


def test_section_rows_in_every_form() -> None:
    assert section_of(row(cell(0, "I. Kultura i sztuka", colspan=4)), 4) == "I"
    assert section_of(row(cell(0, "A. Pomoc społeczna", colspan=4)), 4) == "A"
    assert section_of(row(cell(0, "2. podnoszenie efektywności", colspan=4)), 4) == "2"
    assert section_of(row(cell(0, "Współpraca finansowa", colspan=4)), 4) == "Współpraca finansowa"
    assert section_of(row(cell(0, "B."), cell(1, "Współpraca", colspan=3)), 4) == "B"
    assert section_of(row(cell(0, "Zadania", bold=True), cell(1, ""), cell(2, "")), 3) == "Zadania"
    assert section_of(plain("1.", "Szkolenia", "4", "12"), 4) is None
    # OCR lost the period: a number before a lowercase word still numbers the section
    assert section_of(row(cell(0, "1 zwiększenie udziału", colspan=4)), 4) == "1"


def test_category_cell_spanning_rows_is_the_section_and_not_the_label() -> None:
    rows = [
        plain("Lp.", "Sfera", "Zadanie", "Kwota (zł)"),
        row(cell(0, "1."), cell(1, "Kultura", rowspan=2), cell(2, "Festyn"), cell(3, "5 000,00")),
        row(cell(0, "2."), cell(2, "Koncert"), cell(3, "7 000,00")),
        plain("3.", "Sport", "Turniej", "2 000,00"),
    ]
    got = read(rows, 4)
    assert [(r[0], r[1], r[2], r[5]) for r in got] == [
        ("Kultura", "1", "Festyn", "5000.00"),
        ("Kultura", "2", "Koncert", "7000.00"),
        ("Sport", "3", "Turniej", "2000.00"),
    ]


def test_total_rows_are_named_by_their_label() -> None:
    rows = [
        plain("Nr", "Zadanie", "Kwota"),
        plain("1", "Festyn", "5 000,00"),
        row(cell(0, "RAZEM:", colspan=2), cell(2, "5 000,00")),
    ]
    assert [r[1] for r in read(rows, 3)] == ["1", "RAZEM"]


def test_rows_without_a_number_column_are_named_by_their_label() -> None:
    rows = [plain("Forma współpracy", "Liczba"), plain("Patronaty honorowe", "16")]
    assert read(rows, 2) == [("", "Patronaty honorowe", "Patronaty honorowe", "Liczba", "", "16")]


def test_phone_numbers_dates_and_terms_are_never_values() -> None:
    assert not is_numeric_cell("12 345 67 89")
    assert not is_numeric_cell("III–XI 2023")
    assert not is_numeric_cell("01.03.2023 – 30.11.2023")
    assert not is_numeric_cell("Stowarzyszenie Sportowe 2000")
    assert is_numeric_cell("411, tj. 49,82 %")
    assert is_numeric_cell("1/rok, Docelowo minimum ¼ konkursów")
    rows = [
        plain("Organizacja", "Telefon", "Termin", "Kwota"),
        plain("Klub „Orzeł”", "12 345 67 89", "III–XI 2023", "4 000,00"),
        plain("Fundacja", "600 100 200", "05.2023", "1 500,00"),
    ]
    assert [(r[3], r[5]) for r in read(rows, 4)] == [("Kwota", "4000.00"), ("Kwota", "1500.00")]


def test_a_lettered_group_row_of_a_borderless_table_is_a_section() -> None:
    """ "A." | "Współpraca finansowa" with the value cells empty (no spans: borderless) is
    a section; "1." | "Liczba konkursów" with its values missing stays a row."""
    rows = [
        plain("L.p.", "Miernik", "2013", "2014"),
        row(cell(0, "A."), cell(1, "Współpraca finansowa"), cell(2, ""), cell(3, "")),
        plain("1.", "Liczba ogłoszonych konkursów", "5", "6"),
    ]
    got = read(rows, 4)
    assert [(r[0], r[1], r[3], r[5]) for r in got] == [
        ("A", "1", "2013", "5"),
        ("A", "1", "2014", "6"),
    ]
    lone = row(cell(0, "1."), cell(1, "Liczba konkursów"), cell(2, ""), cell(3, ""))
    assert section_of(lone, 4) is None


def test_a_header_repeated_after_a_page_break_with_its_row_of_years_is_no_data() -> None:
    """The header is a group over three years and the row of the years; on the next
    page both are printed again.  The years alone read like numbers: they are still
    the header, not a row of data."""

    def header() -> list[GridRow]:
        return [
            row(cell(0, "Lp", rowspan=2), cell(1, "Wyszczególnienie", rowspan=2),
                cell(2, "Środki (tys. zł)", colspan=3)),
            row(cell(2, "2020"), cell(3, "2021"), cell(4, "2022")),
        ]  # fmt: skip

    rows = [*header(), plain("1", "Dotacje", "83,6", "111,3", "135,2")]
    rows += [*header(), plain("2", "Małe granty", "57,7", "53,0", "56,8")]
    got = read(rows, 5)
    assert [(r[1], r[4], r[5]) for r in got] == [
        ("1", "2020", "83600.0"), ("1", "2021", "111300.0"), ("1", "2022", "135200.0"),
        ("2", "2020", "57700.0"), ("2", "2021", "53000.0"), ("2", "2022", "56800.0"),
    ]  # fmt: skip


def test_a_column_counting_the_rows_is_the_row_number_under_any_header() -> None:
    """OCR read "Lp." as "Łp.": the column still counts 1, 2, 3 and names the rows;
    numbers in a first column that do not count the rows stay values."""
    counting = [plain("Łp.", "Organizacja", "Kwota")] + [
        plain(f"{k}.", f"Klub {name}", "100,00")
        for k, name in ((1, "Orzeł"), (2, "Sokół"), (3, "Wilk"))
    ]
    assert [(r[1], r[2], r[3]) for r in read(counting, 3)] == [
        ("1", "Klub Orzeł", "Kwota"), ("2", "Klub Sokół", "Kwota"), ("3", "Klub Wilk", "Kwota"),
    ]  # fmt: skip
    counts = [plain("Liczba", "Organizacja", "Kwota")] + [
        plain(f"{k}", f"Klub {name}", "100,00")
        for k, name in ((4, "Orzeł"), (2, "Sokół"), (7, "Wilk"))
    ]
    assert [r[3] for r in read(counts, 3)] == ["Liczba", "Kwota"] * 3


def test_a_row_number_header_as_ocr_misreads_it_names_two_rows() -> None:
    """ "L.p." read "I.p." over two rows and a total: too few rows to count, but the
    header still says row numbers."""
    rows = [plain("I.p.", "Projekt", "Liczba uwag")]
    rows += [plain("1.", "Projekt programu", "7"), plain("2.", "Projekt uchwały", "5")]
    rows += [plain("", "Razem", "12")]
    assert [(r[1], r[3]) for r in read(rows, 3)][:2] == [("1", "Liczba uwag"), ("2", "Liczba uwag")]


def test_numbers_counting_again_in_each_section_are_row_numbers() -> None:
    """The header "Nr" merged with its neighbour's ("Nr Nazwa działania" over both
    columns); the numbers count 1, 2 and again 1, 2, 3 under each section row."""
    rows = [row(cell(0, "Nr Nazwa działania", colspan=2), cell(2, "Wartość"))]
    rows += [row(cell(0, "1."), cell(1, "zwiększenie udziału", colspan=2))]
    rows += [plain("1", "Konsultacje", "6"), plain("2", "Szkolenia", "4")]
    rows += [row(cell(0, "2."), cell(1, "podnoszenie efektywności", colspan=2))]
    rows += [plain(str(k), f"Zadanie {name}", "1") for k, name in ((1, "A"), (2, "B"), (3, "C"))]
    assert [(r[0], r[1]) for r in read(rows, 3)] == [
        ("1", "1"), ("1", "2"), ("2", "1"), ("2", "2"), ("2", "3"),
    ]  # fmt: skip


def test_a_row_number_read_with_a_comma_is_the_row_number() -> None:
    """OCR read "4." as "4,": still row 4, not a row named "4,"."""
    rows = [plain("Lp.", "Zadanie", "Kwota"), plain("3.", "Festyn", "100,00")]
    rows += [plain("4,", "Koncert", "200,00")]
    assert [r[1] for r in read(rows, 3)] == ["3", "4"]


def test_a_row_number_ocr_read_with_a_colon_or_a_speck_is_the_row_number() -> None:
    """OCR read "12." as "12:" and "1" with a speck beside it as "1 *": rows 12 and 1;
    in a text layer "1 *" stays as printed."""

    def ocr(*texts: str) -> GridRow:
        return row(*(cell(k, t).model_copy(update={"conf": 85.0}) for k, t in enumerate(texts)))

    head = plain("Lp.", "Zadanie", "Kwota")
    rows = [head, ocr("1 *", "Festyn", "100,00"), ocr("12:", "Koncert", "200,00")]
    assert [r[1] for r in read(rows, 3)] == ["1", "12"]
    printed = [head, plain("1 *", "Festyn", "100,00"), plain("12.", "Koncert", "200,00")]
    assert [r[1] for r in read(printed, 3)][0] != "1"


def test_a_quantity_column_half_misread_still_states_its_values() -> None:
    """Two of four counts OCR misread as letters ("Va", "Q3"): under a header naming a
    count the column still holds values, so the two it reads are kept (the other two
    get a warning); under a header naming nothing, half is not enough."""
    body = [plain("1", "Projekt A", "7"), plain("2", "Projekt B", "brak"),
            plain("3", "Projekt C", "Va"), plain("Razem", "", "Q3")]  # fmt: skip
    counted = read([plain("Lp.", "Przedmiot", "Liczba uwag"), *body], 3)
    assert [(r[1], r[5]) for r in counted] == [("1", "7"), ("2", "None")]  # "brak": none
    assert read([plain("Lp.", "Przedmiot", "Uwagi"), *body], 3) == []


def test_an_l_read_for_the_1_of_a_row_number_on_a_scan_is_1() -> None:
    """OCR read "1." as "l." (or "L."): row 1 on a scan, however the rows around it are
    numbered (here the next row's number is lost too)."""

    def ocr(*texts: str) -> GridRow:
        return row(*(cell(k, t).model_copy(update={"conf": 85.0}) for k, t in enumerate(texts)))

    head = plain("Lp.", "Działanie", "Wartość")
    for lp in ("l.", "L."):
        rows = [head, ocr(lp, "Szkolenia", "4"), plain("", "Spotkania", "5")]
        assert [r[1] for r in read(rows, 3)] == ["1", "Spotkania"]


def test_row_numbers_run_into_the_labels_under_a_merged_header_are_the_row_numbers() -> None:
    """One column headed "Lp Zadanie publiczne" (the row numbers and labels read as one
    column): each label's leading number is its row number, the rest its label; a
    Roman-numbered group name alone in that column, the row empty, is the section."""
    rows = [
        plain("Lp Zadanie publiczne", "Liczba ofert", "Kwota (zł)"),
        plain("I. Działalność na rzecz osób starszych", "", ""),
        plain("1. Transport osób", "4", "11 900,00"),
        plain("II. Kultura", "", ""),
        plain("2 Wydanie publikacji", "7", "42 900,00"),
    ]
    got = read(rows, 3)
    assert [(r[0], r[1], r[2], r[5]) for r in got] == [
        ("I", "1", "Transport osób", "4"), ("I", "1", "Transport osób", "11900.00"),
        ("II", "2", "Wydanie publikacji", "7"), ("II", "2", "Wydanie publikacji", "42900.00"),
    ]  # fmt: skip


def test_a_header_over_the_number_and_label_columns_keeps_the_row_number_column() -> None:
    """ "Nr Nazwa działania" spanning the number column and the label column: the first
    is the row number, as under "Nr" alone."""
    rows = [
        row(cell(0, "Nr Nazwa działania", colspan=2), cell(2, "Wskaźnik")),
        plain("1", "Prowadzenie konsultacji", "6"),
        plain("2", "Zlecanie zadań", "4"),
        plain("3", "Tworzenie zespołów", "5"),
        plain("4", "Promocja", "2"),
    ]
    assert [r[1] for r in read(rows, 3)] == ["1", "2", "3", "4"]
