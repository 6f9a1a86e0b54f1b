"""Report model: the frozen pydantic records every stage after table finding hands
on, and that the writers serialise.

Each record that is a row of an output table says so field by field: the field's
name is the column, its type gives the column's kind, its description the
column's description (`extractor.model.tables` derives the tables from them;
the JSON Schemas in `schemas/` are exported from these models).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, get_args

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
"""Unit vocabulary of an observation's value (the one definition of the units):

- ``count``: a number of things (organisations, offers, events);
- ``PLN``: an amount in złoty (amounts printed in ``tys. zł`` / ``mln zł`` are scaled to złoty);
- ``percent``: a percentage as printed (49,82 % -> 49.82);
- ``PLN_per_capita``: złoty per inhabitant;
- ``per_1000_inhabitants``: a count per 1000 inhabitants;
- ``per_year``: a frequency target ("1/rok", "2 w roku");
- empty: a missing value ("—", "nie dotyczy").
"""
UNITS: tuple[Unit, ...] = get_args(Unit)


def described(text: str) -> Any:
    """A column's description (pydantic `Field` metadata of an `Annotated` type)."""
    return Field(description=text)


class NumberText:
    """Column marker: a text that states numbers ("<= 8000.00"), written with a decimal
    comma in Polish-locale CSV."""


NUMBER_TEXT = NumberText()

# Columns several tables share (same name, same meaning).
ReportId = Annotated[str, described("Report identifier, from the file name")]
SourceFile = Annotated[str, described("The PDF's file name")]
Page = Annotated[int, described("1-based page where it is printed")]
TableId = Annotated[
    str,
    described(
        "The caption's table number as printed (1.2a, 3), else p<page>.<k>: the k-th table "
        "starting on that page"
    ),
]
Section = Annotated[
    str, described("The row's group (number or text of a group row, or category), else empty")
]
Row = Annotated[
    str, described("L.p. as printed without the dot; 4a/4b for parts; else the row label")
]
UnitColumn = Annotated[
    Unit, described(", ".join(u for u in UNITS if u) + "; empty for a missing value")
]


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

    report_id: ReportId
    source_file: SourceFile
    page: Page
    table_id: TableId
    table_title: Annotated[str, described("The caption text after the table number")]
    section: Section = ""
    row: Row
    indicator: Annotated[str, described("The row's text, whitespace normalised")]
    column: Annotated[str, described("The column header as printed, group header first")]
    period: Annotated[str, described("The year the column refers to, else empty")] = ""
    raw: Annotated[str, described("The cell text as printed, footnote markers removed")]
    value: Annotated[
        Decimal | None,
        described("The number, exact; amounts in tys. zł are in złoty; empty if missing"),
    ]
    unit: UnitColumn
    footnotes: Annotated[
        tuple[str, ...], described("Footnote markers attached to the cell (;-joined in CSV)")
    ] = ()
    source: Annotated[Literal["text", "ocr"], described("text (text layer) or ocr")] = "text"
    confidence: float = Field(
        default=1.0, ge=0.0, le=1.0, description="OCR confidence 0-1 (1 for a text layer)"
    )
    is_total: Annotated[
        bool,
        described(
            "The row totals other rows (Razem, Ogółem, Suma, Łącznie; in the output files also "
            "a row the total_mismatch check finds adding them up): leave it out of sums"
        ),
    ] = False
    indicator_code: Annotated[
        str, described("The vocabulary indicator the row or column states, else empty")
    ] = ""


class Footnote(Frozen):
    """A footnote's text and the places that reference it (cells, captions, text)."""

    report_id: ReportId
    source_file: SourceFile
    number: Annotated[str, described("The footnote marker as printed (6, *, **)")]
    text: Annotated[str, described("The footnote text")]
    page: Page
    anchors: Annotated[
        tuple[str, ...],
        described("Where it is referenced: cells, captions, text (;-joined in CSV)"),
    ] = ()


class ReportInfo(Frozen):
    """Per input file: what it is, and how well it was read."""

    report_id: ReportId
    file: Annotated[str, described("The PDF's file name")]
    sha256: Annotated[str, described("SHA-256 of the file")]
    pages: Annotated[int, described("Number of pages")] = 0
    title: Annotated[str, described("Title as printed")] = ""
    issuer: Annotated[str, described("The local government that issued the report")] = ""
    programme: Annotated[str, described("The cooperation programme reported on")] = ""
    programme_period: Annotated[str, described("Years the programme covers")] = ""
    report_year: Annotated[int | None, described("The year reported on")] = None
    baseline_year: Annotated[int | None, described("The year of the baseline values")] = None
    resolution_number: Annotated[
        str, described("Number of the resolution adopting the programme")
    ] = ""
    resolution_date: Annotated[str, described("Date of that resolution, as printed")] = ""
    status: Annotated[Status, described("ok, partial or failed")]
    issues: Annotated[
        tuple[Issue, ...],
        described("Problems found while reading: [{page, message, severity}] (JSON)"),
    ] = ()
    duplicate_of: Annotated[
        str,
        described(
            "The file this one is a byte-identical copy of: reported once, under that name "
            "(its records, dataset rows and findings are that file's); else empty"
        ),
    ] = ""


class Figure(Frozen):
    """A number stated in running text ("W 2023 r. ogłoszono 4 otwarte konkursy ofert").

    `value` is the number as printed (1 245,5 tys. zł -> 1245.5, `scale` 1000); where the
    sentence restates a table cell, `table_id`, `row` and `column` name that cell; where it
    names what the figure is ("podpisano 91 umów"), `indicator_code` and `period` say so.
    """

    report_id: ReportId
    source_file: SourceFile
    page: Page
    sentence: Annotated[str, described("The sentence stating the number")]
    value: Annotated[Decimal, described("The number as printed (1 245,5 tys. zł -> 1245.5)")]
    unit: UnitColumn
    scale: Annotated[Decimal, described("Multiplier of the printed unit (1000 for tys. zł)")] = (
        Decimal(1)
    )
    table_id: Annotated[str, described("Table of the cell the sentence restates, else empty")] = ""
    row: Annotated[str, described("Row of that cell")] = ""
    column: Annotated[str, described("Column of that cell")] = ""
    indicator_code: Annotated[
        str, described("The vocabulary indicator the sentence says the figure is, else empty")
    ] = ""
    period: Annotated[
        str, described("The year of that indicator: the sentence's, else the report's")
    ] = ""


class ReportResult(Frozen):
    """Everything extracted from one file."""

    info: ReportInfo
    observations: tuple[Observation, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    figures: tuple[Figure, ...] = ()


class Failure(Frozen):
    """An input file that could not be read."""

    file: Annotated[str, described("The file's name")]
    reason: Annotated[str, described("Why it failed")]
