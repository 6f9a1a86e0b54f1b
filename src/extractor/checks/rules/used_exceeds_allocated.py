"""used_exceeds_allocated: funds used (wykorzystane) above the funds allocated or granted
(przeznaczone / przyznane) on the same line, rows or columns."""

from __future__ import annotations

import re

from pydantic import Field

from extractor.checks.rules.base import Line, Report, Rule, finding, value
from extractor.checks.vocabulary import measure, where
from extractor.model.findings import Finding
from extractor.model.records import Observation
from extractor.text import normalize as T
from extractor.text.normalize import matches
from extractor.text.printed import fmt_value, plain


class PairRule(Rule):
    """Two measures of one line that differ by one word: smaller <= larger."""

    smaller: str
    larger: str
    # of the two texts without that word (normalised difflib ratio)
    min_rest_similarity: float = Field(default=0.9, gt=0, le=1)


RULE = PairRule(
    id="used_exceeds_allocated",
    description="funds used (wykorzystane) exceed the funds allocated (przeznaczone/przyznane)",
    smaller=r"\bwykorzyst\w*",
    larger=r"\b(przeznacz|przyzna)\w*",
)


def findings(report: Report, rule: PairRule = RULE) -> list[Finding]:
    """Funds used (wykorzystane) <= funds allocated (przeznaczone / przyznane) on one line."""
    found = []
    for line in report.lines.values():
        for used in line:
            if used.value is None or not matches(rule.smaller, measure(used)):
                continue
            allocated = paired(rule, used, line)
            if allocated is not None and value(used) > value(allocated):
                message = (
                    f"{where(used)}: {fmt_value(used)} used ('{measure(used)}') exceeds "
                    f"{fmt_value(allocated)} allocated ('{measure(allocated)}', "
                    f"row {allocated.row})"
                )
                limit = f"<= {plain(value(allocated), allocated)}"
                found.append(finding(rule, used, limit, plain(value(used), used), message))
    return found


def paired(rule: PairRule, used: Observation, line: Line) -> Observation | None:
    """The line's observation whose measure is the same text with the other word."""
    rest = re.sub(rule.smaller, "", T.norm(measure(used)))
    best: tuple[float, Observation] | None = None
    for obs in line:
        if obs.unit != used.unit or obs.value is None or not matches(rule.larger, measure(obs)):
            continue
        score = T.similarity(rest, re.sub(rule.larger, "", T.norm(measure(obs))))
        if score >= rule.min_rest_similarity and (best is None or score > best[0]):
            best = (score, obs)
    return best[1] if best else None
