"""Report model: the frozen pydantic models every stage after table finding
hands on, and that the writers serialise.  JSON Schema of these models is
exported to `schemas/` (see `extractor.output.schemas`).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Unit = Literal[
    "count",
    "PLN",
    "percent",
    "PLN_per_capita",
    "per_1000_inhabitants",
    "per_year",
    "",
]
"""Unit vocabulary of an observation's value:

- ``count``: a number of things (organisations, offers, events);
- ``PLN``: an amount in złoty (amounts printed in ``tys. zł`` / ``mln zł`` are scaled to złoty);
- ``percent``: a percentage as printed (49,82 % -> 49.82);
- ``PLN_per_capita``: złoty per inhabitant;
- ``per_1000_inhabitants``: a count per 1000 inhabitants;
- ``per_year``: a frequency target ("1/rok", "2 w roku");
- empty: a missing value ("—", "nie dotyczy").
"""


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Status(StrEnum):
    ok = "ok"
    partial = "partial"
    failed = "failed"


class Issue(Frozen):
    """Something wrong with the input, found while reading it."""

    page: int | None = None
    message: str
    severity: Literal["error", "warning", "info"] = "warning"


class Observation(Frozen):
    """One number stated in a table cell (or a missing value with its raw text)."""

    report_id: str
    source_file: str
    page: int
    table_id: str
    table_title: str
    section: str = ""
    row: str
    indicator: str
    column: str
    period: str = ""
    raw: str
    value: Decimal | None
    unit: Unit
    footnotes: tuple[str, ...] = ()
    source: Literal["text", "ocr"] = "text"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Footnote(Frozen):
    """A footnote's text and the places that reference it (cells, captions, text)."""

    report_id: str
    source_file: str
    number: str
    text: str
    page: int
    anchors: tuple[str, ...] = ()


class ReportInfo(Frozen):
    """Per input file: what it is, and how well it was read."""

    report_id: str
    file: str
    sha256: str
    pages: int = 0
    title: str = ""
    issuer: str = ""
    programme: str = ""
    programme_period: str = ""
    report_year: int | None = None
    baseline_year: int | None = None
    resolution_number: str = ""
    resolution_date: str = ""
    status: Status
    issues: tuple[Issue, ...] = ()


class Figure(Frozen):
    """A number stated in running text ("W 2023 r. ogłoszono 4 otwarte konkursy ofert").

    `value` is the number as printed (1 245,5 tys. zł -> 1245.5, `scale` 1000); where the
    sentence restates a table cell, `table_id`, `row` and `column` name that cell.
    """

    report_id: str
    source_file: str
    page: int
    sentence: str
    value: Decimal
    unit: Unit
    scale: Decimal = Decimal(1)
    table_id: str = ""
    row: str = ""
    column: str = ""


class ReportResult(Frozen):
    """Everything extracted from one file."""

    info: ReportInfo
    observations: tuple[Observation, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    figures: tuple[Figure, ...] = ()
