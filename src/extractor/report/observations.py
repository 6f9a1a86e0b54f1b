"""Report model: a logical table's rows -> observations (pydantic).

Reads a table from its structure: header rows (before the first data row,
or repeating the first header), group rows (a merged row "1. ..." spanning
the table), the row-number column (L.p./Lp.), the indicator column (the one
headed "wskaźnik", else the first text column) and value columns (columns
whose cells mostly state numbers).  Column meanings (year, scale, unit) come
from `rules`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from extractor.layout.captions import LogicalTable
from extractor.layout.cells import CellText, GridRow, logical_table_to_rows
from extractor.model.records import Issue, Observation
from extractor.report import vocabulary as rules
from extractor.report.cell_values import CellValue, cell_to_values
from extractor.text.numbers import find_numbers, is_missing_value

LOW_OCR_CONFIDENCE = 60.0  # a cell read by OCR below this (0-100) is reported as an issue


@dataclass(frozen=True)
class Column:
    index: int
    header: str  # as printed, lines joined
    group: str = ""  # spanning header above it, if any
    role: str = "text"  # "lp", "text", "value"

    @property
    def period(self) -> str:
        match = rules.YEAR.search(self.header)
        return match.group(1) if match else ""

    @property
    def scale(self) -> Decimal:
        for rule in rules.HEADER_SCALES:
            if rule.pattern.search(self.header) or rule.pattern.search(self.group):
                return rule.scale
        return Decimal(1)


@dataclass
class TableReading:
    header_rows: list[GridRow] = field(default_factory=list)
    body: list[tuple[str, GridRow]] = field(default_factory=list)  # (section, row)


@dataclass(frozen=True)
class Context:
    report_id: str
    source_file: str
    source: str = "text"


def is_row_number_header(row: GridRow) -> bool:
    return any(rules.ROW_NUMBER_HEADER.match(c.text) for c in row.filled[:1])


def is_data_row(row: GridRow) -> bool:
    """A row stating numbers other than the years a header names ("Stan wyjściowy 2020 r.")."""
    for cell in row.filled:
        if is_missing_value(cell.text):
            return True
        if rules.YEAR_ONLY_HEADER.match(cell.text):
            continue
        if any(not is_year_mention(cell.text, t.text) for t in find_numbers(cell.text)):
            return True
    return False


def is_year_mention(text: str, token: str) -> bool:
    """A year named in a text with letters: "2020 r.", "w latach 2021-2023"."""
    return bool(rules.YEAR_ONLY_HEADER.match(token)) and any(ch.isalpha() for ch in text)


def section_of(row: GridRow, n_cols: int) -> str | None:
    """The group number of a merged group row ("1. zwiększenie ..."), else None."""
    filled = row.filled
    if len(filled) != 1 or filled[0].colspan < max(2, n_cols - 1):
        return None
    match = rules.SECTION_ROW.match(filled[0].text)
    return match.group(1) if match else None


def split_rows(rows: Sequence[GridRow], n_cols: int) -> TableReading:
    reading = TableReading()
    section = ""
    first_header: str | None = None
    for row in rows:
        if not row.filled:
            continue
        sec = section_of(row, n_cols)
        if sec is not None:
            section = sec
            continue
        signature = " | ".join(c.text for c in row.filled)
        header_like = is_row_number_header(row) or not is_data_row(row)
        if header_like and not reading.body:
            reading.header_rows.append(row)
            first_header = first_header or signature
            continue
        if header_like and repeats_header(row, signature, first_header):
            if len(reading.header_rows) == 1 and len(row.filled) > len(
                reading.header_rows[0].filled
            ):
                reading.header_rows = [row]  # the fuller copy of a repeated header wins
            continue
        reading.body.append((section, row))
    return reading


def repeats_header(row: GridRow, signature: str, first_header: str | None) -> bool:
    """A header repeated inside the table (after a page break or a group row)."""
    if is_row_number_header(row):
        return True
    if first_header is None:
        return False
    return SequenceMatcher(None, signature, first_header).ratio() >= 0.8


def clean_header(text: str) -> str:
    """Header text without stray punctuation (OCR specks: "Wartość - docelowa", "r. .")."""
    return " ".join(re.sub(r"(?<!\S)[.,:;'\"`~\-–—]+(?!\S)", " ", text).split())


def header_columns(header_rows: Sequence[GridRow], n_cols: int) -> list[Column]:
    columns = []
    for col in range(n_cols):
        texts = []
        for row in header_rows:
            cell = row.cell_at(col)
            text = clean_header(cell.text) if cell is not None else ""
            if text and text not in texts:
                texts.append(text)
        header = texts[-1] if texts else ""
        group = " ".join(texts[:-1])
        columns.append(Column(index=col, header=header, group=group))
    return columns


def assign_roles(columns: list[Column], body: Sequence[tuple[str, GridRow]]) -> list[Column]:
    result = []
    for column in columns:
        if rules.ROW_NUMBER_HEADER.match(column.header):
            role = "lp"
        else:
            role = "value" if mostly_numbers(column.index, body) else "text"
        result.append(Column(column.index, column.header, column.group, role))
    return result


def mostly_numbers(col: int, body: Sequence[tuple[str, GridRow]]) -> bool:
    stated = numeric = 0
    for _, row in body:
        cell = row.cell_at(col)
        if cell is None or not cell.text or cell.col != col:
            continue
        stated += 1
        if is_missing_value(cell.text) or is_numeric_cell(cell.text):
            numeric += 1
    return stated > 0 and numeric * 2 > stated


def is_numeric_cell(text: str) -> bool:
    """Most of the cell's characters belong to numbers (a value, not a label)."""
    tokens = find_numbers(text)
    if not tokens:
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters <= 40


