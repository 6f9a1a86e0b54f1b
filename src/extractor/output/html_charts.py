"""The charts of the HTML report: one unit's values over the years as inline SVG
(one line per column kind, targets as dashed lines, conflicting statements as hollow
red points), and the way the report prints numbers and pages."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any

from extractor.output.rendering import decimal_text

Record = dict[str, Any]
YEAR_IN_COLUMN = re.compile(r"\b(19|20)\d\d\b\s*(r\.|rok)?", re.I)
PALETTE = ("#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")
W, H = 380, 190  # chart size (px)
LEFT, RIGHT, TOP, BOTTOM = 70, 14, 12, 26  # plot margins (px)
UNIT_NAMES = {  # every unit but the empty one (a test checks)
    "count": "count",
    "PLN": "zł",
    "percent": "%",
    "PLN_per_capita": "zł per inhabitant",
    "per_1000_inhabitants": "per 1000 inhabitants",
    "per_year": "per year",
}


def measure(column: str) -> str:
    """The column's kind without its year: '2023 r.' -> '', 'Stan wyjściowy 2020 r.' ->
    'Stan wyjściowy'."""
    return " ".join(YEAR_IN_COLUMN.sub(" ", column).split()).strip(" ,.;:")


def fmt_number(value: Decimal | None) -> str:
    """Polish notation: 38 523 346,25 (narrow no-break space between thousands)."""
    if value is None:
        return "—"
    whole, _, frac = decimal_text(value).partition(".")
    grouped = f"{int(whole):,}".replace(",", "\u202f")
    return ("-" if whole == "-0" else "") + grouped + ("," + frac if frac else "")


def fmt_tick(value: float) -> str:
    """Axis label: 150 tys., 1,5 mln, 0,25."""
    _, divisor, suffix = next(
        t for t in ((1e6, 1e6, " mln"), (1e4, 1e3, " tys."), (0.0, 1.0, "")) if abs(value) >= t[0]
    )
    return f"{value / divisor:.6g}".replace(".", ",") + suffix


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values from at or below `low` to at or above `high`."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [math.floor(low / step) * step]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


@dataclass
class Point:
    year: int
    value: float
    row: Record


def chart_series(rows: list[Record]) -> tuple[dict[str, list[Point]], list[Record]]:
    """Rows of one unit as lines (by column kind, year order) and targets (no period)."""
    lines: dict[str, list[Point]] = defaultdict(list)
    targets = []
    for rec in rows:
        if rec["value"] is None:
            continue
        if rec["period"].isdigit():
            lines[measure(rec["column"]) or "value"].append(
                Point(int(rec["period"]), float(rec["value"]), rec)
            )
        else:
            targets.append(rec)
    for points in lines.values():
        points.sort(key=lambda p: p.year)
    return dict(lines), targets


def point_title(rec: Record) -> str:
    sources = ", ".join(page_ref(s) for s in rec["sources"])
    text = f"{rec['period'] or 'target'} · {rec['column']}: {fmt_number(rec['value'])}"
    if rec["status"] == "conflicting":
        text += " (stated differently: " + ", ".join(fmt_number(v) for v in rec["values"]) + ")"
    return f"{text} — {sources}"


@dataclass(frozen=True)
class Frame:
    """Data -> pixel coordinates of one chart."""

    x_lo: float
    x_hi: float
    y_lo: float
    y_hi: float

    def x(self, year: float) -> float:
        return LEFT + (year - self.x_lo) / (self.x_hi - self.x_lo) * (W - LEFT - RIGHT)

    def y(self, value: float) -> float:
        return H - BOTTOM - (value - self.y_lo) / (self.y_hi - self.y_lo) * (H - TOP - BOTTOM)


def chart_svg(unit: str, rows: list[Record]) -> str:
    """An SVG line chart of one unit's values over the years (empty without values)."""
    lines, targets = chart_series(rows)
    if not lines and not targets:
        return ""
    years = [p.year for pts in lines.values() for p in pts]
    values = [p.value for pts in lines.values() for p in pts] + [float(t["value"]) for t in targets]
    ticks = nice_ticks(min(0.0, *values), max(values))
    span = (min(years) - 0.5, max(years) + 0.5) if years else (0.0, 1.0)
    frame = Frame(span[0], span[1], ticks[0], ticks[-1])
    label = escape(UNIT_NAMES.get(unit, unit))
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" role="img" aria-label="{label}">',
        axes_svg(frame, ticks, sorted(set(years))),
    ]
    for i, (name, points) in enumerate(lines.items()):
        parts.append(series_svg(name, points, PALETTE[i % len(PALETTE)], frame))
    parts += [target_svg(target, frame) for target in targets]
    return "".join(parts) + "</svg>"


def axes_svg(frame: Frame, ticks: list[float], years: list[int]) -> str:
    parts = []
    for tick in ticks:
        ty = f"{frame.y(tick):.1f}"
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{W - RIGHT}" y1="{ty}" y2="{ty}"/>'
            f'<text class="tick" x="{LEFT - 4}" y="{ty}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(fmt_tick(tick))}</text>'
        )
    for year in range(years[0], years[-1] + 1) if years else ():
        tx = f"{frame.x(year):.1f}"
        parts.append(f'<text class="tick" x="{tx}" y="{H - 8}" text-anchor="middle">{year}</text>')
    return "".join(parts)


def target_svg(target: Record, frame: Frame) -> str:
    ty = frame.y(float(target["value"]))
    return (
        f'<g class="target"><title>{escape(point_title(target))}</title>'
        f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}"/>'
        f'<text x="{W - RIGHT - 2}" y="{ty - 3:.1f}" text-anchor="end">'
        f"{escape(target['column'])}</text></g>"
    )


def series_svg(name: str, points: list[Point], colour: str, frame: Frame) -> str:
    coords = " ".join(f"{frame.x(p.year):.1f},{frame.y(p.value):.1f}" for p in points)
    parts = [
        f'<g class="series" data-name="{escape(name)}" style="--c:{colour}">'
        f'<polyline points="{coords}"/>'
    ]
    for p in points:
        cx, cy = f"{frame.x(p.year):.1f}", f"{frame.y(p.value):.1f}"
        bad = " conflicting" if p.row["status"] == "conflicting" else ""
        parts.append(
            f'<circle class="point{bad}" cx="{cx}" cy="{cy}" r="4" '
            f'data-value="{escape(decimal_text(p.row["value"]))}">'
            f"<title>{escape(point_title(p.row))}</title></circle>"
        )
        for other in p.row["values"] if bad else ():
            if other is not None and other != p.row["value"]:
                parts.append(
                    f'<circle class="alt" cx="{cx}" cy="{frame.y(float(other)):.1f}" r="4"/>'
                )
    return "".join(parts) + "</g>"


def page_ref(source: str) -> str:
    file, _, page = source.rpartition(":")
    return f"{file} p. {page}" if file else source
