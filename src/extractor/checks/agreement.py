"""When two statements of one indicator and year agree: at the precision they are printed.

A value printed in tys./mln zł, or a percentage, carries half a printed unit of
rounding (`slack`); a table's total of values printed that way carries the rounding
of all of them ("416 200,00" summing rows printed as "12,5 tys. zł" agrees with a
sentence's "416 221,03 zł").  Two statements agree when they differ by no more than
their slacks together.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from extractor.model.records import Figure, Observation
from extractor.text.printed import printed_form

SCALE_WORDS = ((r"\bmln\b", Decimal(1000000)), (r"\btys\b", Decimal(1000)))


def figure_slack(figure: Figure) -> Decimal:
    """Half a printed unit of a figure printed scaled (tys. zł) or as a percentage."""
    if figure.scale == 1 and figure.unit != "percent":
        return Decimal(0)
    exponent = figure.value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Decimal(5).scaleb(-(places + 1)) * figure.scale


def cell_slack(obs: Observation) -> Decimal:
    """Half a printed unit of a cell printed in tys./mln zł or as a percentage."""
    decimals, scale = printed_form(obs)
    named = next((s for word, s in SCALE_WORDS if re.search(word, obs.raw.lower())), None)
    if obs.value == 0 and named:  # "0,0 mln zł": zero at any scale, the printed one counts
        scale = named
    if obs.unit != "percent" and scale == 1:
        return Decimal(0)  # printed exactly
    return Decimal(5).scaleb(-(decimals + 1)) * scale


def total_slacks(observations: Iterable[Observation]) -> dict[Observation, Decimal]:
    """Each total's slack: its own, or the rounding of the cells of its column it sums."""
    parts: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    totals = []
    for obs in observations:
        if obs.value is None:
            continue
        if obs.is_total:
            totals.append(obs)
        else:
            parts[(obs.table_id, obs.column)] += cell_slack(obs)
    return {t: max(cell_slack(t), parts[(t.table_id, t.column)]) for t in totals}


def within(a: Decimal, b: Decimal, slack: Decimal) -> bool:
    return abs(a - b) <= slack
