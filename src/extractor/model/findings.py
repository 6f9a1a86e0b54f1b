"""Findings: what the consistency checks report, one row of `checks.csv` each."""

from __future__ import annotations

from typing import Annotated, Literal

from extractor.model.records import NUMBER_TEXT, Frozen, Row, Section, TableId, described

Severity = Literal["error", "warning", "info"]


class Finding(Frozen):
    """One inconsistency (or notable fact) found in one report or between reports."""

    check: Annotated[str, described("The check's name (total_mismatch, restatement, ...)")]
    severity: Annotated[Severity, described("error, warning or info")]
    report_id: Annotated[str, described("Reports involved (;-joined)")]
    source_file: Annotated[str, described("The file that prints the flagged value")]
    table_id: TableId = ""
    section: Section = ""
    row: Row = ""
    period: Annotated[
        str, described("The year for year columns, else the column header as printed")
    ] = ""
    expected: Annotated[str, NUMBER_TEXT, described("The expected value or condition")] = ""
    found: Annotated[str, NUMBER_TEXT, described("The value found")] = ""
    message: Annotated[str, described("What is wrong, with pages")]
