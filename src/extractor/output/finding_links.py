"""Where each finding of checks.json points in the observations: the first observation
of the flagged value (its file, table, section, row and year or column), else of its
row, of its table, of its file.  The workbook links each finding there.

Two streamed reads: the findings' keys (a few per report), then the observations'
positions for those keys only, so memory follows the findings, never the archive.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.checks.vocabulary import base_row
from extractor.output.read_tables import iter_records

OBSERVATIONS = "observations"
Key = tuple[str, ...]
FINDING_FIELDS = ("source_file", "table_id", "section", "row", "period")
OBSERVATION_FIELDS = ("source_file", "table_id", "section", "row", "period", "column")


@dataclass
class Links:
    """Per finding (by position in checks.json), the observation's position (or None)."""

    targets: list[int | None]

    def target(self, position: int) -> int | None:
        return self.targets[position] if position < len(self.targets) else None


def finding_keys(finding: dict[str, Any]) -> list[Key]:
    """The value, row, table and file of a finding: the most precise first."""
    file, table, section, row, period = (finding[k] for k in FINDING_FIELDS)
    return [(file, table, section, row, period), (file, table, section, row), (file, table),
            (file,)]  # fmt: skip


def observation_keys(obs: dict[str, Any]) -> Iterator[Key]:
    """The keys an observation answers to (a part row "4a" also as its row "4")."""
    file, table, section, period = (
        obs["source_file"],
        obs["table_id"],
        obs["section"],
        (obs["period"] or obs["column"]),
    )
    for row in dict.fromkeys((obs["row"], base_row(obs["row"]))):
        yield (file, table, section, row, period)
        yield (file, table, section, row)
    yield (file, table)
    yield (file,)


def finding_links(out_dir: Path) -> Links | None:
    """Each finding's observation in `out_dir` (None without checks or observations)."""
    findings = iter_records(out_dir, "checks", only=FINDING_FIELDS)
    if findings is None or not (out_dir / f"{OBSERVATIONS}.json").exists():
        return None
    wanted = [finding_keys(f) for f in findings]
    found: dict[Key, int | None] = {key: None for keys in wanted for key in keys}
    for position, obs in enumerate(iter_records(out_dir, OBSERVATIONS, only=OBSERVATION_FIELDS)
                                   or ()):  # fmt: skip
        for key in observation_keys(obs):
            if found.get(key, 0) is None:
                found[key] = position
    return Links([next((found[k] for k in keys if found[k] is not None), None) for keys in wanted])


def sheet_title(name: str, part: int) -> str:
    """The title of a table's sheet: NAME, then "NAME (2)", ... beyond a sheet's rows."""
    return name if part == 1 else f"{name} ({part})"


def observation_cell(position: int, sheet_rows: int) -> tuple[str, str]:
    """The sheet and first cell of the observation at `position` (header in row 1)."""
    part, row = divmod(position, sheet_rows)
    return sheet_title(OBSERVATIONS, part + 1), f"A{row + 2}"
