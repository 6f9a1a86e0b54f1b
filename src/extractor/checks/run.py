"""Running the checks: reports (and their series) in, findings out, in a stable order.

Pure functions: nothing here reads or writes a file (`extractor.output.check_files`
writes the findings).
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.checks.dataset import dataset_rows, marked
from extractor.checks.rules import (
    ACROSS_SOURCES,
    BETWEEN_REPORTS,
    OF_FIGURES,
    WITHIN_REPORT,
    Report,
    demoted,
)
from extractor.checks.series import Series, build_series
from extractor.model.dataset import DatasetRow
from extractor.model.findings import Finding
from extractor.model.records import ReportResult
from extractor.text.normalize import natural_key


def within_report_findings(result: ReportResult) -> list[Finding]:
    """The findings of the rules that read one report's tables."""
    report = Report.index(result)
    return demoted(report, [f for check in WITHIN_REPORT for f in check(report)])


def report_findings(result: ReportResult) -> list[Finding]:
    """Every finding one report gives on its own: its tables, then its figures in prose."""
    return within_report_findings(result) + [f for check in OF_FIGURES for f in check(result)]


def series_findings(all_series: Sequence[Series]) -> list[Finding]:
    """Restatements, baseline mismatches, renamed indicators and year-on-year jumps."""
    findings = [f for series in all_series for check in BETWEEN_REPORTS for f in check(series)]
    return list(dict.fromkeys(findings))


def cross_report_findings(results: Sequence[ReportResult]) -> list[Finding]:
    return series_findings(build_series(results)) + across_sources_findings(results)


def across_sources_findings(results: Sequence[ReportResult]) -> list[Finding]:
    """Vocabulary indicators of one office stated differently by tables, sentences, reports."""
    return [f for check in ACROSS_SOURCES for f in check(results)]


def run_checks(results: Sequence[ReportResult]) -> list[Finding]:
    """Every within-report finding of every result, then the between-report ones; sorted."""
    findings = [f for result in results for f in within_report_findings(result)]
    findings.extend(f for result in results for check in OF_FIGURES for f in check(result))
    findings.extend(cross_report_findings(results))
    return sort_findings(findings)


def consolidate_with_findings(
    results: Sequence[ReportResult],
) -> tuple[list[DatasetRow], list[Finding]]:
    """The dataset rows (unsorted) and the between-report findings, from one grouping
    (totals marked)."""
    series = build_series(marked(results))
    return dataset_rows(series), series_findings(series) + across_sources_findings(results)


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Unique findings by file, table, section, row, period, check (a stable order)."""

    def key(f: Finding) -> tuple[object, ...]:  # total: the order found in never shows
        return (
            f.source_file, natural_key(f.table_id), natural_key(f.section), natural_key(f.row),
            f.period, f.check, f.message, f.severity, f.report_id, f.expected, f.found,
            f.table_id, f.section, f.row,
        )  # fmt: skip

    return sorted(dict.fromkeys(findings), key=key)
