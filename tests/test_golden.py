"""Golden files: the whole extraction of every bundled PDF, record by record.

Regenerate only on purpose: `pytest tests/test_golden.py --update-golden`,
then review the diff.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from extractor.model.records import ReportResult
from extractor.output.rendering import to_json

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


# ----------------------------------------------------------- a whole run's data files

RUN_GOLDEN = GOLDEN / "run"
RUN_FORMATS = "csv,json,datapackage,excel-csv"  # Parquet, DuckDB, xlsx: their libraries' bytes


def run_data_files(out: Path) -> dict[str, bytes]:
    """Every file a run wrote but its manifest (timestamps) and its cache."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()
            and p.name != "run.json"}  # fmt: skip


def test_whole_run_matches_golden(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """`extractor run input_pdfs --format csv,json,datapackage,excel-csv`: every data file,
    byte for byte."""
    from extractor.batch.options import BatchOptions
    from extractor.batch.run_batch import run_batch

    options = BatchOptions(workers=2, quiet=True, formats=RUN_FORMATS)
    run_batch(sorted(INPUT.glob("*.pdf")), tmp_path, options)
    current = run_data_files(tmp_path)
    if request.config.getoption("--update-golden"):
        shutil.rmtree(RUN_GOLDEN, ignore_errors=True)
        RUN_GOLDEN.mkdir(parents=True)
        for name, data in current.items():
            (RUN_GOLDEN / name).write_bytes(data)
    expected = run_data_files(RUN_GOLDEN)
    assert sorted(current) == sorted(expected)
    for name, data in expected.items():
        assert current[name] == data, f"{name} differs from tests/golden/run/{name}"
