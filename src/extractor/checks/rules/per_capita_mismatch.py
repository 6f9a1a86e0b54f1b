"""per_capita_mismatch: a per-1000-inhabitants count or a per-capita amount against the
count or amount of a related row and the population a footnote gives."""

from __future__ import annotations

import re
from decimal import Decimal

from pydantic import Field

from extractor.checks.rules.base import PRINTED, Line, Report, Rule, finding, value
from extractor.checks.vocabulary import is_part, measure, where
from extractor.model.findings import Finding
from extractor.model.records import Observation, Unit
from extractor.text import normalize as T
from extractor.text.normalize import matches
from extractor.text.printed import fmt_number, fmt_value, plain, printed_form, round_half_up


class PerInhabitantRule(Rule):
    """A per-inhabitant figure = amount or count of a related row / population * per."""

    row: str
    per: int = Field(gt=0)
    numerator_unit: Unit
    population: str  # on folded footnote text; group "n" is the population
    # share of the figure's words the related row has
    min_word_overlap: float = Field(default=0.75, gt=0, le=1)
    # indicator of a figure stated in prose that gives the count, when no row does
    stated_code: str | None = None


PER_1000 = PerInhabitantRule(
    id="per_capita_mismatch",
    description="a count per 1000 inhabitants against the count and the population in a footnote",
    tolerance=PRINTED,
    row=r"\bna 1000 mieszkanc",
    per=1000,
    numerator_unit="count",
    stated_code="orgs_registered",
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
        "stated_code": None,
    }
)
RULES = (PER_1000, PER_CAPITA)
MEASURE_WORDS = frozenset({"liczba", "kwota", "wartosc", "wysokosc", "laczna", "suma"})
PREPOSITIONS = frozenset({"dla", "z", "ze", "przez", "od", "do", "w", "we", "o", "u"})


def governing(label: str, words: set[str]) -> str:
    """The preposition right before the label's first word shared with `words` (measure
    words aside): "Liczba szkoleń dla organizacji" -> "dla"; "" when there is none."""
    tokens = T.norm(label).split()
    for i, token in enumerate(tokens):
        if token in words and token not in MEASURE_WORDS:
            before = tokens[i - 1] if i else ""
            return before if before in PREPOSITIONS else ""
    return ""


def findings(report: Report) -> list[Finding]:
    """Per-1000 / per-capita figures against their count or amount and the population."""
    found = []
    populations = population_by_period(report)
    for line in report.lines.values():
        for rule in RULES:
            for obs in line:
                if obs.value is None or not matches(rule.row, measure(obs)):
                    continue
                population = own_population(report, obs) or populations.get(obs.period)
                numerator = per_numerator(rule, obs, line) or stated_numerator(rule, obs, report)
                if population and numerator is not None:
                    found.extend(compare_per(rule, obs, numerator, population))
    return found


def stated_numerator(
    rule: PerInhabitantRule, obs: Observation, report: Report
) -> tuple[Decimal, str] | None:
    """Where no row of the table gives the count, the number of registered organisations
    a sentence states for the same year ("zarejestrowanych było 221 organizacji")."""
    if rule.stated_code is None:
        return None
    for figure in report.result.figures:
        if figure.indicator_code == rule.stated_code and figure.period == obs.period:
            return (
                figure.value * figure.scale,
                f"page {figure.page}: {T.one_line(figure.sentence)!r}",
            )
    return None


def compare_per(
    rule: PerInhabitantRule, obs: Observation, numerator: Observation | tuple[Decimal, str],
    population: Decimal,
) -> list[Finding]:  # fmt: skip
    if isinstance(numerator, Observation):
        count, source = value(numerator), f"{fmt_value(numerator)} (row {numerator.row})"
    else:
        count, source = numerator[0], f"{fmt_number(numerator[0])} ({numerator[1]})"
    decimals = printed_form(obs)[0]
    expected = round_half_up(count * rule.per / population, decimals)
    if expected == obs.value:
        return []
    message = (
        f"{where(obs)}: {source} for "
        f"{fmt_number(population)} inhabitants is {fmt_value(obs, expected)} per {rule.per}, "
        f"the report prints {fmt_value(obs)}"
    )
    return [finding(rule, obs, plain(expected, obs), plain(value(obs), obs), message)]


def own_population(report: Report, obs: Observation) -> Decimal | None:
    """The population a footnote attached to the cell gives ('… wynosi 2 001 670 osób')."""
    for _, note in report.notes_of(obs):
        match = re.search(PER_1000.population, T.fold(note.text))
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


def per_numerator(rule: PerInhabitantRule, obs: Observation, line: Line) -> Observation | None:
    """The line's row sharing most words with the per-inhabitant indicator."""
    words = T.content_words(re.sub(rule.row + r"\w*", " ", T.norm(measure(obs))))
    best: tuple[float, float, Observation] | None = None
    for cand in line:
        if cand.unit != rule.numerator_unit or cand.value is None or is_part(cand) or not words:
            continue
        if any(matches(r.row, measure(cand)) for r in RULES):
            continue
        if governing(measure(cand), words) not in ("", governing(measure(obs), words)):
            continue  # "Liczba szkoleń dla organizacji" counts trainings, not organisations
        overlap = len(words & T.content_words(measure(cand))) / len(words)
        score = (overlap, T.similarity(measure(obs), measure(cand)), cand)
        if overlap >= rule.min_word_overlap and (best is None or score[:2] > best[:2]):
            best = score
    return best[2] if best else None
