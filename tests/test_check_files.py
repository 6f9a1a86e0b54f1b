"""The findings' files: checks.csv, checks.json, checks.md."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from extractor.checks.run import run_checks
from extractor.model.tables import CHECKS
from extractor.output.check_files import write_checks

from truth_results import all_truth_results

RESULTS = all_truth_results()

# --------------------------------------------------------------------- writers


def test_write_checks_files_are_complete_and_deterministic(tmp_path: Path) -> None:
    findings = run_checks(RESULTS)
    write_checks(findings, tmp_path / "a")
    write_checks(list(reversed(findings)), tmp_path / "b")
    for name in ("checks.csv", "checks.json", "checks.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["checks.csv", "checks.json", "checks.md"]  # no temporary files left
    with (tmp_path / "a" / "checks.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header = (
        "check,severity,report_id,source_file,table_id,section,row,period,expected,found,message"
    )
    assert tuple(rows[0]) == CHECKS.names == tuple(header.split(","))
    data = json.loads((tmp_path / "a" / "checks.json").read_text(encoding="utf-8"))
    assert len(rows) == len(findings) == len(data)
    assert data[0] == findings[0].model_dump()
    md = (tmp_path / "a" / "checks.md").read_text(encoding="utf-8")
    assert md.startswith(
        "# Consistency checks\n\n13 finding(s): 10 error(s), 0 warning(s), 3 info."
    )
    assert "## kp-2023.pdf\n\n### Table 1.1\n\n- **error** `parts_exceed_total`: Tab. 1.1" in md
    assert "\n## gm-2023-web.pdf\n\n### Table 1\n\n- **error** `total_mismatch`" in md


def test_write_checks_without_findings(tmp_path: Path) -> None:
    write_checks([], tmp_path)
    assert (tmp_path / "checks.csv").read_text() == ",".join(CHECKS.names) + "\n"
    assert json.loads((tmp_path / "checks.json").read_text()) == []
    assert "No inconsistencies found." in (tmp_path / "checks.md").read_text()
