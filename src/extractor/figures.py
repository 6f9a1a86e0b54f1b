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

from extractor import rules
from extractor.footnotes import SMALLER, body_size
from extractor.layout import PageLayout
from extractor.models import Figure, Observation, Unit
from extractor.numbers import NumberToken, find_numbers
from extractor.textlines import TextLine

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
    return line.size > body - SMALLER and not rules.CAPTION.match(line.text)


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
