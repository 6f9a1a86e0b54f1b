"""One self-contained HTML report of an output folder: charts, findings, pages.

Per issuer and table, one card per indicator row: the values over the years
as inline SVG line charts (one chart per unit, one line per column kind,
targets as dashed lines, conflicting statements as hollow red points), the
consistency findings about that row beside them, and a table of every value
with the pages that state it; and a page of the offices side by side, per
vocabulary indicator over the years (`html_comparison`, from comparison.json).
No script, no CDN, no web font: the file opens offline in any browser.  Built
from dataset.json, checks.json, reports.json, observations.json (for table titles)
and comparison.json; only dataset.json is required.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from extractor.model.errors import UsageError
from extractor.output.atomic import atomic_write_text
from extractor.output.html_charts import (
    PALETTE,
    UNIT_NAMES,
    Record,
    chart_series,
    chart_svg,
    fmt_number,
    page_ref,
)
from extractor.output.html_comparison import comparison_html
from extractor.output.read_tables import read_records


@dataclass
class Card:
    """One indicator row of one issuer's table, with its values and findings."""

    issuer: str
    table_id: str
    section: str
    row: str
    index: int = 0
    rows: list[Record] = field(default_factory=list)
    findings: list[Record] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.issuer, self.table_id, self.section, self.row)

    @property
    def anchor(self) -> str:
        return f"c{self.index}"


def write_report(out_dir: Path, output: Path | None = None) -> Path:
    """Write the HTML report of `out_dir` (default `out_dir/report.html`); its path."""
    target = output or out_dir / "report.html"
    atomic_write_text(target, build_report(out_dir))
    return target


def build_report(out_dir: Path) -> str:
    dataset = read_records(out_dir, "dataset")
    if dataset is None:
        raise UsageError(f"{out_dir} holds no dataset.json (run `extractor run` first)")
    reports = read_records(out_dir, "reports") or []
    checks = read_records(out_dir, "checks") or []
    titles = table_titles(read_records(out_dir, "observations") or [], reports)
    cards = build_cards(dataset, checks, reports)
    leftovers = [f for f in checks if not any(f in c.findings for c in cards)]
    offices = comparison_html(out_dir)  # the offices side by side, when the folder compares them
    link = '<p><a href="#offices">Offices side by side</a></p>' if offices else ""
    body = [summary_html(reports, dataset, checks), link, toc_html(cards, titles), offices]
    for issuer, table_id, items in grouped(cards):
        title = titles.get((issuer, table_id), "")
        body.append(
            f'<h3 id="t{items[0].index}">Tab. {escape(table_id)}'
            f" {escape(title)} <small>{escape(issuer)}</small></h3>"
        )
        body += [card_html(card) for card in items]
    if leftovers:
        body.append("<h2>Other findings</h2>" + findings_html(leftovers))
    return page_html("\n".join(body))


# ------------------------------------------------------------------ grouping


def issuer_of(reports: list[Record]) -> dict[str, str]:
    return {r["report_id"]: r["issuer"] for r in reports}


def table_titles(observations: list[Record], reports: list[Record]) -> dict[tuple[str, str], str]:
    issuers = issuer_of(reports)
    titles: dict[tuple[str, str], str] = {}
    for obs in observations:  # later reports win: files are in name order, titles rarely differ
        titles[(issuers.get(obs["report_id"], ""), obs["table_id"])] = obs["table_title"]
    return titles


def build_cards(dataset: list[Record], checks: list[Record], reports: list[Record]) -> list[Card]:
    cards: dict[tuple[str, str, str, str], Card] = {}
    for rec in dataset:
        key = (rec["issuer"], rec["table_id"], rec["section"], rec["row"])
        cards.setdefault(key, Card(*key, index=len(cards) + 1)).rows.append(rec)
    issuers = issuer_of(reports)
    for finding in checks:
        names = {issuers.get(r, "") for r in finding["report_id"].split(";")}
        for name in sorted(names):
            card = cards.get((name, finding["table_id"], finding["section"], finding["row"]))
            if card is not None:
                card.findings.append(finding)
                break
    return list(cards.values())


def grouped(cards: list[Card]) -> list[tuple[str, str, list[Card]]]:
    groups: dict[tuple[str, str], list[Card]] = defaultdict(list)
    for card in cards:
        groups[(card.issuer, card.table_id)].append(card)
    return [(issuer, table_id, items) for (issuer, table_id), items in groups.items()]


# ------------------------------------------------------------------ HTML


def card_html(card: Card) -> str:
    first = card.rows[-1]
    section = f" · section {escape(card.section)}" if card.section else ""
    by_unit: dict[str, list[Record]] = defaultdict(list)
    for rec in card.rows:
        by_unit[rec["unit"]].append(rec)
    charts = [chart_html(unit, rows) for unit, rows in by_unit.items() if unit]
    side = findings_html(card.findings) if card.findings else '<p class="none">No findings.</p>'
    return (
        f'<section class="card" id="{card.anchor}"><h4>Tab. {escape(card.table_id)}'
        f"{section} · row {escape(card.row)}: {escape(first['indicator'])}</h4>"
        f'<div class="body"><div class="charts">{"".join(charts)}</div>'
        f'<aside class="findings">{side}</aside></div>'
        f"{values_html(card.rows)}</section>"
    )


