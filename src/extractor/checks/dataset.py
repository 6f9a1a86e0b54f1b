"""Many reports -> one dataset: a row per indicator, column and period.

Statements are grouped into series (`extractor.checks.series`); each series
gives one `DatasetRow` per period, stating every distinct value and every
report and page that states it.  A value stated differently by several
reports is `conflicting`; the row then carries the latest report's value
(and every value in `values`).  A row totals other rows (`is_total`) when a report
states it as a total (`extractor.checks.totals`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from extractor.checks.series import Series, Statement, build_series, programme_series
from extractor.checks.totals import mark_totals
from extractor.model.dataset import DatasetRow
from extractor.model.records import ReportResult
from extractor.text.normalize import natural_key


def consolidate(results: Sequence[ReportResult]) -> list[DatasetRow]:
    """One row per (issuer, programme, table, section, row, indicator, column, period, unit)."""
    return sorted(dataset_rows(build_series(marked(results))), key=row_order)


def marked(results: Sequence[ReportResult]) -> list[ReportResult]:
    """The results with every row that totals other rows marked (`checks.totals`)."""
    return [mark_totals(result) for result in results]


def dataset_rows(series: Sequence[Series]) -> list[DatasetRow]:
    """The rows of the series, unsorted."""
    return [
        dataset_row(one, period, statements)
        for one in series
        for period, statements in one.by_period().items()
    ]


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
        is_total=any(st.obs.is_total for st in statements),
    )
