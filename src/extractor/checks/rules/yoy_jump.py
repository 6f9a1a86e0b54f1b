"""yoy_jump (info): a value that changes by a factor of at least 1.5 between consecutive
years (both values at least 10)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from extractor.checks.rules.base import Rule, finding_between
from extractor.checks.series import Series, label, page_of
from extractor.model.findings import Finding
from extractor.model.records import Unit
from extractor.text.printed import fmt_number, fmt_value, plain


class JumpRule(Rule):
    min_ratio: Decimal = Field(gt=1)
    min_value: Decimal = Field(ge=0)
    units: tuple[Unit, ...]


RULE = JumpRule(
    id="yoy_jump",
    description="a value changes by a factor of 1.5 or more (+50 % / -33 %) in a year",
    severity="info",
    tolerance="both values at least 10, so that small counts (1 -> 2) are not flagged",
    min_ratio=Decimal("1.5"),
    min_value=Decimal(10),
    units=("count", "PLN"),
)


def findings(series: Series, rule: JumpRule = RULE) -> list[Finding]:
    """Consecutive years whose values differ by a factor of at least `min_ratio`."""
    latest = {p: sts[-1] for p, sts in series.by_period().items() if p.isdigit()}
    found = []
    for year in sorted(latest):
        before, after = latest.get(str(int(year) - 1)), latest[year]
        if before is None or after.obs.unit not in rule.units:
            continue
        a, b = before.obs.value, after.obs.value
        if a is None or b is None or min(abs(a), abs(b)) < rule.min_value:
            continue
        if max(a, b) / min(a, b) >= rule.min_ratio:
            change = fmt_number((b - a) * 100 / a, 1)
            sign = "+" if b > a else ""
            message = (
                f"{label(after)}: {fmt_value(before.obs)} in {before.period} "
                f"({page_of(before)}), {fmt_value(after.obs)} in {year} ({page_of(after)}): "
                f"{sign}{change} %"
            )
            expected, changed = plain(a, before.obs), plain(b, after.obs)
            found.append(finding_between(rule, [before, after], after, expected, changed, message))
    return found
