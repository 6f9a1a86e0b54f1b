"""indicator_conflict: one office's indicator and year stated differently by two tables,
or by a sentence and another report; differences other checks report are left to them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from extractor.checks.rules.indicator_conflict import findings as conflicts
from extractor.model.records import Figure, Observation, ReportInfo, ReportResult, Status

from conftest import INPUT

Get = Callable[[Path], ReportResult]


def cell(report: str, table: str, row: str, value: str, **kw: object) -> Observation:
    return Observation(
        report_id=report, source_file=f"{report}.pdf", page=1, table_id=table,
        table_title="Wskaźniki", row=row, indicator=str(kw.pop("indicator", "Liczba umów")),
        column=str(kw.pop("column", "2023 r.")), period=str(kw.pop("period", "2023")), raw=value,
        value=Decimal(value), unit="count", indicator_code="contracts_signed", **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def sentence(report: str, value: str, period: str = "2023") -> Figure:
    return Figure(
        report_id=report, source_file=f"{report}.pdf", page=2, sentence=f"Zawarto {value} umów.",
        value=Decimal(value), unit="count", indicator_code="contracts_signed", period=period,
    )  # fmt: skip


def result(report: str, year: int, observations=(), figures=()) -> ReportResult:  # type: ignore[no-untyped-def]
    info = ReportInfo(report_id=report, file=f"{report}.pdf", sha256="", report_year=year,
                      issuer="Gmina Lipowo", status=Status.ok)  # fmt: skip
    return ReportResult(info=info, observations=tuple(observations), figures=tuple(figures))


def test_two_tables_of_one_report_that_disagree() -> None:
    found = conflicts([result("a", 2023, [cell("a", "1", "Razem", "28", is_total=True),
                                          cell("a", "4", "4", "27")])])  # fmt: skip
    [finding] = found
    assert finding.check == "indicator_conflict" and finding.severity == "warning"
    assert (finding.table_id, finding.row, finding.period) == ("1", "Razem", "2023")
    assert (finding.expected, finding.found) == ("27", "28")
    assert "Gmina Lipowo, contracts_signed 2023" in finding.message


def test_a_sentence_and_another_reports_table() -> None:
    older = result("a", 2023, figures=[sentence("a", "28")])
    newer = result("b", 2024, [cell("b", "4", "4", "30")])
    [finding] = conflicts([older, newer])
    assert finding.report_id == "a;b" and finding.table_id == "4"


def test_what_other_checks_report_is_left_to_them() -> None:
    restated = [result("a", 2023, [cell("a", "4", "4", "28")]),
                result("b", 2024, [cell("b", "4", "4", "30")])]  # fmt: skip
    own_table = [result("a", 2023, [cell("a", "4", "4", "28")], [sentence("a", "27")])]
    copies = [result("a", 2023, [cell("a", "4", "4", "28")]),
              result("a-web", 2023, [cell("a-web", "1", "Razem", "29")])]  # fmt: skip
    agreeing = [result("a", 2023, [cell("a", "4", "4", "28")], [sentence("a", "28")]),
                result("b", 2024, [cell("b", "4", "4", "30")])]  # fmt: skip
    for results in (restated, own_table, copies, agreeing):
        assert conflicts(results) == []


def test_no_conflict_in_the_corpus(extracted: Get) -> None:
    for prefix in ("gm", "kp"):
        results = [extracted(p) for p in sorted(INPUT.glob(f"{prefix}-*.pdf"))]
        assert conflicts(results) == []
