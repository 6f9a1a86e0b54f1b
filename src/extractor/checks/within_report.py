"""Consistency checks: within each report and between reports -> findings.

How a rule sees a table: every observation has a *measure* (what the number
counts) and a *line* (the observations it can be compared with).  In an
indicator table (values in year / target / achieved columns) the measure is the
row's indicator and a line is one column; in a list table whose columns name
measures of their own ("Liczba złożonych ofert", "Kwota dotacji przyznanej
(zł)") the measure is the column header and a line is one row.  Rules select
their operands by regular expressions on the normalised measure text (see
`check_rules`).  Between-report checks live in `consolidate`.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial
from pathlib import Path

from extractor.checks import rules as R
from extractor.checks.dataset import cross_report_findings
from extractor.checks.rules import Finding, Line, Report, base_row, is_part, measure
from extractor.model.records import Observation, ReportResult
from extractor.output.results_io import (
    checks_markdown,
    csv_text,
    fmt_number,
    fmt_value,
    json_text,
    plain,
    sort_findings,
)
from extractor.output.writers import atomic_write_text as write_text_atomic
from extractor.report.figures import figure_findings
from extractor.text import normalize as T
from extractor.text.normalize import matches

__all__ = ["Finding", "run_checks", "within_report_findings", "write_checks"]


def finding(rule: R.Rule, obs: Observation, expected: str, found: str, message: str) -> Finding:
    return Finding(
        check=rule.id, severity=rule.severity, report_id=obs.report_id,
        source_file=obs.source_file, table_id=obs.table_id, section=obs.section,
        row=base_row(obs.row), period=obs.period or obs.column, expected=expected, found=found,
        message=message,
    )  # fmt: skip


def has_value(obs: Observation) -> bool:
    return obs.value is not None


def value(obs: Observation) -> Decimal:
    assert obs.value is not None
    return obs.value


def first(line: Line, test: Callable[[Observation], bool]) -> Observation | None:
    return next((o for o in line if has_value(o) and test(o)), None)


def total_of(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


# ------------------------------------------------------------------------ rules


def check_percent(report: Report, rule: R.PercentRule = R.PERCENT) -> list[Finding]:
    """'411, tj. 49,82 %' of 825 offers: 411 / 825 rounded to 2 decimals is 49,82."""
    found = []
    for line in report.lines.values():
        for pct in line:
            if pct.unit != "percent" or not has_value(pct):
                continue
            operands = percent_operands(rule, pct, line)
            if operands is None:
                continue
            count, denominator = operands
            decimals = R.printed_form(pct)[0]
            expected = R.round_half_up(value(count) * 100 / value(denominator), decimals)
            if expected != pct.value:
                message = (
                    f"{R.where(pct)}: {fmt_value(count)} of {fmt_value(denominator)} "
                    f"(row {denominator.row}) is {fmt_value(pct, expected)}, "
                    f"the report prints {fmt_value(pct)}"
                )
                expected_text, printed = plain(expected, pct), plain(value(pct), pct)
                found.append(finding(rule, pct, expected_text, printed, message))
    return found


def percent_operands(
    rule: R.PercentRule, pct: Observation, line: Line
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


def check_parts(report: Report, rule: R.PartsRule = R.PARTS) -> list[Finding]:
    """Parts '4a', '4b' of row '4' against the total the table states in that row."""
    found = []
    for column in report.columns.values():
        parts_of: dict[tuple[str, str], Line] = defaultdict(list)
        for obs in column:
            if is_part(obs) and has_value(obs):
                parts_of[(base_row(obs.row), obs.unit)].append(obs)
        totals = {(o.row, o.unit): o for o in reversed(column) if has_value(o) and not is_part(o)}
        for key, parts in parts_of.items():
            if key in totals:
                found.extend(compare_parts(rule, totals[key], parts))
    return found


def compare_parts(rule: R.PartsRule, total: Observation, parts: Line) -> list[Finding]:
    text = T.fold(" ".join(f"{o.indicator} {o.raw}" for o in [total, *parts]))
    enumerated = re.search(rule.enumerated, text) is not None
    whole_split = len(parts) > 1 and (enumerated or not re.search(rule.including, text))
    parts_sum = total_of([value(p) for p in parts])
    slack = total_of([R.rounding_slack(o) for o in [total, *parts]])
    listed = " + ".join(f"{part_label(total, p)} {fmt_value(p)}" for p in parts)
    if whole_split and abs(parts_sum - value(total)) > slack:
        message = (
            f"{R.where(total)}: the parts {listed} add up to {fmt_value(total, parts_sum)}, "
            f"the total printed is {fmt_value(total)}"
        )
        return [finding(rule, total, plain(parts_sum, total), plain(value(total), total), message)]
    if not whole_split and max(max(map(value, parts)), parts_sum) > value(total) + slack:
        exceed = rule.model_copy(update={"id": rule.exceed_id})
        what = "the part" if len(parts) == 1 else "the parts"
        message = (
            f"{R.where(total)}: {what} {listed} exceed{'s' if len(parts) == 1 else ''} "
            f"the total {fmt_value(total)} ('{T.one_line(total.raw)}')"
        )
        limit = f"<= {plain(value(total), total)}"
        return [finding(exceed, total, limit, plain(parts_sum, total), message)]
    return []


def part_label(total: Observation, part: Observation) -> str:
    label = part.indicator
    if label.startswith(total.indicator):
        label = label[len(total.indicator) :]
    return label.strip(" –-:") or f"row {part.row}"


def check_used_allocated(report: Report, rule: R.PairRule = R.USED_ALLOCATED) -> list[Finding]:
    """Funds used (wykorzystane) <= funds allocated (przeznaczone / przyznane) on one line."""
    found = []
    for line in report.lines.values():
        for used in line:
            if not has_value(used) or not matches(rule.smaller, measure(used)):
                continue
            allocated = paired(rule, used, line)
            if allocated is not None and value(used) > value(allocated):
                message = (
                    f"{R.where(used)}: {fmt_value(used)} used ('{measure(used)}') exceeds "
                    f"{fmt_value(allocated)} allocated ('{measure(allocated)}', "
                    f"row {allocated.row})"
                )
                limit = f"<= {plain(value(allocated), allocated)}"
                found.append(finding(rule, used, limit, plain(value(used), used), message))
    return found


def paired(rule: R.PairRule, used: Observation, line: Line) -> Observation | None:
    """The line's observation whose measure is the same text with the other word."""
    rest = re.sub(rule.smaller, "", T.norm(measure(used)))
    best: tuple[float, Observation] | None = None
    for obs in line:
        if obs.unit != used.unit or not has_value(obs) or not matches(rule.larger, measure(obs)):
            continue
        score = T.similarity(rest, re.sub(rule.larger, "", T.norm(measure(obs))))
        if score >= rule.min_rest_similarity and (best is None or score > best[0]):
            best = (score, obs)
    return best[1] if best else None


