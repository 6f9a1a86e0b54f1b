"""parts_sum_mismatch and parts_exceed_total: a)/b) parts against their total."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.model.records import Observation

from truth_results import checks_of, make_obs


def events(total: str, parts: list[tuple[str, str]], raw: str) -> list[Observation]:
    kw: dict[str, Any] = {"table": "1.1", "section": "3", "column": "Wartość wskaźnika", "raw": raw}
    rows = [make_obs("1", "Liczba wydarzeń", total, **kw)]
    for letter, (label, value) in zip("ab", parts, strict=False):
        rows.append(make_obs(f"1{letter}", f"Liczba wydarzeń – {label}", value, **kw))
    return rows


def test_enumerated_parts_must_add_up_to_the_total() -> None:
    raw = "9, w tym:\na) szkolenia 6\nb) doradztwo 4"
    [f] = checks_of(*events("9", [("a) szkolenia", "6"), ("b) doradztwo", "4")], raw))
    assert (f.check, f.table_id, f.section, f.row) == ("parts_sum_mismatch", "1.1", "3", "1")
    assert (f.period, f.expected, f.found) == ("Wartość wskaźnika", "10", "9")
    assert "a) szkolenia 6 + b) doradztwo 4 add up to 10, the total printed is 9" in f.message
    raw = "10, w tym:\na) szkolenia 6\nb) doradztwo 4"
    assert checks_of(*events("10", [("a) szkolenia", "6"), ("b) doradztwo", "4")], raw)) == []


def test_bracketed_parts_split_the_total() -> None:
    parts = [("szkolenia", "7"), ("doradztwo", "3")]
    assert checks_of(*events("10", parts, "10 (szkolenia 7, doradztwo 3)")) == []
    [f] = checks_of(*events("11", parts, "11 (szkolenia 7, doradztwo 3)"))
    assert f.check == "parts_sum_mismatch"


def test_a_single_part_larger_than_its_total() -> None:
    [f] = checks_of(*events("11", [("szkolenia", "12")], "11 (szkolenia 12, doradztwo)"))
    assert (f.check, f.row, f.expected, f.found) == ("parts_exceed_total", "1", "<= 11", "12")
    assert checks_of(*events("12", [("szkolenia", "12")], "12 (szkolenia 12, doradztwo)")) == []


@pytest.mark.parametrize(("part", "ok"), [("0", True), ("399", True), ("400", False)])
def test_a_w_tym_part_stays_within_its_total(part: str, ok: bool) -> None:
    text = "Liczba zawartych umów, w tym umów wieloletnich"
    rows = [make_obs("5", text, "399", raw=f"399\n{part}"), make_obs("5a", f"{text} – w tym", part)]
    assert [f.check for f in checks_of(*rows)] == ([] if ok else ["parts_exceed_total"])


def test_parts_without_a_printed_total_are_not_compared_with_a_total() -> None:
    text = "Liczba projektów wybranych do realizacji"
    rows = [
        make_obs("4a", f"{text} a) w formie wsparcia", "418"),
        make_obs("4b", f"{text} b) w formie powierzenia", "2"),
    ]
    assert checks_of(*rows) == []


@pytest.mark.parametrize(("part", "ok"), [("2", True), ("9", True), ("12", False)])
def test_a_w_tym_part_in_a_row_named_by_its_label(part: str, ok: bool) -> None:
    """No L.p.: the row is its label, and the part printed in the cell shares it."""
    text = "Liczba zawartych umów (w tym wieloletnich)"
    raw = f"9 (w tym {part})"
    rows = [make_obs(text, text, "9", raw=raw), make_obs(text, f"{text} – w tym", part, raw=raw)]
    assert [f.check for f in checks_of(*rows)] == ([] if ok else ["parts_exceed_total"])