def indicator_column(columns: Sequence[Column]) -> Column | None:
    texts = [c for c in columns if c.role == "text"]
    for column in texts:
        if rules.INDICATOR_HEADER.search(column.header):
            return column
    return texts[0] if texts else None


def read_table(table: LogicalTable, ctx: Context) -> tuple[list[Observation], list[Issue]]:
    rows = logical_table_to_rows(table)
    n_cols = max((p.n_cols for p in table.parts), default=0)
    reading = split_rows(rows, n_cols)
    columns = assign_roles(header_columns(reading.header_rows, n_cols), reading.body)
    reading.body = merge_split_rows(reading.body, columns)
    if not any(is_indicator_column(c) for c in columns if c.role == "value"):
        page = table.parts[0].page
        return [], [
            Issue(page=page, message=f"Tab. {table.table_id}: no indicator columns; not read")
        ]
    identities = [row_identity(row, columns) for _, row in reading.body]
    sections = [section for section, _ in reading.body]
    row_ids = fill_row_number_gaps([row_id for row_id, _ in identities], sections)
    observations: list[Observation] = []
    issues: list[Issue] = []
    for (section, row), (printed, indicator), row_id in zip(
        reading.body, identities, row_ids, strict=True
    ):
        if row_id != printed:
            message = f"Tab. {table.table_id}: row '{printed}' has no readable L.p.; "
            issues.append(Issue(page=row.page, message=message + f"numbered {row_id} by order"))
        row_obs, row_issues = read_row(table, section, row, columns, ctx, (row_id, indicator))
        observations.extend(row_obs)
        issues.extend(row_issues)
    return observations, issues


def fill_row_number_gaps(row_ids: list[str], sections: list[str]) -> list[str]:
    """A row between rows numbered n-1 and n+1 of its section, with no number of its own
    (not printed, or not readable on a scan), and no total row, is row n."""
    filled = list(row_ids)
    for i in range(1, len(row_ids) - 1):
        before, here, after = row_ids[i - 1], row_ids[i], row_ids[i + 1]
        if here.isdigit() or rules.TOTAL_ROW.match(here) or len(set(sections[i - 1 : i + 2])) > 1:
            continue
        if before.isdigit() and after.isdigit() and int(after) == int(before) + 2:
            filled[i] = str(int(before) + 1)
    return filled


