"""extractor.xlsx: the output tables as one Excel workbook, the sheet an analyst opens.

One sheet per table, the wide view (`indicators`) first, then the offices side by side
(`comparison`), dataset, checks, observations, footnotes, figures, reports and failures
(any other table after them).
Cells are typed from the one definition of the tables (`extractor.model.tables`):
numbers are numbers, shown with the decimals the report printed (`#,##0.00` for
110 000,00 zł), or text when they have more digits than a spreadsheet number keeps;
texts are text (table `1.1` stays `1.1`; `=`, `+` are never formulas); `is_total`
is a boolean; lists are `;`-joined.  Each sheet has a frozen header row, an
autofilter and column widths from its first rows; each finding in `checks` links to
the first observation of its value (or of its row, its table, its file).

Written with XlsxWriter in constant-memory mode: every table is streamed from its
file, row by row, so an archive of any size takes the memory of one row.  A table
with more rows than a sheet holds goes on in "NAME (2)", "NAME (3)", ...  The file
is the same, byte for byte, for the same tables (fixed creation date).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Any

from extractor import __version__
from extractor.model.tables import INDICATORS, TABLES, Column
from extractor.output import settings
from extractor.output.atomic import atomic_path
from extractor.output.finding_links import Links, finding_links, observation_cell, sheet_title
from extractor.output.folder_results import printed_precision
from extractor.output.indicators import wide_records
from extractor.output.read_tables import file_columns, iter_records
from extractor.output.rendering import decimal_text

WORKBOOK_FILE = "extractor.xlsx"
FIRST_SHEETS = (
    "indicators", "comparison", "dataset", "checks", "observations", "footnotes", "figures",
    "reports", "failures",
)  # fmt: skip
TITLE = "Indicators of Polish local-government NGO-cooperation reports"
CREATED = datetime(2000, 1, 1)  # a fixed date: the same tables give the same bytes
EXACT_DIGITS = 15  # significant digits a spreadsheet number keeps
WIDTH_SAMPLE = 200  # rows that size the columns
WIDTH_RANGE = (6, 60)
LINK_LIMIT = 65_530  # hyperlinks Excel allows on one sheet
Record = dict[str, Any]


def sheet_order() -> list[str]:
    return [*FIRST_SHEETS, *(name for name in TABLES if name not in FIRST_SHEETS)]


def write_workbook(out_dir: Path) -> Path | None:
    """extractor.xlsx from the tables in `out_dir` (None when there is none)."""
    import xlsxwriter

    sources = [(name, found) for name in sheet_order() if (found := sheet_source(out_dir, name))]
    if not sources:
        return None
    links = finding_links(out_dir)
    path = out_dir / WORKBOOK_FILE
    with atomic_path(path) as tmp:
        options = {"constant_memory": True, "tmpdir": str(tmp.parent)}
        book = xlsxwriter.Workbook(str(tmp), options)
        try:
            book.set_properties({"title": TITLE, "comments": f"extractor {__version__}",
                                 "created": CREATED})  # fmt: skip
            styles = Styles(book)
            for name, (columns, records) in sources:
                SheetWriter(book, styles, name, columns).write(
                    records, links if name == "checks" else None
                )
        finally:
            book.close()
    return path


def sheet_source(out_dir: Path, name: str) -> tuple[tuple[Column, ...], Iterator[Record]] | None:
    """A sheet's columns and records, streamed from its file (None when it is absent)."""
    if name == INDICATORS.name:
        return wide_records(out_dir)
    records = iter_records(out_dir, name)
    if records is None:
        return None
    return file_columns(out_dir, TABLES[name]), records


class Styles:
    """The workbook's cell formats, made once each."""

    def __init__(self, book: Any):
        self.book = book
        self.header = book.add_format({"bold": True, "bottom": 1, "bg_color": "#DDEBF7"})
        self.integer = book.add_format({"num_format": "0"})
        self.float = book.add_format({"num_format": "0.00"})
        self.link = book.add_format({"font_color": "blue", "underline": 1})
        self.decimals: dict[int, Any] = {}

    def decimal(self, places: int) -> Any:
        """#,##0 with the printed decimal places (Excel shows the locale's separators)."""
        if places not in self.decimals:
            pattern = "#,##0" + ("." + "0" * places if places else "")
            self.decimals[places] = self.book.add_format({"num_format": pattern})
        return self.decimals[places]


