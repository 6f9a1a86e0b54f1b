"""Totals marked: a sum over the dataset without `is_total` rows counts every value once,
and the README's DuckDB example gives back the totals the reports print."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from extractor.checks.dataset import consolidate
from extractor.checks.totals import mark_totals
from extractor.model.records import Observation
from extractor.output.exports import write_exports
from extractor.output.read_tables import load_dataset, load_table
from extractor.output.result_files import write_results

from conftest import write_bundled_output
from truth_results import make_obs, make_result

README = Path(__file__).resolve().parent.parent / "README.md"
COLUMN = "Kwota dotacji przyznanej (zł)"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory, extracted: object) -> Path:
    out = tmp_path_factory.mktemp("run")
    write_bundled_output(out, extracted)
    write_exports(out, "csv,json,parquet,duckdb")
    return out


def readme_sql() -> str:
    text = README.read_text("utf-8")
    found = re.search(r"duckdb output/extractor\.duckdb <<'SQL'\n(.*?)\nSQL\n", text, re.S)
    assert found, "the README's summing example is gone"
    return found.group(1)


def test_summing_without_totals_leaves_out_exactly_the_totals(run_dir: Path) -> None:
    frame = load_dataset(run_dir)
    money = frame[(frame.unit == "PLN") & frame.value.notna()]
    with_totals = sum(money.value, Decimal(0))
    without = sum(money[~money.is_total].value, Decimal(0))
    totals = money[money.is_total]
    assert len(totals) >= 10 and set(totals.row) == {"Razem"}
    assert with_totals - without == sum(totals.value, Decimal(0))
    assert without < with_totals


def test_the_readme_example_gives_back_the_printed_totals(run_dir: Path) -> None:
    con = duckdb.connect(str(run_dir / "extractor.duckdb"), read_only=True)
    try:
        rows = con.execute(readme_sql()).fetchall()
        naive = con.execute(
            "SELECT sum(value) FROM dataset WHERE unit = 'PLN'"  # the README's example before
        ).fetchone()
        right = con.execute("SELECT sum(value) FROM dataset WHERE unit='PLN' AND NOT is_total")
        parts = right.fetchone()
    finally:
        con.close()
    assert len(rows) == 14  # every table column with a Razem row, in every year
    mismatched = [r for r in rows if r[-2] != r[-1]]
    checks = load_table(run_dir, "checks")
    flagged = checks[checks.check == "total_mismatch"]
    assert [(r[1], r[3], r[4]) for r in mismatched] == [
        (f.table_id, f.period, "2023") for f in flagged.itertuples()
    ]  # the one the total_mismatch check reports: 317 000,00 against 315 500,00
    assert naive is not None and parts is not None
    totals = load_dataset(run_dir)
    printed = totals[(totals.unit == "PLN") & totals.is_total].value
    assert naive[0] - parts[0] == sum(printed, Decimal(0))


def ogolem_table(total: str) -> list[Observation]:
    """A table whose total is a numbered row ("4. Ogółem środki"): no total label as row."""
    rows = [make_obs(str(i), f"Zadanie {i}", v, "PLN", column=COLUMN, table="1")
            for i, v in enumerate(["120 000,00", "24 000,00", "42 500,00"], 1)]  # fmt: skip
    return [*rows, make_obs("4", "Ogółem środki", total, "PLN", column=COLUMN, table="1")]


def test_totals_the_check_finds_are_marked_in_observations_and_dataset(tmp_path: Path) -> None:
    result = make_result(ogolem_table("186 500,00"))
    assert not any(o.is_total for o in result.observations)
    marked = mark_totals(result)
    assert [o.row for o in marked.observations if o.is_total] == ["4"]
    assert [r.row for r in consolidate([result]) if r.is_total] == ["4"]
    write_results([result], tmp_path)
    observations = load_table(tmp_path, "observations")
    assert list(observations[observations.is_total].row) == ["4"]


def test_a_total_that_does_not_add_up_is_not_taken_for_one() -> None:
    result = make_result(ogolem_table("185 000,00"))  # "Ogółem" in the text, rows disagree
    assert mark_totals(result) is result
    assert not any(r.is_total for r in consolidate([result]))
    labelled = make_result(
        [*ogolem_table("186 500,00")[:3],
         make_obs("Razem", "Razem", "185 000,00", "PLN", column=COLUMN, table="1")]
    )  # fmt: skip
    labelled = labelled.model_copy(
        update={"observations": tuple(
            o.model_copy(update={"is_total": o.row == "Razem"}) for o in labelled.observations
        )}
    )  # fmt: skip
    assert [r.row for r in consolidate([labelled]) if r.is_total] == ["Razem"]  # its label
