"""goal_attainment (info): the achieved value of a row below its target (Wartość docelowa)."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from extractor.checks.rules.base import Line, Report, Rule, finding, first, value
from extractor.checks.vocabulary import TARGET_COLUMN, base_row, where
from extractor.model.findings import Finding
from extractor.model.records import Observation
from extractor.text import normalize as T
from extractor.text.normalize import matches
from extractor.text.printed import fmt_number, fmt_value, plain, printed_form


class GoalRule(Rule):
    target_column: str
    actual_column: str


RULE = GoalRule(
    id="goal_attainment",
    description="the achieved value is below the target (Wartość docelowa) of the row",
    severity="info",
    target_column=TARGET_COLUMN,
    actual_column=r"wartosc wskaznika|osiagniet|zrealizowan",
)


def findings(report: Report, rule: GoalRule = RULE) -> list[Finding]:
    """An achieved value below the row's target (the first number of the target cell)."""
    rows: dict[tuple[str, str, str], Line] = defaultdict(list)
    for obs in report.result.observations:
        rows[(obs.table_id, obs.section, base_row(obs.row))].append(obs)
    found = []
    for (_, _, row), cells in rows.items():
        target = first(cells, lambda o: matches(rule.target_column, o.column))
        actual = first(cells, partial(is_actual, rule, row))
        if target is None or actual is None or value(actual) >= value(target):
            continue
        message = (
            f"{where(actual)}: achieved {fmt_value(actual)}, below the target "
            f"'{T.one_line(target.raw)}' ({fmt_number(value(target), printed_form(target)[0])})"
        )
        limit = f">= {plain(value(target), target)}"
        found.append(finding(rule, actual, limit, plain(value(actual), actual), message))
    return found


def is_actual(rule: GoalRule, row: str, obs: Observation) -> bool:
    return obs.row == row and matches(rule.actual_column, obs.column)
