#!/usr/bin/env python3
"""Grid-level benchmark: cell-adjacency relations (as in the ICDAR table competitions).

    .venv/bin/python benchmarks/bench_relations.py --seeds 0-99 [--producer both]
        [--data DIR] [--systems extractor,camelot,plumber,plumber_text] [--jobs N]
        [--cache DIR] [--by-tag] [--json FILE] [--show FILE.pdf:PAGE]

Generates the seed range with tests/layoutgen (or reads the PDFs already in --data),
reads every page with each system and compares the tables found with the truth.

A table's relations: every non-empty cell paired with its nearest non-empty
neighbour to the right (in every row it spans) and below (in every column it
spans), as (text, text, direction); texts are every printed character of the
cell (footnote markers included, since the baselines cannot tell them apart),
whitespace removed.  Relations are pooled per page as a multiset; a found
relation is right when the truth of that page has it.  Precision counts every
relation of every table a system finds on a page (prose read as a table costs
precision), recall every relation of every printed table.

The truth grids are the generator's own: its layout of the seed (the same one
the truth files and the PDFs come from) gives every printed table part with its
header rows, cells and spans (`header` / `lp` / `label` / `value` / `group` /
`total` / `category`).  Two scores:

- `all`: every cell of the printed grid;
- `values`: only relations between two value cells (the cells a truth file
  lists with their `raw`), found relations restricted to those whose two texts
  are value texts of that page (so it does not see prose read as tables).

Systems: `extractor` (layout.page -> tables -> cells: the `extractor tables`
level), `camelot` (camelot-py `read_pdf(flavor="stream")`), `plumber`
(pdfplumber `extract_tables()` with its default, ruled, settings) and
`plumber_text` (pdfplumber with the `text` strategy both ways).  Baseline
results are cached by file content in --cache.

Seeds 0-499 are for tuning; 10000-10099 are held out: run them only through
this aggregate benchmark (no --show on them).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SYSTEMS = ("extractor", "camelot", "plumber", "plumber_text")
HELD_OUT = range(10000, 10100)

# A grid: cells as (row, col, rowspan, colspan, text, kind).
Cell = tuple[int, int, int, int, str, str]


@dataclass
class Grid:
    page: int
    cells: list[Cell]
    style: str = ""
    tags: list[str] = field(default_factory=list)


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


# ------------------------------------------------------------------ relations
def relations(grid: Grid, only: set[str] | None = None) -> list[tuple[str, str, str]]:
    """(text, neighbour text, "R"/"D") for every non-empty cell's nearest non-empty
    neighbour right (per spanned row) and below (per spanned column)."""
    occ: dict[tuple[int, int], int] = {}
    for k, (r, c, rs, cs, _, _) in enumerate(grid.cells):
        for i in range(rs):
            for j in range(cs):
                occ.setdefault((r + i, c + j), k)
    texts = [norm(c[4]) for c in grid.cells]
    if not occ:
        return []
    n_rows = max(r for r, _ in occ) + 1
    n_cols = max(c for _, c in occ) + 1
    found: set[tuple[int, int, str]] = set()
    for k, (r, c, rs, cs, _, kind) in enumerate(grid.cells):
        if not texts[k] or (only is not None and kind not in only):
            continue
        for i in range(r, r + rs):
            nxt = first_filled(occ, texts, ((i, x) for x in range(c + cs, n_cols)), k)
            if nxt is not None:
                found.add((k, nxt, "R"))
        for j in range(c, c + cs):
            nxt = first_filled(occ, texts, ((y, j) for y in range(r + rs, n_rows)), k)
            if nxt is not None:
                found.add((k, nxt, "D"))
    out = []
    for a, b, d in sorted(found):
        if only is not None and grid.cells[b][5] not in only:
            continue
        out.append((texts[a], texts[b], d))
    return out


def first_filled(occ, texts, positions: Iterable[tuple[int, int]], own: int) -> int | None:
    for pos in positions:
        k = occ.get(pos)
        if k is not None and k != own and texts[k]:
            return k
    return None


# ------------------------------------------------------------------ truth
def truth_grids(truth: dict) -> list[Grid]:
    """Every printed table part of the generated report, from the generator's layout."""
    from layoutgen.layout import layout
    from layoutgen.spec import make_spec

    seed = truth["report"]["seed"]
    producer = "chromium" if "Chromium" in truth["report"]["producer"] else "reportlab"
    spec = make_spec(seed)
    lay = layout(spec, producer)
    grids = []
    for page in lay.pages:
        for item in page.items:
            if item.kind != "table":
                continue
            t, g = item.data["table"], item.data["geom"]
            cells: list[Cell] = []
            nh = 0
            if item.data["header"]:
                nh = len(g.header_h)
                for gc in g.header:
                    cells.append((gc.row, gc.col, gc.rowspan, gc.colspan, gtext(gc), gc.kind))
            for k, (_, gcs) in enumerate(g.part_cells(item.data["rows"])):
                for gc in gcs:
                    cells.append((nh + k, gc.col, gc.rowspan, gc.colspan, gtext(gc), gc.kind))
            grids.append(Grid(page.number, cells, t.style, list(t.features)))
    return grids


