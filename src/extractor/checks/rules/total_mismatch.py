"""total_mismatch: a Razem (total) row against the sum of the rows above it, per column.

`summed` says which rows the check adds up for each total; `totals` are the totals that
do add up to them (within the printed precision): the rows that total other rows,
whatever their label (`extractor.checks.totals` marks them `is_total`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
    and the slack the printed precision allows.

    A total adds up the rows of its group (section); a total closing a table of several
    groups may add up the whole table: when the group's rows do not give it, the whole
    table's rows are tried, and the one that gives the total is kept."""
    whole = table_columns(report)
    for key, column in report.columns.items():
        for total in column:
            if total.value is None or total.unit not in rule.units or not is_total(total, rule):
                continue
            options = [addends(column, total, rule)]
            table_wide = whole.get((key[0], key[2]), [])
            if len(table_wide) > len(column):
                options.append(addends(table_wide, total, rule))
            options = [rows for rows in options if len(rows) > 1 and told_apart(rows)]
            sums = [(rows, total_of([value(o) for o in rows])) for rows in options]
            for rows, rows_sum in sorted(sums, key=lambda s: abs(s[1] - value(total))):
                slack = total_of([rounding_slack(o) for o in [total, *rows]])
                yield total, rows, rows_sum, slack
                break


def addends(
    column: Sequence[Observation], total: Observation, rule: TotalRule
) -> list[Observation]:
    return [
        o for o in column
        if o.unit == total.unit and o.value is not None and not is_part(o)
        and not is_total(o, rule)
    ]  # fmt: skip


def told_apart(rows: Sequence[Observation]) -> bool:
    """Each row gives the column one value: a row giving two (its cells read into one
    column, a header lost) makes the column's sum meaningless, so it is not checked."""
    seen: dict[tuple[str, str, str], str] = {}
    for o in rows:
        raw = seen.setdefault((o.section, o.row, o.indicator), o.raw)
        if raw != o.raw:
            return False
    return True


def table_columns(report: Report) -> dict[tuple[str, str], list[Observation]]:
    """Every column of every table, all its groups together."""
    out: dict[tuple[str, str], list[Observation]] = {}
    for (table_id, _, column), observations in report.columns.items():
        out.setdefault((table_id, column), []).extend(observations)
    return out


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
