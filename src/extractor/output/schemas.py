"""JSON Schema of the output models, exported to `schemas/`.

Run `python -m extractor.output.schemas [DIR]` to regenerate; a test fails when the
committed files are stale.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

MODELS = {
    "observation": "extractor.model.records:Observation",
    "footnote": "extractor.model.records:Footnote",
    "report": "extractor.model.records:ReportInfo",
    "report_result": "extractor.model.records:ReportResult",
    "finding": "extractor.checks.within_report:Finding",
    "dataset_row": "extractor.checks.dataset:DatasetRow",
}


def load(ref: str) -> type[BaseModel]:
    module, _, name = ref.partition(":")
    model = getattr(importlib.import_module(module), name)
    assert isinstance(model, type) and issubclass(model, BaseModel)
    return model


def schemas() -> dict[str, dict[str, Any]]:
    return {name: load(ref).model_json_schema(mode="serialization") for name, ref in MODELS.items()}


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