def gtext(gc) -> str:
    return " ".join("".join(text for text, _ in line) for line in gc.lines)


# ------------------------------------------------------------------ systems
def extractor_grids(path: Path) -> list[Grid]:
    from extractor.layout.page import pages_to_layouts
    from extractor.read.document import read_contents
    from extractor.read.pdf import open_document

    doc = open_document(path)
    try:
        layouts = pages_to_layouts(read_contents(doc, None))
    finally:
        doc.close()
    grids = []
    for lay in layouts:
        for table in lay.tables:
            cells: list[Cell] = [
                (cell.row, cell.col, cell.rowspan, cell.colspan, reading_text(cell.chars), "")
                for cell in table.cells
            ]
            grids.append(Grid(lay.number, cells))
    return grids


def reading_text(chars) -> str:
    """Every character of a cell in reading order: lines by baseline (a raised
    superscript, digit or letter, stays on its line), left to right."""
    lines: list[list] = []
    for char in sorted(chars, key=lambda c: (c.baseline, c.x0)):
        if lines and abs(char.baseline - lines[-1][0].baseline) <= 0.5 * max(
            char.size, lines[-1][0].size
        ):
            lines[-1].append(char)
        else:
            lines.append([char])
    return " ".join("".join(c.text for c in sorted(ln, key=lambda c: c.x0)) for ln in lines)


def camelot_grids(path: Path) -> list[Grid]:
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tables = camelot.read_pdf(str(path), flavor="stream", pages="all")
        except Exception:  # noqa: BLE001 - a baseline: a failure is no table
            return []
    grids = []
    for t in tables:
        rows = t.df.values.tolist()
        cells = [(r, c, 1, 1, str(v), "") for r, row in enumerate(rows) for c, v in enumerate(row)]
        grids.append(Grid(int(t.page), cells))
    return grids


TEXT_SETTINGS = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def plumber_grids(path: Path, settings: dict | None = None) -> list[Grid]:
    import pdfplumber

    grids = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            try:
                tables = page.extract_tables(settings) if settings else page.extract_tables()
            except Exception:  # noqa: BLE001 - a baseline: a failure is no table
                continue
            for t in tables:
                cells = [
                    (r, c, 1, 1, v or "", "") for r, row in enumerate(t) for c, v in enumerate(row)
                ]
                grids.append(Grid(number, cells))
    return grids


