#!/usr/bin/env python3
"""Score the extractor on generated reports, overall and per feature tag.

    .venv/bin/python benchmarks/score_generated.py --seeds 0-99 [--producer both]
        [--scan] [--keep DIR] [--baseline] [--jobs N] [--exclude-letters] [--json FILE]

Generates the seed range with tests/layoutgen into a temporary folder, runs
`extractor run DIR -o OUT --quiet`, scores OUT with tests/tools/score.py and prints
the pooled metrics, then cells_exact per feature tag: over the cells carrying the
tag (a cell carries its own tags, its table's and its document's), and the false
findings (warnings and errors, and how many of them are errors).  --baseline adds,
per tag, the text recall of plain pdfplumber.extract_tables(): the share of truth
cells whose raw text is a cell of a table pdfplumber finds on the truth page.

Seeds 0-499 are for tuning; 10000-10099 are held out: run them only through this
aggregate benchmark."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def load_score():
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def extractor_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "extractor"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("extractor")
    if found:
        return [found]
    return [sys.executable, "-m", "extractor.cli"]


def error_false_findings(score, out: Path, data: Path, exclude: list[str]) -> int:
    """False findings of error severity: the output scored again with only the error
    rows of checks.csv (the other files linked), so the scorer's own matching decides."""
    import csv

    errors = out.parent / "errors-only"
    errors.mkdir()
    for f in out.iterdir():
        if f.name != "checks.csv":
            (errors / f.name).symlink_to(f.resolve())
    checks = out / "checks.csv"
    if checks.exists():
        with checks.open(encoding="utf-8", newline="") as src:
            reader = csv.DictReader(src)
            with (errors / "checks.csv").open("w", encoding="utf-8", newline="") as dst:
                writer = csv.DictWriter(dst, fieldnames=reader.fieldnames or [])
                writer.writeheader()
                writer.writerows(r for r in reader if r.get("severity") == "error")
    res, _ = score.score(errors, [str(data)], exclude=exclude)
    return sum(r["false_findings"] for r in res.values())


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", (s or "").replace("\u00a0", " ")).strip()


