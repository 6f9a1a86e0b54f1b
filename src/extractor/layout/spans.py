"""Cell spans a borderless grid cannot see in its text alone.

A cell's text shows which columns and rows it *reaches*; the cell may be wider
or taller than its text:

- a text run crossing a gutter (a total label over the first columns) is a
  merged cell; it takes the empty cells right of it in its rows as well, up to
  the next filled one (a label merged up to the value columns);
- in a column with horizontal rules, a cell takes the empty cells above and
  below it up to the next rule: a category cell printed once, centred, over
  several rows that the rules of the other columns separate.
"""

from __future__ import annotations

from collections.abc import Sequence

Rect = tuple[int, int, int, int]  # first row, last row, first column, last column
Rule = tuple[float, float, float]  # y, x0, x1 of a horizontal rule


def widen(
    rects: list[Rect],
    rows: Sequence[tuple[float, float]],
    bounds: Sequence[float],
    rules: Sequence[Rule],
) -> list[Rect]:
    """The filled cells' rectangles, widened over the empty cells they own."""
    owner = {(r, c): k for k, rect in enumerate(rects) for r, c in slots(rect)}
    out = list(rects)
    for k, rect in enumerate(rects):
        r0, r1, c0, c1 = rect
        if c1 > c0:
            while c1 + 1 < len(bounds) - 1 and all(
                (r, c1 + 1) not in owner for r in range(r0, r1 + 1)
            ):
                c1 += 1
        x0, x1 = bounds[c0], bounds[c1 + 1]
        if ruled(rules, x0, x1):
            while (
                r0 > 0
                and free(owner, r0 - 1, c0, c1)
                and not ruled_between(rules, rows[r0 - 1], rows[r0], x0, x1)
            ):
                r0 -= 1
            while (
                r1 + 1 < len(rows)
                and free(owner, r1 + 1, c0, c1)
                and not ruled_between(rules, rows[r1], rows[r1 + 1], x0, x1)
            ):
                r1 += 1
        out[k] = (r0, r1, c0, c1)
        owner.update({slot: k for slot in slots(out[k])})
    return out


def slots(rect: Rect) -> list[tuple[int, int]]:
    r0, r1, c0, c1 = rect
    return [(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]


def free(owner: dict[tuple[int, int], int], row: int, c0: int, c1: int) -> bool:
    return all((row, c) not in owner for c in range(c0, c1 + 1))


def covers(rule: Rule, x0: float, x1: float) -> bool:
    return min(rule[2], x1) - max(rule[1], x0) > 0.5 * (x1 - x0)


def ruled(rules: Sequence[Rule], x0: float, x1: float) -> bool:
    return any(covers(rule, x0, x1) for rule in rules)


def ruled_between(
    rules: Sequence[Rule], upper: tuple[float, float], lower: tuple[float, float],
    x0: float, x1: float,
) -> bool:  # fmt: skip
    return any(upper[1] - 1 <= r[0] <= lower[0] + 1 and covers(r, x0, x1) for r in rules)
