"""The HTML report's page of the offices side by side (comparison.json).

Per vocabulary indicator, in vocabulary order: a chart of its values over the years, one
line per office (conflicting statements as red points), and a table of offices by year
with, last, the value over the years the indicator's aggregation gives (the sum of a
flow, the latest value of a stock; a ratio is not combined).  Empty when the folder has
no comparison.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from html import escape
from pathlib import Path

from extractor.output.html_charts import PALETTE, UNIT_NAMES, Record, chart_svg, fmt_number
from extractor.output.read_tables import read_records
from extractor.report.indicator_vocabulary import BY_CODE, CODES

AGGREGATION = {"sum": "sum of the years", "latest": "latest year", "ratio": "not combined"}


def comparison_html(out_dir: Path) -> str:
    """The page (an HTML section), or "" without comparison rows."""
    rows = read_records(out_dir, "comparison") or []
    if not rows:
        return ""
    by_code: dict[str, list[Record]] = defaultdict(list)
    for row in rows:
        by_code[row["indicator_code"]].append(row)
    offices = sorted({(r["issuer"], r["issuer_type"]) for r in rows})
    listed = ", ".join(f"{escape(name)} ({escape(kind)})" for name, kind in offices)
    parts = [
        '<section id="offices"><h2>Offices side by side</h2>',
        f"<p>{len(offices)} office(s): {listed}. Each indicator of the vocabulary, from every "
        "table cell and sentence that states it (comparison.csv).</p>",
    ]
    parts += [indicator_html(code, by_code[code]) for code in CODES if code in by_code]
    return "".join(parts) + "</section>"


def indicator_html(code: str, rows: list[Record]) -> str:
    indicator = BY_CODE[code]
    unit = UNIT_NAMES.get(indicator.unit, indicator.unit)
    return (
        f'<section class="card" id="i-{code}"><h4>{escape(indicator.label_en)} '
        f"<small>{escape(indicator.label_pl)} · <code>{code}</code> · {escape(unit)}</small></h4>"
        f'<div class="body"><div class="charts">{chart_html(indicator.unit, rows)}</div></div>'
        f"{table_html(rows, indicator.aggregation)}</section>"
    )


def chart_html(unit: str, rows: list[Record]) -> str:
    """One line per office over the years (the chart of `html_charts`, offices as columns)."""
    points = [
        {
            "period": str(r["year"]), "column": r["issuer"], "value": r["value"],
            "status": r["status"], "values": r["values"],
            "sources": [s.split(" ", 1)[0] for s in r["sources"]],
        }
        for r in rows
    ]  # fmt: skip
    svg = chart_svg(unit, points)
    names = list(dict.fromkeys(r["issuer"] for r in sorted(rows, key=lambda r: r["year"])))
    legend = "".join(
        f'<span style="--c:{PALETTE[i % len(PALETTE)]}">{escape(n)}</span>'
        for i, n in enumerate(names)
    )
    return f'<figure>{svg}<figcaption><span class="legend">{legend}</span></figcaption></figure>'


def table_html(rows: list[Record], aggregation: str) -> str:
    years = sorted({r["year"] for r in rows})
    by_office: dict[str, dict[int, Record]] = defaultdict(dict)
    for r in rows:
        by_office[r["issuer"]][r["year"]] = r
    head = "".join(f"<th>{y}</th>" for y in years)
    lines = [f"<tr><th>Office</th>{head}<th>Over the years ({AGGREGATION[aggregation]})</th></tr>"]
    for office, cells in sorted(by_office.items()):
        tds = "".join(cell_html(cells.get(y)) for y in years)
        total = fmt_number(combined(list(cells.values()), aggregation))
        lines.append(f'<tr><td>{escape(office)}</td>{tds}<td class="num">{total}</td></tr>')
    return f"<table>{''.join(lines)}</table>"


def cell_html(row: Record | None) -> str:
    if row is None:
        return "<td></td>"
    title = escape("; ".join(row["sources"]), quote=True)
    return (
        f'<td class="num {escape(row["status"])}" title="{title}">'
        f"{escape(fmt_number(row['value']))}</td>"
    )


def combined(rows: list[Record], aggregation: str) -> Decimal | None:
    """The value over the years: a flow's sum, a stock's latest value, a ratio's none."""
    if aggregation == "sum":
        return sum((r["value"] for r in rows), Decimal(0))
    if aggregation == "latest":
        latest: Decimal = max(rows, key=lambda r: r["year"])["value"]
        return latest
    return None
