"""figure_mismatch (warning): a sentence's figure that disagrees with the table cell it
restates (the cell is the one `extractor.report.figures.best_cell` finds)."""

from __future__ import annotations

from pydantic import Field

from extractor.checks.rules.base import Rule
from extractor.model.findings import Finding
from extractor.model.records import Figure, Observation, ReportResult
from extractor.report.figures import STRONG_MATCH, best_cell, scaled


class FigureRule(Rule):
    min_shared_words: int = Field(ge=1)  # words near the figure that make a cell the one restated


RULE = FigureRule(
    id="figure_mismatch",
    description="a sentence's figure disagrees with the table cell it restates",
    severity="warning",
    tolerance="the same value, scaled (1 245,5 tys. zł is 1245500)",
    min_shared_words=STRONG_MATCH,
)


def findings(result: ReportResult, rule: FigureRule = RULE) -> list[Finding]:
    """Sentences whose figure disagrees with the table cell they restate (warnings)."""
    found = []
    for figure in result.figures:
        if figure.table_id:
            continue  # restates a cell with the same value
        match = best_cell(figure, result.observations, str(result.info.report_year or ""))
        if match is not None and match[0] >= rule.min_shared_words:
            found.append(mismatch(rule, result, figure, match[1]))
    return found


def mismatch(rule: FigureRule, result: ReportResult, figure: Figure, obs: Observation) -> Finding:
    return Finding(
        check=rule.id,
        severity=rule.severity,
        report_id=result.info.report_id,
        source_file=result.info.file,
        table_id=obs.table_id,
        section=obs.section,
        row=obs.row,
        period=obs.period,
        expected=str(obs.value),
        found=str(scaled(figure)),
        message=(
            f"page {figure.page}: the sentence '{figure.sentence}' states {figure.value}"
            f", Tab. {obs.table_id} row {obs.row} ({obs.column}, page {obs.page})"
            f" prints {obs.raw}"
        ),
    )
