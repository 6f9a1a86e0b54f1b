"""The second family (gmina reports): one focused test per layout quirk."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.layout.captions import layouts_to_logical_tables
from extractor.layout.lines import TextLine
from extractor.layout.page import is_furniture, is_page_number, margin_key, pages_to_layouts
from extractor.model.records import Observation, ReportResult
from extractor.read.pdf import PageContent, open_document, read_pages

from conftest import INPUT

Get = Callable[[Path], ReportResult]
GM = ["gm-2022.pdf", "gm-2023-web.pdf"]


def cells(result: ReportResult, table: str, row: str) -> list[Observation]:
    return [o for o in result.observations if o.table_id == table and o.row == row]


def logical_tables(name: str) -> dict[str, object]:
    doc = open_document(INPUT / name)
    try:
        layouts = pages_to_layouts(list(read_pages(doc)))
    finally:
        doc.close()
    tables = layouts_to_logical_tables(layouts)
    return {t.table_id: t for t in tables}


@pytest.mark.parametrize("name", GM)
def test_tabela_captions_above_and_below(name: str) -> None:
    tables = logical_tables(name)
    assert sorted(tables) == ["1", "2", "3", "4", "5"]
    assert tables["2"].caption.position == "below"  # type: ignore[attr-defined]
    assert tables["5"].caption.position == "below"  # type: ignore[attr-defined]
    assert tables["1"].caption.position == "above"  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", GM)
def test_borderless_table_is_read(name: str, extracted: Get) -> None:
    tables = logical_tables(name)
    assert tables["2"].parts[0].ruled is False  # type: ignore[attr-defined]
    result = extracted(INPUT / name)
    rows = {o.row for o in result.observations if o.table_id == "2"}
    assert "1" in rows and "Razem" in rows
    assert all(o.column == "Kwota dotacji (zł)" for o in result.observations if o.table_id == "2")


@pytest.mark.parametrize("name", GM)
def test_dates_in_cells_are_not_values(name: str, extracted: Get) -> None:
    result = extracted(INPUT / name)
    assert not [o for o in result.observations if "Termin" in o.column]


@pytest.mark.parametrize("name", GM)
def test_table_without_lp_keys_rows_by_label(name: str, extracted: Get) -> None:
    rows = {o.row for o in extracted(INPUT / name).observations if o.table_id == "3"}
    assert "Użyczenie lokali i sprzętu gminnego" in rows
    assert all(not r.isdigit() for r in rows)


@pytest.mark.parametrize("name", GM)
def test_razem_row_is_a_row(name: str, extracted: Get) -> None:
    razem = cells(extracted(INPUT / name), "1", "Razem")
    assert len(razem) == 4 and razem[0].indicator == "Razem"


def test_year_columns_without_r(extracted: Get) -> None:
    obs = cells(extracted(INPUT / "gm-2022.pdf"), "4", "1")
    assert [(o.column, o.period) for o in obs] == [
        ("2020", "2020"),
        ("2021", "2021"),
        ("2022", "2022"),
    ]


def test_thousands_of_zloty_scaled_exactly(extracted: Get) -> None:
    [total_2022] = [
        o for o in cells(extracted(INPUT / "gm-2022.pdf"), "5", "Razem") if o.period == "2022"
    ]
    assert total_2022.raw == "1 121,5"
    assert total_2022.value == Decimal("1121500")
    assert total_2022.unit == "PLN"


def test_missing_values_are_empty_not_zero(extracted: Get) -> None:
    result = extracted(INPUT / "gm-2022.pdf")
    missing = [o for o in result.observations if o.value is None]
    assert {o.raw for o in missing} == {"—", "nie dotyczy"}
    assert all(o.unit == "" for o in missing)


def test_star_and_parenthesis_markers(extracted: Get) -> None:
    result = extracted(INPUT / "gm-2022.pdf")
    starred = [o for o in result.observations if o.footnotes]
    assert {m for o in starred for m in o.footnotes} == {"*", "**", "1", "2"}
    [one] = [o for o in cells(result, "4", "6") if o.period == "2022"]
    assert one.value == Decimal("1") and one.footnotes == ("2",)
    texts = {f.number: f.text for f in result.footnotes}
    assert texts["*"].startswith("Stowarzyszenie zwróciło")
    assert not any(t.startswith("Źródło") for t in texts.values())


@pytest.mark.parametrize(
    "line",
    ["Strona 2 z 4", "2", "- 2 -", "str. 2/5", "Page 2 of 4", "2/4", "Str. 2"],
)
def test_page_number_lines_in_any_wording(line: str) -> None:
    assert is_page_number(margin_line(line), PAGE_2)


@pytest.mark.parametrize(
    "line",
    ["2023", "W 2023 r. ogłoszono 2 konkursy", "Razem 2 12 24 48", "Tabela 2: Działania"],
)
def test_numbers_that_are_no_page_number(line: str) -> None:
    assert not is_page_number(margin_line(line), PAGE_2)


def test_signature_id_and_repeated_header_are_furniture() -> None:
    signature = margin_line("Id: 5A1B2C3D-0000-1111-2222-333344445555. Podpisany Strona 1")
    assert is_furniture(signature, PAGE_2, set())
    header = margin_line("BIP Urzędu Gminy Wierzbno Dolne")
    assert is_furniture(header, PAGE_2, {margin_key(header)})
    assert not is_furniture(header, PAGE_2, set())


PAGE_2 = PageContent(number=2, width=595, height=842, chars=(), segments=())


def margin_line(text: str) -> TextLine:
    return TextLine(
        text=text, markers=(), x0=280, x1=320, top=810, bottom=818, baseline=817, size=9
    )


@pytest.mark.parametrize("name", GM)
def test_page_furniture_never_becomes_data(name: str, extracted: Get) -> None:
    result = extracted(INPUT / name)
    texts = [f.text for f in result.footnotes] + [f.sentence for f in result.figures]
    assert not any("Strona" in t or t.startswith("BIP") for t in texts)


def test_figures_in_prose_link_to_the_cells_they_restate(extracted: Get) -> None:
    result = extracted(INPUT / "gm-2023-web.pdf")
    figures = {(f.value, f.table_id, f.row) for f in result.figures}
    assert (Decimal("68"), "4", "1") in figures
    assert (Decimal("314674.76"), "1", "Razem") in figures
    [total] = [f for f in result.figures if f.value == Decimal("1245.5")]
    assert total.scale == 1000 and total.unit == "PLN" and total.table_id == "5"
