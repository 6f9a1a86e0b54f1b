"""How the checks read a table: what an observation measures, what it can be compared
with, and how a finding names its place.

Every observation has a *measure* (what the number counts) and a *line* (the
observations it can be compared with).  In an indicator table (values in year /
target / achieved columns) the measure is the row's indicator and a line is one
column; in a list table whose columns name measures of their own ("Liczba
złożonych ofert", "Kwota dotacji przyznanej (zł)") the measure is the column
header and a line is one row.  Patterns are regular expressions on *normalised*
text (`extractor.text.normalize.norm`: lower case, Polish letters folded to
ASCII, punctuation as blanks); none names a table id, a page, a file or a value.
"""

from __future__ import annotations

import re

from extractor.model.records import Observation
from extractor.text.normalize import matches

PART_ROW = re.compile(r"^(\d+)([a-h])$")
TABLE_LABEL = re.compile(r"^\s*((?:Tab\.|Tabela|Tabl\.)\s*\d+(?:\.\d+)*[a-z]?)", re.I)
# Columns of values of the row's indicator, not naming a measure ("Liczba złożonych ofert").
VALUE_COLUMN = r"^(wartosc|stan wyjsciowy|wykonanie)|docelow|wskaznik|^(19|20)\d\d( r)?$"
TARGET_COLUMN = r"docelow"  # a target holding for the whole programme ("Wartość docelowa")


def marker_key(marker: str) -> str:
    """Footnote markers compare without their bracket or dot: "1)" is note "1"."""
    return marker.strip().rstrip(").") or marker


def column_key(obs: Observation) -> str:
    return obs.period or obs.column


def is_value_column(obs: Observation) -> bool:
    return bool(obs.period) or matches(VALUE_COLUMN, obs.column)


def is_target(obs: Observation) -> bool:
    return matches(TARGET_COLUMN, obs.column)


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
