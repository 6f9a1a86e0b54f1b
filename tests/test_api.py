"""The pandas API: load_dataset / load_table read an output folder with typed, exact columns."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.batch.dataset_and_checks import consolidate_and_check
from extractor.model.errors import UsageError
from extractor.model.records import ReportResult
from extractor.output.read_tables import load_dataset, load_table
from extractor.output.result_files import write_results

from conftest import INPUT


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory, extracted: object) -> Path:
    get: Callable[[Path], ReportResult] = extracted  # type: ignore[assignment]
    results = [get(INPUT / name) for name in ("kp-2022.pdf", "kp-2023.pdf")]
    out = tmp_path_factory.mktemp("run")
    write_results(results, out)
    consolidate_and_check(out, results)
    return out


def test_load_dataset_reads_the_consolidated_dataset_exactly(run_dir: Path) -> None:
    frame = load_dataset(run_dir)
    assert frame.attrs["table"] == "dataset"
    source = json.loads((run_dir / "dataset.json").read_text("utf-8"))
    assert len(frame) == len(source) > 50
    assert frame["issuer"].dtype == pd.StringDtype()
    assert frame["value"].dtype == object
    for value, rec in zip(frame["value"], source, strict=True):
        assert value == (None if rec["value"] is None else Decimal(rec["value"]))
        assert value is None or isinstance(value, Decimal)
    first = frame.iloc[0]
    assert isinstance(first["sources"], tuple) and ":" in first["sources"][0]
    assert all(isinstance(v, Decimal | None) for v in first["values"])


def test_load_dataset_falls_back_to_observations(run_dir: Path, tmp_path: Path) -> None:
    for name in ("observations.json", "reports.json"):
        shutil.copy(run_dir / name, tmp_path / name)
    frame = load_dataset(tmp_path)
    assert frame.attrs["table"] == "observations"
    assert frame["page"].dtype == pd.Int64Dtype()
    assert frame["confidence"].dtype == "float64"
    row = frame[(frame.report_id == "kp-2023") & (frame.table_id == "1.2a") & (frame.row == "3")]
    values = {(v, u) for v, u in zip(row["value"], row["unit"], strict=True)}
    assert (Decimal("703"), "count") in values and (Decimal("83.79"), "percent") in values
    marked = frame[frame["footnotes"].map(len) > 0]
    assert len(marked) > 0 and all(isinstance(m, tuple) for m in marked["footnotes"])


def test_load_table_types_reports(run_dir: Path) -> None:
    reports = load_table(run_dir, "reports")
    assert list(reports["report_id"]) == ["kp-2022", "kp-2023"]
    assert reports["report_year"].dtype == pd.Int64Dtype()
    assert list(reports["report_year"]) == [2022, 2023]
    assert all(isinstance(i, list) for i in reports["issues"])


def test_missing_folder_or_table_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="holds no observations.json"):
        load_dataset(tmp_path)
    with pytest.raises(UsageError, match="unknown table"):
        load_table(tmp_path, "nope")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=5)
    | st.decimals(allow_nan=False, allow_infinity=False, places=2),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(json_values, max_size=6),
    st.sampled_from([None, 1]),
    st.integers(min_value=1, max_value=40),
)
def test_json_array_items_parse_like_json_loads(
    items: list[object], indent: int | None, chunk: int
) -> None:
    """Read whole, or from a file a few characters at a time (items cut anywhere)."""
    from extractor.output.jsonstream import json_array_items
    from extractor.output.rendering import json_default

    text = json.dumps(items, indent=indent, default=json_default)
    expected = json.loads(text, parse_float=Decimal)
    assert list(json_array_items(text)) == expected
    assert list(json_array_items(io.StringIO(text), chunk)) == expected


@pytest.mark.parametrize("chunk", [1, 2, 1000])
@pytest.mark.parametrize(
    "text", ["[1,]", "[,]", "[1 2]", "[1] x", "{}", '[{"a": 1}', "[1", "[1,", "", "[1.5e"]
)
def test_json_array_items_reject_what_json_rejects(text: str, chunk: int) -> None:
    """Invalid JSON, or JSON that is not a list, at any chunk size."""
    from extractor.output.jsonstream import json_array_items

    if not text.startswith("{"):
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)
    with pytest.raises(json.JSONDecodeError):
        list(json_array_items(io.StringIO(text), chunk))


json_rows = st.dictionaries(
    st.text(max_size=4) | st.integers(0, 3),
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=6)
    | st.decimals(allow_nan=False, allow_infinity=False, places=3)
    | st.lists(
        st.none()
        | st.integers()
        | st.text(max_size=2)
        | st.decimals(allow_nan=False, allow_infinity=False, places=2)
        | st.lists(st.integers(), max_size=2),
        max_size=3,
    ).map(lambda items: tuple(items) if len(items) % 2 else items),
    max_size=5,
)


@settings(max_examples=600, deadline=None)
@given(json_rows, st.sampled_from(["number", "text"]))
def test_rows_dump_exactly_as_json_dumps(row: dict[object, object], decimals: str) -> None:
    """The fast writer of flat rows gives json.dumps(indent=1)'s bytes, list-indented."""
    from extractor.output.rendering import decimal_as_text, dump_in_list, json_default

    default = json_default if decimals == "number" else decimal_as_text
    expected = json.dumps(row, ensure_ascii=False, indent=1, default=default)
    assert dump_in_list(row, default) == expected.replace("\n", "\n ")  # type: ignore[arg-type]
