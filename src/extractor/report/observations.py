"""Report model: a logical table's rows -> observations (pydantic).

Every table is read from its structure (`table_structure`): header rows, group
rows, the row-number column, the label column and the value columns.  Domain
meaning (unit, scale, period, totals) comes from the words of the headers and
rows (`vocabulary`); a table whose words say nothing known is still read, with
its row and column labels as printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractor.layout.captions import LogicalTable
from extractor.layout.cells import CellText, GridRow, logical_table_to_rows
from extractor.model.records import Issue, Observation
from extractor.report import vocabulary as rules
from extractor.report.cell_values import CellValue, cell_to_values
from extractor.report.indicator_codes import code_table
from extractor.report.table_structure import (
    Column,
    assign_roles,
    header_columns,
    is_numeric_cell,
    label_column,
    ocr_digit,
    split_rows,
)

LOW_OCR_CONFIDENCE = 60.0  # a cell read by OCR below this (0-100) is reported as an issue


@dataclass(frozen=True)
class Context:
    report_id: str
    source_file: str
    source: str = "text"


def read_table(table: LogicalTable, ctx: Context) -> tuple[list[Observation], list[Issue]]:
    """Every number of the table, one observation each; issues for what was doubtful.

    Nothing is dropped for want of a known caption or header: a table of unknown
    meaning is read with its labels as printed, and an info issue says so."""
    n_cols = max((p.n_cols for p in table.parts), default=0)
    return read_rows(table, logical_table_to_rows(table), n_cols, ctx)


def read_rows(
    table: LogicalTable, rows: Sequence[GridRow], n_cols: int, ctx: Context
) -> tuple[list[Observation], list[Issue]]:
    """`read_table` on the table's rows of cell texts."""
    reading = split_rows(rows, n_cols)
    columns = assign_roles(header_columns(reading.header_rows, n_cols), reading.body)
    reading.body = merge_split_rows(reading.body, columns)
    issues = table_notes(table, columns) if table.parts else []
    body = with_categories(reading.body, columns)
    identities = [row_identity(row, columns) for _, row in body]
    sections = [section for section, _ in body]
    blank = [lp_blank(row, columns) for _, row in body]
    row_ids = fill_row_number_gaps([row_id for row_id, _ in identities], sections, blank)
    observations: list[Observation] = []
    for (section, row), (printed, indicator), row_id in zip(body, identities, row_ids, strict=True):
        if row_id != printed:
            message = f"Tab. {table.table_id}: row '{printed}' has no readable L.p.; "
            issues.append(Issue(page=row.page, message=message + f"numbered {row_id} by order"))
        row_obs, row_issues = read_row(table, section, row, columns, ctx, (row_id, indicator))
        observations.extend(row_obs)
        issues.extend(row_issues)
    return code_table(observations), issues


def table_notes(table: LogicalTable, columns: Sequence[Column]) -> list[Issue]:
    """Info issues: a table read without a numbered caption, or without numbers."""
    page = table.parts[0].page
    notes = []
    if table.caption is None or not table.caption.table_id:
        title = f" ('{table.caption.title}')" if table.caption else ""
        notes.append(
            Issue(
                page=page,
                severity="info",
                message=f"Tab. {table.table_id}{title}: no numbered caption; "
                "id from its position, read from its structure",
            )
        )
    if not any(c.role == "value" for c in columns):
        notes.append(
            Issue(
                page=page, severity="info", message=f"Tab. {table.table_id}: no column of numbers"
            )
        )
    return notes


def with_categories(
    body: list[tuple[str, GridRow]], columns: Sequence[Column]
) -> list[tuple[str, GridRow]]:
    """Rows under a category cell spanning them (a merged cell left of the labels) get
    the category as their section."""
    category = next((c.index for c in columns if c.role == "category"), None)
    if category is None:
        return body
    out = []
    current = ""
    for section, row in body:
        cell = row.cell_at(category)
        if cell is not None and cell.col == category:
            current = cell.text
        out.append((current or section, row))
    return out


MISREAD = 3  # characters: a row number misread by OCR ("p.", "l)"), never a label


def fill_row_number_gaps(
    row_ids: list[str], sections: list[str], blank: Sequence[bool] = ()
) -> list[str]:
    """A row between rows numbered n-1 and n+1 of its section, with no number of its own
    (not printed, or not readable on a scan), and no total row, is row n; so is the
    first row of a section whose next row is numbered 2, when no row of the table is
    numbered 1 and the row shows a misread number (`MISREAD` characters at most: "p."
    for "1."), or nothing in its L.p. column (`blank`: a "1" OCR lost), not a label of
    its own: row 1.  Rows numbered on across sections (one
    row each) fill so too when the row shows a misread number; and so does a row
    between n-1 and n+1 showing the number of another row (`misread_number`)."""
    filled = list(row_ids)
    if row_ids and misread_last(row_ids):
        filled[-1] = str(len(row_ids))
    for i in range(len(row_ids) - 1):
        here, after = row_ids[i], row_ids[i + 1]
        if misread_number(row_ids, i):
            filled[i] = str(int(row_ids[i - 1]) + 1)
            continue
        if here.isdigit() or rules.TOTAL_ROW.match(here):
            continue
        misread = len(here.strip()) <= MISREAD or (i < len(blank) and blank[i])
        if sections[i + 1] != sections[i] and not misread:
            continue
        if i == 0 or sections[i - 1] != sections[i] and sections[i + 1] == sections[i]:
            if after == "2" and "1" not in row_ids and misread:
                filled[i] = "1"
            continue
        before = row_ids[i - 1]
        if before.isdigit() and after.isdigit() and int(after) == int(before) + 2:
            filled[i] = str(int(before) + 1)
    return filled


