"""Consistency rules as data, and the vocabulary they select operands with.

A rule never names a table id, a page, a file or a known value: it selects operands by
what printed texts mean (regular expressions on *normalised* indicator or header text:
lower case, Polish letters folded to ASCII, punctuation as blanks) and by row structure
(a Razem row; part rows "4a", "4b" of row "4").  Tolerance follows printed precision: a
derived figure is right when the exact ratio, rounded half-up to the printed decimals,
equals the printed number.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractor.model.records import Footnote, Observation, ReportResult, Unit
from extractor.text.normalize import matches

Severity = Literal["error", "warning", "info"]

FINDING_COLUMNS = (
    "check", "severity", "report_id", "source_file", "table_id", "section", "row",
    "period", "expected", "found", "message",
)  # fmt: skip


class Finding(BaseModel):
    """One inconsistency (or notable fact) found in one report or between reports."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    check: str
    severity: Severity
    report_id: str  # ";"-joined when the finding involves several reports
    source_file: str  # the file that prints the flagged value
    table_id: str = ""
    section: str = ""
    row: str = ""
    period: str = ""  # the year for year columns, else the column header as printed
    expected: str = ""
    found: str = ""
    message: str


# ------------------------------------------------------------------------ numbers

NUMBER = re.compile(r"(?<![\d,.])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(\d+))?(?!\d)|[¼½¾]")
FRACTIONS = {"¼": Decimal("0.25"), "½": Decimal("0.5"), "¾": Decimal("0.75")}
SCALES = (Decimal(1), Decimal(1000), Decimal(1000000))


def printed_numbers(text: str) -> list[tuple[Decimal, int]]:
    """(value, decimals printed) of every Polish-format number in `text`."""
    found = []
    for m in NUMBER.finditer(text):
        whole, frac = re.sub(r"\D", "", m.group(1) or ""), m.group(2) or ""
        number = FRACTIONS.get(m.group(0)) or Decimal(f"{whole}.{frac}" if frac else whole)
        found.append((number, len(frac) if whole else 2))
    return found


def printed_form(obs: Observation) -> tuple[int, Decimal]:
    """(decimals printed, scale) of the value: 49,82 -> (2, 1); 251,3 tys. zł -> (1, 1000)."""
    value = obs.value if obs.value is not None else Decimal(0)
    for number, decimals in printed_numbers(obs.raw):
        for scale in SCALES:
            if number * scale == value:
                return decimals, scale
    exponent = value.as_tuple().exponent
    return (max(0, -exponent) if isinstance(exponent, int) else 0), Decimal(1)


def rounding_slack(obs: Observation) -> Decimal:
    """Half a printed unit for values printed in tys./mln zł (rounded); 0 for exact figures."""
    decimals, scale = printed_form(obs)
    if scale == 1:
        return Decimal(0)
    return Decimal(5).scaleb(-(decimals + 1)) * scale


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


# --------------------------------------------------- how a rule reads a table

PART_ROW = re.compile(r"^(\d+)([a-h])$")
TABLE_LABEL = re.compile(r"^\s*((?:Tab\.|Tabela|Tabl\.)\s*\d+(?:\.\d+)*[a-z]?)", re.I)
# Columns of values of the row's indicator, not naming a measure ("Liczba złożonych ofert").
VALUE_COLUMN = r"^(wartosc|stan wyjsciowy|wykonanie)|docelow|wskaznik|^(19|20)\d\d( r)?$"


def marker_key(marker: str) -> str:
    """Footnote markers compare without their bracket or dot: "1)" is note "1"."""
    return marker.strip().rstrip(").") or marker


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """'1.2' < '1.2a' < '1.10'; '2' < '10'."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", text))


def column_key(obs: Observation) -> str:
    return obs.period or obs.column


def is_value_column(obs: Observation) -> bool:
    return bool(obs.period) or matches(VALUE_COLUMN, obs.column)


def measure(obs: Observation) -> str:
    """What the number counts: the row's indicator, or the header of a measure column."""
    return obs.indicator if is_value_column(obs) else obs.column


def line_key(obs: Observation) -> tuple[str, str, str]:
    """The observations a rule compares: one column of an indicator table, one row of a list."""
    if is_value_column(obs):
        return (obs.table_id, obs.section, "column:" + column_key(obs))
    return (obs.table_id, obs.section, "row:" + obs.row)


def base_row(row: str) -> str:
    match = PART_ROW.match(row)
    return match.group(1) if match else row


def is_part(obs: Observation) -> bool:
    return PART_ROW.match(obs.row) is not None


def table_label(obs: Observation) -> str:
    match = TABLE_LABEL.match(obs.table_title)
    return match.group(1) if match else f"Tab. {obs.table_id}"


def where(obs: Observation, row: str | None = None) -> str:
    """'Tab. 1.1 section 3 row 1 (Wartość wskaźnika, page 2)'."""
    section = f" section {obs.section}" if obs.section else ""
    return f"{table_label(obs)}{section} row {row or obs.row} ({obs.column}, page {obs.page})"


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
        report = cls(result, {marker_key(n.number): n for n in result.footnotes})
        lines: dict[tuple[str, str, str], Line] = defaultdict(list)
        columns: dict[tuple[str, str, str], Line] = defaultdict(list)
        for obs in result.observations:
            lines[line_key(obs)].append(obs)
            columns[(obs.table_id, obs.section, column_key(obs))].append(obs)
        report.lines, report.columns = dict(lines), dict(columns)
        return report

    def notes_of(self, obs: Observation) -> list[tuple[str, Footnote]]:
        keys = (marker_key(m) for m in obs.footnotes)
        return [(key, self.notes[key]) for key in keys if key in self.notes]


