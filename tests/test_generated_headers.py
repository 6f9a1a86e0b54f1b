"""Header shapes that tuning on generated reports brought in, read end to end.

Each case is a table of a tuning seed (0-499, reportlab) whose header the generic
layer once read wrongly: a label centred between a group header and its sub-columns,
a group header over two narrow number columns whose sub-headers are wider than the
numbers, a caption at the foot of the page before, a table whose first part at a
page's foot is too short to show its columns, parts of one table whose gutters
differ, a zebra table's white row.  The report is generated with its
exact truth, read with the pipeline, written like `extractor run` does and scored with
the corpus scorer; every cell of the table must be exact.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from extractor.output.result_files import write_results
from extractor.report.pipeline import extract

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))
from layoutgen.generate import generate  # noqa: E402


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", TESTS / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CASES = [
    (272, "1", "label centred between a group header and its sub-columns"),
    (260, "1", "group header over two narrow number columns, wider sub-headers"),
    (174, "3", "caption at the foot of the page before, its number the page's"),
    (156, "1.2", "Lp. and Wyszczególnienie beside a group over two years"),
    (364, "1.2", "a header and one row at a page's foot, the rest on the next page"),
    (394, "1.1", "a header, a group row and one row at a page's foot, caption below"),
    (90, "3", "the same, the header wider than its columns' numbers on the next page"),
    (26, "2", "a borderless table beside a ruled one whose caption is level with a row"),
    (39, "1.2a", "a captioned header and one row at a page's foot, the rest on the next"),
    (75, "3", "a group header over the narrow gap between its sub-headers"),
    (87, "4", "a first part with a column too many, read in the longer part's columns"),
    (83, "1.2", "parts of a table whose gutters differ, read in one grid of columns"),
    (18, "6", "the last rows carried to the next page with their wrapped cells"),
    (298, "1.3", "a zebra table whose white row wraps its label"),
    (38, "6", "a table set right under another, a source line between them"),
    (384, "2", "a grey header and one white row under it at a page's foot"),
]


@pytest.mark.parametrize(("seed", "table", "shape"), CASES, ids=[c[2] for c in CASES])
def test_every_cell_of_the_table_is_exact(
    tmp_path: Path, seed: int, table: str, shape: str
) -> None:
    generate(seed, "reportlab", str(tmp_path))
    pdf = tmp_path / f"gen-{seed}-reportlab.pdf"
    out = tmp_path / "out"
    out.mkdir()
    write_results([extract(pdf)], out)
    results, _ = scorer().score(out, [tmp_path])
    result = results[pdf.name]
    misses = [m for m in result["cell_misses"] if m["key"][0] == table]
    assert result["cells"] > 0
    assert misses == [], shape


def test_a_group_header_wrapped_over_two_lines_names_every_column(tmp_path: Path) -> None:
    """Seed 306: "Środki przekazane" over "(tys. zł)", centred over three years, L.p.
    and Wyszczególnienie beside it.  Every value column carries the group's words
    (and its unit), so the Razem row adds up: no error or warning is raised."""
    from extractor.checks.run import run_checks

    generate(306, "reportlab", str(tmp_path))
    result = extract(tmp_path / "gen-306-reportlab.pdf")
    values = [o for o in result.observations if o.table_id == "4" and o.value is not None]
    assert values and all(o.column.startswith("Środki przekazane (tys. zł)") for o in values)
    assert {o.unit for o in values} == {"PLN"}
    assert [f for f in run_checks([result]) if f.table_id == "4" and f.severity != "info"] == []
