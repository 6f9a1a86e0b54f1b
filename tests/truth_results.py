"""Test helper: a ground-truth file -> the `ReportResult` the pipeline emits for it.

Follows the pipeline's observation conventions, so checks and consolidation can be
tested before (and independently of) PDF extraction:

- one Observation per number of a cell; a "—" / "nie dotyczy" cell gives one with
  value None and unit "";
- `row` = the L.p. digits, else the printed first-column label ("Razem");
- a)/b) parts become rows "4a", "4b"; "w tym" parts "5a"; "9, w tym: a) … 6 b) … 4"
  gives "1", "1a", "1b"; "11 (szkolenia 12, doradztwo)" gives "1" and "1a";
- `column` = the header as printed, `period` = the year for year columns, else "";
- amounts printed in tys. zł are scaled to złoty (`raw` keeps the printed text).
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.model.findings import Finding
from extractor.model.records import Footnote, Observation, ReportInfo, ReportResult, Status, Unit
from extractor.text.printed import NUMBER

TRUTH_DIR = Path(__file__).parent / "truth"
CAPTION_PREFIX = re.compile(
    r"^\s*(?:Tab\.|Tabela)\s*[\w.]*?\w\.?\s+"
)  # the pipeline keeps the title
PART_LABEL = re.compile(r"(?:^|\s)([a-h])\)\s*")
LINE_LABEL = re.compile(r"^\s*([a-h])\)\s*(.*?)[\s\d,]*$")
PLN_TEXT = re.compile(r"wysokość\s+(?:środków|nakładów)|\bkwot|\bdotacj|\bwkład|\bzł\b", re.I)

Part = tuple[Decimal, str, str]  # value, row suffix, label


def truth_files() -> list[Path]:
    return sorted(TRUTH_DIR.glob("*.truth.json"))


def load_truth(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return data


def truth_result(path: Path) -> ReportResult:
    truth = load_truth(path)
    report = truth["report"]
    observations = [
        obs for cell in truth["cells"] for obs in cell_observations(cell, truth, report)
    ]
    return ReportResult(
        info=report_info(report),
        observations=tuple(observations),
        footnotes=tuple(footnotes(truth)),
    )


def all_truth_results() -> list[ReportResult]:
    return [truth_result(p) for p in truth_files()]


def report_info(report: dict[str, Any]) -> ReportInfo:
    return ReportInfo(
        report_id=report["id"],
        file=report["file"],
        sha256=hashlib.sha256(report["file"].encode()).hexdigest(),
        pages=report["pages"],
        title=report["title"],
        issuer=report["jst"],
        programme=report["programme"],
        report_year=report["report_year"],
        baseline_year=report["baseline_year"],
        status=Status.ok,
    )


def footnotes(truth: dict[str, Any]) -> list[Footnote]:
    report = truth["report"]
    notes = []
    for number, text in truth["footnotes"].items():
        anchor = truth["footnote_anchors"].get(number, {})
        page = 1
        if anchor.get("kind") == "cell":
            page = next(c["page"] for c in truth["cells"] if is_anchor_cell(c, anchor))
        elif anchor.get("kind") == "caption":
            page = truth["tables"][anchor["table"]]["caption_page"]
        notes.append(
            Footnote(
                report_id=report["id"],
                source_file=report["file"],
                number=number,
                text=text,
                page=page,
            )
        )
    return notes


def is_anchor_cell(cell: dict[str, Any], anchor: dict[str, Any]) -> bool:
    keys = ("table", "section", "row", "column_key")
    return all(cell[k] == anchor[k] for k in keys)


def cell_observations(
    cell: dict[str, Any], truth: dict[str, Any], report: dict[str, Any]
) -> list[Observation]:
    table = truth["tables"][cell["table"]]
    key = cell["column_key"]
    row = cell["row"] if cell["row"].isdigit() else cell["indicator"]
    common: dict[str, Any] = {
        "report_id": report["id"],
        "source_file": report["file"],
        "page": cell["page"],
        "table_id": cell["table"],
        "table_title": CAPTION_PREFIX.sub("", table["caption"]),
        "section": cell["section"],
        "column": cell["column_header"],
        "period": str(key) if isinstance(key, int) else "",
        "raw": cell["raw"],
        "footnotes": tuple(str(m) for m in cell["footnotes"]),
    }
    if not cell["values"]:
        return [Observation(**common, row=row, indicator=cell["indicator"], value=None, unit="")]
    scale = Decimal(table.get("scale", 1))
    units = value_units(cell, table)
    return [
        Observation(
            **common,
            row=row + suffix,
            indicator=part_indicator(cell["indicator"], label),
            value=value * scale,
            unit=unit,
        )
        for (value, suffix, label), unit in zip(split_cell(cell), units, strict=True)
    ]


def part_indicator(indicator: str, label: str) -> str:
    if not label:
        return indicator
    match = PART_LABEL.search(indicator)
    if match and label in indicator:  # "Liczba projektów … a) w formie wsparcia"
        return f"{indicator[: match.start()].strip()} {label}"
    return f"{indicator} – {label}"


def split_cell(cell: dict[str, Any]) -> list[Part]:
    """(value, row suffix, label) of every number in the cell, by what the cell prints."""
    raw, indicator = cell["raw"], cell["indicator"]
    values: list[Decimal] = [Decimal(v) for v in cell["values"]]
    lines = raw.split("\n")
    labels = part_labels(indicator)
    if len(values) > 1 and len(lines) == len(values) and len(labels) == len(values):
        return [(v, letter, label) for v, (letter, label) in zip(values, labels, strict=True)]
    if len(values) == 2 and len(lines) == 2 and re.search(r"\bw tym\b", indicator):
        return [(values[0], "", ""), (values[1], "a", "w tym")]
    if any(LINE_LABEL.match(line) for line in lines[1:]):
        parts: list[Part] = [(values[0], "", "")]
        for value, line in zip(values[1:], lines[1:], strict=True):
            match = LINE_LABEL.match(line)
            assert match, line
            parts.append((value, match.group(1), f"{match.group(1)}) {match.group(2)}"))
        return parts
    if "(" in raw:
        return bracketed(raw, values)
    return [(v, "", "") for v in values]


def part_labels(indicator: str) -> list[tuple[str, str]]:
    found = list(PART_LABEL.finditer(indicator))
    labels = []
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(indicator)
        labels.append((match.group(1), indicator[match.start() : end].strip()))
    return labels


def bracketed(raw: str, values: list[Decimal]) -> list[Part]:
    """'11 (szkolenia 12, doradztwo)': numbers inside the brackets are parts a, b, …"""
    opening = raw.index("(")
    parts: list[Part] = []
    letters = iter("abcdefgh")
    for value, match in zip(values, NUMBER.finditer(raw), strict=True):
        if match.start() < opening:
            parts.append((value, "", ""))
            continue
        start = max(raw.rfind(",", opening, match.start()), opening) + 1
        parts.append((value, next(letters), raw[start : match.start()].strip()))
    return parts


def value_units(cell: dict[str, Any], table: dict[str, Any]) -> list[Unit]:
    raw, indicator = cell["raw"], cell["indicator"]
    tokens = list(NUMBER.finditer(raw))
    assert len(tokens) == len(cell["values"]), (raw, cell["values"])
    context = f"{indicator} | {cell['column_header']}"
    units: list[Unit] = []
    for token in tokens:
        after = raw[token.end() :]
        if re.match(r"\s*%", after):
            units.append("percent")
        elif re.search(r"na\s+1000\s+mieszk", indicator, re.I):
            units.append("per_1000_inhabitants")
        elif re.search(r"na\s+1\s+mieszkańca", indicator, re.I):
            units.append("PLN_per_capita")
        elif re.match(r"\s*(/\s*rok|w\s+roku)", after):
            units.append("per_year")
        elif table.get("scale") or PLN_TEXT.search(f"{context} | {raw}"):
            units.append("PLN")
        else:
            units.append("count")
    return units


# ------------------------------------------------------------ hand-built tables

YEAR_HEADER = re.compile(r"(?:^|Stan wyjściowy\s+)((?:19|20)\d\d)(?:\s*r\.)?$")


def make_obs(
    row: str,
    indicator: str,
    value: str | None,
    unit: Unit = "count",
    *,
    column: str = "2023 r.",
    table: str = "1.2a",
    section: str = "",
    raw: str | None = None,
    footnotes: tuple[str, ...] = (),
    page: int = 3,
    report_id: str = "r2023",
    title: str | None = None,
) -> Observation:
    """One observation as the pipeline emits it; `value` as printed in Polish ("49,82")."""
    number = Decimal(value.replace(" ", "").replace(",", ".")) if value is not None else None
    year = YEAR_HEADER.search(column)
    return Observation(
        report_id=report_id,
        source_file=f"{report_id}.pdf",
        page=page,
        table_id=table,
        table_title=title or "Tabela testowa",
        section=section,
        row=row,
        indicator=indicator,
        column=column,
        period=year.group(1) if year else "",
        raw=raw if raw is not None else (value or "—"),
        value=number,
        unit=unit if number is not None else "",
        footnotes=footnotes,
    )


def make_result(
    observations: list[Observation],
    *,
    year: int = 2023,
    notes: dict[str, str] | None = None,
    issuer: str = "województwo testowe",
    programme: str = "Wieloletni program współpracy na lata 2021-2025",
    baseline_year: int | None = 2020,
) -> ReportResult:
    report_id = observations[0].report_id if observations else f"r{year}"
    file = f"{report_id}.pdf"
    info = ReportInfo(
        report_id=report_id,
        file=file,
        sha256="",
        issuer=issuer,
        programme=programme,
        report_year=year,
        baseline_year=baseline_year,
        status=Status.ok,
    )
    footnote_list = [
        Footnote(report_id=report_id, source_file=file, number=n, text=t, page=1)
        for n, t in (notes or {}).items()
    ]
    return ReportResult(info=info, observations=tuple(observations), footnotes=tuple(footnote_list))


def brief(finding: Finding) -> str:
    """'check|severity|report_id|source_file|table|section|row|period|expected|found'."""
    return "|".join(
        [
            finding.check, finding.severity, finding.report_id, finding.source_file,
            finding.table_id, finding.section, finding.row, finding.period, finding.expected,
            finding.found,
        ]
    )  # fmt: skip


def checks_of(*observations: Observation, notes: dict[str, str] | None = None) -> list[Finding]:
    """Every finding the checks give on one report made of `observations` (and `notes`)."""
    from extractor.checks.run import run_checks

    return run_checks([make_result(list(observations), notes=notes)])
