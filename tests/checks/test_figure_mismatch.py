"""figure_mismatch: a sentence's coded figure against the table cells of the same
indicator and year, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.checks.rules.figure_mismatch import findings as figure_findings
from extractor.model.records import Figure, Observation, ReportInfo, ReportResult, Status

from conftest import INPUT

Get = Callable[[Path], ReportResult]
GM = ["gm-2022.pdf", "gm-2023-web.pdf"]


def polish(value: Decimal) -> str:
    whole, _, frac = format(value, "f").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return " ".join([whole, *groups]) + ("," + frac if frac else "")


@pytest.mark.parametrize("name", sorted(p.name for p in INPUT.glob("*.pdf")))
def test_consistent_prose_raises_no_finding(name: str, extracted: Get) -> None:
    assert figure_findings(extracted(INPUT / name)) == []


@pytest.mark.parametrize("name", GM)
def test_a_changed_coded_figure_is_reported(name: str, extracted: Get) -> None:
    result = extracted(INPUT / name)
    coded = [f for f in result.figures if f.indicator_code]
    detected = 0
    for fig in coded:
        wrong = fig.value + (1 if fig.unit == "count" else 1000)  # beyond tys. zł rounding
        sentence = fig.sentence.replace(polish(fig.value), polish(wrong), 1)
        changed = fig.model_copy(update={"value": wrong, "sentence": sentence, "table_id": ""})
        findings = figure_findings(result.model_copy(update={"figures": (changed,)}))
        detected += bool(findings)
        assert all(f.check == "figure_mismatch" and f.severity == "warning" for f in findings)
        assert all(f.period == fig.period for f in findings)
    assert len(coded) >= 7 and detected == len(coded)


# ------------------------------------------------------------------ one report, by hand


def cell(code: str, value: str, raw: str, **kw: object) -> Observation:
    return Observation(
        report_id="r", source_file="r.pdf", page=2, table_id=str(kw.pop("table_id", "1")),
        table_title="Zadania publiczne zlecone w trybie otwartych konkursów ofert",
        row=str(kw.pop("row", "Razem")), indicator="Razem",
        column=str(kw.pop("column", "Kwota dotacji przyznanej (zł)")),
        period=str(kw.pop("period", "")), raw=raw, value=Decimal(value),
        unit=kw.pop("unit", "PLN"), indicator_code=code, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def figure(sentence: str, value: str, code: str, period: str = "2023", **kw: object) -> Figure:
    return Figure(
        report_id="r", source_file="r.pdf", page=3, sentence=sentence, value=Decimal(value),
        unit=kw.pop("unit", "PLN"), scale=Decimal(str(kw.pop("scale", 1))), indicator_code=code,
        period=period,
    )  # fmt: skip


def report(observations: list[Observation], figures: list[Figure]) -> ReportResult:
    info = ReportInfo(report_id="r", file="r.pdf", sha256="", report_year=2023, status=Status.ok)
    return ReportResult(info=info, observations=tuple(observations), figures=tuple(figures))


AWARDED = cell("grant_awarded", "298000.00", "298 000,00")
USED = cell("grant_used", "296691.75", "296 691,75", column="Kwota dotacji wykorzystanej (zł)")


def test_a_returned_amount_is_not_checked_against_the_grant_awarded() -> None:
    """The false finding of the old rule: the most similar cell, whatever its meaning."""
    returned = figure("a kwota 6 148,14 zł została zwrócona do budżetu.", "6148.14",
                      "grant_returned")  # fmt: skip
    assert figure_findings(report([AWARDED, USED], [returned])) == []


def test_an_uncoded_figure_or_one_of_another_year_is_not_checked() -> None:
    uncoded = figure("Łączna kwota środków wyniosła 1 121,5 tys. zł.", "1121.5", "", period="",
                     scale=1000)  # fmt: skip
    earlier = figure("W 2022 r. zawarto umowy na kwotę 250 000,00 zł.", "250000.00",
                     "grant_awarded", period="2022")  # fmt: skip
    assert figure_findings(report([AWARDED], [uncoded, earlier])) == []


def test_the_same_indicator_and_year_stated_differently_is_reported() -> None:
    awarded = figure("Zawarto 28 umów na kwotę 299 000,00 zł.", "299000.00", "grant_awarded")
    [found] = figure_findings(report([AWARDED, USED], [awarded]))
    assert (found.table_id, found.row, found.period) == ("1", "Razem", "2023")
    assert (found.expected, found.found) == ("298000.00", "299000.00")
    assert "grant_awarded 2023" in found.message and "298 000,00" in found.message


def test_agreement_at_printed_precision() -> None:
    thousands = figure("Przyznano dotacje w kwocie 298 tys. zł.", "298", "grant_awarded",
                       scale=1000)  # fmt: skip
    in_tys = cell("grant_awarded", "298000", "298,0", column="Wykonanie (tys. zł) 2023",
                  table_id="5", row="1", period="2023")  # fmt: skip
    exact = figure("Zawarto umowy na kwotę 298 041,25 zł.", "298041.25", "grant_awarded")
    assert figure_findings(report([AWARDED], [thousands])) == []
    assert figure_findings(report([in_tys], [exact])) == []
    ratio = cell("grant_budget_ratio", "0.4", "0,4 %", unit="percent", column="2023 r.",
                 period="2023")  # fmt: skip
    share = figure("Dotacje stanowiły 0,44% wydatków budżetu.", "0.44", "grant_budget_ratio",
                   unit="percent")  # fmt: skip
    assert figure_findings(report([ratio], [share])) == []


def test_a_total_of_rounded_rows_carries_their_rounding() -> None:
    rows = [
        cell("", str(v), f"{v // 1000},0 tys. zł", row=str(i), column="Kwota dotacji "
             "wykorzystanej (zł)") for i, v in enumerate([120000, 96000, 200000], 1)
    ]  # fmt: skip
    total = cell("grant_used", "416000.00", "416 000,00", is_total=True,
                 column="Kwota dotacji wykorzystanej (zł)")  # fmt: skip
    used = figure("Organizacje wykorzystały dotacje w kwocie 416 121,03 zł.", "416121.03",
                  "grant_used")  # fmt: skip
    assert figure_findings(report([*rows, total], [used])) == []
    far = used.model_copy(update={"value": Decimal("418221.03")})
    assert len(figure_findings(report([*rows, total], [far]))) == 1