def system_grids(system: str, path: Path, cache: Path | None) -> tuple[list[Grid], float]:
    key = None
    if cache is not None and system != "extractor":
        digest = hashlib.sha1(path.read_bytes()).hexdigest()
        key = cache / f"{system}-{digest}.json"
        if key.exists():
            data = json.loads(key.read_text(encoding="utf-8"))
            return [Grid(g["page"], [tuple(c) for c in g["cells"]]) for g in data["grids"]], data[
                "seconds"
            ]
    t0 = time.perf_counter()
    if system == "extractor":
        grids = extractor_grids(path)
    elif system == "camelot":
        grids = camelot_grids(path)
    elif system == "plumber":
        grids = plumber_grids(path)
    else:
        grids = plumber_grids(path, TEXT_SETTINGS)
    seconds = time.perf_counter() - t0
    if key is not None:
        key.write_text(
            json.dumps(
                {"seconds": seconds, "grids": [{"page": g.page, "cells": g.cells} for g in grids]},
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    return grids, seconds


# ------------------------------------------------------------------ scoring
@dataclass
class Tally:
    found: int = 0
    truth: int = 0
    right_found: int = 0  # found relations that are right
    right_truth: int = 0  # truth relations that are found

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.truth += other.truth
        self.right_found += other.right_found
        self.right_truth += other.right_truth

    def prf(self) -> tuple[float, float, float]:
        p = self.right_found / self.found if self.found else 1.0
        r = self.right_truth / self.truth if self.truth else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def best_match(grid: Grid, truths: list[Grid]) -> int | None:
    """The truth table sharing most cell texts with a found one (None: shares none)."""
    texts = Counter(norm(c[4]) for c in grid.cells if norm(c[4]))
    best, best_k = 0, None
    for k, t in enumerate(truths):
        overlap = sum((texts & Counter(norm(c[4]) for c in t.cells if norm(c[4]))).values())
        if overlap > best:
            best, best_k = overlap, k
    return best_k


def score_page(found: list[Grid], truths: list[Grid], mode: str) -> dict[str, Tally]:
    """Tallies per tag ("ALL", "style:…", "NO_TABLE" for found tables matching none)."""
    only = {"value"} if mode == "values" else None
    truth_rel = [relations(t, only) for t in truths]
    value_texts = Counter(norm(c[4]) for t in truths for c in t.cells if c[5] == "value")
    found_rel = []
    for g in found:
        rel = relations(g)
        if only is not None:
            rel = [x for x in rel if x[0] in value_texts and x[1] in value_texts]
        found_rel.append(rel)
    pool_truth = Counter(x for rel in truth_rel for x in rel)
    pool_found = Counter(x for rel in found_rel for x in rel)
    tallies: dict[str, Tally] = defaultdict(Tally)

    def tags_of(k: int | None) -> list[str]:
        if k is None:
            return ["ALL", "NO_TABLE"]
        t = truths[k]
        return ["ALL", f"style:{t.style}"] + [x for x in t.tags if not x.startswith("style:")]

    left = Counter(pool_truth)
    for g, rel in zip(found, found_rel, strict=True):
        tags = tags_of(best_match(g, truths))
        for x in rel:
            ok = left[x] > 0
            if ok:
                left[x] -= 1
            for tag in tags:
                tallies[tag].found += 1
                tallies[tag].right_found += ok
    left = Counter(pool_found)
    for k, rel in enumerate(truth_rel):
        tags = tags_of(k)
        for x in rel:
            ok = left[x] > 0
            if ok:
                left[x] -= 1
            for tag in tags:
                tallies[tag].truth += 1
                tallies[tag].right_truth += ok
    return tallies


def score_file(args: tuple[str, list[str], str | None, str | None]) -> dict:
    pdf, systems, cache, show = args
    path = Path(pdf)
    truth = json.loads(path.with_suffix("").with_suffix(".truth.json").read_text("utf-8"))
    truths = truth_grids(truth)
    out: dict = {"file": path.name, "systems": {}}
    for system in systems:
        grids, seconds = system_grids(system, path, Path(cache) if cache else None)
        per_mode = {}
        pages = []
        for mode in ("all", "values"):
            total: dict[str, Tally] = defaultdict(Tally)
            for page in sorted({g.page for g in truths} | {g.page for g in grids}):
                found = [g for g in grids if g.page == page]
                page_truth = [t for t in truths if t.page == page]
                tallies = score_page(found, page_truth, mode)
                for tag, tally in tallies.items():
                    total[tag].add(tally)
                if mode == "all":
                    styles = sorted({t.style for t in page_truth})
                    pages.append((path.name, page, styles, vars(tallies["ALL"])))
            per_mode[mode] = {k: vars(v) for k, v in total.items()}
        out["systems"][system] = {
            "seconds": seconds,
            "tables": len(grids),
            "modes": per_mode,
            "pages": pages,
        }
        if show and show.startswith(path.name + ":"):
            show_page(system, grids, truths, int(show.split(":")[1]))
    return out


def show_page(system: str, grids: list[Grid], truths: list[Grid], page: int) -> None:
    for label, gs in (("truth", truths), (system, grids)):
        for g in gs:
            if g.page != page:
                continue
            print(f"--- {label} page {page} {g.style}")
            rows: dict[int, list[str]] = defaultdict(list)
            for r, c, rs, cs, text, _ in sorted(g.cells):
                span = f"{'^' + str(rs) if rs > 1 else ''}{'>' + str(cs) if cs > 1 else ''}"
                rows[r].append(f"[{c}{span}] {' '.join(text.split())[:40]}")
            for r in sorted(rows):
                print(f"{r:3d}: " + " | ".join(rows[r]))
    tally = score_page(
        [g for g in grids if g.page == page], [t for t in truths if t.page == page], "all"
    )["ALL"]
    p, r, f = tally.prf()
    print(f"page {page} {system}: P={p:.3f} R={r:.3f} F1={f:.3f}")


# ------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--seeds", default="0-99")
    ap.add_argument("--producer", default="both", choices=["reportlab", "chromium", "any", "both"])
    ap.add_argument("--data", help="read (generating when empty) the PDFs in this folder")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument(
        "--cache",
        default=str(Path(tempfile.gettempdir()) / "bench-relations"),
        help="baseline results by file content ('' for none)",
    )
    ap.add_argument("--by-tag", action="store_true", help="also P/R/F1 per feature tag")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--show", help="FILE.pdf:PAGE: print found and truth grids of one page")
    ap.add_argument(
        "--worst",
        type=int,
        default=0,
        help="list the N pages where the first system does worst (tuning seeds)",
    )
    a = ap.parse_args(argv)
    from layoutgen.__main__ import parse_seeds

    seeds = parse_seeds(a.seeds)
    if a.show and any(s in HELD_OUT for s in seeds):
        ap.error("held-out seeds are for the aggregate run only")
    systems = [s for s in a.systems.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="bench-relations-") as tmp:
        data = Path(a.data) if a.data else Path(tmp)
        if not any(data.glob("*.pdf")):
            from layoutgen.__main__ import generate_set

            generate_set(a.seeds, data, a.producer, a.jobs)
        wanted = {str(s) for s in seeds}
        pdfs = sorted(
            p
            for p in data.glob("gen-*.pdf")
            if p.stem.split("-")[1] in wanted and not p.stem.endswith("-scan")
        )
        if a.cache:
            Path(a.cache).mkdir(parents=True, exist_ok=True)
        jobs = [(str(p), systems, a.cache or None, a.show) for p in pdfs]
        if a.show:
            jobs = [j for j in jobs if a.show.startswith(Path(j[0]).name + ":")]
            results = [score_file(j) for j in jobs]
        else:
            with ProcessPoolExecutor(max(1, a.jobs)) as ex:
                results = list(ex.map(score_file, jobs))
    report(results, systems, a.by_tag, a.json)
    if a.worst and not any(s in HELD_OUT for s in seeds):
        worst(results, systems[0], a.worst)
    return 0


def worst(results: list[dict], system: str, n: int) -> None:
    rows = []
    for res in results:
        for name, page, styles, tally in res["systems"][system]["pages"]:
            t = Tally(**tally)
            p, r, f = t.prf()
            rows.append((f, name, page, styles, p, r, t.found, t.truth))
    print(f"\nworst pages ({system})")
    for f, name, page, styles, p, r, found, truth in sorted(rows)[:n]:
        print(
            f"{name}:{page:<3d} F1={f:.3f} P={p:.3f} R={r:.3f} found={found} truth={truth} "
            f"{','.join(styles)}"
        )


def report(results: list[dict], systems: list[str], by_tag: bool, json_path: str | None) -> None:
    totals: dict = {}
    for system in systems:
        totals[system] = {"seconds": 0.0, "tables": 0, "modes": {}}
        for res in results:
            s = res["systems"][system]
            totals[system]["seconds"] += s["seconds"]
            totals[system]["tables"] += s["tables"]
            for mode, tags in s["modes"].items():
                bucket = totals[system]["modes"].setdefault(mode, defaultdict(Tally))
                for tag, tally in tags.items():
                    bucket[tag].add(Tally(**tally))
    print(f"{len(results)} files")
    for mode in ("all", "values"):
        print(f"\nrelations: {mode}")
        print(
            f"{'system':14s} {'P':>6s} {'R':>6s} {'F1':>6s} {'found':>7s} {'truth':>7s} "
            f"{'tables':>6s} {'s/file':>7s}"
        )
        for system in systems:
            t = totals[system]["modes"][mode]["ALL"]
            p, r, f = t.prf()
            print(
                f"{system:14s} {p:6.3f} {r:6.3f} {f:6.3f} {t.found:7d} {t.truth:7d} "
                f"{totals[system]['tables']:6d} "
                f"{totals[system]['seconds'] / max(1, len(results)):7.3f}"
            )
    if by_tag:
        for mode in ("all",):
            tags = sorted(
                {k for s in systems for k in totals[s]["modes"][mode]},
                key=lambda x: (x != "ALL", not x.startswith("style:"), x),
            )
            print(f"\nF1 per tag ({mode}; P/R for the extractor)")
            print(f"{'tag':32s}" + "".join(f"{s[:12]:>13s}" for s in systems) + "   P_ext  R_ext")
            for tag in tags:
                if tag == "NO_TABLE":
                    print(
                        f"{tag:32s}"
                        + "".join(
                            f"{totals[s]['modes'][mode].get(tag, Tally()).found:13d}"
                            for s in systems
                        )
                        + "   (relations found outside any truth table)"
                    )
                    continue
                line = f"{tag:32s}"
                for system in systems:
                    t = totals[system]["modes"][mode].get(tag, Tally())
                    line += f"{t.prf()[2]:13.3f}"
                ext = totals[systems[0]]["modes"][mode].get(tag, Tally())
                p, r, _ = ext.prf()
                print(line + f"  {p:6.3f} {r:6.3f}")
    if json_path:
        Path(json_path).write_text(
            json.dumps(
                {
                    s: {
                        "seconds": totals[s]["seconds"],
                        "tables": totals[s]["tables"],
                        "modes": {
                            m: {k: vars(v) for k, v in tags.items()}
                            for m, tags in totals[s]["modes"].items()
                        },
                        "pages": [p for res in results for p in res["systems"][s]["pages"]],
                    }
                    for s in systems
                },
                indent=1,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    sys.exit(main())
