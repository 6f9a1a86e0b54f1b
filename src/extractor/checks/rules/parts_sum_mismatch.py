"""parts_sum_mismatch and parts_exceed_total: rows "Na", "Nb" against the row "N" they
split.  Enumerated parts ("a)", "b)" printed) must add up to it; parts that are only
some of the whole ("w tym") must stay within it."""

from __future__ import annotations

import re
from collections import defaultdict

from extractor.checks.rules.base import (
    SCALED,
    Line,
    Report,
    Rule,
    finding,
    rounding_slack,
    total_of,
    value,
)
from extractor.checks.vocabulary import base_row, is_part, where
from extractor.model.findings import Finding
from extractor.model.records import Observation
from extractor.text import normalize as T
from extractor.text.printed import fmt_value, plain


class PartsRule(Rule):
    """Rows "Na", "Nb" split row "N": enumerated parts add up to it, others stay below it."""

    exceed_id: str
    enumerated: str  # printed letters "a)", "b)": the parts are the whole split
    including: str  # "w tym": the parts are some of the whole


RULE = PartsRule(
    id="parts_sum_mismatch",
    exceed_id="parts_exceed_total",
    description="a)/b) parts against the total they split (sum equal; a 'w tym' part not above it)",
    tolerance=SCALED,
    enumerated=r"(^|\s)[a-h]\)",
    including=r"\bw tym\b",
)


def findings(report: Report, rule: PartsRule = RULE) -> list[Finding]:
    """Parts '4a', '4b' of row '4' against the total the table states in that row."""
    found = []
    for column in report.columns.values():
        parts_of: dict[tuple[str, str], Line] = defaultdict(list)
        for obs in column:
            if is_part(obs) and obs.value is not None:
                parts_of[(base_row(obs.row), obs.unit)].append(obs)
        totals = {
            (o.row, o.unit): o for o in reversed(column) if o.value is not None and not is_part(o)
        }
        for obs in column:  # a row named by its label: its parts share the row
            total = totals.get((obs.row, obs.unit))
            if total is not None and obs.value is not None and part_of(total, obs):
                parts_of[(obs.row, obs.unit)].append(obs)
        for key, parts in parts_of.items():
            if key in totals:
                found.extend(compare_parts(rule, totals[key], parts))
    return found


def compare_parts(rule: PartsRule, total: Observation, parts: Line) -> list[Finding]:
    text = T.fold(" ".join(f"{o.indicator} {o.raw}" for o in [total, *parts]))
    enumerated = re.search(rule.enumerated, text) is not None
    whole_split = len(parts) > 1 and (enumerated or not re.search(rule.including, text))
    parts_sum = total_of([value(p) for p in parts])
    slack = total_of([rounding_slack(o) for o in [total, *parts]])
    listed = " + ".join(f"{part_label(total, p)} {fmt_value(p)}" for p in parts)
    if whole_split and abs(parts_sum - value(total)) > slack:
        message = (
            f"{where(total)}: the parts {listed} add up to {fmt_value(total, parts_sum)}, "
            f"the total printed is {fmt_value(total)}"
        )
        return [finding(rule, total, plain(parts_sum, total), plain(value(total), total), message)]
    if not whole_split and max(max(map(value, parts)), parts_sum) > value(total) + slack:
        exceed = rule.model_copy(update={"id": rule.exceed_id})
        what = "the part" if len(parts) == 1 else "the parts"
        message = (
            f"{where(total)}: {what} {listed} exceed{'s' if len(parts) == 1 else ''} "
            f"the total {fmt_value(total)} ('{T.one_line(total.raw)}')"
        )
        limit = f"<= {plain(value(total), total)}"
        return [finding(exceed, total, limit, plain(parts_sum, total), message)]
    return []


def part_of(total: Observation, obs: Observation) -> bool:
    """`obs` is a part of `total` printed in the same cell of a row named by its label
    ("9 (w tym 12)": indicator "... – w tym")."""
    return (
        obs is not total
        and not obs.row.isdigit()
        and obs.raw == total.raw
        and obs.indicator.startswith(total.indicator + " – ")
    )


def part_label(total: Observation, part: Observation) -> str:
    label = part.indicator
    if label.startswith(total.indicator):
        label = label[len(total.indicator) :]
    return label.strip(" –-:") or f"row {part.row}"
