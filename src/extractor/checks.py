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


def is_total(obs: Observation, rule: R.TotalRule = R.TOTAL) -> bool:
    return matches(rule.total_label, obs.row) or matches(rule.total_label, obs.indicator)


def check_totals(report: Report, rule: R.TotalRule = R.TOTAL) -> list[Finding]:
    """The rows of a column against the column's Razem row."""
    found = []
    for column in report.columns.values():
        for total in column:
            if not has_value(total) or total.unit not in ("count", "PLN") or not is_total(total):
                continue
            rows = [
                o for o in column
                if o.unit == total.unit and has_value(o) and not is_part(o) and not is_total(o)
            ]  # fmt: skip
            if len(rows) < 2:
                continue
            rows_sum = sum((value(o) for o in rows), Decimal(0))
            slack = sum((R.rounding_slack(o) for o in [total, *rows]), Decimal(0))
            if abs(rows_sum - value(total)) > slack:
                span = f"{rows[0].row}–{rows[-1].row}"
                message = (
                    f"{where(total)}: rows {span} add up to {fmt_value(total, rows_sum)}, "
                    f"the report prints {fmt_value(total)}"
                )
                found.append(finding(rule, total, plain(rows_sum), plain(value(total)), message))
    return found


def check_footnote_amounts(
    report: Report, rule: R.FootnoteAmountRule = R.FOOTNOTE_AMOUNT
) -> list[Finding]:
    """'W tym 231 600,00 zł … oraz 430 000,00 zł …' must fit in the amount it qualifies."""
    found = []
    for obs in report.result.observations:
        if obs.unit != "PLN" or not has_value(obs):
            continue
        for marker in obs.footnotes:
            note = report.notes.get(marker)
            text = R.fold(note.text) if note else ""
            if not note or not re.search(rule.qualifier, text):
                continue
            amounts = [R.printed_numbers(m.group("n"))[0][0] for m in re.finditer(rule.amount, text)]
            total = sum(amounts, Decimal(0))
            if amounts and total > value(obs):
                message = (
                    f"{where(obs)}: footnote {marker} names {R.fmt_number(total, 2)} zł as part of "
                    f"{fmt_value(obs)} ('{note.text}')"
                )
                found.append(finding(rule, obs, f"<= {plain(value(obs))}", plain(total), message))
    return found


def check_goals(report: Report, rule: R.GoalRule = R.GOAL) -> list[Finding]:
    """An achieved value below the row's target (the first number of the target cell)."""
    found = []
    rows: dict[tuple[str, str, str], Line] = defaultdict(list)
    for obs in report.result.observations:
        if has_value(obs):
            rows[(obs.table_id, obs.section, base_row(obs.row))].append(obs)
    for (_, _, row), cells in rows.items():
        target = first(cells, lambda o: matches(rule.target_column, o.column))
        actual = first(cells, lambda o: o.row == row and matches(rule.actual_column, o.column))
        if target is None or actual is None or value(actual) >= value(target):
            continue
        message = (
            f"{where(actual)}: achieved {fmt_value(actual)}, below the target "
            f"'{target.raw}' ({R.fmt_number(value(target), R.printed_form(target)[0])})"
        )
        found.append(finding(rule, actual, f">= {plain(value(target))}", plain(value(actual)), message))  # fmt: skip
    return found


def check_stages(report: Report, rule: R.StageRule = R.STAGES) -> list[Finding]:
    """Submitted >= correct >= selected >= contracted >= realised, where the table says so."""
    found = []
    for line in report.lines.values():
        for chain in rule.chains:
            stages = [s for s in (stage_value(line, pattern) for pattern in chain) if s]
            for (earlier, e_sum), (later, l_sum) in zip(stages, stages[1:], strict=False):
                if l_sum > e_sum:
                    message = (
                        f"{where(later[0], base_row(later[0].row))}: '{measure(later[0])}' "
                        f"{stage_text(later, l_sum)} exceeds '{measure(earlier[0])}' "
                        f"{stage_text(earlier, e_sum)} (row {base_row(earlier[0].row)})"
                    )
                    found.append(finding(rule, later[0], f"<= {plain(e_sum)}", plain(l_sum), message))  # fmt: skip
    return found


def stage_value(line: Line, pattern: str) -> tuple[Line, Decimal] | None:
    """The stage's observation (or its a)/b) parts when no total is printed) and value."""
    members = [o for o in line if o.unit == "count" and has_value(o) and matches(pattern, measure(o))]
    wholes = [o for o in members if not is_part(o)]
    chosen = wholes if wholes else members
    if not chosen or len({base_row(o.row) for o in chosen}) != 1 or (wholes and len(wholes) > 1):
        return None
    return chosen, sum((value(o) for o in chosen), Decimal(0))


def stage_text(members: Line, total: Decimal) -> str:
    if len(members) == 1:
        return fmt_value(members[0])
    return f"{R.fmt_number(total)} ({' + '.join(fmt_value(o) for o in members)})"


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
    findings.extend(cross_report_findings(results))
    return sort_findings(findings)


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    unique = dict.fromkeys(findings)
    return sorted(
        unique,
        key=lambda f: (
            f.source_file, natural_key(f.table_id), natural_key(f.section), natural_key(f.row),
            f.period, f.check, f.message,
        ),
    )  # fmt: skip


# ---------------------------------------------------------------------- writers


def write_checks(findings: Sequence[Finding], out_dir: Path) -> None:
    """checks.csv, checks.json and the readable checks.md, each written atomically."""
    ordered = sort_findings(findings)
    rows = [f.model_dump() for f in ordered]
    write_text_atomic(out_dir / "checks.csv", csv_text(R.FINDING_COLUMNS, rows))
    write_text_atomic(out_dir / "checks.json", json_text(rows))
    write_text_atomic(out_dir / "checks.md", checks_markdown(ordered))


def checks_markdown(findings: Sequence[Finding]) -> str:
    """Findings grouped by report file, then by table."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    lines = [
        "# Consistency checks",
        "",
        f"{len(findings)} finding(s): {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info.",
    ]
    groups: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        groups[f.source_file][f.table_id].append(f)
    for source, tables in groups.items():
        reports = sorted({r for f in sum(tables.values(), []) for r in f.report_id.split(";")})
        lines += ["", f"## {source} ({', '.join(reports)})"]
        for table_id, items in tables.items():
            lines += ["", f"### Table {table_id}" if table_id else "### Report", ""]
            lines += [f"- **{f.severity}** `{f.check}`: {f.message}" for f in items]
    if not findings:
        lines += ["", "No inconsistencies found."]
    return "\n".join(lines) + "\n"
