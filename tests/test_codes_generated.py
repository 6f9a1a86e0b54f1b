"""Indicator codes on generated reports (tests/layoutgen): every coded prose figure gets
its code, no read cell gets a wrong one, and no figure_mismatch is raised on a report
whose prose and tables agree.  (The whole tuning range: benchmarks/score_codes.py.)"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.checks.rules.figure_mismatch import findings as figure_findings
from extractor.report.pipeline import extract

sys.path.insert(0, str(Path(__file__).resolve().parent))
from layoutgen.generate import generate  # noqa: E402

SEEDS = [2, 11, 37]  # a województwo, a powiat, a gmina; tables ruled and borderless


def score_module() -> Any:
    path = Path(__file__).parent / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", SEEDS)
def test_codes_of_a_generated_report(tmp_path: Path, seed: int) -> None:
    generate(seed, "reportlab", str(tmp_path))
    name = f"gen-{seed}-reportlab"
    truth = json.loads((tmp_path / f"{name}.truth.json").read_text(encoding="utf-8"))
    result = extract(tmp_path / f"{name}.pdf")

    figures = {(round(float(f.value * f.scale), 2), f.indicator_code) for f in result.figures}
    for item in truth["prose_figures"]:
        for value, code in zip(item["values"], item["codes"], strict=True):
            assert (round(value, 2), code) in figures, item

    score = score_module()
    [loaded] = score.load_truth([str(tmp_path)]).values()
    wrong = []
    for obs in result.observations:
        key = score.resolve_key(loaded, obs.model_dump(mode="json"))
        cell = loaded["_keys"].get(key)
        first = cell["values"][0] if cell and cell["values"] else None
        if first is not None and obs.value is not None and float(obs.value) == pytest.approx(first):
            if obs.indicator_code and obs.indicator_code != (cell["indicator_code"] or ""):
                wrong.append((key, obs.indicator_code, cell["indicator_code"]))
    assert wrong == []
    if not truth["expected_findings"]:
        assert figure_findings(result) == []
