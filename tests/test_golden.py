"""Golden files: the whole extraction of every bundled PDF, record by record.

Regenerate only on purpose: `pytest tests/test_golden.py --update-golden`,
then review the diff.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from extractor.model.records import ReportResult
from extractor.output.writers import to_json

from conftest import INPUT

GOLDEN = Path(__file__).parent / "golden"
PDFS = sorted(p.name for p in INPUT.glob("*.pdf"))


def snapshot(result: ReportResult) -> str:
    data = result.model_dump(mode="json")
    return to_json(data)


@pytest.mark.parametrize("name", PDFS)
def test_extraction_matches_golden(
    name: str, extracted: Callable[[Path], ReportResult], request: pytest.FixtureRequest
) -> None:
    current = snapshot(extracted(INPUT / name))
    path = GOLDEN / f"{Path(name).stem}.json"
    if request.config.getoption("--update-golden"):
        path.write_text(current, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}; run pytest --update-golden"
    expected = json.loads(path.read_text("utf-8"))
    actual = json.loads(current)
    assert actual["info"] == expected["info"]
    assert actual["footnotes"] == expected["footnotes"]
    assert actual["figures"] == expected["figures"]
    for got, want in zip(actual["observations"], expected["observations"], strict=True):
        assert got == want
