"""Statements of one indicator across reports, grouped into series.

Observations are matched between reports by (issuer, programme, table, section,
row, unit, column), with the indicator text as a cross-check: texts that are the
same after normalisation (case, blanks, diacritics, punctuation) or differ only
by small rewording (difflib ratio >= `MATCHING.same_similarity`, e.g. "1%" vs
"1%/1,5%") are one indicator.  In indicator tables (year or target columns) the
row number is the indicator's identity, so a real text change keeps the values
together and records the rename; in list tables (rows are tasks or
organisations) a different text is simply a different item.

Periods: a year column gives its year; a target column ("Wartość docelowa")
holds for the whole programme (period ""); any other column states the value
of the one year its caption names ("Tabela 1. … w 2023 r."), else of the report
year.  Annual programmes of one issuer ("… na rok 2022", "… na rok 2023") form
one series.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from extractor.checks.vocabulary import is_target, table_label
from extractor.model.records import Observation, ReportInfo, ReportResult
from extractor.text import normalize as T
from extractor.text.normalize import norm

YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
ANNUAL = re.compile(r"[\s,]*\b(na|za)\s+rok\s+(19|20)\d\d\b.*$", re.I | re.S)


class SeriesMatching(BaseModel):
    """When two printed indicator texts are one indicator."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    same_similarity: float = Field(default=0.9, gt=0, le=1)  # normalised difflib ratio


MATCHING = SeriesMatching()


@dataclass(frozen=True)
class Statement:
    obs: Observation
    info: ReportInfo

    @property
    def order(self) -> tuple[int, str, int]:
        return (self.info.report_year or 0, self.info.file, self.obs.page)

    @property
    def period(self) -> str:
        """The year column's year; "" for a target; else the caption's one year or the report's."""
        if self.obs.period:
            return str(self.obs.period)
        if is_target(self.obs):
            return ""
        years = {str(y) for y in YEAR.findall(self.obs.table_title)}
        if len(years) == 1:
            return years.pop()
        return str(self.info.report_year) if self.info.report_year else ""


@dataclass
class Series:
    """One indicator of one table row (and column kind) over all reports."""

    statements: list[Statement] = field(default_factory=list)
    renamed_from: list[str] = field(default_factory=list)
    renames: list[tuple[Statement, Statement]] = field(default_factory=list)

    @property
    def latest(self) -> Statement:
        return self.statements[-1]

    def files(self) -> set[str]:
        return {st.info.file for st in self.statements}

    def by_period(self) -> dict[str, list[Statement]]:
        periods: dict[str, list[Statement]] = defaultdict(list)
        for st in self.statements:
            periods[st.period].append(st)
        return dict(periods)


def programme_series(programme: str) -> str:
    return ANNUAL.sub("", programme).strip()


def group_key(info: ReportInfo) -> tuple[str, str]:
    """Issuer and programme series: reports of different groups never share a series."""
    return norm(info.issuer), norm(programme_series(info.programme))


def series_key(st: Statement) -> tuple[str, ...]:
    obs = st.obs
    column = "" if obs.period else norm(obs.column)
    return (*group_key(st.info), obs.table_id, obs.section, obs.row, obs.unit, column)


def build_series(results: Sequence[ReportResult]) -> list[Series]:
    """Statements grouped into series, oldest report first."""
    grouped: dict[tuple[str, ...], list[Statement]] = defaultdict(list)
    for result in results:
        for obs in result.observations:
            st = Statement(obs, result.info)
            grouped[series_key(st)].append(st)
    indicator_tables = {
        key[:3]
        for key, sts in grouped.items()
        if any(s.obs.period or is_target(s.obs) for s in sts)
    }
    series: list[Series] = []
    for key, statements in grouped.items():
        ordered = sorted(statements, key=lambda s: s.order)
        series.extend(cluster(ordered, key[:3] in indicator_tables))
    return series


def cluster(statements: Sequence[Statement], indicator_table: bool) -> list[Series]:
    """Same text: one series.  A changed text in a later file of an indicator table: the
    series renamed.  Otherwise (list tables, or two texts in one file): separate items."""
    clusters: list[Series] = []
    for st in statements:
        text = st.obs.indicator
        same = next((c for c in clusters if same_text(c.latest.obs.indicator, text)), None)
        last = clusters[-1] if clusters else None
        if same is None and indicator_table and last and st.info.file not in last.files():
            same = last
            same.renamed_from.append(same.latest.obs.indicator)
            same.renames.append((same.latest, st))
        if same is None:
            clusters.append(Series())
            same = clusters[-1]
        same.statements.append(st)
    return clusters


def same_text(a: str, b: str) -> bool:
    return norm(a) == norm(b) or T.similarity(a, b) >= MATCHING.same_similarity


def label(st: Statement) -> str:
    """How a finding between reports names the indicator: table, row and (short) text."""
    obs = st.obs
    section = f" section {obs.section}" if obs.section else ""
    indicator = obs.indicator if len(obs.indicator) <= 70 else obs.indicator[:67] + "…"
    return f"{table_label(obs)}{section} row {obs.row} '{indicator}'"


def cite(st: Statement) -> str:
    return f"{st.info.report_id} ({st.obs.source_file}, page {st.obs.page})"


def page_of(st: Statement) -> str:
    return f"{st.obs.source_file}, page {st.obs.page}"
