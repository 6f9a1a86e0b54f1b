"""Which vocabulary indicator a table cell states (`Observation.indicator_code`).

A cell states an indicator of `indicator_vocabulary` when what is printed around it
says so, never because of its table id, its position or its office:

- its **row** names the indicator ("Liczba złożonych ofert"), and its column is a
  plain value column (a year, "Wartość", "Liczba działań") or names the same one;
  a column counting something else ("Liczba organizacji" beside "Liczba działań"),
  a change, a target, a plan or a goal's attainment ("Wartość wskaźnika" without a
  year) is not the indicator's value;
- or its **column** names the indicator ("Kwota dotacji przyznanej (zł)") and its row
  is the issuer's total: the table's (last) total row, or a row that is a year;
  rows of tasks, organisations or acts are parts, never the indicator;
- the **mode** the row, caption or group row speaks of: small grants (art. 19a), another
  legal basis, or open competitions (the default), as the vocabulary says;
- a "w tym" **part** is only the sub-indicator the vocabulary declares (multi-year
  contracts of contracts); a)/b) parts are not the indicator;
- the unit of the value is the indicator's.

Everything else is left empty: no cell is forced into a code.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from extractor.model.records import Observation
from extractor.report import indicator_contexts as V
from extractor.report import vocabulary as rules
from extractor.report.indicator_vocabulary import BY_CODE, INDICATORS, LABEL_UNIT, Indicator
from extractor.text.normalize import norm
from extractor.text.printed import printed_form

ModeName = str  # "open", "small", "other" or "mixed"
PART_ROW = re.compile(r"^\d+[a-h]$")
PART_SEPARATOR = " – "


@lru_cache(maxsize=512)
def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def found(pattern: str, text: str) -> bool:
    return bool(pattern) and rx(pattern).search(text) is not None


def head(label: str) -> str:
    """The normalised label without its printed unit and its "w tym" tail (the tail
    names a part)."""
    return norm(rx(LABEL_UNIT).sub(" ", label.lower())).split(" w tym ")[0]


def modes_in(text: str) -> set[ModeName]:
    """The modes a normalised text speaks of."""
    named = set()
    if found(V.SMALL_GRANTS, text):
        named.add("small")
    if found(V.OTHER_MODE, text):
        named.add("other")
    if found(V.OPEN_MODE, text):
        named.add("open")
    return named


@lru_cache(maxsize=1 << 14)
def context_mode(label: str, context: str) -> ModeName:
    """The mode the label names, else the one its caption or group row names; open when
    none is named, mixed when the caption names several."""
    named = modes_in(norm(label))
    if named:
        return "small" if "small" in named else "other" if "other" in named else "open"
    named = modes_in(norm(context))
    if "small" in named:
        return "small" if named == {"small"} else "mixed"
    return "other" if "other" in named else "open"


def resolved(indicator: Indicator, mode: ModeName) -> Indicator | None:
    """The indicator a match means in its mode (None: it is no vocabulary indicator there)."""
    if indicator.mode is None:
        return indicator
    if mode in ("other", "mixed"):
        return None
    if indicator.mode == "small":
        return indicator if mode == "small" else None
    if mode == "small":
        return BY_CODE.get(indicator.small_variant)
    return indicator


def candidates(mode: ModeName) -> list[Indicator]:
    """The indicators a text may state in its mode (small-grant ones only there)."""
    return [i for i in INDICATORS if i.mode != "small" or mode == "small"]


def kind_fits(indicator: Indicator, label: str) -> bool:
    """A label naming a count is no amount's, one naming an amount no count's."""
    if indicator.unit == "PLN":
        return not found(V.COUNT_LABEL, label)
    if indicator.unit == "count":
        return not found(V.AMOUNT_LABEL, label)
    return True


@lru_cache(maxsize=1 << 14)
def row_indicator(label: str, mode: ModeName) -> Indicator | None:
    """The indicator a row label names: the first in vocabulary order whose patterns match."""
    text = head(label)
    if found(V.LISTS_PARTS, label.lower()):
        return None
    for indicator in candidates(mode):
        if found(indicator.exclude, text) or not kind_fits(indicator, norm(label)):
            continue
        if any(found(p, text) for p in indicator.labels):
            return resolved(indicator, mode)
    return None


@lru_cache(maxsize=1 << 12)
def column_indicator(column: str, title: str, mode: ModeName) -> Indicator | None:
    """The indicator a column header names; of several, the one named last (the
    sub-header, printed after its group header, is the column's own measure)."""
    text = norm(column)
    if found(V.BARE_AMOUNT_COLUMN, text) and found(V.GRANT_TABLE, norm(title)):
        text = "kwota dotacji"
    best: tuple[int, Indicator] | None = None
    for indicator in candidates(mode):
        if found(indicator.exclude, text):
            continue
        ends = [
            m.end() for p in indicator.columns or indicator.labels for m in rx(p).finditer(text)
        ]
        if ends and (best is None or max(ends) > best[0]):
            best = (max(ends), indicator)
    return resolved(best[1], mode) if best else None


def is_value_column(obs: Observation, shape: tuple[int, int]) -> bool:
    """A column of the indicator's yearly values: no change, target, plan or attainment,
    nor several columns read as one ("2023 2024 2025"); a column without a header only
    in a titled table of label | value rows (`shape`: the table's value columns and rows;
    an untitled table without headers is a fragment whose columns nothing names)."""
    column = norm(obs.column)
    if found(V.NOT_A_VALUE_COLUMN, column) or len(set(YEAR.findall(column))) > 1:
        return False
    if not column and not obs.period and (shape != (1, max(shape[1], 2)) or not obs.table_title):
        return False
    return bool(obs.period) or not found(V.ACTUAL_COLUMN, column)


def plausible(indicator: Indicator, obs: Observation) -> bool:
    """The value can be the indicator's: never negative; a count printed as a whole number;
    an amount in złoty printed with two decimals or none (one is tys. or mln zł)."""
    assert obs.value is not None
    if obs.value < 0:
        return False
    exponent = obs.value.as_tuple().exponent
    if indicator.unit == "count":
        return isinstance(exponent, int) and exponent >= 0
    if indicator.unit == "PLN":
        return printed_form(obs) != (1, Decimal(1))
    return True


def counts_other(indicator: Indicator, column: str) -> bool:
    """The column counts something other than what the indicator counts."""
    text = norm(column)
    return found(V.OTHER_COUNT_COLUMN, text) and not found(indicator.counted, text)


def part_of(obs: Observation, rows: set[tuple[str, str]]) -> tuple[str, str] | None:
    """(the row's own text, the part's label) when the observation is a part of a row
    ("4a" of "Liczba projektów … a) … b) …", "5a" of "…, w tym umów wieloletnich")."""
    if PART_SEPARATOR not in obs.indicator:
        return None
    base, label = obs.indicator.rsplit(PART_SEPARATOR, 1)
    if PART_ROW.match(obs.row) or (obs.row[:-1], base) in rows:
        return base, label
    return None


def part_indicator(base: str, label: str, mode: ModeName) -> Indicator | None:
    """The sub-indicator a "w tym" part states, where the vocabulary declares one."""
    whole = row_indicator(base, mode)
    text = norm(base)
    subject = text.split(" w tym ", 1)[1] if " w tym " in text else norm(label)
    for indicator in INDICATORS:
        if whole is not None and indicator.part_of == whole.code:
            if found(indicator.part_words, subject):
                return resolved(indicator, mode)
    return None


def issuer_rows(observations: Sequence[Observation]) -> set[tuple[str, str]]:
    """(section, row) of the rows that state the issuer's total: the table's last total
    row (several totals of one label and group rows: subtotals, none is), and rows named
    by a year."""
    totals = list(dict.fromkeys((o.section, o.row) for o in observations if o.is_total))
    chosen = totals[-1:]
    if len({row for _, row in totals}) < len(totals) and all(section for section, _ in totals):
        chosen = []  # subtotals of the groups, no grand total
    years = {(o.section, o.row) for o in observations if rules.YEAR_ONLY_HEADER.match(o.indicator)}
    return set(chosen) | years


def cell_code(
    obs: Observation,
    issuer_row: bool,
    rows: set[tuple[str, str]],
    ambiguous: bool = False,
    shape: tuple[int, int] = (1, 2),
) -> str:
    """The code of one observation of a table (see the module docstring); `ambiguous`: the
    column header was read for several cells of the row (which is which is not known);
    `shape`: how many value columns and rows the table has."""
    if obs.value is None or ambiguous or not is_value_column(obs, shape):
        return ""
    context = f"{obs.table_title} {obs.section}"
    part = part_of(obs, rows)
    if (
        part is None
        and " w tym " in norm(obs.indicator)
        and (obs.row + "a", obs.indicator + PART_SEPARATOR + "w tym") not in rows
    ):
        return ""  # a whole and its part, one number printed: which it is, nothing says
    label = part[0] if part else obs.indicator
    mode = context_mode(label, context)
    column = column_indicator(obs.column, obs.table_title, mode)
    row = part_indicator(*part, mode) if part else row_indicator(label, mode)
    chosen: Indicator | None = None
    if row is not None:
        clash = column is not None and column.code != row.code
        unclear = found(row.unclear_columns, norm(obs.column))
        if not clash and not unclear and (column is not None or not counts_other(row, obs.column)):
            chosen = row
    elif part is None and column is not None and issuer_row and obs.table_title:
        chosen = column  # the column names the indicator, the caption what the table is of
    if chosen is None or not unit_fits(chosen, obs) or not plausible(chosen, obs):
        return ""
    return chosen.code


def unit_fits(indicator: Indicator, obs: Observation) -> bool:
    """The value's unit is the indicator's; or neither the cell nor its column says which
    unit it is, and the unit was guessed from the row's words (which the vocabulary reads
    better: "Liczba ofert, którym przyznano dotację" counts offers)."""
    if obs.unit == indicator.unit:
        return True
    column = norm(obs.column)
    named = [unit for unit, words in V.UNIT_COLUMN.items() if found(words, column)]
    printed = len(named) == 1 or found(r"zł|%|pln|tys|mln", obs.raw.lower())
    guessed = {obs.unit, indicator.unit} <= {"count", "PLN", "percent"}
    return guessed and not printed


def code_table(observations: list[Observation]) -> list[Observation]:
    """The observations of one table, each with the indicator it states (if any)."""
    rows = {(o.row, o.indicator) for o in observations}
    totals = issuer_rows(observations)
    raws: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for o in observations:
        raws[(o.section, o.row, o.column)].add(o.raw)
    shape = (len({o.column for o in observations}), len({(o.section, o.row) for o in observations}))
    coded = []
    for obs in observations:
        ambiguous = len(raws[(obs.section, obs.row, obs.column)]) > 1
        code = cell_code(obs, (obs.section, obs.row) in totals, rows, ambiguous, shape)
        coded.append(obs.model_copy(update={"indicator_code": code}) if code else obs)
    return stated_once(coded)


def stated_once(observations: list[Observation]) -> list[Observation]:
    """A row states an indicator for a year in one column: when two columns of a row get
    the same code and year (headers read into each other), neither keeps it."""
    columns: dict[tuple[str, str, str, str], set[str]] = {}
    for obs in observations:
        if obs.indicator_code:
            key = (obs.section, obs.row, obs.indicator_code, obs.period)
            columns.setdefault(key, set()).add(obs.column)
    return [
        obs.model_copy(update={"indicator_code": ""})
        if obs.indicator_code
        and len(columns[(obs.section, obs.row, obs.indicator_code, obs.period)]) > 1
        else obs
        for obs in observations
    ]


YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def observation_year(obs: Observation, report_year: int | None) -> str:
    """The year a cell's value is of: its column's year, a row named by a year, the one
    year its caption names, else the report's year ("" when none is known)."""
    if obs.period:
        return obs.period
    if rules.YEAR_ONLY_HEADER.match(obs.indicator):
        return str(YEAR.findall(obs.indicator)[0])
    years: set[str] = set(YEAR.findall(obs.table_title))
    if len(years) == 1:
        return years.pop()
    return str(report_year) if report_year else ""