def chart_html(unit: str, rows: list[Record]) -> str:
    svg = chart_svg(unit, rows)
    if not svg:
        return ""
    names = list(chart_series(rows)[0])
    legend = "".join(
        f'<span style="--c:{PALETTE[i % len(PALETTE)]}">{escape(n)}</span>'
        for i, n in enumerate(names)
    )
    return (
        f"<figure>{svg}<figcaption>{escape(UNIT_NAMES.get(unit, unit))} "
        f'<span class="legend">{legend}</span></figcaption></figure>'
    )


def values_html(rows: list[Record]) -> str:
    head = "<tr><th>Period</th><th>Column</th><th>Value</th><th>Unit</th><th>Status</th>"
    body = [head + "<th>Pages</th></tr>"]
    for rec in sorted(rows, key=lambda r: (r["period"] or "9999", r["column"])):
        pages = ", ".join(page_ref(s) for s in rec["sources"])
        body.append(
            f'<tr class="{escape(rec["status"])}"><td>{escape(rec["period"] or "—")}</td>'
            f'<td>{escape(rec["column"])}</td><td class="num">'
            f"{escape(fmt_number(rec['value']))}</td><td>{escape(rec['unit'])}</td>"
            f"<td>{escape(rec['status'])}</td><td>{escape(pages)}</td></tr>"
        )
    return f"<details><summary>Values and pages</summary><table>{''.join(body)}</table></details>"


def findings_html(findings: list[Record]) -> str:
    items = [
        f'<li class="{escape(f["severity"])}"><b>{escape(f["severity"])}</b> '
        f"<code>{escape(f['check'])}</code> {escape(f['message'])}</li>"
        for f in findings
    ]
    return f'<ul class="findings">{"".join(items)}</ul>'


def summary_html(reports: list[Record], dataset: list[Record], checks: list[Record]) -> str:
    counts = {s: sum(1 for f in checks if f["severity"] == s) for s in ("error", "warning", "info")}
    rows = "".join(
        f"<tr><td>{escape(r['file'])}</td><td>{escape(r['issuer'])}</td>"
        f"<td>{r['report_year'] or ''}</td><td>{r['pages'] or ''}</td>"
        f'<td class="{escape(r["status"])}">{escape(r["status"])}</td>'
        f"<td>{len(r['issues'])}</td></tr>"
        for r in reports
    )
    return (
        f"<p>{len(reports)} report(s), {len(dataset)} consolidated value(s); findings: "
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info."
        "</p><table><tr><th>File</th><th>Issuer</th><th>Year</th><th>Pages</th>"
        f"<th>Status</th><th>Issues</th></tr>{rows}</table>"
    )


def toc_html(cards: list[Card], titles: dict[tuple[str, str], str]) -> str:
    by_issuer: dict[str, list[str]] = defaultdict(list)
    for issuer, table_id, items in grouped(cards):
        flagged = sum(len(c.findings) for c in items)
        mark = f' <span class="flag">{flagged} finding(s)</span>' if flagged else ""
        title = escape(titles.get((issuer, table_id), ""))
        by_issuer[issuer].append(
            f'<li><a href="#t{items[0].index}">Tab. {escape(table_id)}</a> {title}{mark}</li>'
        )
    return "".join(
        f"<h2>{escape(i)}</h2><ul>{''.join(items)}</ul>" for i, items in by_issuer.items()
    )


CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:1150px;color:#222}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px}
td.num{text-align:right}.card{border:1px solid #ddd;border-radius:6px;padding:8px;margin:10px 0}
.card h4{margin:0 0 6px}.body{display:flex;gap:12px;flex-wrap:wrap}
.charts{flex:0 1 auto;display:flex;flex-wrap:wrap;gap:8px}
.findings{flex:1 1 300px;font-size:13px}ul.findings{padding-left:1.1em;margin:0}
li.error b,.failed,.flag{color:#c00}li.warning b,.partial{color:#b60}li.info b{color:#06c}
.none{color:#888;margin:0}figure{margin:0 0 6px}figcaption{font-size:12px;color:#555}
.legend span{margin-left:8px}.legend span::before{content:"";display:inline-block;width:10px;
height:10px;margin-right:3px;background:var(--c)}
svg .grid{stroke:#e5e5e5}svg .tick{font-size:10px;fill:#666}
svg .series polyline{fill:none;stroke:var(--c);stroke-width:2}svg .point{fill:var(--c)}
svg .point.conflicting{fill:#c00}svg .alt{fill:none;stroke:#c00;stroke-width:1.5}
svg .target line{stroke:#555;stroke-dasharray:5 3}svg .target text{font-size:10px;fill:#555}
tr.conflicting td,td.conflicting{background:#fee}
"""


def page_html(body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>extractor report</title><style>{CSS}</style></head><body>"
        f"<h1>Indicators over the years</h1>\n{body}\n</body></html>\n"
    )
