"""JSON Schema of the output records, exported to `schemas/`: one per output table
(its record model, `extractor.model.tables`), and one of a whole report's result.

Run `python -m extractor.output.schemas [DIR]` (`make schemas`) to regenerate; a test
fails when the committed files are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extractor.model.records import ReportResult
from extractor.model.tables import TABLES

MODELS: dict[str, type[BaseModel]] = {
    **{spec.record: spec.model for spec in TABLES.values()},
    "report_result": ReportResult,
}


def schemas() -> dict[str, dict[str, Any]]:
    return {name: model.model_json_schema(mode="serialization") for name, model in MODELS.items()}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = directory / f"{name}.schema.json"
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for p in export(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")):
        print(p)
