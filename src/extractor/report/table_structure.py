"""Table structure: a logical table's rows -> header rows, sections, body rows and
column roles, read from the table's shape first and its words second.

- Header rows: the rows before the first data row (a row stating a number that
  is not a year a header names), and copies of them repeated after a page break.
  A row numbering the columns ("1 | 2 | 3 | 4") under the header is furniture.
- Section rows: a row of one cell spanning the table ("I. Kultura", "1. zwiększenie
  ...", "Współpraca finansowa"), or a lone bold label with every other cell empty.
- Columns: a header per column (sub-header) with the spanning header above it as
  its group; roles `lp` (row numbers), `value` (cells mostly numbers or missing
  values), `category` (a text column whose cells span several rows) and `text`.
  Identifier columns (phone, NIP, KRS, addresses) are text whatever they print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from extractor.layout.cells import CellText, GridRow
from extractor.layout.lines import TEXT_LAYER_CONF
from extractor.report import vocabulary as rules
from extractor.report.cell_values import unit_named
from extractor.report.header_words import mended_years, respelled_header
from extractor.text.numbers import NumberToken, find_numbers, is_missing_value

MAX_LABEL_LETTERS = 40  # a value cell ("1/rok, Docelowo minimum ¼ konkursów") has fewer


@dataclass(frozen=True)
class Column:
    index: int
    header: str  # as printed, lines joined
    group: str = ""  # spanning header above it, if any
    role: str = "text"  # "lp", "text", "value", "category"

    @property
    def label(self) -> str:
        """Group and header as one label ("Liczba złożonych ofert")."""
        return f"{self.group} {self.header}".strip()

    @property
    def period(self) -> str:
        """The year the column states, from its header, else from its group."""
        for text in (self.header, self.group):
            match = rules.YEAR.search(text)
            if match and not rules.CHANGE_HEADER.search(text):
                return match.group(1)
        return ""

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


def value_tokens(text: str) -> list[NumberToken]:
    """The numbers a cell states as values: bare years in a text ("V–XI 2023") are not."""
    tokens = find_numbers(text)
    if any(ch.isalpha() for ch in text.replace("r.", "")):
        tokens = [t for t in tokens if not is_year_token(t)]
    return tokens


def is_year_token(token: NumberToken) -> bool:
    return not token.unit and bool(rules.YEAR_ONLY_HEADER.match(token.text))


def is_numeric_cell(text: str) -> bool:
    """The cell states a value: numbers, with at most a few words around them (units,
    "tj.", "w roku"), and not a phone number or a code (integers in a row of blanks)."""
    tokens = value_tokens(text)
    if not tokens:
        return False
    if len(tokens) >= 3 and re.fullmatch(r"[\d\s\u00a0+()-]+", text.strip()):
        return False  # "12 345 67 89": a phone number, not three values
    return sum(ch.isalpha() for ch in text) <= MAX_LABEL_LETTERS


def is_value_cell(text: str) -> bool:
    return is_missing_value(text) or is_numeric_cell(text)


def is_row_number_header(row: GridRow) -> bool:
    return any(rules.ROW_NUMBER_HEADER.match(c.text) for c in row.filled[:1])


def is_data_row(row: GridRow) -> bool:
    """A row stating a value other than the years a header names ("2020 r.")."""
    for cell in row.filled:
        if rules.YEAR_ONLY_HEADER.match(cell.text):
            continue
        if is_value_cell(cell.text) and not rules.IDENTIFIER_HEADER.search(cell.text):
            return True
    return False


COLUMN_NUMBER = re.compile(r"[\s.,'`]*\(?(\d{1,2})[.,)]?[\s.,'`]*")  # OCR specks around: ". 2"


def is_numbering_row(row: GridRow, least: int = 3) -> bool:
    """A row numbering the columns under the header: "1 | 2 | 3 | 4 | 5" (at least
    `least` numbers); in a row of five or more, one short cell may be misread ("1 | 2 |
    Zi | 4 | 5" on a scan) when the others number their columns, and four or more may
    number their own columns with the first cell lost ("| 2 | 3 | 4 | 5": the "1" OCR
    read into the header cell above it)."""
    filled = row.filled
    if len(filled) < least:
        return False
    numbers = [COLUMN_NUMBER.fullmatch(ocr_digit(c)) for c in filled]
    if all(numbers):
        values = [int(m.group(1)) for m in numbers if m]
        if len(values) >= 4 and values == [c.col + 1 for c in filled]:
            return True
        return values == list(range(values[0], values[0] + len(values))) and values[0] in (0, 1)
    misread = [c for c, m in zip(filled, numbers, strict=True) if m is None]
    if len(filled) < 5 or len(misread) > 1 or len(misread[0].text.strip()) > 3:
        return False  # a misread number is as short as one
    first = filled[0].col
    return all(
        m is None or int(m.group(1)) == c.col - first + 1
        for c, m in zip(filled, numbers, strict=True)
    )


def ocr_digit(cell: CellText) -> str:
    """The cell's text; in OCR's text, a lone "l", "I", "L" or "|" (with its period or
    parenthesis) read for a 1 is the 1 ("l." is "1."), and a speck set apart after a
    number goes ("1 *"): a row or column number."""
    if cell.conf >= TEXT_LAYER_CONF:
        return cell.text
    text = re.sub(r"^(\s*\d{1,3}[.,:;)]?)\s+[*'`·.,:;]+\s*$", r"\g<1>", cell.text)
    return re.sub(r"^(\s*)[lIL|](?=\s*[.,)]?\s*$)", r"\g<1>1", text)


def section_of(row: GridRow, n_cols: int) -> str | None:
    """The label of a group row spanning the table ("1. zwiększenie ..." -> "1",
    "II. Kultura" -> "II", "A." | "Współpraca finansowa" -> "A", a plain text -> that
    text), else None."""
    filled = row.filled
    if not 1 <= len(filled) <= 2 or n_cols < 2:
        return None
    if len(filled) == 2:
        return numbered_section(filled[0], filled[1], n_cols)
    cell = filled[0]
    spans = cell.colspan >= max(2, n_cols - 1)
    lone_bold = cell.bold and len(row.cells) >= 2
    match = rules.SECTION_ROW.match(cell.text)
    if match and not match.group(1).isdigit() and cell.col == 0 and n_cols >= 3:
        return match.group(1)  # "I. Kultura" alone in the label column, the row empty
    if not (spans or lone_bold):
        return None
    if match:
        return match.group(1)
    return None if is_value_cell(cell.text) else cell.text.strip().rstrip(":")


def numbered_section(label: CellText, text: CellText, n_cols: int) -> str | None:
    """A group row printed as its number in the first column and its name spanning the
    rest: "A." | "Współpraca finansowa" (a letter or Roman numeral: the name may stand in
    one cell of a borderless table, the rest of the row empty)."""
    match = rules.SECTION_LABEL.match(label.text)
    if match is None or label.col != 0 or is_value_cell(text.text):
        return None
    if text.colspan >= max(2, n_cols - 2) or not match.group(1).isdigit():
        return match.group(1)  # spanning, or "A." / "II." with the rest of the row empty
    return None


def split_rows(rows: Sequence[GridRow], n_cols: int) -> TableReading:
    reading = TableReading()
    section = ""
    headers: list[str] = []  # the signatures of the header rows, in order
    for row in rows:
        if not row.filled:
            continue
        if not reading.body and is_numbering_row(row, numbering_least(reading, n_cols)):
            continue
        sec = section_of(row, n_cols)
        if sec is not None and not rules.TOTAL_ROW.match(sec):
            section = sec
            continue
        signature = " | ".join(c.text for c in row.filled)
        header_like = is_row_number_header(row) or not is_data_row(row)
        if header_like and not reading.body:
            reading.header_rows.append(row)
            headers.append(signature)
            continue
        if repeats_header(row, signature, headers, header_like):
            if len(reading.header_rows) == 1 and len(row.filled) > len(
                reading.header_rows[0].filled
            ):
                reading.header_rows = [row]  # the fuller copy of a repeated header wins
            continue
        if is_numbering_row(row) and reading.header_rows:
            continue  # the column numbers repeated after a page break
        reading.body.append((section, row))
    return reading


def numbering_least(reading: TableReading, n_cols: int) -> int:
    """Numbers a column-numbering row needs: 3, or "1 | 2" right under the header of a
    table of two columns."""
    return 2 if n_cols == 2 and reading.header_rows else 3


def repeats_header(row: GridRow, signature: str, headers: Sequence[str], header_like: bool) -> bool:
    """A header repeated inside the table (after a page break or a group row): a row
    like the first header row, or one that prints exactly another header row (a row of
    years under a group header, which alone reads like data)."""
    if header_like and is_row_number_header(row):
        return True
    if not headers:
        return False
    if header_like and SequenceMatcher(None, signature, headers[0]).ratio() >= 0.8:
        return True
    return len(headers) > 1 and signature in headers[1:]


def clean_header(text: str) -> str:
    """Header text without stray punctuation (OCR specks: "Wartość - docelowa", "r. .",
    "Lp. =")."""
    return " ".join(re.sub(r"(?<!\S)[.,:;'\"`~\-–—=_|·]+(?!\S)", " ", text).split())


def header_text(cell: CellText) -> str:
    """A header cell's text, cleaned; read by OCR, its misread header words mended."""
    text = clean_header(cell.text)
    return text if cell.conf >= TEXT_LAYER_CONF else respelled_header(mended_years(text))


def header_columns(header_rows: Sequence[GridRow], n_cols: int) -> list[Column]:
    columns = []
    for col in range(n_cols):
        texts = []
        for row in header_rows:
            cell = row.cell_at(col)
            text = header_text(cell) if cell is not None else ""
            if text and text not in texts:
                texts.append(text)
        header = texts[-1] if texts else ""
        group = " ".join(texts[:-1])
        columns.append(Column(index=col, header=header, group=group))
    return columns


def assign_roles(columns: list[Column], body: Sequence[tuple[str, GridRow]]) -> list[Column]:
    result = []
    headers = [c.header for c in columns]
    for column in columns:
        if rules.LP_AND_LABEL_HEADER.match(column.header) and headers.count(column.header) == 1:
            role = "text"  # "Lp Zadanie publiczne" over one column: numbers run into labels
        elif rules.ROW_NUMBER_HEADER.match(column.header) or is_number_column(column, body):
            role = "lp"
        elif rules.IDENTIFIER_HEADER.search(column.label):
            role = "text"
        elif mostly_values(column.index, body, names_quantity(column.label)):
            role = "value"
        else:
            role = "text"
        result.append(Column(column.index, column.header, column.group, role))
    return mark_categories(result, body)


def cells_of(col: int, body: Sequence[tuple[str, GridRow]]) -> list[CellText]:
    """The cells that start in column `col`, with text."""
    out = []
    for _, row in body:
        cell = row.cell_at(col)
        if cell is not None and cell.text and cell.col == col:
            out.append(cell)
    return out


def mostly_values(col: int, body: Sequence[tuple[str, GridRow]], quantity: bool = False) -> bool:
    """More than half the column's cells state values; half, under a header naming a
    quantity ("Liczba uwag" over "7, brak, Va, Q3": two values OCR misread)."""
    cells = cells_of(col, body)
    numeric = sum(1 for cell in cells if is_value_cell(cell.text))
    return bool(cells) and (numeric * 2 > len(cells) or (quantity and numeric * 2 == len(cells)))


def names_quantity(header: str) -> bool:
    """The header names a count or a unit (see `cell_values.unit_named`)."""
    return bool(rules.COUNT_HEADER.search(header)) or unit_named(header) is not None


def is_number_column(column: Column, body: Sequence[tuple[str, GridRow]]) -> bool:
    """A first column whose cells are all row numbers (or a total's label): "1.", "2.",
    ...; under a header that names something else (or that OCR misread: "Łp.", or that
    merged with its neighbour's), only when they count the rows (`counts_rows`)."""
    if column.index > 0:
        return False
    cells = cells_of(column.index, body)
    numbers = [m for c in cells if (m := rules.ROW_NUMBER.match(c.text))]
    others = [c for c in cells if not rules.ROW_NUMBER.match(c.text)]
    if len(numbers) < 2 or not all(rules.TOTAL_ROW.match(c.text) for c in others):
        return False
    if not column.header or rules.ROW_NUMBER_HEADER.match(column.header):
        return True
    counted = [int(m.group(1)) for m in numbers]
    return len(counted) >= 3 and counts_rows(counted)


def counts_rows(numbers: Sequence[int]) -> bool:
    """1, 2, 3, ... (counting again from 1 in each section: 1, 2, 1, 2, 3)."""
    return all(n in (1, previous + 1) for previous, n in zip([0, *numbers], numbers, strict=False))


def mark_categories(columns: list[Column], body: Sequence[tuple[str, GridRow]]) -> list[Column]:
    """A text column whose cells span several rows, left of another text column, groups
    the rows (a category); the row's own label is in the text column after it."""
    texts = [c for c in columns if c.role == "text"]
    result = list(columns)
    for column, after in zip(texts, texts[1:], strict=False):
        cells = cells_of(column.index, body)
        if any(c.rowspan > 1 for c in cells) and after.index > column.index:
            result[column.index] = Column(column.index, column.header, column.group, "category")
    return result


def label_column(columns: Sequence[Column]) -> Column | None:
    """The column naming each row: the text column headed "wskaźnik", else the first."""
    texts = [c for c in columns if c.role == "text"]
    for column in texts:
        if rules.INDICATOR_HEADER.search(column.label):
            return column
    return texts[0] if texts else None
