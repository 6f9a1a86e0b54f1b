"""Which vocabulary indicator a figure in prose states, and of which year.

A figure gets a code only when its sentence names its subject, as the vocabulary's
`ProseRule`s describe: a count by the noun right after it ("podpisano 91 umów",
"wpłynęło 35 ofert"), an amount or a percentage by the words of its clause
("organizacje wykorzystały dotacje w łącznej kwocie …").  The clause (a sentence cut
at "; ", ", a ", ", na które ", " oraz " …) is the figure's context; the sentence
gives the mode (small grants, another legal basis).

Never coded: text that does not end like a sentence (a table read as lines), a figure
in brackets (an aside or a breakdown, except "(w tym 3 wieloletnie)"), an approximate
one ("ponad 6 milionów", "ok. 90"), one compared with something else ("o 3 więcej niż
w roku poprzednim"), one of a project or scheme ("w ramach projektu"), and one whose
year is unclear (a range "w latach 2021–2023", several years).

The year: the one year the figure's clause names, else the one its sentence names,
else the report's; years of the programme ("na rok 2023") and of legal acts ("z dnia 24
kwietnia 2003 r.") do not count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.report import indicator_contexts as V
from extractor.report.indicator_codes import candidates, context_mode, found, resolved, rx
from extractor.report.indicator_vocabulary import Indicator, IndicatorUnit
from extractor.text.normalize import fold, norm
from extractor.text.numbers import NumberToken

YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
NOUN_WORDS = 6  # words after a count that name what it counts
NO_CODE = ("", "")


@lru_cache(maxsize=1 << 12)
def folded(text: str) -> str:
    """`fold` character by character: the same length, so positions carry over."""
    return "".join(fold(c)[:1] or c for c in text)


def span_between(text: str, pattern: str, start: int, end: int) -> tuple[int, int]:
    """The part of `text` around [start, end) between two matches of `pattern`."""
    lo, hi = 0, len(text)
    for match in rx(pattern).finditer(text):
        if match.end() <= start:
            lo = match.end()
        elif match.start() >= end:
            hi = min(hi, match.start())
    return lo, hi


def noun_after(sentence: str, token: NumberToken) -> str:
    """The words after a figure up to a punctuation mark or a number (normalised)."""
    tail = re.split(r"[,.;:()\d]", sentence[token.end :], maxsplit=1)[0]
    return " ".join(norm(tail).split()[:NOUN_WORDS])


def unit_of(token: NumberToken) -> IndicatorUnit | None:
    if token.unit == "PLN":
        return "PLN"
    if token.unit == "percent":
        return "percent"
    return "count" if not token.unit else None


def is_aside(sentence: str, token: NumberToken) -> bool:
    """In brackets (not a "w tym" part), approximate, or not in a sentence at all."""
    before = folded(sentence[: token.start])
    if before.count("(") > before.count(")") and not found(V.BRACKETED_PART, before):
        return True
    return found(V.APPROXIMATE, before) or not found(V.SENTENCE_END, folded(sentence))


def figure_year(sentence: str, clause: tuple[int, int], report_year: int | None) -> str:
    """The year of a figure (see the module docstring); "" when it is not one year."""
    text = rx(V.NOT_A_FIGURE_YEAR).sub(" ", folded(sentence))
    own = text[clause[0] : clause[1]]
    if found(V.YEAR_RANGE, own):
        return ""
    for part in (own, text):
        years: set[str] = set(YEAR.findall(part))
        if len(years) == 1:
            return years.pop()
        if years:
            return ""
    return str(report_year) if report_year else ""


def matching(
    unit: IndicatorUnit, noun: str, clause: str, sentence: str, mode: str
) -> Indicator | None:
    """The first indicator of the unit whose prose rule the figure's words meet."""
    for indicator in candidates(mode):
        if indicator.unit != unit:
            continue
        for rule in indicator.prose:
            if bool(rule.noun) != (unit == "count") or not found(rule.noun or ".", noun or "."):
                continue
            if rule.clause and not found(rule.clause, clause):
                continue
            if rule.sentence and not found(rule.sentence, sentence):
                continue
            if rule.unless and found(rule.unless, clause):
                continue
            return resolved(indicator, mode)
    return None


def prose_code(sentence: str, token: NumberToken, report_year: int | None) -> tuple[str, str]:
    """(indicator code, year) of one figure of a sentence, or ("", "")."""
    unit = unit_of(token)
    if unit is None or is_aside(sentence, token) or found(V.SCOPE, norm(sentence)):
        return NO_CODE
    text = folded(sentence).lower()
    segment = span_between(text, V.SEGMENT_BREAK, token.start, token.end)
    if found(V.NOT_THE_YEAR, text[segment[0] : segment[1]]):
        return NO_CODE
    clause_span = span_between(text, V.CLAUSE_BREAK, token.start, token.end)
    year = figure_year(sentence, clause_span, report_year)
    if not year:
        return NO_CODE
    clause = norm(sentence[clause_span[0] : clause_span[1]])
    mode = context_mode(clause, sentence)
    noun = noun_after(sentence, token) if unit == "count" else ""
    indicator = matching(unit, noun, clause, norm(sentence), mode)
    return (indicator.code, year) if indicator else NO_CODE
