"""An output folder's results, read back one source file at a time.

`extractor check` re-runs the consolidation and the checks on a folder that
`extractor run` wrote.  Its observations, footnotes and figures are streamed
once (`jsonstream`) into a temporary SQLite index by source file, beside the
outputs; `FolderResults` then rebuilds one file's `ReportResult` when asked.
Only the reports' infos stay in memory, so a folder of any size is checked
in bounded memory, as `ResultStore` allows for a run.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from extractor.model.errors import UsageError
from extractor.output.jsonstream import ArrayError, json_array_items
from extractor.model.records import Figure, Footnote, Issue, Observation, ReportInfo, ReportResult, Status
from extractor.text.numbers import find_numbers
from extractor.batch.result_store import LazyResults

RECORDS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("observations.json", Observation), ("footnotes.json", Footnote), ("figures.json", Figure),
)  # fmt: skip
BATCH = 10_000  # rows inserted at a time


@contextmanager
def folder_results(output_dir: Path) -> Iterator[FolderResults]:
    """The results of the folder, indexed in a temporary folder removed afterwards."""
    if not (output_dir / RECORDS[0][0]).exists():
        raise UsageError(f"{output_dir} holds no {RECORDS[0][0]}")
    work = Path(tempfile.mkdtemp(dir=output_dir, prefix=".check."))
    try:
        db = sqlite3.connect(work / "records.db")
        try:
            db.execute("CREATE TABLE rec (file TEXT, kind INTEGER, seq INTEGER, data TEXT)")
            for kind, (name, model) in enumerate(RECORDS):
                index_records(db, output_dir / name, kind, model, normalise_record)
            db.execute("CREATE INDEX by_file ON rec (file, kind, seq)")
            infos = {i.file: i for i in stream(output_dir / "reports.json", ReportInfo, dict)}
            yield FolderResults(db, infos)
        finally:
            db.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def normalise_record(record: dict[str, Any]) -> dict[str, Any]:
    """Footnote markers and anchors come ";"-joined (as the writers put them);
    confidence as a float."""
    record = dict(record)
    for key in ("footnotes", "anchors"):
        joined = record.get(key)
        if isinstance(joined, str):
            record[key] = [m for m in joined.split(";") if m]
    if isinstance(record.get("value"), int | Decimal) and isinstance(record.get("raw"), str):
        record["value"] = printed_precision(Decimal(record["value"]), record["raw"])
    if isinstance(record.get("confidence"), Decimal):
        record["confidence"] = float(record["confidence"])
    return record


SCALES = tuple(Decimal(1000) ** k for k in range(4))  # as printed, tys., mln, mld


def printed_precision(value: Decimal, raw: str) -> Decimal:
    """`value` with the decimal places it was printed with in `raw`.  The writers drop
    trailing zeros (110 000,00 zł -> 110000); the number in the cell text that states
    this value (scaled by tys./mln/mld or not) gives them back: 110000.00."""
    for token in find_numbers(raw):
        exponent = token.value.as_tuple().exponent
        if not isinstance(exponent, int) or exponent >= 0:
            continue
        if any(token.value * scale == value for scale in SCALES):
            return value.quantize(Decimal(1).scaleb(exponent))
    return value


def stream(path: Path, model: type[Any], normalise: Any) -> Iterator[Any]:
    """The records of a JSON list file as validated models (none when it is absent)."""
    if not path.exists():
        return
    try:
        with path.open(encoding="utf-8") as fh:
            for i, data in enumerate(json_array_items(fh)):
                if not isinstance(data, dict):
                    raise UsageError(f"{path} is not a list of objects")
                try:
                    yield model.model_validate(normalise(data))
                except ValidationError as exc:
                    raise UsageError(f"{path.name}: record {i} is not valid: {exc}") from exc
    except ArrayError as exc:
        if exc.msg == "expected a list":
            raise UsageError(f"{path} is not a list of objects") from None
        raise UsageError(f"cannot read {path}: {exc}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc


def index_records(
    db: sqlite3.Connection, path: Path, kind: int, model: type[BaseModel], normalise: Any
) -> None:
    rows: list[tuple[str, int, int, str]] = []
    for seq, record in enumerate(stream(path, model, normalise)):
        rows.append((record.source_file, kind, seq, record.model_dump_json()))
        if len(rows) == BATCH:
            db.executemany("INSERT INTO rec VALUES (?, ?, ?, ?)", rows)
            rows = []
    db.executemany("INSERT INTO rec VALUES (?, ?, ?, ?)", rows)


class FolderResults(LazyResults):
    """One result per source file, by file name; `infos` in memory, the rest on disk."""

    def __init__(self, db: sqlite3.Connection, infos: dict[str, ReportInfo]) -> None:
        self.db = db
        files = {row[0] for row in db.execute("SELECT DISTINCT file FROM rec")}
        self.files = sorted(files | set(infos))
        self.infos = [infos.get(f) or self.placeholder_info(f) for f in self.files]

    def load(self, i: int) -> ReportResult:
        parts: list[list[Any]] = [[] for _ in RECORDS]
        query = "SELECT kind, data FROM rec WHERE file = ? ORDER BY kind, seq"
        for kind, data in self.db.execute(query, (self.files[i],)):
            parts[kind].append(RECORDS[kind][1].model_validate_json(data))
        observations, footnotes, figures = (tuple(p) for p in parts)
        return ReportResult(
            info=self.infos[i], observations=observations, footnotes=footnotes, figures=figures
        )

    def placeholder_info(self, file: str) -> ReportInfo:
        """For a file with records but no entry in reports.json."""
        query = "SELECT data FROM rec WHERE file = ? AND kind = 0 ORDER BY seq LIMIT 1"
        first = self.db.execute(query, (file,)).fetchone()
        report_id = (
            Observation.model_validate_json(first[0]).report_id if first else Path(file).stem
        )
        return ReportInfo(
            report_id=report_id,
            file=file,
            sha256="",
            status=Status.partial,
            issues=(Issue(message="no entry in reports.json", severity="warning"),),
        )
