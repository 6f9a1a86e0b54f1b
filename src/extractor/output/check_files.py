"""The findings' files: checks.csv, checks.json and the readable checks.md, grouped by
report file and table."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from extractor.checks.run import sort_findings
from extractor.model.findings import Finding
from extractor.model.tables import CHECKS
from extractor.output.atomic import atomic_write_texts
from extractor.output.rendering import csv_text, json_text


def write_checks(findings: Sequence[Finding], out_dir: Path) -> None:
    """checks.csv, checks.json and the readable checks.md, written together atomically."""
    ordered = sort_findings(findings)
    rows = [f.model_dump() for f in ordered]
    atomic_write_texts(
        {
            out_dir / "checks.csv": csv_text(CHECKS.names, rows),
            out_dir / "checks.json": json_text(rows),
            out_dir / "checks.md": checks_markdown(ordered),
        }
    )


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
