"""Where and how the indicator vocabulary applies: the modes a text speaks of (open
competitions, small grants, another legal basis), the columns that are no yearly
value, the units a header names, and how a figure's sentence is cut into clauses.

Patterns on *normalised* text (`text.normalize.norm`) unless said otherwise; none
names a table id, an office or a value.
"""

from __future__ import annotations

# ---------------------------------------------------------------- contexts

# The text speaks of small grants (art. 19a: "z pominięciem otwartego konkursu ofert").
SMALL_GRANTS = r"\b19 ?a\b|z pominieciem|\bmal\w* grant|pozakonkursow|trybie uproszczon"
# Another legal basis or scheme: not the programme's open competitions nor small grants.
OTHER_MODE = (
    r"w innym trybie|innych przepisow|inicjatyw\w* lokaln|ustaw\w* o sporcie|zakup\w* uslug|regrant"
    r"|w ramach (?:realizacji )?projektu|\bfundusz\w* (?:europejsk|unijn|norwesk)"
)
# The text speaks of open competitions ("w trybie otwartego konkursu ofert").
OPEN_MODE = r"(?<!pominieciem )otwart\w* konkurs|\bkonkursow\w*\b|w trybie konkursu"

# The figure belongs to a project or scheme, not to the programme's own totals.
SCOPE = r"w ramach (?:realizacji )?projektu|w ramach (?:poddzialania|dzialania|osi)\b|regrant"

# A column that counts something else than the row's indicator ("Liczba organizacji",
# "Liczba uczestników" beside "Liczba działań"): its cells are not the indicator.
OTHER_COUNT_COLUMN = (
    r"\b(?:organizacj|podmiot|uczestnik|osob|godzin|beneficjent|wolontariusz|odbiorc"
    r"|mieszkanc|czlonk|zadan)\w*"
)
# A column of changes, targets, plans or row numbers (L.p.): no yearly value of the indicator.
NOT_A_VALUE_COLUMN = r"zmian|dynamik|roznic|przyrost|\br r\b|docelow|\bplan\w*|^(?:l|l ?p|nr|poz)\b"
ACTUAL_COLUMN = r"wskaznik"  # "Wartość wskaźnika" of a goal table (no year): attainment
# A bare amount column ("Kwota", "Kwota (zł)") is the grant in a table about grants.
# A row label naming a count ("Liczba dotacji") or an amount ("Kwota", "Wysokość", "zł"):
# only indicators of that kind match it.
COUNT_LABEL = r"^(?:\w+ )?(?:liczb\w*|ilosc)\b|\bliczba$"
AMOUNT_LABEL = r"^(?:\w+ )?(?:kwot\w*|wysokosc)\b|\bzl\b"
# A row label listing its parts ("… a) w formie wsparcia b) w formie powierzenia"): its
# values are the parts, not the whole.
LISTS_PARTS = r"(?:^|\s)a\)\s.*\sb\)\s"

# Words of a column header naming the unit of its cells, by unit.
UNIT_COLUMN = {
    "PLN": r"\bzl\b|\bpln\b|\bkwot|\bwysokosc",
    "percent": r"procent|\budzial",
    "count": r"\bliczb|\bilosc",
}
BARE_AMOUNT_COLUMN = r"^(?:kwota|wysokosc)(?: zl| tys zl| pln)?$"
GRANT_TABLE = r"\bdotac|\bgrant|\b19 ?a\b|zlecon\w* zadan|zadani\w* zlecon|\bkonkurs"

# ---------------------------------------------------------------- prose
# (patterns on `text.normalize.fold`ed text: lower case, ASCII letters, punctuation kept)

# A sentence ends as a sentence, a list item or a clause: text read from a table outside
# its grid ("Inicjatywa lokalna 157.000,00 65.000,00") does not.
SENTENCE_END = r"[.!?;:,][\s\"\u201d\u2019'\u00bb]*$"
# Words right before a figure that make it approximate or a bound: never a value.
APPROXIMATE = (
    r"\b(?:ok|okolo|ponad|blisko|prawie|niemal|przeszlo|powyzej|ponizej|min|maks|maksymalnie"
    r"|minimum|co najmniej|do|od|nawet|srednio|kazd\w*|po|kilka|kilkanascie)\W*$"
)
# A part of a figure, in brackets after it: "(w tym 3 wieloletnie)" is still stated.
BRACKETED_PART = r"\(\s*w tym\b[^()]*$"
# A figure compared with something else, or of another year ("o 3 więcej niż w roku
# poprzednim"), within its comma-separated segment.
NOT_THE_YEAR = (
    r"\bwiecej\b|\bmniej\b|\bwzrost|\bspad|\bwzrosl|\bzmalal|poprzedni|ubiegl|wczesniej"
    r"|\bo \d[\d ,]*%"
)
SEGMENT_BREAK = r",\s|;|\s[-\u2013]\s"
# A period that is not one year: "w latach 2021–2023", "od 2019 do 2023 r.".
YEAR_RANGE = r"\bw latach\b|\bod (?:19|20)\d\d\b|(?:19|20)\d\d\s*[-\u2013/]\s*(?:19|20)\d\d"
# Years that name the programme or a legal act, not the figure's year: "Program współpracy
# na rok 2023", "ustawy z dnia 24 kwietnia 2003 r.", "Dz. U. z 2023 r.".
NOT_A_FIGURE_YEAR = (
    r"\bna (?:lata|rok) (?:19|20)\d\d(?:\s*[-\u2013]\s*(?:19|20)\d\d)?"
    r"|\bz dnia \d{1,2}(?:\.\d{1,2}\.|\s+\w+\s+)(?:19|20)\d\d"
    r"|\bdz\.\s*u\.(?:\s*z)?\s*(?:19|20)\d\d"
)
# Where one clause of a sentence ends and the next begins.
CLAUSE_BREAK = (
    r";|,\s+tj\.|,\s+(?:a|zas|natomiast|przy czym|jednak)\b|,\s+(?:(?:na|do|w|z|przez|od|dla) )?"
    r"(?:ktor\w*|gdzie|kiedy)\b|\s+oraz\s+|,\s+(?=\w+(?:no|to)\b)"
)
