"""comparison.csv and comparison.json: the offices of an output folder side by side.

Built from the folder's files (reports.json, and the coded rows of observations.json
and figures.json, streamed), so `extractor run` and `extractor check` write the same
bytes; written atomically, in `extractor.checks.comparison.row_order`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from extractor.checks.comparison import Stated, comparison_rows, report_statements
from extractor.model.records import Figure, Observation, ReportInfo
from extractor.model.tables import COMPARISON
from extractor.output.atomic import atomic_write_texts
from extractor.output.read_tables import iter_records
from extractor.output.rendering import csv_text, json_text


def write_comparison(out_dir: Path) -> list[Path]:
    """comparison.csv and .json of the folder (none when it holds no reports.json)."""
    reports = iter_records(out_dir, "reports")
    if reports is None:
        return []
    infos = {r["report_id"]: ReportInfo.model_validate(r) for r in reports}
    observations: dict[str, list[Observation]] = defaultdict(list)
    for record in coded(out_dir, "observations"):
        observations[record["report_id"]].append(Observation.model_validate(record))
    figures: dict[str, list[Figure]] = defaultdict(list)
    for record in coded(out_dir, "figures"):
        figures[record["report_id"]].append(Figure.model_validate(record))
    statements: list[Stated] = []
    for report_id, info in infos.items():
        statements += report_statements(info, observations[report_id], figures[report_id])
    rows = [row.model_dump() for row in comparison_rows(statements)]
    paths = [out_dir / f"{COMPARISON.name}.csv", out_dir / f"{COMPARISON.name}.json"]
    atomic_write_texts({paths[0]: csv_text(COMPARISON.names, rows), paths[1]: json_text(rows)})
    return paths


def coded(out_dir: Path, name: str) -> list[dict[str, Any]]:
    """The records of a table that carry an indicator code."""
    return [r for r in iter_records(out_dir, name) or () if r.get("indicator_code")]
