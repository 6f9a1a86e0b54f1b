"""Truth in the corpus format, derived from the spec and the layout (never from the PDF)."""

from __future__ import annotations

import re

from . import fonts
from .layout import Layout
from .model import ReportSpec, TableSpec

NUMBERED = {
    "tabela_dot",
    "tabela_nr",
    "tabela_colon",
    "tabela_dash",
    "tab_dotted",
    "zestawienie",
    "wykaz",
    "zalacznik",
}
PRODUCER = {
    "reportlab": "reportlab canvas + platypus Paragraph (layoutgen)",
    "chromium": "Chromium headless --print-to-pdf (HTML+CSS, layoutgen)",
}


def table_keys(spec: ReportSpec, lay: Layout) -> dict:
    """uid -> truth table key: the printed id, or "<page>.<k>" for a table without a
    numbered caption (k: order of the tables starting on that page, top to bottom then
    left to right, all tables counted)."""
    keys = {}
    by_page: dict[int, list] = {}
    for t in spec.tables():
        page, y, x = lay.table_start[t.uid]
        by_page.setdefault(page, []).append((round(y, 1), round(x, 1), t.uid))
    order = {}
    for page, lst in by_page.items():
        for k, (_, _, uid) in enumerate(sorted(lst), 1):
            order[uid] = (page, k)
    for t in spec.tables():
        if t.caption_kind in NUMBERED:
            keys[t.uid] = t.caption_id
        else:
            page, k = order[t.uid]
            keys[t.uid] = f"{page}.{k}"
    assert len(set(keys.values())) == len(keys), keys
    return keys


def _section(t: TableSpec, sec: str) -> str:
    """The truth section: the group's number where the group row is numbered with
    digits ("1. zwiększenie …"), else ""."""
    if not sec:
        return ""
    for r in t.rows:
        if r.kind == "group" and r.section == sec:
            m = re.match(r"\s*(\d+)", r.label)
            return m.group(1) if m else ""
    return ""


def layout_table_tags(t: TableSpec, lay: Layout) -> set:
    pages = lay.table_pages[t.uid]
    tags = set()
    if len(pages) > 1:
        tags |= {
            "page:table_continues",
            "page:repeat_header" if t.repeat_header else "page:no_repeat_header",
        }
    if lay.caption_page.get(t.uid) and lay.caption_page[t.uid] < pages[0]:
        tags.add("caption:prev_page")
    elif t.caption_prev_page:
        pass
    if any(lay.pages[p - 1].landscape for p in pages):
        tags.add("page:landscape")
    return tags


