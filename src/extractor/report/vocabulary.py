"""Declarative knowledge about report layouts: caption patterns, header and
column meanings, units, page furniture, footnote styles.

Everything family-specific lives here as data (regular expressions and small
tables), so a new office's layout is a new pattern, not new code.  No rule
names a file, a page number or a known value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

IC = re.IGNORECASE


# Header cells.
# A row-number column's header ("Lp.", "Nr"), its L also as OCR reads it ("I.p.", "Łp.").
ROW_NUMBER_HEADER = re.compile(r"^\s*(?:[LŁI1|]\.?\s*p\.?|Nr\.?|No\.?|Poz\.?|#)\s*$", IC)
# The header of a row-number column run into the label column's ("Lp Zadanie publiczne").
LP_AND_LABEL_HEADER = re.compile(r"^\s*(?:[LŁ1|]\.?\s*p\.?|Nr\.?)\s+[^\W\d_]{3}", IC)
# A label opening with its row's number ("1. Transport osób", "2 Wydanie").
NUMBERED_LABEL = re.compile(r"^\s*(\d{1,3})[.)]?\s+(\S.*)$")
INDICATOR_HEADER = re.compile(r"wskaźnik", IC)
TARGET_HEADER = re.compile(r"docelow", IC)
# A column of changes between years ("Zmiana 2023/2022 (%)", "Dynamika r/r"): no period.
CHANGE_HEADER = re.compile(r"zmian|dynamik|różnic|przyrost|\br\s*/\s*r\b|\d{4}\s*/\s*\d{4}", IC)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
YEAR_ONLY_HEADER = re.compile(r"^\s*(?:rok\s+)?(?:19|20)\d\d(?:\s*r\.?)?\s*$", IC)
# Columns of identifiers, never values, whatever digits they print.
IDENTIFIER_HEADER = re.compile(
    r"\btel\b|telefon|\bfax|\bnip\b|regon|\bkrs\b|kod\s+poczt|adres|e-?mail|\bpesel"
    r"|nr\s+(?:umowy|rachunku|konta|decyzji|uchwały)|numer\s+(?:umowy|rachunku|konta|decyzji)"
    r"|sygnatur|znak\s+sprawy",
    IC,
)
# A data row's L.p.: "1", "1.", "12)", "(3)".
ROW_NUMBER = re.compile(r"^\s*\(?(\d{1,3})\s*[.,:;)]?\s*$")  # OCR may read "4." as "4," or "4:"
# A merged group row: "1. zwiększenie wpływu sektora ...", "II. Kultura ...", "A. Pomoc ...".
SECTION_ROW = re.compile(
    r"^\s*(\d{1,2}|[IVXL]{1,6}|[A-H])(?:[.)]\s+\S|\s+(?=[a-ząćęłńóśźż]{3}))"
)  # "1. zwiększenie", "II) Kultura"; "1 zwiększenie": a period OCR lost before a lowercase word
# A lone letter OCR reads for a digit standing alone in a cell ("l" for 1).
LONE_DIGIT = {"l": "1", "I": "1", "i": "1", "L": "1", "|": "1", "O": "0", "o": "0"}
# The number of a group row printed in a cell of its own: "A.", "II.", "3)".
SECTION_LABEL = re.compile(r"^\s*([IVXL]{1,6}|[A-H]|\d{1,2})[.)]?\s*$")
TOTAL_ROW = re.compile(r"^\s*(razem|ogółem|ogolem|suma|łącznie|w\s+sumie)\b", IC)

# Sub-rows of a cell: "a) w formie wsparcia b) w formie powierzenia".
PART_LABEL = re.compile(r"(?:^|\s)([a-h])\)\s*")
INCLUDING = re.compile(r"\bw\s+tym\b", IC)


# Footnote / note lines printed without a superscript: "1. ...", "1) ...", "* ...".
NOTE_START = re.compile(r"^\s*(?P<mark>\*{1,4}|\d{1,3}[.)])\s*(?P<text>\S.*)$")
NOTE_STOP = re.compile(r"^\s*(?:[ŹZ]r[óo]d[łl]o|Opracowanie)\b", IC)  # OCR: "Zródło"


@dataclass(frozen=True)
class ScaleRule:
    pattern: re.Pattern[str]
    scale: Decimal


# Column or caption headers announcing the unit of amounts.
HEADER_SCALES = [
    ScaleRule(re.compile(r"\btys\.?\s*zł", IC), Decimal(1000)),
    ScaleRule(re.compile(r"\bmln\.?\s*zł", IC), Decimal(1000000)),
    ScaleRule(re.compile(r"\(\s*zł\s*\)|\bw\s+zł\b|\bPLN\b", IC), Decimal(1)),
]


@dataclass(frozen=True)
class UnitRule:
    """An indicator/column text pattern and the unit its plain numbers carry."""

    pattern: re.Pattern[str]
    unit: str


# First match wins; applied to the column's header, then (a header that names no
# unit: a year, "Wartość", "Wykonanie") to the row's indicator.
UNIT_RULES = [
    UnitRule(re.compile(r"na\s+1000\s+mieszk", IC), "per_1000_inhabitants"),
    UnitRule(re.compile(r"na\s+(?:1\s+)?mieszkańca", IC), "PLN_per_capita"),
    UnitRule(
        re.compile(r"\bjako\s+%|\bprocent|\budział\b|\(\s*%\s*\)|\[\s*%\s*\]|\bw\s+%|%\s*$", IC),
        "percent",
    ),
    UnitRule(
        re.compile(
            r"wysokość\s+(?:środków|nakładów)|\bkwot|\bdotacj|\bśrodki|\(zł\)|zł\b|wydatk|\bPLN\b",
            IC,
        ),
        "PLN",
    ),
]
# A header naming a count: the cells are counts, whatever the row is about.
COUNT_HEADER = re.compile(r"\bliczb|\bilość|\bilosc|\bliczebność", IC)

# Title block.
REPORT_YEAR = [
    re.compile(r"dotyczy\s+roku\s+((?:19|20)\d\d)", IC),
    re.compile(r"\bza\s+rok\s+((?:19|20)\d\d)", IC),
    re.compile(r"\bw\s+roku\s+((?:19|20)\d\d)", IC),
]
PROGRAMME_PERIOD = re.compile(
    r"na\s+(?:lata|rok)\s+((?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)", IC
)
RESOLUTION = re.compile(
    r"uchwał\w*\s+(?:Nr|nr)\s*(?P<number>[\w/.]+)(?P<body>.{0,120}?)\s+z\s+dnia\s+"
    r"(?P<date>\d{1,2}\s+\w+\s+(?:19|20)\d\d)",
    IC | re.S,
)
ISSUER = [
    re.compile(r"samorządu\s+(województwa\s+[\w-]+)", IC),
    re.compile(r"\b(Gminy\s+[A-ZŁŚŻŹĆ][\w-]*(?:\s+[A-ZŁŚŻŹĆ][\w-]*)*)"),
    re.compile(r"\b(Powiatu\s+[\w-]+)", IC),
    re.compile(r"\b(Miasta\s+[A-ZŁŚŻŹĆ][\w-]*(?:\s+[A-ZŁŚŻŹĆ][\w-]*)*)"),
]
# Genitive -> nominative for issuer names and programme titles ("Gminy X" -> "Gmina X").
NOMINATIVE = [
    (re.compile(r"^województwa\s+(\S+?)kiego\b", IC), r"województwo \1kie"),
    (re.compile(r"^Gminy\b"), "Gmina"),
    (re.compile(r"^Powiatu\s+(\S+?)kiego\b"), r"Powiat \1ki"),
    (re.compile(r"^Powiatu\b"), "Powiat"),
    (re.compile(r"^Miasta\b"), "Miasto"),
    (re.compile(r"^Wieloletniego\s+programu\b", IC), "Wieloletni program"),
    (re.compile(r"^Programu\b"), "Program"),
    (re.compile(r"^programu\b"), "program"),
]
PROGRAMME_TAIL = re.compile(r",?\s*(?:za\s+rok\s+\d{4}|\(dotyczy.*)$", IC)
PROGRAMME = re.compile(r"((?:Wieloletni(?:ego)?\s+)?[Pp]rogram\w*\s+współpracy.*?)(?:\(|$)", re.S)
