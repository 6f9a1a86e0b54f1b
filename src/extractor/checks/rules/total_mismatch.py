"""total_mismatch: a Razem (total) row against the sum of the rows above it, per column."""

from __future__ import annotations

from extractor.checks.rules.base import (
    SCALED,
    Report,
    Rule,
    finding,
    rounding_slack,
    total_of,
    value,
)
from extractor.checks.vocabulary import is_part, where
from extractor.model.findings import Finding
from extractor.model.records import Observation, Unit
from extractor.text.normalize import matches
from extractor.text.printed import fmt_value, plain


class TotalRule(Rule):
    total_label: str  # the row label or indicator of a total
    units: tuple[Unit, ...]  # the units a total adds up


RULE = TotalRule(
    id="total_mismatch",
    description="the rows of a table against its Razem (total) row",
    tolerance=SCALED,
    total_label=r"^(razem|ogolem|suma)\b",
    units=("count", "PLN"),
)


def is_total(obs: Observation, rule: TotalRule = RULE) -> bool:
    return matches(rule.total_label, obs.row) or matches(rule.total_label, obs.indicator)


def findings(report: Report, rule: TotalRule = RULE) -> list[Finding]:
    """The rows of a column against the column's Razem row (counts and amounts)."""
    found = []
    for column in report.columns.values():
        for total in column:
            if total.value is None or total.unit not in rule.units or not is_total(total, rule):
                continue
            rows = [
                o for o in column
                if o.unit == total.unit and o.value is not None and not is_part(o)
                and not is_total(o, rule)
            ]  # fmt: skip
            rows_sum = total_of([value(o) for o in rows])
            slack = total_of([rounding_slack(o) for o in [total, *rows]])
            if len(rows) > 1 and abs(rows_sum - total.value) > slack:
                message = (
                    f"{where(total)}: rows {rows[0].row}–{rows[-1].row} add up to "
                    f"{fmt_value(total, rows_sum)}, the report prints {fmt_value(total)}"
                )
                expected, printed = plain(rows_sum, total), plain(total.value, total)
                found.append(finding(rule, total, expected, printed, message))
    return found
