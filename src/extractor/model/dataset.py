"""The consolidated dataset: one row per indicator value and period across reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

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
