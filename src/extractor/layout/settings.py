"""The layout stage's settings: one validated object, like pdfplumber's `TableSettings`.

Every threshold of the table and line finding that is a matter of tuning lives
here, in units of the text's font size ("em") or points, with what it means.
`DEFAULT_SETTINGS` is what every caller gets unless it passes its own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

# Words that label a numbered table caption, as regular expressions (any case):
# Polish and English offices' usage.  A caption is "<label>[.] [nr|no.] <number>".
CAPTION_LABELS = (
    r"tabela",
    r"tabl?\.?",
    r"tablica",
    r"tab",
    r"zestawienie",
    r"wykaz",
    r"załącznik",
    r"table",
    r"annex",
)

NUMBER_WORD = r"(?:(?:nr|no)\.?\s*)"  # "Tabela nr 3", "Table no. 3"
ID = r"\d{1,3}(?:[.,]\d{1,3})*[a-z]?"  # a table's number: "3", "1.2a" (OCR: "1,2a")
# ... with a blank OCR read beside a period, or for it ("1 1" for 1.1); "l" for a 1
OCR_ID = r"(?:\d{1,3}|[l|](?![\w]))(?:(?: ?[.,] ?| )\d{1,2}(?!\d))*[a-z]?"
SOURCE_LABELS = (r"źródło", r"źródła", r"opracowanie", r"source")


class LayoutSettings(BaseModel):
    """Thresholds of the layout stage (sizes in em of the nearby text unless said)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    caption_labels: tuple[str, ...] = Field(
        default=CAPTION_LABELS, description="labels of a numbered caption (regular expressions)"
    )
    caption_gap: float = Field(
        default=2.5, gt=0, description="a caption is at most this far from its table"
    )
    caption_lines: int = Field(default=3, ge=1, description="lines a caption may take")
    caption_sequence: float = Field(
        default=0.75,
        ge=0,
        description="a caption numbered after the document's last one counts this much nearer",
    )
    caption_notes: int = Field(
        default=8, ge=0, description="smaller lines (notes, source) between a table and its caption"
    )
    source_labels: tuple[str, ...] = Field(
        default=SOURCE_LABELS,
        description="labels opening a table's source line, which may stand between a table"
        " and its caption below in the body's size (regular expressions)",
    )

    # Borderless tables (layout.chunks, gutters, regions, rowgrid, borderless).
    chunk_gap: float = Field(
        default=0.45, gt=0, description="a gap this wide inside a line separates chunks (cells)"
    )
    ocr_chunk_gap: float = Field(
        default=0.55, gt=0, description="... between words OCR read (its boxes hug the ink)"
    )
    justified_gap: float = Field(
        default=2.0, gt=0, description="equal gaps up to this wide are a justified line's spaces"
    )
    justified_words: int = Field(
        default=6, ge=3, description="... on a line of this many chunks or more"
    )
    chunk_ascent: float = Field(
        default=0.7, gt=0, description="a chunk's reduced box reaches this far above its baseline"
    )
    chunk_descent: float = Field(default=0.2, ge=0, description="... and this far below it")
    min_gutter: float = Field(default=0.45, gt=0, description="narrowest column gutter")
    gutter_support: int = Field(
        default=2, ge=1, description="lines with text on each side of a gutter, at least"
    )
    gutter_crossing: float = Field(
        default=0.5, ge=0, description="lines crossing a gutter, at most, per supporting line"
    )
    line_gap: float = Field(
        default=3.0, gt=0, description="lines of a table follow one another this closely at most"
    )
    row_apart: float = Field(
        default=0.8, gt=0, description="a line this far from any tabular line is a row of its own"
    )
    link_gap: float = Field(
        default=6.0, gt=0, description="tabular lines further apart are not linked (baselines)"
    )
    mature_run: int = Field(
        default=6, ge=2, description="tabular lines a run needs before its columns bind"
    )
    size_tolerance: float = Field(
        default=0.2, ge=0, description="linked lines differ in text size by at most this share"
    )
    same_size: float = Field(
        default=0.1,
        ge=0,
        description="sizes within this share are one size as OCR measures it; lines differing"
        " more link only through a gutter within both lines' reach",
    )
    cell_pitch: float = Field(
        default=1.12, gt=1, description="lines of one cell: at most this times the line pitch apart"
    )
    ocr_cell_pitch: float = Field(
        default=1.2, gt=1, description="... in lines OCR read (their baselines wander)"
    )
    max_cell_pitch: float = Field(
        default=1.5, gt=0, description="... and never more than this (baselines)"
    )
    min_line_pitch: float = Field(
        default=0.9, gt=0, description="baselines closer than this are no line pitch"
    )
    align_tolerance: float = Field(
        default=0.15, ge=0, description="aligned edges or centres differ by at most this"
    )
    beside_share: float = Field(
        default=0.7,
        gt=0,
        description="a lattice table narrower than this share of the text"
        " width may have a table beside it (its caption and notes are kept from that one)",
    )
    shared_rows: float = Field(
        default=0.4,
        ge=0,
        le=1,
        description="columns whose rows end together less often than this are two tables"
        " side by side",
    )
    shared_ruled_rows: float = Field(
        default=0.9, ge=0, le=1, description="... when rules run under one side only"
    )
    stack_gap: float = Field(
        default=1.5, ge=0, description="a borderless body starts this close under a ruled header"
    )
    stack_lines: int = Field(
        default=2, ge=0, description="group rows between a ruled header and its body, at most"
    )
    ruled_header_lines: int = Field(
        default=5,
        ge=0,
        description="lines between a rule spanning a borderless table and its first row"
        " that join it as header lines, at most",
    )
    min_rows: int = Field(
        default=3, ge=2, description="rows with two filled cells a borderless table needs"
    )
    min_ruled_rows: int = Field(
        default=2, ge=2, description="... when a horizontal rule crosses it"
    )

    @cached_property
    def caption_pattern(self) -> re.Pattern[str]:
        """ "Tabela 1.", "Tab. 1.2a", "Tabela nr 3:", "Zestawienie nr 2 – title"."""
        labels = "|".join(f"(?:{label})" for label in self.caption_labels)
        return caption_regex(rf"(?P<label>{labels})\.?\s*{NUMBER_WORD}?")

    @cached_property
    def ocr_caption_pattern(self) -> re.Pattern[str]:
        """A caption as OCR may read it: one letter of a worded label but its first
        misread ("Tak. 1.2b", "Zestawicnie nr 3"), when a period or "nr" follows it or a
        colon or dash follows its number ("Tebela 2: Wykaz"), so that a row "Tak 12 5"
        is never one; a blank read beside the period of the number ("1 .2b"), a hyphen
        for the blank after the label ("Tabela-2")."""
        words = [label for label in self.caption_labels if re.fullmatch(r"[^\W\d_]{3,}", label)]
        misread = {f"{w[:i]}\\w{w[i + 1 :]}" for w in words for i in range(1, len(w))}
        fuzzy = "|".join(sorted(misread))
        labels = "|".join(f"(?:{label})" for label in self.caption_labels)
        return caption_regex(
            rf"(?:(?P<label>{labels})[.-]?\s*{NUMBER_WORD}?"
            rf"|(?:{fuzzy})(?:\.\s*{NUMBER_WORD}?|\s+{NUMBER_WORD}|\s+(?={ID}\s*[:–—-])))",
            OCR_ID,
            ocr=True,
        )

    def caption_match(self, text: str, ocr: bool = False) -> re.Match[str] | None:
        """The caption's parts, read tolerantly when the text is OCR's (a speck over
        the label's first letter read as its accent: "Żałącznik" is "Załącznik")."""
        if not ocr:
            return self.caption_pattern.match(text)
        found = self.ocr_caption_pattern.match(text)
        if found is None:
            found = self.ocr_caption_pattern.match(first_letter_bare(text))
        return found

    def source_match(self, text: str, ocr: bool = False) -> re.Match[str] | None:
        """A source line's label ("Źródło:"), read tolerantly when the text is OCR's
        (the accent of its first letter lost or added: "Zródło")."""
        if not ocr:
            return self.source_pattern.match(text)
        return self.ocr_source_pattern.match(first_letter_bare(text))

    @cached_property
    def source_pattern(self) -> re.Pattern[str]:
        """ "Źródło: dane Urzędu.", "Opracowanie własne"."""
        labels = "|".join(f"(?:{label})" for label in self.source_labels)
        return re.compile(rf"^\s*(?:{labels})\b", re.IGNORECASE)

    @cached_property
    def ocr_source_pattern(self) -> re.Pattern[str]:
        """The source labels with the accent of their first letter dropped, for a line
        whose first letter is dropped likewise."""
        labels = "|".join(f"(?:{first_letter_bare(label)})" for label in self.source_labels)
        return re.compile(rf"^\s*(?:{labels})\b", re.IGNORECASE)


