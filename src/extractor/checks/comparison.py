"""Offices side by side: each vocabulary indicator of each office and year, from every
table cell and sentence that states it (`ComparisonRow`, written as comparison.csv).

A statement is a coded observation (its year: `report.indicator_codes.observation_year`)
or a coded figure (its year: the sentence's or the report's).  The office is the
report's issuer, normalised with its type (`checks.issuers`); a report naming no
office is left out.  Statements of one office, year and indicator agree when they
differ by no more than their printed precision (`checks.agreement`): ``single`` (one
statement), ``agreed`` or ``conflicting``.  The row's value is the most precisely
printed of agreeing statements (the latest report's on a tie, a table's before a
sentence's); when they conflict, the latest report's (a table's before a sentence's).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, cast

from extractor.checks.agreement import cell_slack, figure_slack, total_slacks
from extractor.checks.issuers import normalise_issuer
from extractor.model.comparison import ComparisonRow, IssuerType
from extractor.model.records import Figure, Observation, ReportInfo, ReportResult
from extractor.report.indicator_codes import observation_year
from extractor.report.indicator_vocabulary import BY_CODE, CODES

EXCERPT = 90  # characters of a sentence quoted as a source


@dataclass(frozen=True)
class Stated:
    """One statement of an indicator's value for an office and year."""

    issuer: str
    issuer_type: str
    year: int
    code: str
    value: Decimal
    slack: Decimal
    kind: Literal["table", "sentence"]
    where: str  # file:page and the cell or the sentence
    report_id: str
    order: tuple[int, str]  # (report year, file): later reports last
    cell: tuple[str, ...] = ()  # (table, section, row, column) of a table statement
    total: bool = False  # a table's total row

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.issuer, self.year, self.code)

    def agrees(self, other: Stated) -> bool:
        return abs(self.value - other.value) <= self.slack + other.slack


def report_statements(
    info: ReportInfo, observations: Sequence[Observation], figures: Sequence[Figure]
) -> list[Stated]:
    """The coded statements of one report (none when it names no office)."""
    issuer, issuer_type = normalise_issuer(info.issuer)
    if not issuer:
        return []
    office = (issuer, issuer_type)
    order = (info.report_year or 0, info.file)
    slacks = total_slacks(observations)
    out = []
    for obs in observations:
        year = observation_year(obs, info.report_year) if obs.indicator_code else ""
        if year and obs.value is not None:
            where = f"{obs.source_file}:{obs.page} Tab. {obs.table_id} row {obs.row} ({obs.column})"
            cell = (obs.table_id, obs.section, obs.row, obs.column)
            slack = slacks.get(obs, cell_slack(obs))
            out.append(
                Stated(*office, int(year), obs.indicator_code, obs.value, slack, "table", where,
                       info.report_id, order, cell, obs.is_total)
            )  # fmt: skip
    for fig in figures:
        if fig.indicator_code and fig.period:
            out.append(
                Stated(*office, int(fig.period), fig.indicator_code, fig.value * fig.scale,
                       figure_slack(fig), "sentence",
                       f"{fig.source_file}:{fig.page} „{excerpt(fig.sentence)}”",
                       info.report_id, order)
            )  # fmt: skip
    return out


def excerpt(sentence: str) -> str:
    text = " ".join(sentence.replace(";", ",").split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def grouped(statements: Iterable[Stated]) -> dict[tuple[str, int, str], list[Stated]]:
    groups: dict[tuple[str, int, str], list[Stated]] = defaultdict(list)
    for st in statements:
        groups[st.key].append(st)
    return groups


def all_agree(statements: Sequence[Stated]) -> bool:
    return all(a.agrees(b) for i, a in enumerate(statements) for b in statements[i + 1 :])


def chosen(statements: Sequence[Stated], agree: bool) -> Stated:
    """The statement whose value the row gives (see the module docstring)."""
    pool = list(statements)
    if agree:
        least = min(s.slack for s in pool)
        pool = [s for s in pool if s.slack == least]
    latest = max(s.order for s in pool)
    own = [s for s in pool if s.order == latest]
    return min(own, key=lambda s: (s.kind != "table", s.slack))


def comparison_row(statements: Sequence[Stated]) -> ComparisonRow:
    ordered = sorted(statements, key=lambda s: (s.order, s.kind, s.where))
    agree = all_agree(ordered)
    first = ordered[0]
    indicator = BY_CODE[first.code]
    status: Literal["single", "agreed", "conflicting"] = "conflicting"
    if agree:
        status = "single" if len(ordered) == 1 else "agreed"
    return ComparisonRow(
        issuer=first.issuer,
        issuer_type=cast(IssuerType, first.issuer_type),
        year=first.year,
        indicator_code=first.code,
        indicator=indicator.label_en,
        value=chosen(ordered, agree).value,
        unit=indicator.unit,
        status=status,
        values=tuple(dict.fromkeys(s.value for s in ordered)),
        sources=tuple(dict.fromkeys(s.where for s in ordered)),
        report_ids=tuple(dict.fromkeys(s.report_id for s in ordered)),
    )


def row_order(row: ComparisonRow) -> tuple[int, int, str, str]:
    """By indicator (vocabulary order), year, then office: offices side by side."""
    return (CODES.index(row.indicator_code), row.year, row.issuer_type, row.issuer)


def comparison_rows(statements: Iterable[Stated]) -> list[ComparisonRow]:
    """One row per office, year and indicator, in `row_order`."""
    rows = [comparison_row(group) for group in grouped(statements).values()]
    return sorted(rows, key=row_order)


def comparison(results: Iterable[ReportResult]) -> list[ComparisonRow]:
    """The comparison of the reports' offices (results in memory)."""
    return comparison_rows(
        st
        for result in results
        for st in report_statements(result.info, result.observations, result.figures)
    )