def merge_split_rows(
    body: list[tuple[str, GridRow]], columns: Sequence[Column]
) -> list[tuple[str, GridRow]]:
    """A row broken by a page break: the part opening the next page has no L.p.;
    its cells' lines are appended to the row it continues (values stay on the page
    where they start)."""
    lp = next((c.index for c in columns if c.role == "lp"), None)
    merged: list[tuple[str, GridRow]] = []
    for section, row in body:
        prev = merged[-1][1] if merged else None
        lp_cell = row.cell_at(lp) if lp is not None else None
        if prev is not None and row.page != prev.page and lp_cell is not None and not lp_cell.text:
            if prev.page == row.page - 1 and is_first_row_on_page(row, body):
                merged[-1] = (merged[-1][0], join_rows(prev, row))
                continue
        merged.append((section, row))
    return merged


def is_first_row_on_page(row: GridRow, body: Sequence[tuple[str, GridRow]]) -> bool:
    return next(r for _, r in body if r.page == row.page) is row


def join_rows(first: GridRow, second: GridRow) -> GridRow:
    cells = []
    for cell in first.cells:
        other = second.cell_at(cell.col)
        if other is not None and other.col == cell.col and other.text:
            cell = cell.model_copy(
                update={"lines": cell.lines + other.lines, "markers": cell.markers + other.markers}
            )
        cells.append(cell)
    return first.model_copy(update={"cells": tuple(cells)})


def is_indicator_column(column: Column) -> bool:
    """A value column headed by a year, a count, an amount or a target/achieved value."""
    return bool(rules.VALUE_HEADER.search(f"{column.group} {column.header}"))


def row_identity(row: GridRow, columns: Sequence[Column]) -> tuple[str, str]:
    """(row id, indicator text): L.p. digits when printed, else the first label."""
    indicator_col = indicator_column(columns)
    indicator_cell = row.cell_at(indicator_col.index) if indicator_col else None
    indicator = indicator_cell.text if indicator_cell else ""
    lp = next((c for c in columns if c.role == "lp"), None)
    lp_cell = row.cell_at(lp.index) if lp else None
    if lp_cell is not None and lp_cell.col == lp.index if lp else False:
        match = rules.ROW_NUMBER.match(lp_cell.text) if lp_cell else None
        if match:
            return match.group(1), indicator
    label = next((c.text for c in row.filled if not is_numeric_cell(c.text)), "")
    if lp_cell is not None and lp_cell.text and not indicator_cell:
        label = lp_cell.text
    if rules.TOTAL_ROW.match(label) or not indicator:
        return label, label
    return label, indicator


def read_row(
    table: LogicalTable,
    section: str,
    row: GridRow,
    columns: Sequence[Column],
    ctx: Context,
    identity: tuple[str, str],
) -> tuple[list[Observation], list[Issue]]:
    row_id, indicator = identity
    observations: list[Observation] = []
    issues: list[Issue] = []
    for column in columns:
        if column.role != "value":
            continue
        cell = row.cell_at(column.index)
        if cell is None or cell.col != column.index or not cell.text:
            continue
        header = f"{column.group} {column.header}".strip()
        values, problem = cell_to_values(cell, indicator, header, column.scale)
        if not problem and cell.conf < LOW_OCR_CONFIDENCE:
            problem = f"low OCR confidence ({cell.conf:.0f}/100) reading '{cell.raw}'"
        if problem:
            issues.append(
                Issue(page=cell.page, message=cell_problem(table, row_id, column, problem))
            )
        observations.extend(
            to_observation(table, section, row_id, indicator, column, cell, v, ctx) for v in values
        )
    return observations, issues


def cell_problem(table: LogicalTable, row_id: str, column: Column, problem: str) -> str:
    return f"Tab. {table.table_id} row {row_id}, column '{column.header}': {problem}"


def to_observation(
    table: LogicalTable,
    section: str,
    row_id: str,
    indicator: str,
    column: Column,
    cell: CellText,
    value: CellValue,
    ctx: Context,
) -> Observation:
    caption = table.caption
    return Observation(
        report_id=ctx.report_id,
        source_file=ctx.source_file,
        page=cell.page,
        table_id=table.table_id,
        table_title=caption.title if caption else "",
        section=section,
        row=row_id + value.suffix,
        indicator=indicator if not value.label else f"{indicator} – {value.label}".strip(),
        column=column.header,
        period=column.period,
        raw=cell.raw,
        value=value.value,
        unit=value.unit,
        footnotes=tuple(cell.markers),
        source="ocr" if ctx.source == "ocr" else "text",
        confidence=round(cell.conf / 100.0, 3),
    )