def make_truth(
    spec: ReportSpec,
    lay: Layout,
    producer: str,
    file: str,
    variant: str | None = None,
    source_variant: str | None = None,
) -> dict:
    keys = table_keys(spec, lay)
    st = spec.style
    variant = variant or ("office" if producer == "reportlab" else "web")
    scanned = variant == "scan"
    doc_tags = set(spec.features) | {f"producer:{producer}", f"variant:{variant}"}
    if any(p.landscape for p in lay.pages):
        doc_tags.add(
            {
                "mediabox": "page:landscape_mediabox",
                "rotate90": "page:rotate90",
                "matrix": "page:rotated_matrix",
            }[st.landscape_mode]
        )
    tables = {}
    cells = []
    all_tags = set(doc_tags)
    for t in spec.tables():
        key = keys[t.uid]
        ttags = set(t.features) | layout_table_tags(t, lay)
        ttags = {
            x
            for x in ttags
            if not (
                x == "caption:prev_page"
                and lay.caption_page.get(t.uid) == lay.table_pages[t.uid][0]
            )
        }
        if not t.caption_prev_page:
            ttags.discard("caption:prev_page")
        landscape_tags = {"page:landscape_mediabox", "page:rotate90", "page:rotated_matrix"}
        if not any(lay.pages[p - 1].landscape for p in lay.table_pages[t.uid]):
            ttags -= landscape_tags
        ttags.discard("page:landscape")
        all_tags |= ttags
        notes = [
            m.key
            for r in t.rows
            for _, c in sorted(r.cells.items())
            for m in c.markers
            if m.dest == "table"
        ]
        groups = []
        for ci, c in enumerate(t.columns):
            if c.group and (not groups or groups[-1]["header"] != c.group):
                groups.append({"header": c.group, "columns": []})
            if c.group:
                groups[-1]["columns"].append(c.key if c.kind == "value" else t.full_header(ci))
        entry = {
            "caption": t.caption_text,
            "caption_page": lay.caption_page.get(t.uid),
            "pages": lay.table_pages[t.uid],
            "header": [t.full_header(i) for i in range(len(t.columns))],
            "caption_position": t.caption_pos if t.caption_kind != "none" else None,
            "caption_kind": t.caption_kind,
            "style": t.style,
            "template": t.template,
            "consistent": t.consistent,
            "features": sorted(ttags),
        }
        if notes:
            entry["notes"] = notes
        if groups:
            entry["header_groups"] = groups
        if t.scale:
            entry["unit"], entry["scale"] = t.unit, t.scale
        tables[key] = entry
        for ri, r in enumerate(t.rows):
            if r.kind == "group":
                continue
            label = " ".join(r.label_lines) if r.label_lines else r.label
            for ci, c in sorted(r.cells.items()):
                col = t.columns[ci]
                cells.append(
                    {
                        "table": key,
                        "section": _section(t, r.section),
                        "row": r.key,
                        "column_key": col.key,
                        "raw": c.raw,
                        "values": c.values,
                        "footnotes": [m.key for m in c.markers],
                        "page": lay.row_page[(t.uid, ri)],
                        "indicator": label,
                        "column_header": t.full_header(ci),
                        "indicator_code": c.code,
                        "features": sorted(set(c.features)),
                    }
                )
    anchors = {}
    for b in spec.blocks:
        ms = [s.marker for s in b.segs if s.marker]
        for t in b.tables:
            ms += t.caption_markers + [
                m for r in t.rows for c in r.cells.values() for m in c.markers
            ]
        for m in ms:
            a = dict(m.anchor)
            if "table_uid" in a:
                a["table"] = keys[a.pop("table_uid")]
                if a["kind"] == "cell":
                    tb = next(x for x in spec.tables() if keys[x.uid] == a["table"])
                    a["section"] = _section(tb, a["section"])
            anchors[m.key] = a
    findings = []
    for f in spec.findings:
        findings.append(
            {
                "check": f["check"],
                "table": keys[f["table_uid"]],
                "section": "",
                "row": f["row"],
                "rows": f["rows"],
                "period": f["period"],
                "periods": [f["period"]],
                "detail": f["detail"],
                "required": True,
                "counterparts": [],
            }
        )
    fig_page = {}
    for bi, b in enumerate(spec.blocks):
        for fid in b.figures:
            fig_page[fid] = lay.block_page[bi]
    figures = []
    for f in spec.figures:
        refs = []
        for r in f.refs:
            if r is None:
                refs.append(None)
            else:
                refs.append(
                    {"table": keys[r["table_uid"]], "row": r["row"], "column_key": r["column_key"]}
                )
        figures.append(
            {
                "id": f.id,
                "text": f.text,
                "values": f.values,
                "refs": refs,
                "codes": f.codes,
                "page": fig_page[f.id],
            }
        )
    tsize = min((t.font_size for t in spec.tables()), default=9)
    font = f"{fonts.LABEL[st.font]} {st.size}pt (tables {tsize}pt, footnotes {st.note_size}pt); A4"
    report = {
        "id": spec.report_id,
        "file": file,
        "jst": spec.jst,
        "programme": spec.programme,
        "report_year": spec.report_year,
        "baseline_year": spec.baseline_year,
        "periods": spec.periods,
        "synthetic": True,
        "variant": variant,
        "source_variant": source_variant,
        "scanned": scanned,
        "text_layer": not scanned,
        "producer": PRODUCER[producer] + (" -> scan" if scanned else ""),
        "font": font,
        "pages": len(lay.pages),
        "title": spec.title,
        "seed": spec.seed,
        "features": sorted(all_tags | ({"variant:scan"} if scanned else set())),
        "doc_features": sorted(doc_tags | ({"variant:scan"} if scanned else set())),
    }
    return {
        "report": report,
        "tables": tables,
        "cells": cells,
        "footnotes": dict(spec.footnotes),
        "footnote_anchors": anchors,
        "expected_findings": findings,
        "prose_figures": figures,
    }
