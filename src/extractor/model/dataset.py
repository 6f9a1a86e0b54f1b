"""The consolidated dataset: one row per indicator value and period across reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from extractor.model.records import Frozen, Row, Section, TableId, UnitColumn, described


class DatasetRow(Frozen):
    """One indicator value for one period, with every report that states it."""

    issuer: Annotated[str, described("The local government")]
    programme: Annotated[
        str, described("The programme (annual programmes of one issuer form one series)")
    ]
    table_id: TableId
    section: Section
    row: Row
    indicator: Annotated[str, described("The indicator text (latest report)")]
    column: Annotated[
        str, described("The column header as printed in the latest report stating the value")
    ]
    period: Annotated[
        str, described("The year; empty for a target holding for the whole programme")
    ]
    unit: UnitColumn
    value: Annotated[
        Decimal | None, described("The value, exact; when conflicting the latest report's value")
    ]
    status: Annotated[
        Literal["single", "agreed", "conflicting"], described("single, agreed or conflicting")
    ]
    values: Annotated[
        tuple[Decimal | None, ...],
        described("Every distinct value stated, oldest report first (;-joined in CSV)"),
    ]
    sources: Annotated[tuple[str, ...], described("file:page of every statement (;-joined in CSV)")]
    report_ids: Annotated[tuple[str, ...], described("Reports stating the value (;-joined in CSV)")]
    renamed_from: Annotated[str, described("Earlier texts of a renamed indicator")] = ""
    is_total: Annotated[
        bool,
        described(
            "The row totals other rows (Razem, Ogółem, Suma, Łącznie, or found to add them up "
            "by the total_mismatch check): leave it out of sums"
        ),
    ] = False


NO_YEAR = "no_year"
"""The wide view's column for values without a year (a target for the whole programme)."""


class IndicatorRow(Frozen):
    """One indicator of one table row in every period: the wide view of the dataset.

    The values are one column per period in every file (CSV, Parquet, DuckDB, the
    workbook), in year order, then `no_year`; status and sources stay in the dataset.
    """

    issuer: Annotated[str, described("The local government")]
    programme: Annotated[str, described("The programme series")]
    table_id: TableId
    section: Section
    row: Row
    indicator: Annotated[str, described("The indicator text (latest report)")]
    column: Annotated[
        str,
        described(
            "The column header for values not in year columns (Wartość docelowa, Kwota "
            "przyznana); empty when the periods are the table's year columns"
        ),
    ]
    unit: UnitColumn
    is_total: Annotated[
        bool, described("The row totals other rows (see the dataset): leave it out of sums")
    ] = False
    values: Annotated[
        dict[str, Decimal | None],
        described(
            "Per period (a year, or no_year), the latest value stated: one column each, "
            "empty where no report states it"
        ),
    ] = Field(default_factory=dict)
