"""Figures in prose: numbers stated in running text, linked to the table cell
they restate.

Sentences are read from the text outside tables (footnotes, captions and page
furniture excluded), joined across line wraps, so "1" / "121,5" at a wrap is
1 121,5.  Years, dates and legal references are not figures.  Each figure
carries the vocabulary indicator its sentence says it is and its year
(`prose_codes`), or none.  A figure is linked to the cell of the same report
that states its indicator and year with the same value (scaled); an uncoded
one to a cell with the same value whose indicator or column shares the most
words with the sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from extractor.layout.settings import DEFAULT_SETTINGS
from extractor.model.records import Figure, Observation, Unit
from extractor.report import vocabulary as rules
from extractor.report.indicator_codes import observation_year
from extractor.report.prose_codes import prose_code
from extractor.text.numbers import NumberToken, find_numbers

if TYPE_CHECKING:  # the checks use `scaled` without the table layer (nor pdfplumber)
    from extractor.layout.lines import TextLine
    from extractor.layout.page import PageLayout


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZŁŚŻŹĆÓ„])")
ITEM_LABEL = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z]\)|[•·▪–-])\s+")
MIN_SHARED_WORDS = 1


def layouts_to_sentences(layouts: Sequence[PageLayout]) -> list[tuple[int, str]]:
    """(page where it starts, sentence) for the body text of the report."""
    from extractor.report.footnotes import body_size, smaller_than_body  # (see TYPE_CHECKING)

    body = body_size(layouts)
    sentences: list[tuple[int, str]] = []
    for layout in layouts:
        paragraph: list[TextLine] = []
        for line in layout.lines:
            if smaller_than_body(line, body) or is_caption(line):
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


def is_caption(line: TextLine) -> bool:
    return DEFAULT_SETTINGS.caption_match(line.text, line.read_by_ocr) is not None


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


def sentence_figures(
    page: int, sentence: str, report_id: str, source_file: str, report_year: int | None = None
) -> list[Figure]:
    """The figures of a sentence, each with the indicator and year it states (if any)."""
    figures = []
    for token in find_numbers(sentence):
        if not is_figure(token, sentence):
            continue
        code, period = prose_code(sentence, token, report_year)
        figures.append(
            Figure(
                report_id=report_id,
                source_file=source_file,
                page=page,
                sentence=sentence,
                value=token.value,
                unit=figure_unit(token),
                scale=token.scale,
                indicator_code=code,
                period=period,
            )  # fmt: skip
        )
    return figures


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


def restated(
    figure: Figure, observations: Sequence[Observation], year: int | None
) -> Observation | None:
    """The cell of the figure's indicator and year that states its value, if any."""
    target = scaled(figure)
    for obs in observations:
        if obs.indicator_code == figure.indicator_code and obs.value == target:
            if observation_year(obs, year) == figure.period:
                return obs
    return None


def link(figure: Figure, observations: Sequence[Observation], year: int | None = None) -> Figure:
    """The figure with the table cell it restates: the cell of its indicator and year with
    its value; else (an uncoded figure) a cell with the same value whose indicator or
    column shares the most words with the sentence (never a cell of another indicator)."""
    found = restated(figure, observations, year) if figure.indicator_code else None
    if found is None:
        found = similar_cell(figure, observations)
    if found is None:
        return figure
    return figure.model_copy(
        update={"table_id": found.table_id, "row": found.row, "column": found.column}
    )


def similar_cell(figure: Figure, observations: Sequence[Observation]) -> Observation | None:
    target = scaled(figure)
    sentence_words = words(figure.sentence)
    years = set(rules.YEAR.findall(figure.sentence))
    best: tuple[int, Observation] | None = None
    for obs in observations:
        if obs.value is None or obs.value != target:
            continue
        if (obs.unit == "percent") != (figure.unit == "percent"):
            continue
        if obs.indicator_code and obs.indicator_code != figure.indicator_code:
            continue  # a cell of another indicator
        score = len(sentence_words & words(f"{obs.indicator} {obs.column}"))
        if obs.period and years:
            score += 2 if obs.period in years else -2
        if best is None or score > best[0]:
            best = (score, obs)
    if best is None or best[0] < MIN_SHARED_WORDS:
        return None
    return best[1]


def extract_figures(
    layouts: Sequence[PageLayout],
    observations: Sequence[Observation],
    report_id: str,
    source_file: str,
    report_year: int | None = None,
) -> list[Figure]:
    figures: list[Figure] = []
    for page, sentence in layouts_to_sentences(layouts):
        for figure in sentence_figures(page, sentence, report_id, source_file, report_year):
            figures.append(link(figure, observations, report_year))
    return figures


def scaled(figure: Figure) -> Decimal:
    return figure.value * figure.scale
