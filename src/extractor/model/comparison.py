"""The comparison across offices: one vocabulary indicator of one office for one year."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from extractor.model.records import Frozen, UnitColumn, described

IssuerType = Literal["gmina", "powiat", "miasto na prawach powiatu", "województwo"]


class ComparisonRow(Frozen):
    """One indicator of one office and year, from every table cell and sentence stating it."""

    issuer: Annotated[
        str, described("The office, normalised (Gmina Wierzbno Dolne, województwo opolskie)")
    ]
    issuer_type: Annotated[
        IssuerType, described("gmina, powiat, miasto na prawach powiatu or województwo")
    ]
    year: Annotated[int, described("The year the value is of")]
    indicator_code: Annotated[str, described("The vocabulary indicator (README: indicators)")]
    indicator: Annotated[str, described("The indicator's label in English")]
    value: Annotated[
        Decimal,
        described(
            "The value, exact, amounts in złoty; the most precisely printed of those that"
            " agree; when conflicting, the latest report's (a table's before a sentence's)"
        ),
    ]
    unit: UnitColumn
    status: Annotated[
        Literal["single", "agreed", "conflicting"],
        described("single (one statement), agreed (several, equal at their printed precision)"
                  " or conflicting"),
    ]  # fmt: skip
    values: Annotated[
        tuple[Decimal, ...], described("Every distinct value stated (;-joined in CSV)")
    ]
    sources: Annotated[
        tuple[str, ...],
        described(
            "Every statement: file:page and the table cell (Tab. 1.2a row 2, 2023 r.) or the"
            " sentence (;-joined in CSV)"
        ),
    ]
    report_ids: Annotated[tuple[str, ...], described("Reports stating it (;-joined in CSV)")]
