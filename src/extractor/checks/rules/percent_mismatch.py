"""percent_mismatch: a stated percent against its count and the denominator row
("411, tj. 49,82 %" of 825 offers submitted)."""

from __future__ import annotations

from extractor.checks.rules.base import PRINTED, Line, Report, Rule, finding, first, value
from extractor.checks.vocabulary import measure, where
from extractor.model.findings import Finding
from extractor.model.records import Observation
from extractor.text.normalize import matches
from extractor.text.printed import fmt_value, plain, printed_form, round_half_up


class PercentRule(Rule):
    """A row stating a count and its percent: percent = count / denominator row."""

    percent_row: str
    denominator: str


RULE = PercentRule(
    id="percent_mismatch",
    description="a stated percent against its count and the number of offers submitted",
    tolerance=PRINTED,
    percent_row=r"\bprocentowo\b",
    denominator=(
        r"^liczba (?:zlozonych ofert|ofert zlozonych)"
        r"(?: (?:w|na) (?:otwart\w* )?konkurs\w*(?: ofert)?)?(?: ogolem)?$"
    ),
)


def findings(report: Report, rule: PercentRule = RULE) -> list[Finding]:
    """'411, tj. 49,82 %' of 825 offers: 411 / 825 rounded to 2 decimals is 49,82."""
    found = []
    for line in report.lines.values():
        for pct in line:
            if pct.unit != "percent" or pct.value is None:
                continue
            operands = percent_operands(rule, pct, line)
            if operands is None:
                continue
            count, denominator = operands
            decimals = printed_form(pct)[0]
            expected = round_half_up(value(count) * 100 / value(denominator), decimals)
            if expected != pct.value:
                message = (
                    f"{where(pct)}: {fmt_value(count)} of {fmt_value(denominator)} "
                    f"(row {denominator.row}) is {fmt_value(pct, expected)}, "
                    f"the report prints {fmt_value(pct)}"
                )
                expected_text, printed = plain(expected, pct), plain(value(pct), pct)
                found.append(finding(rule, pct, expected_text, printed, message))
    return found


def percent_operands(
    rule: PercentRule, pct: Observation, line: Line
) -> tuple[Observation, Observation] | None:
    """The count printed with the percent, and the denominator row of the same column."""
    if not matches(rule.percent_row, measure(pct)):
        return None
    count = first(line, lambda o: o.row == pct.row and o.unit == "count")
    denominator = first(
        line,
        lambda o: o.row != pct.row and o.unit == "count" and matches(rule.denominator, measure(o)),
    )
    if count is None or denominator is None or value(denominator) == 0:
        return None
    return count, denominator
