"""indicator_conflict (warning): one office's indicator and year (a vocabulary code) stated
with different values by two tables, or by a sentence and another report.

The statements are those of the comparison across offices (`checks.comparison`): coded
table cells and figures, agreeing at their printed precision.  A difference another
check already reports is left to it: the same cell restated by another report
(`restatement`), two files of one report year (`report_copies_differ`) and a sentence
against its own report's tables (`figure_mismatch`, also when its report's table agrees
with it and that table differs from another's).
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.checks.comparison import Stated, grouped, report_statements
from extractor.checks.rules.base import Rule
from extractor.model.findings import Finding
from extractor.model.records import ReportResult
from extractor.text.printed import plain

RULE = Rule(
    id="indicator_conflict",
    description=(
        "two tables, or a sentence and another report, state one indicator of one office and"
        " year differently"
    ),
    severity="warning",
    tolerance="half a printed unit of each value printed in tys./mln zł or as a percentage",
)


def findings(results: Sequence[ReportResult], rule: Rule = RULE) -> list[Finding]:
    """One finding per office, year and indicator whose statements conflict in a way no
    other check reports."""
    statements = [
        st for r in results for st in report_statements(r.info, r.observations, r.figures)
    ]
    found = []
    for group in grouped(statements).values():
        pair = uncovered_pair(group)
        if pair is not None:
            found.append(conflict(rule, *pair))
    return found


def uncovered_pair(group: Sequence[Stated]) -> tuple[Stated, Stated] | None:
    """The last pair of disagreeing statements no other check reports (the flagged one
    second: a later report's, else a total's, else a table's), if any."""
    ordered = sorted(group, key=lambda s: (s.order, s.kind != "table", s.cell, s.where))
    pairs = [
        (a, b)
        for i, a in enumerate(ordered)
        for b in ordered[i + 1 :]
        if not a.agrees(b) and not covered(a, b, group)
    ]
    if not pairs:
        return None
    a, b = pairs[-1]
    return (b, a) if a.order == b.order and a.total and not b.total else (a, b)


def covered(a: Stated, b: Stated, group: Sequence[Stated]) -> bool:
    """Is the difference between `a` and `b` another check's?  (Two files of one report
    year are copies: `report_copies_differ`.)"""
    if a.report_id != b.report_id and a.order[0] == b.order[0]:
        return True
    if a.kind == b.kind == "table":
        return a.cell == b.cell  # restatement of one cell
    return all(
        s.kind == "table" or s.report_id == t.report_id or has_agreeing_table(s, group)
        for s, t in ((a, b), (b, a))
    )


def has_agreeing_table(sentence: Stated, group: Sequence[Stated]) -> bool:
    """The sentence's own report has a table that agrees with it (their difference with
    other tables is then a difference of tables)."""
    return any(
        s.kind == "table" and s.report_id == sentence.report_id and s.agrees(sentence)
        for s in group
    )


def conflict(rule: Rule, reference: Stated, st: Stated) -> Finding:
    table_id, section, row = st.cell[:3] if st.cell else ("", "", "")
    return Finding(
        check=rule.id,
        severity=rule.severity,
        report_id=";".join(dict.fromkeys((reference.report_id, st.report_id))),
        source_file=st.where.split(":", 1)[0],
        table_id=table_id,
        section=section,
        row=row,
        period=str(st.year),
        expected=plain(reference.value),
        found=plain(st.value),
        message=(
            f"{st.issuer}, {st.code} {st.year}: {reference.where} states"
            f" {plain(reference.value)}, {st.where} states {plain(st.value)}"
        ),
    )
