"""Cell spans a borderless grid cannot see in its text alone.

A cell's text shows which columns and rows it *reaches*; the cell may be wider
or taller than its text:

- a text run crossing a gutter (a total label over the first columns) is a
  merged cell; unless centred on the columns it crosses (a group header over
  them) it takes the empty cells right of it in its rows as well, up to the
  next filled one (a label merged up to the value columns), and those left and
  right of it when nothing else stands in its rows (a section row centred over
  the table); a bold text alone in its rows, in the first column, is such a
  section row too;
- in a column with horizontal rules between its rows, a cell takes the empty
  cells above and below it up to the next rule;
- in a column without, filled in at most half its rows, a text takes the
  empty cells of its span (see `fill_sparse`): a category cell printed once, centred, over
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
    bold: Sequence[bool],
    centred: Sequence[bool],
) -> list[Rect]:
    """The filled cells' rectangles, widened over the empty cells they own; `bold`:
    which cells are set in bold, `centred`: which cells' text is centred on the
    columns it crosses (a group header over them, which takes no more)."""
    out = list(rects)
    owner = {slot: k for k, rect in enumerate(out) for slot in slots(rect)}

    def take(k: int, rect: Rect) -> None:
        out[k] = rect
        owner.update({slot: k for slot in slots(rect)})

    for k, (r0, r1, c0, c1) in enumerate(rects):
        alone = all(
            owner.get((r, c), k) == k for r in range(r0, r1 + 1) for c in range(len(bounds) - 1)
        )
        if (c1 > c0 and (alone or not centred[k])) or (alone and bold[k] and c0 == 0):
            while c1 + 1 < len(bounds) - 1 and free_rows(owner, r0, r1, c1 + 1):
                c1 += 1
            while alone and c0 > 0 and free_rows(owner, r0, r1, c0 - 1):
                c0 -= 1
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
        take(k, (r0, r1, c0, c1))
    for col in range(len(bounds) - 1):
        if not ruled(rules, bounds[col], bounds[col + 1]):
            for k, rect in fill_sparse(out, col, len(rows)):
                take(k, rect)
    return out


def fill_sparse(rects: list[Rect], col: int, n_rows: int) -> list[tuple[int, Rect]]:
    """A column filled in at most half its rows (a category printed once for several
    rows): each text takes the empty cells of its rows' span.  When the column's first
    text is followed at once by the next (top-aligned spans), a text takes the empty
    cells below it; otherwise (spans centred on their text) as many below as above."""
    cells = sorted((r[0], r[1], k) for k, r in enumerate(rects) if r[2] == r[3] == col)
    others = {r for rect in rects if rect[2] <= col <= rect[3] and rect[2] != rect[3]
              for r in range(rect[0], rect[1] + 1)}  # fmt: skip
    if len(cells) < 2 or sum(b - a + 1 for a, b, _ in cells) * 2 > n_rows:
        return []
    top_aligned = cells[1][0] == cells[0][1] + 1
    out = []
    start = cells[0][1] + 1  # the first free row (after the header)
    for i, (a, b, k) in enumerate(cells[1:], 1):
        end = min(
            [r for r in others if r > b] + [cells[i + 1][0] if i + 1 < len(cells) else n_rows]
        )
        last = i + 1 == len(cells) or end < cells[i + 1][0]
        below = end - b - 1 if top_aligned or last else min(a - start, end - b - 1)
        lo, hi = (a, b + below) if top_aligned else (start, b + below)
        if any(r in others for r in range(lo, hi + 1)):
            start = b + 1
            continue
        out.append((k, (lo, hi, col, col)))
        start = hi + 1
    return out


def free_rows(owner: dict[tuple[int, int], int], r0: int, r1: int, col: int) -> bool:
    return all((r, col) not in owner for r in range(r0, r1 + 1))


def slots(rect: Rect) -> list[tuple[int, int]]:
    r0, r1, c0, c1 = rect
    return [(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]


def free(owner: dict[tuple[int, int], int], row: int, c0: int, c1: int) -> bool:
    return all((row, c) not in owner for c in range(c0, c1 + 1))


def covers(rule: Rule, x0: float, x1: float) -> bool:
    return min(rule[2], x1) - max(rule[1], x0) > 0.5 * (x1 - x0)


def ruled(rules: Sequence[Rule], x0: float, x1: float) -> bool:
    """Rules run under these columns between rows (not just one, under the header)."""
    return sum(covers(rule, x0, x1) for rule in rules) >= 2


def ruled_between(
    rules: Sequence[Rule], upper: tuple[float, float], lower: tuple[float, float],
    x0: float, x1: float,
) -> bool:  # fmt: skip
    return any(upper[1] - 1 <= r[0] <= lower[0] + 1 and covers(r, x0, x1) for r in rules)
