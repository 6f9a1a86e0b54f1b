"""figure_mismatch (warning): a sentence states a vocabulary indicator for a year, the
report's tables state the same indicator and year, and no table cell of it has the
sentence's value.

Only a figure whose sentence names what it is (`Figure.indicator_code`, see
`extractor.report.prose_codes`) is compared, and only with the cells of the same
indicator and year (`Observation.indicator_code`): a figure is never compared with a
merely similar cell, so "a kwota 6 148,14 zł została zwrócona" is not checked against
the grant awarded.  No such cell: no finding."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from extractor.checks.agreement import cell_slack, figure_slack, total_slacks, within
from extractor.checks.rules.base import Rule
from extractor.model.findings import Finding
from extractor.model.records import Figure, Observation, ReportResult
from extractor.report.figures import scaled
from extractor.report.indicator_codes import observation_year

RULE = Rule(
    id="figure_mismatch",
    description=(
        "a sentence's figure of an indicator and year disagrees with every table cell"
        " of that indicator and year"
    ),
    severity="warning",
    tolerance=(
        "the same value, scaled (1 245,5 tys. zł is 1245500); half a printed unit for"
        " a figure or cell printed in tys./mln zł or as a rounded percentage; a total"
        " carries the rounding of the cells it sums"
    ),
)

Cells = dict[tuple[str, str], list[tuple[Observation, Decimal]]]


def coded_cells(result: ReportResult) -> Cells:
    """The report's coded cells with a value and their slack, by (indicator code, year)."""
    cells: Cells = defaultdict(list)
    year = result.info.report_year
    totals = total_slacks(result.observations)
    for obs in result.observations:
        if obs.indicator_code and obs.value is not None:
            slack = totals.get(obs, cell_slack(obs))
            cells[(obs.indicator_code, observation_year(obs, year))].append((obs, slack))
    return cells


def findings(result: ReportResult, rule: Rule = RULE) -> list[Finding]:
    """Coded figures whose value no cell of the same indicator and year states."""
    cells = coded_cells(result)
    found = []
    for figure in result.figures:
        stated = cells.get((figure.indicator_code, figure.period), [])
        if figure.indicator_code and stated and not any(agrees(figure, *c) for c in stated):
            found.append(mismatch(rule, result, figure, stated[0][0]))
    return found


def agrees(figure: Figure, obs: Observation, slack: Decimal) -> bool:
    assert obs.value is not None
    return within(scaled(figure), obs.value, figure_slack(figure) + slack)


def mismatch(rule: Rule, result: ReportResult, figure: Figure, obs: Observation) -> Finding:
    return Finding(
        check=rule.id,
        severity=rule.severity,
        report_id=result.info.report_id,
        source_file=result.info.file,
        table_id=obs.table_id,
        section=obs.section,
        row=obs.row,
        period=figure.period,
        expected=str(obs.value),
        found=str(scaled(figure)),
        message=(
            f"page {figure.page}: the sentence '{figure.sentence}' states {figure.value}"
            f" as {figure.indicator_code} {figure.period}, Tab. {obs.table_id} row {obs.row}"
            f" ({obs.column}, page {obs.page}) prints {obs.raw}"
        ),
    )
