"""The layout stage's settings: one validated object, like pdfplumber's `TableSettings`.

Every threshold of the table and line finding that is a matter of tuning lives
here, in units of the text's font size ("em") or points, with what it means.
`DEFAULT_SETTINGS` is what every caller gets unless it passes its own.
"""

from __future__ import annotations

import re
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
    caption_notes: int = Field(
        default=8, ge=0, description="smaller lines (notes, source) between a table and its caption"
    )

    @cached_property
    def caption_pattern(self) -> re.Pattern[str]:
        """ "Tabela 1.", "Tab. 1.2a", "Tabela nr 3:", "Zestawienie nr 2 – title"."""
        labels = "|".join(f"(?:{label})" for label in self.caption_labels)
        return re.compile(
            rf"^\s*(?P<label>{labels})\.?\s*(?:(?:nr|no)\.?\s*)?"
            r"(?P<id>\d{1,3}(?:\.\d{1,3})*[a-z]?)(?![\w])\.?"
            r"(?:\s*[:–—-]+)?(?:\s+(?P<title>.*))?\s*$",
            re.IGNORECASE,
        )


DEFAULT_SETTINGS = LayoutSettings()