PER_RULES = (R.PER_1000, R.PER_CAPITA)


def check_per_inhabitant(report: Report) -> list[Finding]:
    """Per-1000 / per-capita figures against their count or amount and the population."""
    found = []
    populations = population_by_period(report)
    for line in report.lines.values():
        for rule in PER_RULES:
            for obs in line:
                if not has_value(obs) or not matches(rule.row, measure(obs)):
                    continue
                population = own_population(report, obs) or populations.get(obs.period)
                numerator = per_numerator(rule, obs, line)
                if population and numerator is not None:
                    found.extend(compare_per(rule, obs, numerator, population))
    return found


def compare_per(
    rule: R.PerInhabitantRule, obs: Observation, numerator: Observation, population: Decimal
) -> list[Finding]:
    decimals = R.printed_form(obs)[0]
    expected = R.round_half_up(value(numerator) * rule.per / population, decimals)
    if expected == obs.value:
        return []
    message = (
        f"{R.where(obs)}: {fmt_value(numerator)} (row {numerator.row}) for "
        f"{fmt_number(population)} inhabitants is {fmt_value(obs, expected)} per {rule.per}, "
        f"the report prints {fmt_value(obs)}"
    )
    return [finding(rule, obs, plain(expected, obs), plain(value(obs), obs), message)]


def own_population(report: Report, obs: Observation) -> Decimal | None:
    """The population a footnote attached to the cell gives ('… wynosi 2 001 670 osób')."""
    for _, note in report.notes_of(obs):
        match = re.search(R.PER_1000.population, T.fold(note.text))
        if match:
            return Decimal(re.sub(r"\D", "", match.group("n")))
    return None


def population_by_period(report: Report) -> dict[str, Decimal]:
    """A population some footnote gives for a year, for that year's other cells."""
    found: dict[str, Decimal] = {}
    for obs in report.result.observations:
        population = own_population(report, obs)
        if population and obs.period:
            found.setdefault(obs.period, population)
    return found


def per_numerator(rule: R.PerInhabitantRule, obs: Observation, line: Line) -> Observation | None:
    """The line's row sharing most words with the per-inhabitant indicator."""
    words = T.content_words(re.sub(rule.row + r"\w*", " ", T.norm(measure(obs))))
    best: tuple[float, float, Observation] | None = None
    for cand in line:
        if cand.unit != rule.numerator_unit or not has_value(cand) or is_part(cand) or not words:
            continue
        if any(matches(r.row, measure(cand)) for r in PER_RULES):
            continue
        overlap = len(words & T.content_words(measure(cand))) / len(words)
        score = (overlap, T.similarity(measure(obs), measure(cand)), cand)
        if overlap >= rule.min_word_overlap and (best is None or score[:2] > best[:2]):
            best = score
    return best[2] if best else None


def is_total(obs: Observation, rule: R.TotalRule = R.TOTAL) -> bool:
    return matches(rule.total_label, obs.row) or matches(rule.total_label, obs.indicator)


