"""restatement, baseline_mismatch and report_copies_differ: one indicator and year stated
differently by two reports.  Which of the three a difference is depends on what is
restated: the baseline column (baseline_mismatch), a value of a report of the same
year, i.e. two files of one report (report_copies_differ), or any other value."""

from __future__ import annotations

from collections import Counter

from extractor.checks.rules.base import Rule, finding_between
from extractor.checks.series import Series, Statement, cite, label
from extractor.model.findings import Finding
from extractor.text.normalize import matches
from extractor.text.printed import fmt_value, plain


class CrossReportRule(Rule):
    baseline_column: str


RULE = CrossReportRule(
    id="restatement",
    description="the same indicator and year stated by two reports with different values",
    baseline_column=r"\bstan wyjsciowy\b",
)
BASELINE = Rule(
    id="baseline_mismatch",
    description="the baseline column (Stan wyjściowy) differs between reports of the programme",
)
COPIES = Rule(
    id="report_copies_differ",
    description="two files of one report year state different values, with or without a "
    "period (a version or a misread)",
    severity="warning",
)


def findings(series: Series) -> list[Finding]:
    """Reports stating one indicator and year differently.

    A value without a period (a target, stated for the whole programme) may change
    from one year's report to the next; only two files of one report year stating it
    differently are a finding (report_copies_differ).
    """
    found: list[Finding] = []
    for period, statements in series.by_period().items():
        if period:
            found.extend(differences(statements))
            continue
        by_year: dict[int | None, list[Statement]] = {}
        for st in statements:
            by_year.setdefault(st.info.report_year, []).append(st)
        for year, of_year in by_year.items():
            if year is not None:
                found.extend(differences(of_year))
    return found


def differences(statements: list[Statement]) -> list[Finding]:
    """A finding for each report stating a value other than the reference: the value
    most reports state; on a tie a text-layer statement before an OCR one, then the
    oldest report."""
    first_of: dict[str, Statement] = {}
    for st in statements:
        first_of.setdefault(st.info.report_id, st)
    stated = list(first_of.values())
    counts = Counter(st.obs.value for st in stated)
    if len(counts) < 2:
        return []
    reference = min(stated, key=lambda s: (-counts[s.obs.value], s.obs.source == "ocr", s.order))
    return [restated(reference, st) for st in stated if st.obs.value != reference.obs.value]


def restated(reference: Statement, st: Statement) -> Finding:
    baseline = matches(RULE.baseline_column, st.obs.column) or (
        st.obs.period != "" and st.obs.period == str(st.info.baseline_year)
    )
    rule = BASELINE if baseline else RULE
    states = f"states the {'baseline' if baseline else 'value'} as"
    if st.info.report_year == reference.info.report_year:  # two files of one report
        rule, states = COPIES, f", a file of the same {st.info.report_year} report, states"
    message = (
        f"{label(st)} ({st.obs.column}): {cite(reference)} states {fmt_value(reference.obs)}, "
        f"{cite(st)}{'' if states.startswith(',') else ' '}{states} {fmt_value(st.obs)}"
    )
    expected, found = plain_or_empty(reference), plain_or_empty(st)
    return finding_between(rule, [reference, st], st, expected, found, message)


def plain_or_empty(st: Statement) -> str:
    return plain(st.obs.value, st.obs) if st.obs.value is not None else st.obs.raw