def misread_number(row_ids: list[str], i: int) -> bool:
    """Row i, between rows numbered n-1 and n+1, shows a number another row of the table
    has ("8, 2, 10": the 9 misread; "6, 1, 8" with the 1 opening a section of a table
    numbered on across its sections)."""
    if i == 0 or i + 1 >= len(row_ids):
        return False
    before, here, after = row_ids[i - 1], row_ids[i], row_ids[i + 1]
    if not (before.isdigit() and after.isdigit() and int(after) == int(before) + 2):
        return False
    return here.isdigit() and here in row_ids[:i] + row_ids[i + 1 :]


def misread_last(row_ids: list[str]) -> bool:
    """The last row shows the number of an earlier row but the one right before it, and
    the rows before it are numbered 1, 2, ... in turn (a "7" read "1" after rows 1 to
    6): it is the next.  (The number of the row right before it: a row broken in two.)"""
    *before, here = row_ids
    return (
        len(before) >= 2
        and here.isdigit()
        and here in before[:-1]
        and before == [str(k) for k in range(1, len(before) + 1)]
    )


def merge_split_rows(
    body: list[tuple[str, GridRow]], columns: Sequence[Column]
) -> list[tuple[str, GridRow]]:
    """A row broken by a page break: the part opening the next page has no L.p. (and is
    no total row); its cells' lines are appended to the row it continues (values stay
    on the page where they start)."""
    lp = next((c.index for c in columns if c.role == "lp"), None)
    merged: list[tuple[str, GridRow]] = []
    for section, row in body:
        prev = merged[-1][1] if merged else None
        lp_cell = row.cell_at(lp) if lp is not None else None
        if prev is not None and row.page != prev.page and lp_cell is not None and not lp_cell.text:
            if prev.page == row.page - 1 and is_first_row_on_page(row, body) and not totals(row):
                merged[-1] = (merged[-1][0], join_rows(prev, row))
                continue
        merged.append((section, row))
    return merged


def totals(row: GridRow) -> bool:
    """The row is a total ("Razem", "Ogółem" in one of its cells): a row of its own."""
    return any(rules.TOTAL_ROW.match(c.text) for c in row.filled)


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


def lp_blank(row: GridRow, columns: Sequence[Column]) -> bool:
    """The table numbers its rows and this row's L.p. slot holds no text of its own
    (empty, or covered by the label reaching into it)."""
    lp = next((c for c in columns if c.role == "lp"), None)
    if lp is None:
        return False
    cell = row.cell_at(lp.index)
    return cell is None or cell.col != lp.index or cell.colspan > 1 or not cell.text.strip()


def row_identity(row: GridRow, columns: Sequence[Column]) -> tuple[str, str]:
    """(row id, indicator text): L.p. digits when printed, else the row's label; a total
    row ("Razem", "Ogółem:", "SUMA") is named by its label."""
    label_col = label_column(columns)
    label_cell = row.cell_at(label_col.index) if label_col else None
    indicator = label_cell.text if label_cell else ""
    total = next((c.text for c in row.filled if rules.TOTAL_ROW.match(c.text)), None)
    if total is not None:
        total = total.strip().rstrip(":").strip()
        return total, total
    lp = next((c for c in columns if c.role == "lp"), None)
    lp_cell = row.cell_at(lp.index) if lp else None
    if lp is not None and lp_cell is not None and lp_cell.col == lp.index:
        match = rules.ROW_NUMBER.match(ocr_digit(lp_cell))
        if match:
            return match.group(1), indicator
    if lp is None and label_col is not None and rules.LP_AND_LABEL_HEADER.match(label_col.header):
        numbered = rules.NUMBERED_LABEL.match(indicator)
        if numbered:
            return numbered.group(1), numbered.group(2)
    texts = [c for c in row.filled if columns[c.col].role not in ("value", "category")]
    label = next((c.text for c in texts if not is_numeric_cell(c.text)), "")
    if lp_cell is not None and lp_cell.text and not label_cell:
        label = lp_cell.text
    if not indicator:
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
        values, problem = cell_to_values(cell, indicator, column.label, column.scale)
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


def part_row(row_id: str, suffix: str) -> str:
    """The row of a part of a cell: "4a" for part a) of row 4; a row named by its label
    keeps the label's main text (before "a) ..."), the part being told by the indicator."""
    if not suffix or row_id.isdigit():
        return row_id + suffix
    match = rules.PART_LABEL.search(row_id)
    return row_id[: match.start()].strip().rstrip(",:;") if match and match.start() else row_id


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
        row=part_row(row_id, value.suffix),
        indicator=indicator if not value.label else f"{indicator} – {value.label}".strip(),
        column=column.label,
        period=column.period,
        raw=cell.raw,
        value=value.value,
        unit=value.unit,
        footnotes=tuple(cell.markers),
        source="ocr" if ctx.source == "ocr" else "text",
        confidence=round(cell.conf / 100.0, 3),
        is_total=bool(rules.TOTAL_ROW.match(row_id)),
    )
