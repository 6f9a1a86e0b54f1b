"""Compare extracted observations with a corpus truth file, cell by cell.

Keys follow the truth format (tests/truth/CORPUS.md): (table, section, row,
column_key); rows without a number are keyed by the slug of their label,
named columns by the slug of their header.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.model.records import ReportResult

TRUTH_DIR = Path(__file__).parent / "truth"


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")


def load_truth(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((TRUTH_DIR / f"{name}.truth.json").read_text("utf-8"))
    return data


def column_key(column: str, period: str) -> str:
    if period:
        return period
    if "docelow" in column.lower():
        return "target"
    if "wskaźnik" in column.lower():
        return "actual"
    return slug(column)


def row_key(row: str, indicator: str, truth_rows: set[str]) -> str:
    digits = re.match(r"^(\d+)", row)
    if digits and digits.group(1) in truth_rows:
        return digits.group(1)
    return slug(row) if slug(row) in truth_rows else slug(indicator)


@dataclass
class Comparison:
    missing: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)
    wrong_footnotes: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_texts: list[str] = field(default_factory=list)
    cells: int = 0

    @property
    def exact(self) -> bool:
        return not (
            self.missing
            or self.wrong_values
            or self.wrong_footnotes
            or self.spurious
            or self.wrong_texts
        )


def truth_key(cell: dict[str, Any]) -> tuple[str, str, str, str]:
    return (cell["table"], cell["section"], cell["row"], str(cell["column_key"]))


def compare(result: ReportResult, truth: dict[str, Any]) -> Comparison:
    cells = {truth_key(c): c for c in truth["cells"]}
    rows_by_table: dict[str, set[str]] = defaultdict(set)
    for t, _, r, _ in cells:
        rows_by_table[t].add(r)
    got_values: dict[tuple[str, str, str, str], list[Decimal]] = defaultdict(list)
    got_notes: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    seen: set[tuple[str, str, str, str]] = set()
    scale = {t: Decimal(str(v.get("scale", 1))) for t, v in truth["tables"].items()}
    for obs in result.observations:
        key = (
            obs.table_id,
            obs.section,
            row_key(obs.row, obs.indicator, rows_by_table[obs.table_id]),
            column_key(obs.column, obs.period),
        )
        seen.add(key)
        if obs.value is not None:
            got_values[key].append(obs.value / scale.get(obs.table_id, Decimal(1)))
        got_notes[key].update(obs.footnotes)
    out = Comparison(cells=len(cells))
    for key, cell in cells.items():
        expected = sorted(Decimal(str(v)) for v in cell["values"])
        if key not in seen:
            out.missing.append(f"{key} {cell['raw']!r}")
        elif sorted(got_values[key]) != expected:
            out.wrong_values.append(
                f"{key} {cell['raw']!r}: {sorted(got_values[key])} != {expected}"
            )
        if key in seen and got_notes[key] != {str(f) for f in cell["footnotes"]}:
            out.wrong_footnotes.append(f"{key}: {got_notes[key]} != {cell['footnotes']}")
    out.spurious = [str(k) for k in seen if k not in cells]
    texts = {fn.number: fn.text for fn in result.footnotes}
    for number, text in truth["footnotes"].items():
        if " ".join(texts.get(number, "").split()) != " ".join(text.split()):
            out.wrong_texts.append(f"footnote {number}: {texts.get(number)!r} != {text!r}")
    return out
