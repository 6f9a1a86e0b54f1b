"""Runs of linked tabular lines: the cores of table regions (see `extractor.layout.regions`).

A line printing two or more chunks is *tabular*.  Consecutive tabular lines
(no more than `link_gap` em apart, no line step over `line_gap` em between
them, of comparable size, no numbered caption or source line between them) are
*linked* when their chunks together leave a gutter free: their text falls into
common columns.  Once a run has `mature_run` lines, two lines in a row that reach over
its clean gutters end it: the next table, set right under this one (`fits`).  A line
linked to neither neighbour while they are linked over it is a row spanning the
columns (`spanned`); so is a line OCR read whose size it misjudged (`misjudged`).
"""

from __future__ import annotations

from collections.abc import Sequence
from math import inf

from extractor.layout.chunks import Line
from extractor.layout.gutters import Gutter, find_gutters
from extractor.layout.settings import LayoutSettings

MISJUDGED = 0.2  # share of a size by which OCR may misjudge one line's size


def linked_runs(lines: Sequence[Line], settings: LayoutSettings) -> list[tuple[int, int]]:
    """Index ranges from the first to the last line of each run of linked tabular lines.
    Two tabular lines in a row that cross the gutters of a run of `settings.mature_run` or
    more lines (see `fits`) start a new run: the next table set right under this one.  The
    new run takes back the last lines of the old one after a clearly wider gap (the next
    table's header)."""
    tabular = [i for i, ln in enumerate(lines) if len(ln.chunks) >= 2]
    runs: list[list[int]] = []
    gutters: list[Gutter] = []
    known = 0  # tabular lines the gutters were found from
    misfit: int | None = None  # a line of the run that crossed its gutters
    split: set[int] = set()  # runs started by misfits
    for n, i in enumerate(tabular):
        line = lines[i]
        joined = bool(runs) and linked(lines[runs[-1][-1] : i + 1], settings)
        if not joined and runs and len(runs[-1]) >= 2:
            if misjudged(lines, runs[-1][-2], runs[-1][-1], [i], settings):
                runs[-1].append(i)  # the run's last line is the misjudged one: linked past it
                continue
        if not joined:
            after = tabular[n + 1 : n + 2]
            if runs and (
                (len(runs[-1]) >= 2 and spanned(lines, runs[-1][-1], i, after, settings))
                or misjudged(lines, runs[-1][-1], i, after, settings)
            ):
                continue
            runs.append([i])
            gutters, known, misfit = [], 0, None
            continue
        run = runs[-1]
        if len(run) >= settings.mature_run and len(run) >= known + max(2, known // 2):
            members = lines[run[0] : (misfit or run[-1]) + 1]
            gutters = find_gutters(members, settings, 0.0, max(3, len(run) // 3))
            known = len(run)
        if fits(line, gutters):
            run.append(i)
            misfit = None
        elif misfit is None:
            run.append(i)
            misfit = i
        else:
            start = run.index(misfit)
            moved = next_header(lines, run[max(0, start - 4) : start], misfit)
            runs.append(moved + run[start:] + [i])
            del run[start - len(moved) :]
            split.add(len(runs) - 1)
            gutters, known, misfit = [], 0, None
    runs = rejoined(lines, runs, split, settings)
    return [(r[0], r[-1]) for r in runs if len(r) > 1]


def spanned(
    lines: Sequence[Line], last: int, i: int, after: list[int], settings: LayoutSettings
) -> bool:
    """Line `i`, linked to neither, lies between two linked tabular lines (`last`, the last
    of a run of two or more, and the next one, in `after`) and reaches from the left edge
    over their gutters but the first: a row spanning the columns (a numbered section row
    whose number OCR set apart), not the end of the table."""
    if not after:
        return False
    a, line, b = lines[last], lines[i], lines[after[0]]
    left = min(a.x0, b.x0) + settings.align_tolerance * line.size
    gaps = common_gutters(a, b, settings.min_gutter * line.size)
    wide = len(gaps) >= 2 and all(line.x0 < g0 and line.x1 > g1 for g0, g1 in gaps[1:])
    return line.x0 <= left and wide and linked(lines[last : after[0] + 1], settings)


def misjudged(
    lines: Sequence[Line], last: int, i: int, after: list[int], settings: LayoutSettings
) -> bool:
    """Line `i`, read by OCR, lies between two linked tabular lines of one size and is
    set in another, by no more than OCR misjudges a size (`MISJUDGED`: a header cell's
    line "dotacji (zł)" measured 12 pt among 10.5): a line of the table."""
    if not after:
        return False
    a, line, b = lines[last], lines[i], lines[after[0]]
    if not line.chunks[0].read_by_ocr or abs(a.size - b.size) > 0.01 * a.size:
        return False
    off = abs(line.size - a.size) / a.size
    return settings.same_size < off <= MISJUDGED and linked(lines[last : after[0] + 1], settings)


def rejoined(
    lines: Sequence[Line], runs: list[list[int]], split: set[int], settings: LayoutSettings
) -> list[list[int]]:
    """Runs cut by misfits joined again when every line of the earlier run (but its first
    few: a header whose group cells span columns) fits the gutters of the later one: the
    earlier gutters were a few odd rows' (missing values printed as words, a header),
    not another table's."""
    out: list[list[int]] = []
    for k, run in enumerate(runs):
        if k in split and out and out[-1] and len(run) >= 3:
            members = lines[run[0] : run[-1] + 1]
            later = find_gutters(members, settings, 0.0, max(3, len(run) // 3))
            body = out[-1][settings.ruled_header_lines // 2 :]  # its header may span columns
            if later and all(fits(lines[i], later) for i in body):
                out[-1] = out[-1] + run
                continue
        out.append(list(run))
    return out


def next_header(lines: Sequence[Line], tail: list[int], misfit: int) -> list[int]:
    """The last lines of a run that belong to the table starting at `misfit`: those after
    a gap clearly wider (1.5 times) than the others, if there is one."""
    steps = [
        lines[b].baseline - lines[a].baseline
        for a, b in zip(tail, [*tail[1:], misfit], strict=True)
    ]
    widest = max(range(len(steps)), key=steps.__getitem__)
    others = steps[:widest] + steps[widest + 1 :]
    if not others or steps[widest] < 1.5 * max(others):
        return []
    return tail[widest + 1 :]


def fits(line: Line, gutters: Sequence[Gutter]) -> bool:
    """No chunk of the line reaches over a clean gutter of the run (one no line of it
    crosses) from one column's text into the next one's, except from the first column (a
    label merged over columns)."""
    for chunk in line.chunks:
        over = [k for k, (a, b) in enumerate(gutters) if chunk.x0 < a and chunk.x1 > b]
        if over and chunk.x0 >= gutters[0][0]:
            return False
    return True


def linked(span: Sequence[Line], settings: LayoutSettings) -> bool:
    """The first and last line of `span` (tabular, the lines between not) are near enough,
    with no wide empty band between them, alike in size and leave a common gutter.  Lines
    not quite the same size (prose over a table, or OCR's estimate of one header) need a
    gutter within the reach of both: a gap beyond one line's text says nothing of it."""
    a, b = span[0], span[-1]
    size = max(a.size, b.size)
    far = b.baseline - a.baseline > settings.link_gap * size
    if far and (b.baseline - a.baseline > 3 * settings.link_gap * size or len(span) < 3):
        return False
    if any(
        q.baseline - p.baseline > settings.line_gap * size
        for p, q in zip(span, span[1:], strict=False)
    ):
        return False
    if abs(a.size - b.size) > settings.size_tolerance * size:
        return False
    if any(is_caption(line, settings) or is_source(line, settings) for line in span):
        return False
    within = abs(a.size - b.size) > settings.same_size * size
    gutters = common_gutters(a, b, settings.min_gutter * size, within)
    if far:  # tall cells: the lines between (a wrapped label) keep out of the gutters
        return any(
            all(not (c.x0 < g1 and g0 < c.x1) for ln in span[1:-1] for c in ln.chunks)
            for g0, g1 in gutters
        )
    return bool(gutters)


def common_gutters(
    a: Line, b: Line, narrowest: float, within: bool = False
) -> list[tuple[float, float]]:
    """The gaps at least `narrowest` wide that the chunks of both lines leave free (and,
    if `within`, that lie within the reach of both lines' text)."""
    spans = sorted((c.x0, c.x1) for c in a.chunks + b.chunks)
    left, right = (max(a.x0, b.x0), min(a.x1, b.x1)) if within else (-inf, inf)
    out = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= narrowest and left < reach and x0 < right:
            out.append((reach, x0))
        reach = max(reach, x1)
    return out


def is_caption(line: Line, settings: LayoutSettings) -> bool:
    """A numbered table caption ("Table 3. ...", see `LayoutSettings.caption_labels`):
    the end of one table and the start of another, never a row."""
    text_line = line.text_line()
    return bool(settings.caption_match(text_line.text, text_line.read_by_ocr))


def is_source(line: Line, settings: LayoutSettings) -> bool:
    """A source line ("Źródło: dane Urzędu."): the end of a table, never a row."""
    first = line.chunks[0] if line.chunks else None
    return first is not None and bool(settings.source_match(first.text, first.read_by_ocr))