def check_totals(report: Report, rule: R.TotalRule = R.TOTAL) -> list[Finding]:
    """The rows of a column against the column's Razem row (counts and amounts)."""
    found = []
    for column in report.columns.values():
        for total in column:
            if not has_value(total) or total.unit not in ("count", "PLN") or not is_total(total):
                continue
            rows = [
                o for o in column
                if o.unit == total.unit and has_value(o) and not is_part(o) and not is_total(o)
            ]  # fmt: skip
            rows_sum = total_of([value(o) for o in rows])
            slack = total_of([R.rounding_slack(o) for o in [total, *rows]])
            if len(rows) > 1 and abs(rows_sum - value(total)) > slack:
                message = (
                    f"{R.where(total)}: rows {rows[0].row}–{rows[-1].row} add up to "
                    f"{fmt_value(total, rows_sum)}, the report prints {fmt_value(total)}"
                )
                expected, printed = plain(rows_sum, total), plain(value(total), total)
                found.append(finding(rule, total, expected, printed, message))
    return found


def check_footnote_amounts(
    report: Report, rule: R.FootnoteAmountRule = R.FOOTNOTE_AMOUNT
) -> list[Finding]:
    """'W tym 231 600,00 zł … oraz 430 000,00 zł …' must fit in the amount it qualifies."""
    found = []
    for obs in report.result.observations:
        if obs.unit != "PLN" or not has_value(obs):
            continue
        for marker, note in report.notes_of(obs):
            text = T.fold(note.text)
            if not re.search(rule.qualifier, text):
                continue
            amounts = [R.printed_numbers(m["n"])[0][0] for m in re.finditer(rule.amount, text)]
            named = total_of(amounts)
            if amounts and named > value(obs):
                message = (
                    f"{R.where(obs)}: footnote {marker} names {fmt_number(named, 2)} zł as part "
                    f"of {fmt_value(obs)} ('{T.one_line(note.text)}')"
                )
                limit = f"<= {plain(value(obs), obs)}"
                found.append(finding(rule, obs, limit, plain(named, obs), message))
    return found


def check_goals(report: Report, rule: R.GoalRule = R.GOAL) -> list[Finding]:
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
            f"{R.where(actual)}: achieved {fmt_value(actual)}, below the target "
            f"'{T.one_line(target.raw)}' ({fmt_number(value(target), R.printed_form(target)[0])})"
        )
        limit = f">= {plain(value(target), target)}"
        found.append(finding(rule, actual, limit, plain(value(actual), actual), message))
    return found


def is_actual(rule: R.GoalRule, row: str, obs: Observation) -> bool:
    return obs.row == row and matches(rule.actual_column, obs.column)


def check_stages(report: Report, rule: R.StageRule = R.STAGES) -> list[Finding]:
    """Submitted >= correct >= selected >= contracted >= realised, where the table says so."""
    found = []
    for line in report.lines.values():
        for chain in rule.chains:
            stages = [s for s in (stage_value(line, pattern) for pattern in chain) if s]
            for (earlier, e_sum), (later, l_sum) in zip(stages, stages[1:], strict=False):
                if l_sum > e_sum:
                    message = (
                        f"{R.where(later[0], base_row(later[0].row))}: '{stage_name(later)}' "
                        f"{stage_text(later, l_sum)} exceeds '{stage_name(earlier)}' "
                        f"{stage_text(earlier, e_sum)} (row {base_row(earlier[0].row)})"
                    )
                    limit, printed = f"<= {plain(e_sum, earlier[0])}", plain(l_sum, later[0])
                    found.append(finding(rule, later[0], limit, printed, message))
    return found


def stage_value(line: Line, pattern: str) -> tuple[Line, Decimal] | None:
    """The stage's observation (or its a)/b) parts when no total is printed) and value."""
    members = [o for o in line if o.unit == "count" and matches(pattern, measure(o))]
    members = [o for o in members if has_value(o)]
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


WITHIN_REPORT: tuple[Callable[[Report], list[Finding]], ...] = (
    check_percent, check_parts, check_used_allocated, check_per_inhabitant, check_totals,
    check_footnote_amounts, check_goals, check_stages,
)  # fmt: skip


def within_report_findings(result: ReportResult) -> list[Finding]:
    report = Report.index(result)
    return [f for check in WITHIN_REPORT for f in check(report)]


def run_checks(results: Sequence[ReportResult]) -> list[Finding]:
    """Every within-report finding of every result, then the between-report ones; sorted."""
    findings = [f for result in results for f in within_report_findings(result)]
    findings.extend(f for result in results for f in figure_findings(result))
    findings.extend(cross_report_findings(results))
    return sort_findings(findings)


def write_checks(findings: Sequence[Finding], out_dir: Path) -> None:
    """checks.csv, checks.json and the readable checks.md, each written atomically."""
    ordered = sort_findings(findings)
    rows = [f.model_dump() for f in ordered]
    write_text_atomic(out_dir / "checks.csv", csv_text(R.FINDING_COLUMNS, rows))
    write_text_atomic(out_dir / "checks.json", json_text(rows))
    write_text_atomic(out_dir / "checks.md", checks_markdown(ordered))