def baseline_found(pdf_path: Path, truth: dict) -> dict:
    """(table, section, row, column_key) -> raw text found among pdfplumber table cells."""
    import pdfplumber

    by_page = defaultdict(set)
    with pdfplumber.open(pdf_path) as pdf:
        for i, page in enumerate(pdf.pages, 1):
            try:
                for t in page.extract_tables():
                    for row in t:
                        for c in row:
                            if c:
                                by_page[i].add(norm(c))
            except Exception:  # noqa: BLE001 - a baseline, not the product
                pass
    out = {}
    for c in truth["cells"]:
        out[id(c)] = norm(c["raw"]) in by_page.get(c["page"], set())
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--seeds", default="0-99")
    ap.add_argument("--producer", default="both", choices=["reportlab", "chromium", "any", "both"])
    ap.add_argument("--scan", action="store_true", help="also score the scans")
    ap.add_argument("--keep", help="generate into this folder (kept) instead of a temp dir")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument(
        "--exclude-letters",
        action="store_true",
        help="leave out documents tagged markers:letters (not scoreable)",
    )
    ap.add_argument(
        "--min-cells", type=int, default=1, help="print tags with at least this many cells"
    )
    ap.add_argument("--json", help="write the per-tag results here")
    a = ap.parse_args(argv)
    score = load_score()
    from layoutgen.__main__ import generate_set

    tmp = tempfile.mkdtemp(prefix="score-generated-")
    try:
        data = Path(a.keep) if a.keep else Path(tmp) / "pdfs"
        data.mkdir(parents=True, exist_ok=True)
        out = Path(tmp) / "out"
        t0 = time.time()
        generate_set(a.seeds, data, a.producer, a.jobs, a.scan)
        t_gen = time.time() - t0
        exclude = []
        if a.exclude_letters:
            for p in data.glob("*.truth.json"):
                t = json.loads(p.read_text(encoding="utf-8"))
                if "markers:letters" in t["report"]["features"]:
                    exclude.append(t["report"]["file"])
        t1 = time.time()
        subprocess.run(
            extractor_cmd() + ["run", str(data), "-o", str(out), "--quiet"],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        t_ext = time.time() - t1
        res, extra = score.score(out, [str(data)], exclude=exclude)
        truths = score.load_truth([str(data)])
        tot = defaultdict(int)
        for r in res.values():
            for k in (
                "cells",
                "exact",
                "primary",
                "fn_refs",
                "spurious_values",
                "footnotes",
                "footnote_text_ok",
                "findings_expected",
                "findings_found",
                "false_findings",
                "false_on_clean_cells",
                "prose_values",
                "prose_found",
            ):
                tot[k] += r[k]

        def ratio(x, y):
            return x / y if y else float("nan")

        print(f"generated {len(truths)} PDFs in {t_gen:.1f}s; extractor {t_ext:.1f}s")
        print(
            f"TOTAL reports={len(res)} cells={tot['cells']} "
            f"cells_exact={ratio(tot['exact'], tot['cells']):.3f} "
            f"primary={ratio(tot['primary'], tot['cells']):.3f} "
            f"footnote_refs={ratio(tot['fn_refs'], tot['cells']):.3f} "
            f"footnote_text={ratio(tot['footnote_text_ok'], tot['footnotes']):.3f} "
            f"findings_recall={ratio(tot['findings_found'], tot['findings_expected']):.3f} "
            f"({tot['findings_found']}/{tot['findings_expected']}) "
            f"false_findings={tot['false_findings']} "
            f"(on_clean_cells={tot['false_on_clean_cells']}) "
            f"spurious_values={tot['spurious_values']} "
            f"prose_recall={ratio(tot['prose_found'], tot['prose_values']):.3f}"
        )
        # per cell exactness
        stats = defaultdict(lambda: {"cells": 0, "exact": 0, "docs": set(), "base": 0})
        for name, r in res.items():
            t = truths[name]
            missed = {}
            for m in r["cell_misses"]:
                key = tuple(m["key"])
                c = t["_keys"][key]
                scale = t["tables"].get(key[0], {}).get("scale")
                if not c["values"]:
                    ok = r["in_output"] and not m["got"]
                else:
                    ok = score.values_equal(m["got"], c["values"]) or bool(
                        scale and score.values_equal(m["got"], [v * scale for v in c["values"]])
                    )
                missed[key] = ok
            base = baseline_found(data / name, t) if a.baseline else {}
            doc_tags = set(t["report"].get("doc_features", t["report"]["features"]))
            for key, c in t["_keys"].items():
                ok = missed.get(key, True)
                tags = (
                    doc_tags
                    | set(t["tables"][c["table"]].get("features", []))
                    | set(c.get("features", []))
                )
                tags.add("ALL")
                for tg in tags:
                    s = stats[tg]
                    s["cells"] += 1
                    s["exact"] += ok
                    s["docs"].add(name)
                    s["base"] += bool(base.get(id(c)))
        print()
        hdr = f"{'feature tag':38s} {'docs':>5s} {'cells':>6s} {'exact':>6s}"
        if a.baseline:
            hdr += f" {'pdfplumber':>10s}"
        print(hdr)
        rows = []
        for tg in sorted(stats, key=lambda x: (x != "ALL", x)):
            s = stats[tg]
            if s["cells"] < a.min_cells:
                continue
            line = f"{tg:38s} {len(s['docs']):5d} {s['cells']:6d} {s['exact'] / s['cells']:6.3f}"
            if a.baseline:
                line += f" {s['base'] / s['cells']:10.3f}"
            print(line)
            rows.append(
                {
                    "tag": tg,
                    "docs": len(s["docs"]),
                    "cells": s["cells"],
                    "cells_exact": s["exact"] / s["cells"],
                    **({"pdfplumber_text_recall": s["base"] / s["cells"]} if a.baseline else {}),
                }
            )
        print()
        tot["false_error_findings"] = error_false_findings(score, out, data, exclude)
        false = [(n, r["false_findings"]) for n, r in res.items() if r["false_findings"]]
        print(
            f"false findings: {tot['false_findings']} in {len(false)} reports, "
            f"{tot['false_error_findings']} of them error-level"
            + (": " + ", ".join(f"{n}={k}" for n, k in false) if false else "")
        )
        if a.json:
            Path(a.json).write_text(
                json.dumps({"totals": dict(tot), "tags": rows}, indent=1), encoding="utf-8"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
