"""Rows that total other rows: `is_total` on observations and dataset rows.

A report marks its totals by their label (Razem, Ogółem, Suma, Łącznie: the
observations come with `is_total`); the total_mismatch check adds the totals it
finds adding up the rows above them whatever their label (a row "5" whose text is
"Ogółem środki", equal to rows 1-4).
"""

from __future__ import annotations

from extractor.checks.rules import total_mismatch
from extractor.checks.rules.base import Report
from extractor.model.records import ReportResult


def mark_totals(result: ReportResult) -> ReportResult:
    """The result with `is_total` set on every observation that totals other rows (the
    same result when there is nothing to add)."""
    found = {id(obs) for obs in total_mismatch.totals(Report.index(result))}
    if not any(id(obs) in found and not obs.is_total for obs in result.observations):
        return result
    observations = tuple(
        obs.model_copy(update={"is_total": True}) if id(obs) in found else obs
        for obs in result.observations
    )
    return result.model_copy(update={"observations": observations})