def first_letter_bare(text: str) -> str:
    """The text with the accent of its first letter dropped ("Żałącznik": "Załącznik")."""
    stripped = text.lstrip()
    return unicodedata.normalize("NFD", stripped[0])[0] + stripped[1:] if stripped else text


def caption_regex(label: str, ident: str = ID, ocr: bool = False) -> re.Pattern[str]:
    """A caption line: `label`, then its number (`ident`: "1.2a"; OCR may read "1,2a"),
    an optional colon or dash and the title.  In OCR's text, a speck beside the number's
    period may be read as another ("Tabela 2..Wykaz"), the title's first letter then
    set close to it."""
    stop = r"[.,'`·]{0,3}" if ocr else r"\.?"
    glued = r"|(?<=[.,'`·:])(?=[^\W\d_])" if ocr else ""
    return re.compile(
        rf"^\s*{label}"
        rf"(?P<id>{ident})(?![\w,]){stop}"
        rf"(?:\s*[:–—-]+)?(?:(?:\s+{glued})(?P<title>.*))?\s*$",
        re.IGNORECASE,
    )


def table_id(match: re.Match[str]) -> str:
    """The table number a caption match states, as printed: "1,2a", "1 .2a" and (OCR
    lost the period) "1 2a" are 1.2a; OCR's "l" for a 1 is the 1."""
    ident = re.sub(r"^[l|]", "1", match.group("id"))
    ident = re.sub(r"(?<=\d)\s+(?=\d)", ".", ident)
    return re.sub(r"\s", "", ident).replace(",", ".")


DEFAULT_SETTINGS = LayoutSettings()
