"""stage_order (info): a later stage of a process larger than an earlier one (submitted
>= correct >= selected >= contracted >= realised), where the table states both."""

from __future__ import annotations

import os
import re
from decimal import Decimal

from extractor.checks.rules.base import Line, Report, Rule, finding, total_of, value
from extractor.checks.vocabulary import base_row, is_part, measure, where
from extractor.model.findings import Finding
from extractor.text.normalize import matches
from extractor.text.printed import fmt_number, fmt_value, plain


class StageRule(Rule):
    """Each chain lists the stages of a process, each stage no larger than the previous."""

    chains: tuple[tuple[str, ...], ...]


RULE = StageRule(
    id="stage_order",
    description=(
        "a later stage of a process exceeds an earlier one (realised <= contracted); info only:"
        " contracts may include multi-year ones signed in earlier years"
    ),
    severity="info",
    chains=(
        (
            r"\b(zlozonych ofert|ofert zlozonych)\b",
            r"\bofert poprawnych\b",
            r"\bwybranych do realizacji\b",
            r"\b(zawartych umow|umow zawartych)\b",
            r"\b(zrealizowanych projektow|projektow zrealizowanych)\b",
        ),
        (
            r"\bpodmiotow ktore zlozyly\b",
            r"\bpodmiotow ktore uzyskaly\b",
            r"\bpodmiotow ktore zrealizowaly\b",
        ),
    ),
)


def findings(report: Report, rule: StageRule = RULE) -> list[Finding]:
    """Submitted >= correct >= selected >= contracted >= realised, where the table says so."""
    found = []
    for line in report.lines.values():
        for chain in rule.chains:
            stages = [s for s in (stage_value(line, pattern) for pattern in chain) if s]
            for (earlier, e_sum), (later, l_sum) in zip(stages, stages[1:], strict=False):
                if l_sum > e_sum:
                    message = (
                        f"{where(later[0], base_row(later[0].row))}: '{stage_name(later)}' "
                        f"{stage_text(later, l_sum)} exceeds '{stage_name(earlier)}' "
                        f"{stage_text(earlier, e_sum)} (row {base_row(earlier[0].row)})"
                    )
                    limit, printed = f"<= {plain(e_sum, earlier[0])}", plain(l_sum, later[0])
                    found.append(finding(rule, later[0], limit, printed, message))
    return found


def stage_value(line: Line, pattern: str) -> tuple[Line, Decimal] | None:
    """The stage's observation (or its a)/b) parts when no total is printed) and value."""
    members = [o for o in line if o.unit == "count" and matches(pattern, measure(o))]
    members = [o for o in members if o.value is not None]
    wholes = [o for o in members if not is_part(o)]
    chosen = wholes or members
    if not chosen or len({base_row(o.row) for o in chosen}) != 1 or len(wholes) > 1:
        return None
    return chosen, total_of([value(o) for o in chosen])


def stage_name(members: Line) -> str:
    """The indicator of a stage; for a)/b) parts the text they share ('… do realizacji')."""
    names = [measure(o) for o in members]
    shared = os.path.commonprefix(names) if len(names) > 1 else names[0]
    return re.sub(r"\s+[a-h]\).*$", "", shared, flags=re.S).strip(" –-:")


def stage_text(members: Line, total: Decimal) -> str:
    if len(members) == 1:
        return fmt_value(members[0])
    return f"{fmt_number(total)} ({' + '.join(fmt_value(o) for o in members)})"
