"""The result files: observations, footnotes and figures (CSV and JSON), reports.json,
and failures.csv.

Written in file order, streamed and atomically (every file renamed into place
only once all are complete), so reruns are byte-identical and a killed run
never leaves a half-written file.  Results may be rendered anywhere (e.g. in
worker processes, `render_result`) and written here in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.checks.totals import mark_totals
from extractor.model.records import ReportResult
from extractor.model.tables import FAILURES, TABLES, TableSpec
from extractor.output.atomic import atomic_files, atomic_write_text
from extractor.output.rendering import RowSink, dump_in_list, json_default, render_rows, rows_to_csv

# The tables whose records a result holds (its field of the same name), in output order.
RESULT_TABLES = tuple(spec for spec in TABLES.values() if spec.name in ReportResult.model_fields)


def sorted_results(results: Iterable[ReportResult]) -> list[ReportResult]:
    return sorted(results, key=lambda r: (r.info.file, r.info.sha256))


def table_rows(result: ReportResult, spec: TableSpec) -> Iterator[dict[str, Any]]:
    """The rows of one of the result's tables (list columns ";"-joined where the JSON
    file joins them too)."""
    lists = [c.name for c in spec.columns if c.kind == "str_list"] if spec.json_joins_lists else []
    for record in getattr(result, spec.name):
        row = record.model_dump()
        for name in lists:
            row[name] = ";".join(row[name])
        yield row


@dataclass(frozen=True)
class Rendered:
    """One result as the result files show it: per table of `RESULT_TABLES`, its CSV lines
    and its JSON list items; and its reports.json item."""

    tables: tuple[tuple[str, tuple[str, ...]], ...]
    report: str


def render_result(result: ReportResult) -> Rendered:
    """The result's rows as its files show them, with every row that totals other rows
    marked `is_total` (`extractor.checks.totals`)."""
    result = mark_totals(result)
    tables = tuple(render_rows(table_rows(result, spec), spec.names) for spec in RESULT_TABLES)
    return Rendered(tables, dump_in_list(result.info.model_dump(mode="json"), json_default))


def write_results(results: Iterable[ReportResult], out_dir: Path) -> None:
    """observations.csv/.json, footnotes.csv/.json, figures.csv/.json and reports.json,
    in file order (see `write_rendered_results`)."""
    write_rendered_results(map(render_result, sorted_results(results)), out_dir)


def write_rendered_results(rendered: Iterable[Rendered], out_dir: Path) -> None:
    """The result files, from results rendered in their output order, in one streamed
    pass: a batch of thousands of reports never holds a whole file, nor all its results."""
    paths = [out_dir / f"{spec.name}.{ext}" for spec in RESULT_TABLES for ext in ("csv", "json")]
    with atomic_files(*paths, out_dir / "reports.json") as handles:
        sinks = [
            RowSink(handles[2 * k], handles[2 * k + 1], spec.names)
            for k, spec in enumerate(RESULT_TABLES)
        ]
        reports = RowSink(None, handles[-1], ())
        for one in rendered:
            for sink, (csv_lines, items) in zip(sinks, one.tables, strict=True):
                sink.write_rendered(csv_lines, items)
            reports.write_rendered("", (one.report,))
        for sink in (*sinks, reports):
            sink.close()


def write_failures(failures: Sequence[tuple[str, str]], out_dir: Path) -> None:
    """failures.csv: the files that could not be read, and why."""
    rows = [dict(zip(FAILURES.names, failure, strict=True)) for failure in failures]
    atomic_write_text(out_dir / f"{FAILURES.name}.csv", rows_to_csv(FAILURES.names, rows))
