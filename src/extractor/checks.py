"""Consistency checks: within each report and between reports -> findings.

How a rule sees a table: every observation has a *measure* (what the number
counts) and a *line* (the observations it can be compared with).  In an
indicator table (values in year / target / achieved columns) the measure is the
row's indicator and a line is one column; in a list table whose columns name
measures of their own ("Liczba złożonych ofert", "Kwota dotacji przyznanej
(zł)") the measure is the column header and a line is one row.  Rules then
select operands by regular expressions on the normalised measure text
(see `check_rules`).  Between-report checks live in `consolidate`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from extractor import check_rules as R
from extractor.check_rules import Finding, fmt_value, matches, norm, plain
from extractor.consolidate import cross_report_findings, natural_key
from extractor.models import Footnote, Observation, ReportResult
from extractor.results_io import csv_text, json_text, write_text_atomic

__all__ = ["Finding", "run_checks", "within_report_findings", "write_checks"]

PART_ROW = re.compile(r"^(\d+)([a-h])$")
TABLE_LABEL = re.compile(r"^\s*((?:Tab\.|Tabela|Tabl\.)\s*\d+(?:\.\d+)*[a-z]?)", re.I)
Line = list[Observation]


@dataclass
class Report:
    """One report's observations, indexed the ways the rules look at them."""

    result: ReportResult
    notes: dict[str, Footnote] = field(default_factory=dict)
    lines: dict[tuple[str, str, str], Line] = field(default_factory=dict)
    columns: dict[tuple[str, str, str], Line] = field(default_factory=dict)

    @classmethod
    def index(cls, result: ReportResult) -> Report:
        report = cls(result, {n.number: n for n in result.footnotes})
        lines: dict[tuple[str, str, str], Line] = defaultdict(list)
        columns: dict[tuple[str, str, str], Line] = defaultdict(list)
        for obs in result.observations:
            lines[line_key(obs)].append(obs)
            columns[(obs.table_id, obs.section, column_key(obs))].append(obs)
        report.lines, report.columns = dict(lines), dict(columns)
        return report

    def note_texts(self, obs: Observation) -> list[str]:
        return [self.notes[m].text for m in obs.footnotes if m in self.notes]


# ------------------------------------------------------------------ vocabulary


def column_key(obs: Observation) -> str:
    return obs.period or obs.column


def is_value_column(obs: Observation) -> bool:
    return bool(obs.period) or matches(R.VALUE_COLUMN, obs.column)


def measure(obs: Observation) -> str:
    return obs.indicator if is_value_column(obs) else obs.column


def line_key(obs: Observation) -> tuple[str, str, str]:
    if is_value_column(obs):
        return (obs.table_id, obs.section, "column:" + column_key(obs))
    return (obs.table_id, obs.section, "row:" + obs.row)


def base_row(row: str) -> str:
    match = PART_ROW.match(row)
    return match.group(1) if match else row


def is_part(obs: Observation) -> bool:
    return PART_ROW.match(obs.row) is not None


def has_value(obs: Observation) -> bool:
    return obs.value is not None


def table_label(obs: Observation) -> str:
    match = TABLE_LABEL.match(obs.table_title)
    return match.group(1) if match else f"Table {obs.table_id}"


def where(obs: Observation, row: str | None = None) -> str:
    """'Tab. 1.1 section 3 row 1 (Wartość wskaźnika, page 2)'."""
    section = f" section {obs.section}" if obs.section else ""
    return f"{table_label(obs)}{section} row {row or obs.row} ({obs.column}, page {obs.page})"


def finding(rule: R.Rule, obs: Observation, expected: str, found: str, message: str) -> Finding:
    return Finding(
        check=rule.id, severity=rule.severity, report_id=obs.report_id,
        source_file=obs.source_file, table_id=obs.table_id, section=obs.section,
        row=base_row(obs.row), period=obs.period or obs.column, expected=expected, found=found,
        message=message,
    )  # fmt: skip


def value(obs: Observation) -> Decimal:
    assert obs.value is not None
    return obs.value


# ------------------------------------------------------------------------ rules


def check_percent(report: Report, rule: R.PercentRule = R.PERCENT) -> list[Finding]:
    """'411, tj. 49,82 %' of 825 offers: 411 / 825 rounded to 2 decimals is 49,82."""
    found = []
    for line in report.lines.values():
        for pct in line:
            if pct.unit != "percent" or not has_value(pct):
                continue
            if not matches(rule.percent_row, measure(pct)):
                continue
            count = first(line, lambda o: o.row == pct.row and o.unit == "count")
            denominator = first(
                line, lambda o: o.row != pct.row and o.unit == "count" and matches(rule.denominator, measure(o))
            )  # fmt: skip
            if count is None or denominator is None or value(denominator) == 0:
                continue
            decimals = R.printed_form(pct)[0]
            expected = R.round_half_up(value(count) * 100 / value(denominator), decimals)
            if expected != pct.value:
                message = (
                    f"{where(pct)}: {fmt_value(count)} of {fmt_value(denominator)} (row "
                    f"{denominator.row}) is {fmt_value(pct, expected)}, the report prints {fmt_value(pct)}"
                )  # fmt: skip
                found.append(finding(rule, pct, plain(expected), plain(value(pct)), message))
    return found


