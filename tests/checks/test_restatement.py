"""restatement, baseline_mismatch and report_copies_differ: one indicator and year stated
differently by two reports."""

from __future__ import annotations

from extractor.checks.dataset import consolidate
from extractor.checks.run import run_checks
from extractor.model.records import ReportResult

from truth_results import brief, make_obs, make_result


def kp(year: int, values: dict[str, str]) -> ReportResult:
    """Report of `year` stating Tab. 1.2a row 6 in the given columns."""
    text = "Liczba zrealizowanych projektów"
    rows = [make_obs("6", text, v, column=c, report_id=f"r{year}") for c, v in values.items()]
    return make_result(rows, year=year)


def test_restatement_of_an_earlier_year() -> None:
    [f] = run_checks([kp(2021, {"2021 r.": "402"}), kp(2022, {"2021 r.": "407", "2022 r.": "414"})])
    assert brief(f) == "restatement|error|r2021;r2022|r2022.pdf|1.2a||6|2021|402|407"
    assert "r2021 (r2021.pdf, page 3) states 402, r2022 (r2022.pdf, page 3) states" in f.message


def test_baseline_mismatch_flags_the_report_out_of_line() -> None:
    base = "Stan wyjściowy 2020 r."
    [f] = run_checks([kp(2021, {base: "399"}), kp(2022, {base: "398"}), kp(2023, {base: "399"})])
    assert brief(f) == "baseline_mismatch|error|r2021;r2022|r2022.pdf|1.2a||6|2020|399|398"
    assert run_checks([kp(2021, {base: "399"}), kp(2023, {base: "399"})]) == []


def test_files_of_one_report_year_that_disagree_are_a_warning() -> None:
    text_layer = kp(2021, {"2021 r.": "402"})
    scan = make_obs(
        "6", "Liczba zrealizowanych projektów", "482", column="2021 r.", report_id="scan"
    )
    scanned = make_result([scan.model_copy(update={"source": "ocr"})], year=2021)
    later = kp(2022, {"2021 r.": "402"})
    [f] = run_checks([scanned, text_layer, later])
    assert brief(f) == "report_copies_differ|warning|r2021;scan|scan.pdf|1.2a||6|2021|402|482"
    assert "scan (scan.pdf, page 3), a file of the same 2021 report, states 482" in f.message


def test_7_a_missing_finding_copies_differ_on_a_value_without_a_period() -> None:
    """Issue 16, point 7: the scan and the text copy of one report disagree on a target
    (no period: 4 against 0.25); the dataset marks the row conflicting, and a
    report_copies_differ finding says why.  Targets of different years' reports may
    change: no finding between them."""
    target = "Wartość docelowa"
    text = "Liczba konkursów rocznie"

    def copy(report_id: str, value: str, year: int, source: str = "text") -> ReportResult:
        obs = make_obs("6", text, value, column=target, report_id=report_id)
        return make_result([obs.model_copy(update={"source": source})], year=year)

    text_layer, scan = copy("kp2021", "0.25", 2021), copy("scan", "4", 2021, "ocr")
    assert [o.period for o in scan.observations] == [""]
    [row] = consolidate([text_layer, scan])
    assert row.status == "conflicting" and row.period == ""
    [f] = run_checks([text_layer, scan])
    assert brief(f).startswith("report_copies_differ|warning|kp2021;scan|scan.pdf|1.2a||6|")
    assert "a file of the same 2021 report, states 4" in f.message
    assert run_checks([copy("kp2021", "0.25", 2021), copy("kp2022", "4", 2022)]) == []
