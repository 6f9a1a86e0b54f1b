"""An output folder's results, read back one source file at a time.

`extractor check` re-runs the consolidation and the checks on a folder that
`extractor run` wrote.  Its observations, footnotes and figures are streamed
once (`jsonstream`) into a temporary SQLite index by source file, beside the
outputs; `FolderResults` then rebuilds one file's `ReportResult` when asked.
Only the reports' infos stay in memory, so a folder of any size is checked
in bounded memory, as `ResultStore` allows for a run.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from extractor.model.errors import UsageError
from extractor.model.records import Issue, Observation, ReportInfo, ReportResult, Status
from extractor.model.results import LazyResults
from extractor.model.tables import REPORTS, TableSpec
from extractor.output import settings
from extractor.output.jsonstream import json_records
from extractor.output.result_files import RESULT_TABLES
from extractor.text.numbers import SCALES, find_numbers

# The files of a result's records (observations.json, ...), with their tables.
RECORDS: tuple[tuple[str, TableSpec], ...] = tuple((f"{t.name}.json", t) for t in RESULT_TABLES)


def load_results(output_dir: Path) -> list[ReportResult]:
    """The results of an earlier run, one per source file, ordered by file name: its
    observations, footnotes and figures, and its entry in reports.json.  (All in
    memory: `folder_results` gives them one at a time.)"""
    with folder_results(output_dir) as results:
        return list(results)


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
            for kind, (name, spec) in enumerate(RECORDS):
                index_records(db, output_dir / name, kind, spec.model, normaliser(spec))
            db.execute("CREATE INDEX by_file ON rec (file, kind, seq)")
            reports = output_dir / f"{REPORTS.name}.json"
            infos = {i.file: i for i in stream(reports, ReportInfo, dict)}
            yield FolderResults(db, infos)
        finally:
            db.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def normaliser(spec: TableSpec) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """What makes a record of `spec`'s JSON file valid for its model again: the list
    columns the file ";"-joins split, numbers at their printed precision, confidence as
    a float."""
    lists = [c.name for c in spec.columns if c.kind == "str_list"] if spec.json_joins_lists else []

    def normalise(record: dict[str, Any]) -> dict[str, Any]:
        record = dict(record)
        for key in lists:
            joined = record.get(key)
            if isinstance(joined, str):
                record[key] = [m for m in joined.split(";") if m]
        value, raw = record.get("value"), record.get("raw")
        if isinstance(value, int | Decimal) and isinstance(raw, str):
            record["value"] = printed_precision(Decimal(value), raw)
        if isinstance(record.get("confidence"), Decimal):
            record["confidence"] = float(record["confidence"])
        return record

    return normalise


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
    for i, data in enumerate(json_records(path)):
        try:
            yield model.model_validate(normalise(data))
        except ValidationError as exc:
            raise UsageError(f"{path.name}: record {i} is not valid: {exc}") from exc


def index_records(
    db: sqlite3.Connection, path: Path, kind: int, model: type[BaseModel], normalise: Any
) -> None:
    rows: list[tuple[str, int, int, str]] = []
    for seq, record in enumerate(stream(path, model, normalise)):
        rows.append((record.source_file, kind, seq, record.model_dump_json()))
        if len(rows) == settings.OUTPUT.index_batch_rows:
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
            parts[kind].append(RECORDS[kind][1].model.model_validate_json(data))
        records = {spec.name: tuple(part) for (_, spec), part in zip(RECORDS, parts, strict=True)}
        return ReportResult.model_validate({"info": self.infos[i], **records})

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