def first(line: Line, test: Callable[[Observation], bool]) -> Observation | None:
    return next((o for o in line if has_value(o) and test(o)), None)


def check_parts(report: Report, rule: R.PartsRule = R.PARTS) -> list[Finding]:
    """Parts '4a', '4b' of row '4' against the total the table states in that row."""
    found = []
    for column in report.columns.values():
        parts_of: dict[tuple[str, str], Line] = defaultdict(list)
        for obs in column:
            if is_part(obs) and has_value(obs):
                parts_of[(base_row(obs.row), obs.unit)].append(obs)
        for (row, unit), parts in parts_of.items():
            total = first(column, lambda o, r=row, u=unit: o.row == r and o.unit == u)  # type: ignore[misc]
            if total is not None:
                found.extend(compare_parts(rule, total, parts))
    return found


def compare_parts(rule: R.PartsRule, total: Observation, parts: Line) -> list[Finding]:
    text = R.fold(" ".join(f"{o.indicator} {o.raw}" for o in [total, *parts]))
    enumerated = re.search(rule.enumerated, text) is not None
    whole_split = len(parts) > 1 and (enumerated or not re.search(rule.including, text))
    parts_sum = sum((value(p) for p in parts), Decimal(0))
    slack = sum((R.rounding_slack(o) for o in [total, *parts]), Decimal(0))
    listed = " + ".join(f"{part_label(total, p)} {fmt_value(p)}" for p in parts)
    if whole_split and abs(parts_sum - value(total)) > slack:
        message = (
            f"{where(total)}: the parts {listed} add up to {fmt_value(total, parts_sum)}, "
            f"the total printed is {fmt_value(total)}"
        )
        return [finding(rule, total, plain(parts_sum), plain(value(total)), message)]
    biggest = max(parts, key=value)
    if not whole_split and max(value(biggest), parts_sum) > value(total) + slack:
        exceed = rule.model_copy(update={"id": rule.exceed_id})
        message = (
            f"{where(total)}: the part {listed} exceeds the total {fmt_value(total)} "
            f"it belongs to ('{total.raw}')"
        )
        return [finding(exceed, total, f"<= {plain(value(total))}", plain(parts_sum), message)]
    return []


def part_label(total: Observation, part: Observation) -> str:
    label = part.indicator
    if label.startswith(total.indicator):
        label = label[len(total.indicator) :]
    label = label.strip(" –-:")
    return label or f"row {part.row}"


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
                    f"{where(used)}: {fmt_value(used)} used ('{measure(used)}') exceeds "
                    f"{fmt_value(allocated)} allocated ('{measure(allocated)}', row {allocated.row})"
                )
                found.append(finding(rule, used, f"<= {plain(value(allocated))}", plain(value(used)), message))  # fmt: skip
    return found


def paired(rule: R.PairRule, used: Observation, line: Line) -> Observation | None:
    """The line's observation whose measure is the same text with the other word."""
    rest = re.sub(rule.smaller, "", norm(measure(used)))
    best: tuple[float, Observation] | None = None
    for obs in line:
        if obs.unit != used.unit or not has_value(obs) or not matches(rule.larger, measure(obs)):
            continue
        score = R.similarity(rest, re.sub(rule.larger, "", norm(measure(obs))))
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
                population = own_population(report, obs, rule) or populations.get(obs.period)
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
        f"{where(obs)}: {fmt_value(numerator)} (row {numerator.row}) for "
        f"{R.fmt_number(population)} inhabitants is {fmt_value(obs, expected)} per {rule.per}, "
        f"the report prints {fmt_value(obs)}"
    )
    return [finding(rule, obs, plain(expected), plain(value(obs)), message)]


def population_in(rule: R.PerInhabitantRule, text: str) -> Decimal | None:
    match = re.search(rule.population, R.fold(text))
    return Decimal(re.sub(r"\D", "", match.group("n"))) if match else None


def own_population(report: Report, obs: Observation, rule: R.PerInhabitantRule) -> Decimal | None:
    return next((p for t in report.note_texts(obs) if (p := population_in(rule, t))), None)


def population_by_period(report: Report) -> dict[str, Decimal]:
    """A population some footnote gives for a year, to use for that year's other cells."""
    found: dict[str, Decimal] = {}
    for obs in report.result.observations:
        population = own_population(report, obs, R.PER_1000)
        if population and obs.period:
            found.setdefault(obs.period, population)
    return found


def per_numerator(rule: R.PerInhabitantRule, obs: Observation, line: Line) -> Observation | None:
    """The line's row sharing most words with the per-inhabitant indicator."""
    words = R.content_words(re.sub(rule.row + r"\w*", " ", norm(measure(obs))))
    best: tuple[float, float, Observation] | None = None
    for cand in line:
        if cand.unit != rule.numerator_unit or not has_value(cand) or is_part(cand):
            continue
        if any(matches(r.row, measure(cand)) for r in PER_RULES) or not words:
            continue
        overlap = len(words & R.content_words(measure(cand))) / len(words)
        score = (overlap, R.similarity(measure(obs), measure(cand)), cand)
        if overlap >= rule.min_word_overlap and (best is None or score[:2] > best[:2]):
            best = score
    return best[2] if best else None
