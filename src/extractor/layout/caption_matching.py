"""Captions to tables: which numbered caption block each table of a page takes.

Takes: the candidates (a table, a caption block on one side, its cost).
Gives: the assignment with the most captioned tables, then the least total cost.
Imports: `layout.lines`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.layout.lines import TextLine

EXHAUSTIVE = 8  # tables in one contested group tried every way; more are matched greedily


@dataclass(frozen=True)
class Candidate:
    """A numbered caption block one table could take: its side and how far it is."""

    table: int
    side: str
    block: tuple[TextLine, ...]
    cost: float  # the gap to the table, in em, plus a penalty off the document's side,
    # less a bonus for the number that follows the last caption's


def follows(previous: str, current: str) -> bool:
    """`current` is the number after `previous` ("3" -> "4", "1.2" -> "1.3", "1.3" ->
    "2" or "2.1"); numbers with letters ("1.2a") follow nothing."""
    if not re.fullmatch(r"\d+(?:\.\d+)*", previous) or not re.fullmatch(r"\d+(?:\.\d+)*", current):
        return False
    a, b = [int(p) for p in previous.split(".")], [int(p) for p in current.split(".")]
    if len(a) == len(b) and a[:-1] == b[:-1] and b[-1] == a[-1] + 1:
        return True
    return b[0] == a[0] + 1 and all(v == 1 for v in b[1:])


def best_matching(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The assignment with the most captioned tables, then the least total cost.

    Only tables that could take one caption block contest each other: each group of
    them is tried every way (a handful of tables), a very large group greedily, the
    cheapest pairs first."""
    chosen: list[Candidate] = []
    for group in contested_groups(candidates):
        if len({c.table for c in group}) <= EXHAUSTIVE:
            chosen += exhaustive_matching(group)
        else:
            chosen += greedy_matching(group)
    return sorted(chosen, key=lambda c: c.table)


def contested_groups(candidates: Sequence[Candidate]) -> list[list[Candidate]]:
    """The candidates grouped by tables linked through a caption block they could share."""
    parent: dict[int, int] = {}

    def root(table: int) -> int:
        while parent.setdefault(table, table) != table:
            table = parent[table]
        return table

    first_table: dict[int, int] = {}
    for c in candidates:
        other = first_table.setdefault(id(c.block[0]), c.table)
        parent[root(c.table)] = root(other)
    groups: dict[int, list[Candidate]] = {}
    for c in candidates:
        groups.setdefault(root(c.table), []).append(c)
    return list(groups.values())


def exhaustive_matching(candidates: Sequence[Candidate]) -> list[Candidate]:
    tables = sorted({c.table for c in candidates})
    best: tuple[int, float, list[Candidate]] = (0, 0.0, [])

    def search(i: int, used: frozenset[int], picked: list[Candidate], cost: float) -> None:
        nonlocal best
        if i == len(tables):
            if (len(picked), -cost) > (best[0], -best[1]):
                best = (len(picked), cost, list(picked))
            return
        search(i + 1, used, picked, cost)
        for c in candidates:
            if c.table == tables[i] and id(c.block[0]) not in used:
                picked.append(c)
                search(i + 1, used | {id(c.block[0])}, picked, cost + c.cost)
                picked.pop()

    search(0, frozenset(), [], 0.0)
    return best[2]


def greedy_matching(candidates: Sequence[Candidate]) -> list[Candidate]:
    picked: list[Candidate] = []
    tables: set[int] = set()
    blocks: set[int] = set()
    for c in sorted(candidates, key=lambda c: c.cost):
        if c.table not in tables and id(c.block[0]) not in blocks:
            picked.append(c)
            tables.add(c.table)
            blocks.add(id(c.block[0]))
    return picked