# -------------------------------------------------------------------------- rules


class Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    description: str
    severity: Severity = "error"
    tolerance: str = "exact"


class PercentRule(Rule):
    """A row stating a count and its percent: percent = count / denominator row."""

    percent_row: str
    denominator: str


class PairRule(Rule):
    """Two measures of one line that differ by one word: smaller <= larger."""

    smaller: str
    larger: str
    min_rest_similarity: float = 0.9


class PerInhabitantRule(Rule):
    """A per-inhabitant figure = amount or count of a related row / population * per."""

    row: str
    per: int
    numerator_unit: Unit
    population: str  # on folded footnote text; group "n" is the population
    min_word_overlap: float = 0.75


class PartsRule(Rule):
    """Rows "Na", "Nb" split row "N": enumerated parts add up to it, others stay below it."""

    exceed_id: str
    enumerated: str  # printed letters "a)", "b)": the parts are the whole split
    including: str  # "w tym": the parts are some of the whole


class TotalRule(Rule):
    total_label: str


class FootnoteAmountRule(Rule):
    qualifier: str  # the note names parts of the value ("W tym ...")
    amount: str  # on folded note text; group "n" is one amount in zł


class GoalRule(Rule):
    target_column: str
    actual_column: str


class StageRule(Rule):
    """Each chain lists the stages of a process, each stage no larger than the previous."""

    chains: tuple[tuple[str, ...], ...]


class CrossReportRule(Rule):
    baseline_column: str


class JumpRule(Rule):
    min_ratio: Decimal
    min_value: Decimal
    units: tuple[Unit, ...]


class RenameRule(Rule):
    same_similarity: float


PRINTED = "the exact ratio rounded half-up to the printed decimals equals the printed number"

PERCENT = PercentRule(
    id="percent_mismatch",
    description="a stated percent against its count and the number of offers submitted",
    tolerance=PRINTED,
    percent_row=r"\bprocentowo\b",
    denominator=r"^liczba zlozonych ofert$",
)
USED_ALLOCATED = PairRule(
    id="used_exceeds_allocated",
    description="funds used (wykorzystane) exceed the funds allocated (przeznaczone/przyznane)",
    smaller=r"\bwykorzyst\w*",
    larger=r"\b(przeznacz|przyzna)\w*",
)
PER_1000 = PerInhabitantRule(
    id="per_capita_mismatch",
    description="a count per 1000 inhabitants against the count and the population in a footnote",
    tolerance=PRINTED,
    row=r"\bna 1000 mieszkanc",
    per=1000,
    numerator_unit="count",
    population=(
        r"ludnosc\w*[^\n]*?(?<![\d,.])(?P<n>\d{1,3}(?:[ ]\d{3})+|\d{4,})(?!\d)\s*(osob|mieszk)"
    ),
)
PER_CAPITA = PER_1000.model_copy(
    update={
        "description": "an amount per inhabitant against the amount and the footnote's population",
        "row": r"\bna 1 mieszkanc",
        "per": 1,
        "numerator_unit": "PLN",
    }
)
PARTS = PartsRule(
    id="parts_sum_mismatch",
    exceed_id="parts_exceed_total",
    description="a)/b) parts against the total they split (sum equal; a 'w tym' part not above it)",
    tolerance="exact for counts and złoty; half a printed unit per operand for tys./mln zł",
    enumerated=r"(^|\s)[a-h]\)",
    including=r"\bw tym\b",
)
TOTAL = TotalRule(
    id="total_mismatch",
    description="the rows of a table against its Razem (total) row",
    tolerance=PARTS.tolerance,
    total_label=r"^(razem|ogolem|suma)\b",
)
FOOTNOTE_AMOUNT = FootnoteAmountRule(
    id="footnote_amount_exceeds_value",
    description="amounts a footnote names as part of a value ('W tym 231 600,00 zł ...') exceed it",
    qualifier=r"\bw tym\b",
    amount=r"(?<![\d,.])(?P<n>(\d{1,3}(?:[ ]\d{3})+|\d+)(,\d+)?)\s*zl\b",
)
GOAL = GoalRule(
    id="goal_attainment",
    description="the achieved value is below the target (Wartość docelowa) of the row",
    severity="info",
    target_column=r"docelow",
    actual_column=r"wartosc wskaznika|osiagniet|zrealizowan",
)
STAGES = StageRule(
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
CROSS_REPORT = CrossReportRule(
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
    description="two files of one report year state different values (a version or a misread)",
    severity="warning",
)
YOY = JumpRule(
    id="yoy_jump",
    description="a value changes by a factor of 1.5 or more (+50 % / -33 %) in a year",
    severity="info",
    tolerance="both values at least 10, so that small counts (1 -> 2) are not flagged",
    min_ratio=Decimal("1.5"),
    min_value=Decimal(10),
    units=("count", "PLN"),
)
RENAME = RenameRule(
    id="indicator_renamed",
    description="the indicator text of a table row changed between reports (matched by row)",
    severity="warning",
    tolerance="texts whose normalised difflib ratio is at least 0.9 are the same indicator",
    same_similarity=0.9,
)

RULES: tuple[Rule, ...] = (
    PERCENT, PARTS, USED_ALLOCATED, PER_1000, PER_CAPITA, TOTAL, FOOTNOTE_AMOUNT, GOAL,
    STAGES, CROSS_REPORT, BASELINE, COPIES, YOY, RENAME,
)  # fmt: skip
