"""Many reports -> one dataset, and the checks between reports.

Observations are matched between reports by (issuer, programme, table, section,
row, unit, column), with the indicator text as a cross-check: texts that are the
same after normalisation (case, blanks, diacritics, punctuation) or differ only
by small rewording (difflib ratio >= 0.9, e.g. "1%" vs "1%/1,5%") are one
indicator.  In indicator tables (year or target columns) the row number is the
indicator's identity, so a real text change keeps the values together, records
`renamed_from` and raises an `indicator_renamed` warning; in list tables (rows
are tasks or organisations) a different text is simply a different item.

Periods: a year column gives its year; a target column ("Wartość docelowa")
holds for the whole programme (period ""); any other column states the value
of the one year its caption names ("Tabela 1. … w 2023 r."), else of the report
year.  Annual programmes of one issuer ("… na rok 2022", "… na rok 2023") form
one series.  A value stated differently by several reports is `conflicting`;
the dataset then carries the latest report's value (and every value in `values`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractor.checks import rules as R
from extractor.checks.rules import Finding, natural_key
from extractor.checks.spill import sorted_spilled
from extractor.model.records import Observation, ReportInfo, ReportResult, Unit
from extractor.output.results_io import decimal_as_text, fmt_number, fmt_value, joined, plain
from extractor.output.writers import RowSink, atomic_files, render_rows
from extractor.text import normalize as T
from extractor.text.normalize import matches, norm

DATASET_COLUMNS = (
    "issuer", "programme", "table_id", "section", "row", "indicator", "column", "period", "unit",
    "value", "status", "values", "sources", "report_ids", "renamed_from",
)  # fmt: skip
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
ANNUAL = re.compile(r"[\s,]*\b(na|za)\s+rok\s+(19|20)\d\d\b.*$", re.I | re.S)


class DatasetRow(BaseModel):
    """One indicator value for one period, with every report that states it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    issuer: str
    programme: str
    table_id: str
    section: str
    row: str
    indicator: str
    column: str  # the header as printed in the latest report stating the value
    period: str
    unit: Unit
    value: Decimal | None  # when conflicting: the latest report's value
    status: Literal["single", "agreed", "conflicting"]
    values: tuple[Decimal | None, ...]  # every distinct value stated, oldest report first
    sources: tuple[str, ...]  # "file:page"
    report_ids: tuple[str, ...]
    renamed_from: str = ""


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
        if matches(R.GOAL.target_column, self.obs.column):
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
        key[:3] for key, sts in grouped.items()
        if any(s.obs.period or matches(R.GOAL.target_column, s.obs.column) for s in sts)
    }  # fmt: skip
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
    return norm(a) == norm(b) or T.similarity(a, b) >= R.RENAME.same_similarity


# ---------------------------------------------------------------------- dataset


def consolidate(results: Sequence[ReportResult]) -> list[DatasetRow]:
    """One row per (issuer, programme, table, section, row, indicator, column, period, unit)."""
    rows, _ = consolidate_with_findings(results)
    return sorted(rows, key=row_order)


def consolidate_with_findings(
    results: Sequence[ReportResult],
) -> tuple[list[DatasetRow], list[Finding]]:
    """The dataset rows (unsorted) and the between-report findings, from one grouping."""
    series = build_series(results)
    rows = [
        dataset_row(one, period, statements)
        for one in series
        for period, statements in one.by_period().items()
    ]
    return rows, series_findings(series)


def row_order(row: DatasetRow) -> tuple[object, ...]:
    return (
        row.issuer, row.programme, natural_key(row.table_id), natural_key(row.section),
        natural_key(row.row), row.indicator, row.period, row.column, row.unit,
    )  # fmt: skip


def dataset_row(series: Series, period: str, statements: list[Statement]) -> DatasetRow:
    latest = statements[-1]
    values = tuple(dict.fromkeys(st.obs.value for st in statements))
    report_ids = tuple(dict.fromkeys(st.info.report_id for st in statements))
    status: Literal["single", "agreed", "conflicting"] = "agreed"
    if len(values) > 1:
        status = "conflicting"
    elif len(report_ids) == 1:
        status = "single"
    return DatasetRow(
        issuer=series.latest.info.issuer,
        programme=programme_series(series.latest.info.programme),
        table_id=latest.obs.table_id,
        section=latest.obs.section,
        row=latest.obs.row,
        indicator=series.latest.obs.indicator,
        column=latest.obs.column,
        period=period,
        unit=latest.obs.unit,
        value=latest.obs.value,
        status=status,
        values=values,
        sources=tuple(dict.fromkeys(f"{st.obs.source_file}:{st.obs.page}" for st in statements)),
        report_ids=report_ids,
        renamed_from="; ".join(dict.fromkeys(series.renamed_from)),
    )


RenderedRow = tuple[tuple[object, ...], str, str]  # sort key, CSV line, JSON item


def render_row(row: DatasetRow) -> RenderedRow:
    """A dataset row as its files show it, with the key it is sorted by."""
    line, (item,) = render_rows([row.model_dump()], DATASET_COLUMNS, decimal_as_text, joined)
    return row_order(row), line, item


def write_dataset(rows: Iterable[DatasetRow], out_dir: Path) -> None:
    """dataset.csv and dataset.json, in a stable order (see `write_rendered_dataset`)."""
    write_rendered_dataset(map(render_row, rows), out_dir)


