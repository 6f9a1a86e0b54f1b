"""Results in and out: reading an output folder back, and writing the dataset and
check files (atomic, deterministic), with the way numbers are printed in them.

`load_results` reads `observations.json`, `footnotes.json` and `reports.json`
(lists of objects, as `extractor run` writes them) and regroups them per source
file.  Numbers are read as exact decimals: a JSON number 49.82 becomes
Decimal("49.82"), never a binary float.  Messages print numbers the Polish way
(8 240,00 zł); `expected` / `found` use plain decimals at printed precision.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.checks.rules import Finding, natural_key, printed_form, round_half_up
from extractor.model.records import (
    Observation,
    ReportResult,
)
from extractor.output.writers import csv_safe, rows_to_csv


def load_results(output_dir: Path) -> list[ReportResult]:
    """The results of an earlier run, one per source file, ordered by file name: its
    observations, footnotes and figures, and its entry in reports.json.  (All in
    memory: `folder_results` gives them one at a time.)"""
    from extractor.output.folder_results import folder_results

    with folder_results(output_dir) as results:
        return list(results)


# ------------------------------------------------------------------------ writers


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


def checks_markdown(findings: Sequence[Finding]) -> str:
    """A readable summary: findings grouped by report file, then by table."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    lines = [
        "# Consistency checks",
        "",
        f"{len(findings)} finding(s): {counts['error']} error(s), {counts['warning']} "
        f"warning(s), {counts['info']} info.",
    ]
    groups: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        groups[f.source_file][f.table_id].append(f)
    for source, tables in groups.items():
        lines += ["", f"## {source}"]
        for table_id, items in tables.items():
            lines += ["", f"### Table {table_id}" if table_id else "### Whole report", ""]
            lines += [f"- **{f.severity}** `{f.check}`: {_md(f.message)}" for f in items]
    if not findings:
        lines += ["", "No inconsistencies found."]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Markdown-safe inline text (no accidental emphasis, code or line breaks)."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", " ".join(text.split()))


# -------------------------------------------------------- printing numbers


def fmt_number(value: Decimal, decimals: int = 0) -> str:
    """Polish print form: blanks between thousands, decimal comma (8 240,00)."""
    text = f"{round_half_up(value, decimals):f}"
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + " ".join(groups) + ("," + frac if frac else "")


UNIT_SUFFIX = {"PLN": " zł", "percent": " %", "PLN_per_capita": " zł", "per_year": " w roku"}


def fmt_value(obs: Observation, value: Decimal | None = None) -> str:
    """A value as the report prints it (printed decimals; tys. zł kept in tys. zł)."""
    shown = obs.value if value is None else value
    if shown is None:
        return obs.raw or "—"
    decimals, scale = printed_form(obs)
    suffix = UNIT_SUFFIX.get(obs.unit, "")
    if scale == 1000:
        suffix = " tys. zł"
    elif scale == 1000000:
        suffix = " mln zł"
    return fmt_number(shown / scale, decimals) + suffix


def plain(value: Decimal, like: Observation | None = None) -> str:
    """Machine form for `expected` / `found` at the precision `like` is printed: 84.50, 8000.00."""
    if like is not None:
        decimals, scale = printed_form(like)
        value = round_half_up(value, max(0, decimals - scale.adjusted()))
    return f"{value:f}"


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Unique findings by file, table, section, row, period, check (a stable order)."""

    def key(f: Finding) -> tuple[object, ...]:  # total: the order found in never shows
        return (
            f.source_file, natural_key(f.table_id), natural_key(f.section), natural_key(f.row),
            f.period, f.check, f.message, f.severity, f.report_id, f.expected, f.found,
            f.table_id, f.section, f.row,
        )  # fmt: skip

    return sorted(dict.fromkeys(findings), key=key)
