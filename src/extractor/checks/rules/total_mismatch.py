"""total_mismatch: a Razem (total) row against the sum of the rows above it, per column.

`summed` says which rows the check adds up for each total; `totals` are the totals that
do add up to them (within the printed precision): the rows that total other rows,
whatever their label (`extractor.checks.totals` marks them `is_total`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

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
    total_label=r"^(razem|ogolem|suma|lacznie|w sumie)\b",
    units=("count", "PLN"),
)


def is_total(obs: Observation, rule: TotalRule = RULE) -> bool:
    return (
        obs.is_total
        or matches(rule.total_label, obs.row)
        or matches(rule.total_label, obs.indicator)
    )


def summed(
    report: Report, rule: TotalRule = RULE
) -> Iterator[tuple[Observation, list[Observation], Decimal, Decimal]]:
    """Each total the check compares, with the rows it adds up (more than one), their sum
    and the slack the printed precision allows."""
    for column in report.columns.values():
        for total in column:
            if total.value is None or total.unit not in rule.units or not is_total(total, rule):
                continue
            rows = [
                o for o in column
                if o.unit == total.unit and o.value is not None and not is_part(o)
                and not is_total(o, rule)
            ]  # fmt: skip
            if len(rows) > 1:
                slack = total_of([rounding_slack(o) for o in [total, *rows]])
                yield total, rows, total_of([value(o) for o in rows]), slack


def totals(report: Report, rule: TotalRule = RULE) -> list[Observation]:
    """The totals that equal the sum of the rows the check adds up for them."""
    return [
        total
        for total, _, rows_sum, slack in summed(report, rule)
        if abs(rows_sum - value(total)) <= slack
    ]


def findings(report: Report, rule: TotalRule = RULE) -> list[Finding]:
    """The rows of a column against the column's Razem row (counts and amounts)."""
    found = []
    for total, rows, rows_sum, slack in summed(report, rule):
        if abs(rows_sum - value(total)) > slack:
            message = (
                f"{where(total)}: rows {rows[0].row}–{rows[-1].row} add up to "
                f"{fmt_value(total, rows_sum)}, the report prints {fmt_value(total)}"
            )
            expected, printed = plain(rows_sum, total), plain(value(total), total)
            found.append(finding(rule, total, expected, printed, message))
    return found
