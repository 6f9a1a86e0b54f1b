"""Rows as the output files show them: CSV lines and JSON text, deterministic.

Hand-written where no library writes the same bytes faster: `dump_in_list` gives
exactly `json.dumps(row, indent=1)` (indented as a list item) through json's C
scalar encoders, which `indent` would otherwise bypass for its Python encoder.
CSV text cells that a spreadsheet would run as a formula (=, +, -, @ first) are
prefixed with an apostrophe; JSON keeps the exact text.  Decimals are written
exactly: as JSON numbers in the result tables, as strings ("84.50", printed
precision kept) in the dataset and checks.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from json.encoder import encode_basestring as encode_string  # the C encoder, when built
from typing import Any, TextIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> str:
    """Text for a CSV cell, neutralised if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return decimal_text(value)
    text = str(value)
    if text.startswith(FORMULA_START) and not is_plain_number(text):
        return "'" + text
    return text


def is_plain_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def decimal_text(value: Decimal) -> str:
    """Plain notation, no exponent, no trailing zeros after the point (38523346.25, 0.7)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def rows_to_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    write_csv(buffer, columns, rows)
    return buffer.getvalue()


def write_csv(fh: TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """A header and one line per row, streamed to `fh`."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_safe(row.get(c)) for c in columns])


def json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json.loads(decimal_text(value))
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=json_default) + "\n"


class RowSink:
    """A table streamed to a CSV and a JSON file at once, from rows rendered by
    `render_rows` (the JSON exactly `to_json(rows)`).  Without a CSV file, only the
    JSON.  `close` ends the JSON list."""

    def __init__(self, csv_file: TextIO | None, json_file: TextIO, columns: Sequence[str]):
        self.csv_file = csv_file
        if csv_file is not None:
            csv.writer(csv_file, lineterminator="\n").writerow(columns)
        self.json_file, self.separator = json_file, "[\n "

    def write_rendered(self, csv_lines: str, items: Sequence[str]) -> None:
        """Rows rendered already: their CSV lines, and their JSON items."""
        if self.csv_file is not None:
            self.csv_file.write(csv_lines)
        for item in items:
            self.json_file.write(self.separator + item)
            self.separator = ",\n "

    def close(self) -> None:
        self.json_file.write("[]\n" if self.separator == "[\n " else "\n]\n")


def render_rows(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    default: Callable[[Any], Any] = json_default,
    shown: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> tuple[str, tuple[str, ...]]:
    """Rows as the files show them: their CSV lines (of `shown(row)` when given) and
    their JSON list items (`dump_in_list`, decimals as `default` writes them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    items = []
    for row in rows:
        cells = shown(row) if shown else row
        writer.writerow([csv_safe(cells.get(c)) for c in columns])
        items.append(dump_in_list(row, default))
    return buffer.getvalue(), tuple(items)


def dump_in_list(row: dict[str, Any], default: Callable[[Any], Any]) -> str:
    """`json.dumps(row, ensure_ascii=False, indent=1, default=default)` indented one more
    (as an item of a list).  A row of scalars and lists of scalars (the usual one) is
    written by the C-accelerated scalar encoders: `indent` would send the whole row
    through json's Python encoder.  Anything else takes json.dumps itself."""
    parts = []
    for key, value in row.items():
        if isinstance(value, list | tuple):
            text = list_json(value, default)
        else:
            text = scalar_json(value, default)
        if text is None or not isinstance(key, str):
            dumped = json.dumps(row, ensure_ascii=False, indent=1, default=default)
            return dumped.replace("\n", "\n ")
        parts.append(f"{encode_string(key)}: {text}")
    return "{\n  " + ",\n  ".join(parts) + "\n }" if parts else "{}"


def list_json(items: Sequence[Any], default: Callable[[Any], Any]) -> str | None:
    """A list of scalars as the value of a row's key (None when an item is not a scalar)."""
    texts = [scalar_json(item, default) for item in items]
    if not texts:
        return "[]"
    if any(text is None for text in texts):
        return None
    return "[\n   " + ",\n   ".join(texts) + "\n  ]"  # type: ignore[arg-type]


def scalar_json(value: Any, default: Callable[[Any], Any] | None = None) -> str | None:
    """The JSON text of a str, int, float, bool or None as json.dumps writes it (of
    anything else, of what `default` makes of it); None when it is not a scalar."""
    if isinstance(value, str):
        return encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return float.__repr__(value) if math.isfinite(value) else json.dumps(value)
    if default is not None and not isinstance(value, list | tuple | dict):
        return scalar_json(default(value))
    return None


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    """CSV with a header row (lists joined by ";"), formula-like cells neutralised."""
    return rows_to_csv(columns, (joined(row) for row in rows))


def joined(row: dict[str, Any]) -> dict[str, Any]:
    """A row as its CSV line shows it: lists joined by ";"."""
    return {k: _joined(v) for k, v in row.items()}


def _joined(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join("" if v is None else csv_safe(v) for v in value)
    return value


def json_text(data: Any) -> str:
    """Indented UTF-8 JSON; decimals as exact strings ("84.50": printed precision kept)."""
    return json.dumps(data, ensure_ascii=False, indent=1, default=decimal_as_text) + "\n"


def decimal_as_text(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:f}"
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
