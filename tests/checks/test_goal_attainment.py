"""goal_attainment: the achieved value against the row's target."""

from __future__ import annotations

from typing import Any

from extractor.model.records import Observation

from truth_results import checks_of, make_obs


def goal(target_raw: str, target: str, unit: Any, actual: str) -> list[Observation]:
    kw: dict[str, Any] = {"table": "1.1", "section": "2"}
    target_kw: dict[str, Any] = {"column": "Wartość docelowa", "raw": target_raw, **kw}
    return [
        make_obs("1", "Liczba procesów", target, unit, **target_kw),
        make_obs("1", "Liczba procesów", actual, column="Wartość wskaźnika", **kw),
    ]


def test_goal_attainment_reports_targets_not_met_as_info() -> None:
    [f] = checks_of(*goal("Średnio 5 w roku", "5", "per_year", "3"))
    assert (f.check, f.severity, f.expected, f.found) == ("goal_attainment", "info", ">= 5", "3")
    assert "achieved 3, below the target 'Średnio 5 w roku' (5)" in f.message
    assert checks_of(*goal("Średnio 5 w roku", "5", "per_year", "5")) == []
    assert checks_of(*goal("1/rok, Docelowo minimum ¼ konkursów", "1", "per_year", "1")) == []