class SheetWriter:
    """One table's rows on a sheet (and its continuation sheets)."""

    def __init__(self, book: Any, styles: Styles, name: str, columns: Sequence[Column]):
        self.book, self.styles, self.name, self.columns = book, styles, name, columns
        self.sheet: Any = None
        self.part = self.row = self.linked = 0
        self.widths: list[float] = []

    def write(self, records: Iterable[Record], links: Links | None = None) -> None:
        rows = iter(records)
        sample = list(islice(rows, WIDTH_SAMPLE))
        self.widths = column_widths(self.columns, sample)
        self.new_sheet()
        for position, record in enumerate(chain(sample, rows)):
            if self.row > settings.OUTPUT.xlsx_sheet_rows:
                self.new_sheet()
            for col, column in enumerate(self.columns):
                write_cell(self.sheet, self.row, col, column, record, self.styles)
            if links is not None:
                self.link(links.target(position), record)
            self.row += 1
        self.finish()

    def new_sheet(self) -> None:
        if self.sheet is not None:
            self.finish()
        self.part += 1
        self.sheet = self.book.add_worksheet(sheet_title(self.name, self.part))
        self.row, self.linked = 1, 0
        for col, (column, width) in enumerate(zip(self.columns, self.widths, strict=True)):
            self.sheet.set_column(col, col, width)
            self.sheet.write_string(0, col, column.name, self.styles.header)
        self.sheet.freeze_panes(1, 0)

    def finish(self) -> None:
        self.sheet.autofilter(0, 0, max(self.row - 1, 1), max(len(self.columns) - 1, 0))

    def link(self, target: int | None, record: Record) -> None:
        """The finding's first cell links to the observation it is about."""
        if target is None or self.linked >= LINK_LIMIT or not self.columns:
            return
        sheet, cell = observation_cell(target, settings.OUTPUT.xlsx_sheet_rows)
        first = self.columns[0].name
        self.sheet.write_url(
            self.row, 0, f"internal:'{sheet}'!{cell}", self.styles.link,
            string=str(record.get(first) or first), tip=f"{sheet} {cell}",
        )  # fmt: skip
        self.linked += 1


def write_cell(
    sheet: Any, row: int, col: int, column: Column, record: Record, styles: Styles
) -> None:
    """One typed cell; nothing for a missing value or an empty text."""
    value = record.get(column.name)
    if value is None or value == "" or value == () or value == []:
        return
    kind = column.kind
    if kind == "dec":
        write_decimal(sheet, row, col, shown_decimal(value, record), styles)
    elif kind == "int":
        sheet.write_number(row, col, value, styles.integer)
    elif kind == "float":
        sheet.write_number(row, col, value, styles.float)
    elif kind == "bool":
        sheet.write_boolean(row, col, value)
    else:
        sheet.write_string(row, col, cell_text(kind, value))


def shown_decimal(value: Decimal, record: Record) -> Decimal:
    """An observation's value with the decimals its cell text prints (110000 -> 110000.00)."""
    raw = record.get("raw")
    return printed_precision(value, raw) if isinstance(raw, str) else value


def write_decimal(sheet: Any, row: int, col: int, value: Decimal, styles: Styles) -> None:
    """A number, or its exact text when a spreadsheet number would lose digits."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or len(digits) > EXACT_DIGITS:
        sheet.write_string(row, col, decimal_text(value))
        return
    sheet.write_number(row, col, float(value), styles.decimal(max(0, -exponent)))


def cell_text(kind: str, value: Any) -> str:
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list | tuple):
        return ";".join("" if v is None else decimal_text(v) if isinstance(v, Decimal) else str(v)
                        for v in value)  # fmt: skip
    return str(value)


def column_widths(columns: Sequence[Column], sample: Sequence[Record]) -> list[float]:
    """Widths that fit the header and the first rows, within `WIDTH_RANGE`."""
    low, high = WIDTH_RANGE
    widths = []
    for column in columns:
        longest = max(
            [len(column.name) + 2]
            + [len(cell_text(column.kind, r[column.name])) for r in sample
               if r.get(column.name) is not None]
        )  # fmt: skip
        if column.kind == "dec":
            longest += longest // 3  # thousands separators
        widths.append(float(min(max(longest + 1, low), high)))
    return widths
