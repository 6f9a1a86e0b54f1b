"""Numbers as reports print them: how a value was printed, and printing it again.

A check compares values at the precision the report prints them and quotes
them in its messages the Polish way: `printed_form` finds the decimals and
the scale (tys./mln zł) of a value in its cell text, `fmt_value` prints a
value that way (8 240,00 zł; 251,3 tys. zł), `plain` gives the machine form
of the `expected` / `found` columns (84.50, 8000.00).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from extractor.model.records import Observation, Unit
from extractor.text.numbers import SCALE_ABBREVIATIONS, SCALES

NUMBER = re.compile(r"(?<![\d,.])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(\d+))?(?!\d)|[¼½¾]")
FRACTIONS = {"¼": Decimal("0.25"), "½": Decimal("0.5"), "¾": Decimal("0.75")}
UNIT_SUFFIX: dict[Unit, str] = {
    "PLN": " zł", "percent": " %", "PLN_per_capita": " zł", "per_year": " w roku",
}  # fmt: skip


def printed_numbers(text: str) -> list[tuple[Decimal, int]]:
    """(value, decimals printed) of every Polish-format number in `text`."""
    found = []
    for m in NUMBER.finditer(text):
        whole, frac = re.sub(r"\D", "", m.group(1) or ""), m.group(2) or ""
        number = FRACTIONS.get(m.group(0)) or Decimal(f"{whole}.{frac}" if frac else whole)
        found.append((number, len(frac) if whole else 2))
    return found


def printed_form(obs: Observation) -> tuple[int, Decimal]:
    """(decimals printed, scale) of the value: 49,82 -> (2, 1); 251,3 tys. zł -> (1, 1000)."""
    value = obs.value if obs.value is not None else Decimal(0)
    for number, decimals in printed_numbers(obs.raw):
        for scale in SCALES:
            if number * scale == value:
                return decimals, scale
    exponent = value.as_tuple().exponent
    return (max(0, -exponent) if isinstance(exponent, int) else 0), Decimal(1)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fmt_number(value: Decimal, decimals: int = 0) -> str:
    """Polish print form: blanks between thousands, decimal comma (8 240,00)."""
    text = f"{round_half_up(value, decimals):f}"
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + " ".join(groups) + ("," + frac if frac else "")


def fmt_value(obs: Observation, value: Decimal | None = None) -> str:
    """A value as the report prints it (printed decimals; tys. zł kept in tys. zł)."""
    shown = obs.value if value is None else value
    if shown is None:
        return obs.raw or "—"
    decimals, scale = printed_form(obs)
    suffix = UNIT_SUFFIX.get(obs.unit, "")
    if scale in SCALE_ABBREVIATIONS:
        suffix = f" {SCALE_ABBREVIATIONS[scale]} zł"
    return fmt_number(shown / scale, decimals) + suffix


def plain(value: Decimal, like: Observation | None = None) -> str:
    """Machine form for `expected` / `found` at the precision `like` is printed: 84.50, 8000.00."""
    if like is not None:
        decimals, scale = printed_form(like)
        value = round_half_up(value, max(0, decimals - scale.adjusted()))
    return f"{value:f}"
