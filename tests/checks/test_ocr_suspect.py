"""ocr_suspect: a total that does not add up in a table read by OCR is a warning of its
own kind, never an error-level total_mismatch."""

from __future__ import annotations

from extractor.model.records import Observation

from truth_results import brief, checks_of, make_obs

COLUMN = "Kwota dotacji przyznanej (zł)"


def grants(values: list[str], total: str, ocr_row: str | None) -> list[Observation]:
    rows = [make_obs(str(i), f"Zadanie {i}", v, "PLN", column=COLUMN, table="1") for i, v in
            enumerate(values, 1)]  # fmt: skip
    rows.append(make_obs("Razem", "Razem", total, "PLN", column=COLUMN, table="1"))
    return [
        o.model_copy(update={"source": "ocr", "confidence": 0.71}) if o.row == ocr_row else o
        for o in rows
    ]


def test_a_misread_total_on_a_scan_is_a_warning_not_an_error() -> None:
    [f] = checks_of(*grants(["120 000,00", "24 000,00", "42 500,00"], "186 900,00", "Razem"))
    assert brief(f) == (
        "ocr_suspect|warning|r2023|r2023.pdf|1||Razem|" + COLUMN + "|186500.00|186900.00"
    )
    assert "read by OCR, lowest confidence 0.71" in f.message
    assert "total_mismatch on the text of the page" in f.message


def test_one_row_read_by_ocr_makes_its_table_suspect() -> None:
    """A misread row anywhere in the table: the Razem finding is suspect; a sum that adds
    up says nothing."""
    [f] = checks_of(*grants(["120 000,00", "24 000,00", "47 500,00"], "186 500,00", "3"))
    assert f.check == "ocr_suspect"
    assert checks_of(*grants(["120 000,00", "24 000,00", "42 500,00"], "186 500,00", "3")) == []


def test_a_parts_mismatch_on_a_scan_is_suspect_too() -> None:
    total = make_obs("3", "Szkolenia i doradztwo", "9", column="Wartość wskaźnika")
    parts = [
        make_obs("3a", "Szkolenia i doradztwo – a) szkolenia", "6", column="Wartość wskaźnika"),
        make_obs("3b", "Szkolenia i doradztwo – b) doradztwo", "4", column="Wartość wskaźnika"),
    ]
    [text] = checks_of(total, *parts)
    assert (text.check, text.severity) == ("parts_sum_mismatch", "error")
    scanned = [o.model_copy(update={"source": "ocr", "confidence": 0.8}) for o in [total, *parts]]
    [f] = checks_of(*scanned)
    assert (f.check, f.severity) == ("ocr_suspect", "warning")


def test_the_same_mismatch_in_a_text_layer_stays_total_mismatch() -> None:
    [f] = checks_of(*grants(["120 000,00", "24 000,00", "42 500,00"], "186 900,00", None))
    assert (f.check, f.severity) == ("total_mismatch", "error")
