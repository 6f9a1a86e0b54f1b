"""Writers: results -> observations/footnotes CSV + JSON and reports.json.

Every file is written atomically (temporary file in the same folder, then
rename), in a stable order, so reruns are byte-identical and a killed run
never leaves a half-written file.  CSV text cells that a spreadsheet would
run as a formula (=, +, -, @ first) are prefixed with an apostrophe; JSON
keeps the exact text.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from json.encoder import encode_basestring as encode_string  # the C encoder, when built
from pathlib import Path
from typing import Any, TextIO

from extractor.model.records import ReportResult

OBSERVATION_COLUMNS = [
    "report_id", "source_file", "page", "table_id", "table_title", "section", "row",
    "indicator", "column", "period", "raw", "value", "unit", "footnotes", "source", "confidence",
]  # fmt: skip
FOOTNOTE_COLUMNS = ["report_id", "source_file", "number", "text", "page", "anchors"]
FIGURE_COLUMNS = [
    "report_id", "source_file", "page", "sentence", "value", "unit", "scale",
    "table_id", "row", "column",
]  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def atomic_write_text(path: Path, text: str) -> None:
    with atomic_files(path) as [fh]:
        fh.write(text)


@contextlib.contextmanager
def atomic_files(*paths: Path) -> Iterator[list[TextIO]]:
    """Files written together, streamed: each into a temporary file beside its target,
    all renamed into place only once every one is complete (else all removed)."""
    temporaries: list[str] = []
    handles: list[TextIO] = []
    try:
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = create_temporary(path)
            temporaries.append(tmp)
            handles.append(os.fdopen(fd, "w", encoding="utf-8", newline=""))
        yield handles
        for fh in handles:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        for tmp, path in zip(temporaries, paths, strict=True):
            os.replace(tmp, path)
    except BaseException:
        for fh in handles:
            fh.close()
        for tmp in temporaries:
            Path(tmp).unlink(missing_ok=True)
        raise


def create_temporary(path: Path) -> tuple[int, str]:
    """A new file beside `path` (`.NAME.RANDOM.tmp`), open for writing, with the
    permissions any new file gets here (0666 less the umask): `tempfile.mkstemp`
    would make every output readable by its owner alone."""
    while True:
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue


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


def sorted_results(results: Iterable[ReportResult]) -> list[ReportResult]:
    return sorted(results, key=lambda r: (r.info.file, r.info.sha256))


def observation_rows(result: ReportResult) -> Iterator[dict[str, Any]]:
    for obs in result.observations:
        row = obs.model_dump()
        row["footnotes"] = ";".join(obs.footnotes)
        yield row


def footnote_rows(result: ReportResult) -> Iterator[dict[str, Any]]:
    for fn in result.footnotes:
        row = fn.model_dump()
        row["anchors"] = ";".join(fn.anchors)
        yield row


def figure_rows(result: ReportResult) -> Iterator[dict[str, Any]]:
    for figure in result.figures:
        yield figure.model_dump()


TABLES = (
    ("observations", OBSERVATION_COLUMNS, observation_rows),
    ("footnotes", FOOTNOTE_COLUMNS, footnote_rows),
    ("figures", FIGURE_COLUMNS, figure_rows),
)


@dataclass(frozen=True)
class Rendered:
    """One result as the result files show it: per table of `TABLES`, its CSV lines and
    its JSON list items; and its reports.json item.  (Rendered anywhere, e.g. in worker
    processes, then written in order.)"""

    tables: tuple[tuple[str, tuple[str, ...]], ...]
    report: str


def render_result(result: ReportResult) -> Rendered:
    tables = tuple(render_rows(rows(result), columns) for _, columns, rows in TABLES)
    return Rendered(tables, dump_in_list(result.info.model_dump(mode="json"), json_default))


def write_results(results: Iterable[ReportResult], out_dir: Path) -> None:
    """observations.csv/.json, footnotes.csv/.json, figures.csv/.json and reports.json,
    in file order (see `write_rendered_results`)."""
    write_rendered_results(map(render_result, sorted_results(results)), out_dir)


def write_rendered_results(rendered: Iterable[Rendered], out_dir: Path) -> None:
    """The result files, from results rendered in their output order, in one streamed
    pass: a batch of thousands of reports never holds a whole file, nor all its results."""
    paths = [out_dir / f"{name}.{ext}" for name, _, _ in TABLES for ext in ("csv", "json")]
    with atomic_files(*paths, out_dir / "reports.json") as handles:
        sinks = [
            RowSink(handles[2 * k], handles[2 * k + 1], c) for k, (_, c, _) in enumerate(TABLES)
        ]
        reports = RowSink(None, handles[-1], ())
        for one in rendered:
            for sink, (csv_lines, items) in zip(sinks, one.tables, strict=True):
                sink.write_rendered(csv_lines, items)
            reports.write_rendered("", (one.report,))
        for sink in (*sinks, reports):
            sink.close()
