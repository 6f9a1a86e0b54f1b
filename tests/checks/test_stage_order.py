"""stage_order: a later stage of a process larger than an earlier one."""

from __future__ import annotations

from truth_results import brief, checks_of, make_obs


def test_a_later_stage_larger_than_an_earlier_is_a_warning() -> None:
    text = "Liczba projektów wybranych do realizacji"
    rows = [
        make_obs("4a", f"{text} a) w formie wsparcia", "418"),
        make_obs("4b", f"{text} b) w formie powierzenia", "2"),
        make_obs("5", "Liczba zawartych umów, w tym umów wieloletnich", "426"),
        make_obs("6", "Liczba zrealizowanych projektów", "420"),
    ]
    [f] = checks_of(*rows)
    assert brief(f) == "stage_order|info|r2023|r2023.pdf|1.2a||5|2023|<= 420|426"
    assert "'Liczba projektów wybranych do realizacji' 420 (418 + 2)" in f.message
    assert checks_of(*rows[:2], make_obs("5", "Liczba zawartych umów", "420"), rows[3]) == []
