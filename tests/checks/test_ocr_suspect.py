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


def test_one_misread_row_is_enough_and_a_sum_that_adds_up_says_nothing() -> None:
    [f] = checks_of(*grants(["120 000,00", "24 000,00", "47 500,00"], "186 500,00", "3"))
    assert f.check == "ocr_suspect"
    assert checks_of(*grants(["120 000,00", "24 000,00", "42 500,00"], "186 500,00", "3")) == []


def test_the_same_mismatch_in_a_text_layer_stays_total_mismatch() -> None:
    [f] = checks_of(*grants(["120 000,00", "24 000,00", "42 500,00"], "186 900,00", None))
    assert (f.check, f.severity) == ("total_mismatch", "error")
