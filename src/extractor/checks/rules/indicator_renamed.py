"""indicator_renamed (warning): the indicator text of a table row really changed between
reports; its values stay one series, matched by table and row number."""

from __future__ import annotations

from extractor.checks.rules.base import Rule, finding_between
from extractor.checks.series import MATCHING, Series, cite, label
from extractor.model.findings import Finding

RULE = Rule(
    id="indicator_renamed",
    description="the indicator text of a table row changed between reports (matched by row)",
    severity="warning",
    tolerance=(
        f"texts whose normalised difflib ratio is at least {MATCHING.same_similarity:g} "
        "are the same indicator"
    ),
)


def findings(series: Series) -> list[Finding]:
    found = []
    for old, new in series.renames:
        message = (
            f"{label(new)}: the same table row reads '{old.obs.indicator}' in {cite(old)}; "
            f"its values are matched by table and row number"
        )
        one = finding_between(RULE, [old, new], new, old.obs.indicator, new.obs.indicator, message)
        found.append(one.model_copy(update={"period": ""}))
    return found