def write_rendered_dataset(rows: Iterable[RenderedRow], out_dir: Path) -> None:
    """dataset.csv and dataset.json from rendered rows, sorted by their keys, written
    together atomically and streamed (rows beyond memory sorted through temporary files)."""
    with atomic_files(out_dir / "dataset.csv", out_dir / "dataset.json") as [csv_fh, json_fh]:
        sink = RowSink(csv_fh, json_fh, DATASET_COLUMNS)
        for _, line, item in sorted_spilled(rows, key=itemgetter(0), folder=out_dir):
            sink.write_rendered(line, (item,))
        sink.close()


# ----------------------------------------------------------- between reports


def cross_report_findings(results: Sequence[ReportResult]) -> list[Finding]:
    """Restatements, baseline mismatches, renamed indicators and year-on-year jumps."""
    return series_findings(build_series(results))


def series_findings(all_series: Sequence[Series]) -> list[Finding]:
    findings: list[Finding] = []
    for series in all_series:
        findings.extend(restatements(series))
        findings.extend(renamed(series))
        findings.extend(jumps(series))
    return list(dict.fromkeys(findings))


def label(st: Statement) -> str:
    obs = st.obs
    section = f" section {obs.section}" if obs.section else ""
    indicator = obs.indicator if len(obs.indicator) <= 70 else obs.indicator[:67] + "…"
    return f"{R.table_label(obs)}{section} row {obs.row} '{indicator}'"


def cite(st: Statement) -> str:
    return f"{st.info.report_id} ({st.obs.source_file}, page {st.obs.page})"


def page_of(st: Statement) -> str:
    return f"{st.obs.source_file}, page {st.obs.page}"


def restatements(series: Series) -> list[Finding]:
    """Reports stating one indicator and year differently.

    The reference is the value most reports state; on a tie a text-layer statement
    before an OCR one, then the oldest report.
    """
    findings: list[Finding] = []
    for period, statements in series.by_period().items():
        first_of: dict[str, Statement] = {}
        for st in statements:
            first_of.setdefault(st.info.report_id, st)
        stated = list(first_of.values())
        counts = Counter(st.obs.value for st in stated)
        if not period or len(counts) < 2:
            continue
        reference = min(
            stated, key=lambda s: (-counts[s.obs.value], s.obs.source == "ocr", s.order)
        )
        differing = [st for st in stated if st.obs.value != reference.obs.value]
        findings.extend(restated(reference, st) for st in differing)
    return findings


def restated(reference: Statement, st: Statement) -> Finding:
    baseline = matches(R.CROSS_REPORT.baseline_column, st.obs.column) or (
        st.obs.period != "" and st.obs.period == str(st.info.baseline_year)
    )
    rule = R.BASELINE if baseline else R.CROSS_REPORT
    states = f"states the {'baseline' if baseline else 'value'} as"
    if st.info.report_year == reference.info.report_year:  # two files of one report
        rule, states = R.COPIES, f", a file of the same {st.info.report_year} report, states"
    message = (
        f"{label(st)} ({st.obs.column}): {cite(reference)} states {fmt_value(reference.obs)}, "
        f"{cite(st)}{'' if states.startswith(',') else ' '}{states} {fmt_value(st.obs)}"
    )
    expected, found = plain_or_empty(reference), plain_or_empty(st)
    return finding(rule, [reference, st], st, expected, found, message)


def plain_or_empty(st: Statement) -> str:
    return plain(st.obs.value, st.obs) if st.obs.value is not None else st.obs.raw


def finding(
    rule: R.Rule,
    involved: Sequence[Statement],
    st: Statement,
    expected: str,
    found: str,
    message: str,
) -> Finding:
    report_ids = dict.fromkeys(s.info.report_id for s in sorted(involved, key=lambda s: s.order))
    return Finding(
        check=rule.id, severity=rule.severity, report_id=";".join(report_ids),
        source_file=st.obs.source_file, table_id=st.obs.table_id, section=st.obs.section,
        row=st.obs.row, period=st.obs.period or st.obs.column, expected=expected, found=found,
        message=message,
    )  # fmt: skip


def renamed(series: Series) -> list[Finding]:
    findings = []
    for old, new in series.renames:
        message = (
            f"{label(new)}: the same table row reads '{old.obs.indicator}' in {cite(old)}; "
            f"its values are matched by table and row number"
        )
        found = finding(R.RENAME, [old, new], new, old.obs.indicator, new.obs.indicator, message)
        findings.append(found.model_copy(update={"period": ""}))
    return findings


def jumps(series: Series, rule: R.JumpRule = R.YOY) -> list[Finding]:
    """Consecutive years whose values differ by a factor of at least `min_ratio`."""
    latest = {p: sts[-1] for p, sts in series.by_period().items() if p.isdigit()}
    findings = []
    for year in sorted(latest):
        before, after = latest.get(str(int(year) - 1)), latest[year]
        if before is None or after.obs.unit not in rule.units:
            continue
        a, b = before.obs.value, after.obs.value
        if a is None or b is None or min(abs(a), abs(b)) < rule.min_value:
            continue
        if max(a, b) / min(a, b) >= rule.min_ratio:
            change = fmt_number((b - a) * 100 / a, 1)
            sign = "+" if b > a else ""
            message = (
                f"{label(after)}: {fmt_value(before.obs)} in {before.period} "
                f"({page_of(before)}), {fmt_value(after.obs)} in {year} ({page_of(after)}): "
                f"{sign}{change} %"
            )
            expected, found = plain(a, before.obs), plain(b, after.obs)
            findings.append(finding(rule, [before, after], after, expected, found, message))
    return findings
