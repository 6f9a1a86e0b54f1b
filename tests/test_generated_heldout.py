"""Reports of offices never seen: 100 held-out generated reports, scored in aggregate.

The seeded layout generator (`tests/layoutgen`) writes reports combining every
caption, header, row, number, marker, page and table style it knows, through two
producers (reportlab, Chromium), with exact truth.  Tuning happens on seeds
0-499; this test scores seeds 10000-10099, which are never looked at one by one,
with the corpus scorer (`tests/tools/score.py`) and prints the score per feature
tag so that a weak feature shows.  The thresholds are the issue's: cells and
footnote references at least 0.99 exact, no false error or warning finding (measured
0.991, 0.991 and 0 when this was written, 0.994, 0.994 and 0 now; see the README).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = "10000-10099"
CELLS_EXACT = 0.99  # the bar; measured 0.994 (6 004 of 6 041)
FOOTNOTE_REFS = 0.99  # the bar; measured 0.994
FALSE_ERROR_FINDINGS = 0  # the bar; measured 0


@pytest.fixture(scope="module")
def heldout(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("heldout") / "scores.json"
    command = [
        sys.executable, str(ROOT / "benchmarks" / "score_generated.py"), "--seeds", SEEDS,
        "--producer", "any", "--exclude-letters", "--json", str(out),
    ]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=3000, check=False)
    print(run.stdout[-6000:])
    assert run.returncode == 0, run.stderr[-2000:]
    scores: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return scores


def totals(scores: dict[str, object]) -> dict[str, int]:
    result = scores["totals"]
    assert isinstance(result, dict)
    return result


def test_heldout_cells_are_exact(heldout: dict[str, object]) -> None:
    tot = totals(heldout)
    assert tot["exact"] / tot["cells"] >= CELLS_EXACT


def test_heldout_footnote_references_are_exact(heldout: dict[str, object]) -> None:
    tot = totals(heldout)
    assert tot["fn_refs"] / tot["cells"] >= FOOTNOTE_REFS


def test_heldout_reports_raise_no_false_error_findings(heldout: dict[str, object]) -> None:
    assert totals(heldout)["false_findings"] <= FALSE_ERROR_FINDINGS
