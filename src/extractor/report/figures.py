"""Figures in prose: numbers stated in running text, linked to the table cell
they restate.

Sentences are read from the text outside tables (footnotes, captions and page
furniture excluded), joined across line wraps, so "1" / "121,5" at a wrap is
1 121,5.  Years, dates and legal references are not figures.  A figure is
linked to a cell of the same report that states the same value (scaled) and
whose indicator or column shares the most words with the sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from extractor.layout.lines import TextLine
from extractor.layout.page import PageLayout
from extractor.layout.settings import DEFAULT_SETTINGS
from extractor.model.records import Figure, Observation, Unit
from extractor.report import vocabulary as rules
from extractor.report.footnotes import SMALLER, body_size
from extractor.text.numbers import NumberToken, find_numbers

CAPTION = DEFAULT_SETTINGS.caption_pattern

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZŁŚŻŹĆÓ„])")
ITEM_LABEL = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z]\)|[•·▪–-])\s+")
MIN_SHARED_WORDS = 1


def layouts_to_sentences(layouts: Sequence[PageLayout]) -> list[tuple[int, str]]:
    """(page where it starts, sentence) for the body text of the report."""
    body = body_size(layouts)
    sentences: list[tuple[int, str]] = []
    for layout in layouts:
        paragraph: list[TextLine] = []
        for line in layout.lines:
            if not is_body_line(line, body):
                flush(paragraph, layout.number, sentences)
                paragraph = []
                continue
            new_item = bool(ITEM_LABEL.match(line.text))
            if paragraph and (new_item or line.top - paragraph[-1].bottom > 0.9 * line.size):
                flush(paragraph, layout.number, sentences)
                paragraph = []
            paragraph.append(line)
        flush(paragraph, layout.number, sentences)
    return sentences


def is_body_line(line: TextLine, body: float) -> bool:
    return line.size > body - SMALLER and not CAPTION.match(line.text)


def flush(lines: list[TextLine], page: int, out: list[tuple[int, str]]) -> None:
    if not lines:
        return
    text = ITEM_LABEL.sub("", " ".join(" ".join(ln.text.split()) for ln in lines), count=1)
    out.extend((page, s.strip()) for s in SENTENCE_END.split(text) if s.strip())


def is_figure(token: NumberToken, sentence: str) -> bool:
    """Not a year ("w 2023 r.", "na rok 2024", "2021-2025")."""
    value = token.value
    if token.unit or value != value.to_integral_value() or not 1900 <= value <= 2100:
        return True
    return False


def sentence_figures(page: int, sentence: str, report_id: str, source_file: str) -> list[Figure]:
    return [
        Figure(
            report_id=report_id,
            source_file=source_file,
            page=page,
            sentence=sentence,
            value=token.value,
            unit=figure_unit(token),
            scale=token.scale,
        )
        for token in find_numbers(sentence)
        if is_figure(token, sentence)
    ]


def figure_unit(token: NumberToken) -> Unit:
    if token.unit == "PLN":
        return "PLN"
    if token.unit == "percent":
        return "percent"
    return "per_year" if token.unit == "per_year" else "count"


def words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("ł", "l")
    return {w[:5] for w in re.findall(r"[a-z]{4,}", plain)}


def link(figure: Figure, observations: Sequence[Observation]) -> Figure:
    """The figure with the table cell it restates, when one states the same value."""
    target = figure.value * figure.scale
    sentence_words = words(figure.sentence)
    years = set(rules.YEAR.findall(figure.sentence))
    best: tuple[int, Observation] | None = None
    for obs in observations:
        if obs.value is None or obs.value != target:
            continue
        if (obs.unit == "percent") != (figure.unit == "percent"):
            continue
        score = len(sentence_words & words(f"{obs.indicator} {obs.column}"))
        if obs.period and years:
            score += 2 if obs.period in years else -2
        if best is None or score > best[0]:
            best = (score, obs)
    if best is None or best[0] < MIN_SHARED_WORDS:
        return figure
    obs = best[1]
    return figure.model_copy(
        update={"table_id": obs.table_id, "row": obs.row, "column": obs.column}
    )


def extract_figures(
    layouts: Sequence[PageLayout],
    observations: Sequence[Observation],
    report_id: str,
    source_file: str,
) -> list[Figure]:
    figures: list[Figure] = []
    for page, sentence in layouts_to_sentences(layouts):
        for figure in sentence_figures(page, sentence, report_id, source_file):
            figures.append(link(figure, observations))
    return figures


def scaled(figure: Figure) -> Decimal:
    return figure.value * figure.scale


STRONG_MATCH = 2  # shared words near the figure that make a cell the one a sentence restates


COMMON = words(
    "organizacji organizacjami pozarządowych pozarządowymi zadań zadania publicznych ustawy"
    " gminy województwa programu współpracy działalności pożytku wolontariacie"
)


def window_words(sentence: str, figure: Figure, width: int = 50) -> set[str]:
    """Words near the figure in its sentence (within `width` characters)."""
    token = next((t for t in find_numbers(sentence) if t.value == figure.value), None)
    if token is None:
        return set()
    return words(sentence[max(0, token.start - width) : token.end + width])


def counted_noun(sentence: str, figure: Figure) -> set[str]:
    """Word stems of the two words after a count ("64 organizacje", "4 otwarte konkursy")."""
    token = next((t for t in find_numbers(sentence) if t.value == figure.value), None)
    if token is None:
        return set()
    return words(" ".join(sentence[token.end :].split()[:2]))


def same_kind(figure: Figure, obs: Observation) -> bool:
    money = {"PLN", "PLN_per_capita"}
    if (figure.unit in money) != (obs.unit in money):
        return False
    return (figure.unit == "percent") == (obs.unit == "percent")


def same_year(obs: Observation, years: set[str]) -> bool:
    """The cell's year is one the sentence names (a table without year columns: its title's)."""
    if obs.period:
        return obs.period in years
    return any(year in obs.table_title for year in years)


def best_cell(
    figure: Figure, observations: Sequence[Observation], default_year: str = ""
) -> tuple[int, Observation] | None:
    """The cell the sentence most likely restates, whatever its value: same year, same kind
    of quantity, a value of the same order, and the most words shared near the figure."""
    near = window_words(figure.sentence, figure)
    years = set(rules.YEAR.findall(figure.sentence)) or {default_year}
    stated = scaled(figure)
    noun = counted_noun(figure.sentence, figure) if figure.unit == "count" else set()
    best: tuple[int, Observation] | None = None
    for obs in observations:
        if obs.value is None or not same_kind(figure, obs) or not same_year(obs, years):
            continue
        if not (obs.value / 2 <= stated <= obs.value * 2):
            continue
        label = words(f"{obs.indicator} {obs.column}")
        shared = near & label
        score = len(shared) if shared - COMMON else 0
        if figure.unit == "count" and not noun & label:
            score = 0  # "7 dni" is not a count of what the row counts
        if best is None or score > best[0]:
            best = (score, obs)
    return best
