"""The committed JSON Schemas match the models (regenerate: make schemas)."""

from __future__ import annotations

from pathlib import Path

from extractor.output.schemas import render, schemas

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def test_schemas_are_up_to_date() -> None:
    for name, schema in schemas().items():
        path = SCHEMA_DIR / f"{name}.schema.json"
        assert path.exists(), f"missing {path}; run `make schemas`"
        assert path.read_text("utf-8") == render(schema), f"{path} is stale; run `make schemas`"
