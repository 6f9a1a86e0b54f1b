"""Writers: results -> observations/footnotes CSV + JSON and reports.json.

Every file is written atomically (temporary file in the same folder, then
rename), in a stable order, so reruns are byte-identical and a killed run
never leaves a half-written file.  CSV text cells that a spreadsheet would
run as a formula (=, +, -, @ first) are prefixed with an apostrophe; JSON
keeps the exact text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.models import ReportResult

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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_safe(row.get(c)) for c in columns])
    return buffer.getvalue()


def json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json.loads(decimal_text(value))
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=json_default) + "\n"


def sorted_results(results: Iterable[ReportResult]) -> list[ReportResult]:
    return sorted(results, key=lambda r: (r.info.file, r.info.sha256))


def observation_rows(results: Sequence[ReportResult]) -> list[dict[str, Any]]:
    rows = []
    for result in sorted_results(results):
        for obs in result.observations:
            row = obs.model_dump()
            row["footnotes"] = ";".join(obs.footnotes)
            rows.append(row)
    return rows


def footnote_rows(results: Sequence[ReportResult]) -> list[dict[str, Any]]:
    rows = []
    for result in sorted_results(results):
        for fn in result.footnotes:
            row = fn.model_dump()
            row["anchors"] = ";".join(fn.anchors)
            rows.append(row)
    return rows


def write_results(results: Sequence[ReportResult], out_dir: Path) -> None:
    """observations.csv/.json, footnotes.csv/.json and reports.json."""
    obs = observation_rows(results)
    atomic_write_text(out_dir / "observations.csv", rows_to_csv(OBSERVATION_COLUMNS, obs))
    atomic_write_text(out_dir / "observations.json", to_json(obs))
    notes = footnote_rows(results)
    atomic_write_text(out_dir / "footnotes.csv", rows_to_csv(FOOTNOTE_COLUMNS, notes))
    atomic_write_text(out_dir / "footnotes.json", to_json(notes))
    figures = [f.model_dump() for r in sorted_results(results) for f in r.figures]
    atomic_write_text(out_dir / "figures.csv", rows_to_csv(FIGURE_COLUMNS, figures))
    atomic_write_text(out_dir / "figures.json", to_json(figures))
    reports = [r.info.model_dump(mode="json") for r in sorted_results(results)]
    atomic_write_text(out_dir / "reports.json", to_json(reports))
