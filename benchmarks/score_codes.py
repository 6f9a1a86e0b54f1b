#!/usr/bin/env python3
"""Score indicator codes (`indicator_code` of observations and figures) on generated reports.

    .venv/bin/python benchmarks/score_codes.py --seeds 0-99 [--producer both] [--keep DIR]
        [--output OUT] [--verbose] [--json FILE]

Generates the seed range with tests/layoutgen (or reuses the PDFs and truth in --keep
DIR when they are there), runs `extractor run`, and compares the codes with the truth:

- cells: every truth cell with values, matched to the output as tests/tools/score.py
  matches them (table, section, row, column key) and, among that key's output values,
  the one equal to the truth's first value.  A cell with no such output value is
  *not read* (reading borderless tables is being improved separately): codes are
  scored over the cells that are read, and the unread ones are counted apart;
- figures: every value of every truth `prose_figures` item, matched to an output
  figure of the same file stating that value whose sentence shares the most words
  with the truth text (each output figure used once).

For a coded truth item: *right* (the same code), *wrong* (another code) or *missed*
(no code: a miss, not an error).  accuracy = right / coded items read; wrong = wrong /
coded items read.  For an uncoded truth item a code is *spurious*; output figures with
a code that match no coded truth figure are spurious too.

Seeds 0-499 are for tuning; 10000-10099 are held out: only the aggregate is printed
for them (--verbose is refused)."""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
HELD_OUT = 10000


def load_score() -> Any:
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "tools" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def extractor_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "extractor"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "extractor.cli"]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def words(text: str) -> set[str]:
    return set(re.findall(r"\w{3,}", text.lower()))


class Tally:
    def __init__(self) -> None:
        self.n: Counter[str] = Counter()
        self.wrong: Counter[tuple[str, str]] = Counter()
        self.examples: list[str] = []

    def add(self, truth: str | None, got: str, what: str) -> None:
        if truth:
            kind = "right" if got == truth else "missed" if not got else "wrong"
            self.n[kind] += 1
            if kind != "right":
                self.wrong[(truth, got or "-")] += 1
                self.examples.append(f"{kind}: truth {truth}, got {got or '-'}: {what}")
        else:
            self.n["uncoded"] += 1
            if got:
                self.n["spurious"] += 1
                self.wrong[("-", got)] += 1
                self.examples.append(f"spurious {got}: {what}")

    def line(self, name: str) -> str:
        coded = self.n["right"] + self.n["wrong"] + self.n["missed"]
        acc = self.n["right"] / coded if coded else float("nan")
        wrong = self.n["wrong"] / coded if coded else float("nan")
        return (
            f"{name}: coded={coded} right={self.n['right']} wrong={self.n['wrong']} "
            f"missed={self.n['missed']} accuracy={acc:.4f} wrong_rate={wrong:.4f} "
            f"uncoded={self.n['uncoded']} spurious={self.n['spurious']} "
            f"not_read={self.n['unread_coded']} coded + {self.n['unread_uncoded']} uncoded"
        )


def score_cells(score: Any, truths: dict[str, Any], out: Path, tally: Tally) -> None:
    by_key: dict[str, dict[Any, list[tuple[float, str]]]] = defaultdict(lambda: defaultdict(list))
    for obs in rows(out / "observations.csv"):
        name = Path(obs["source_file"]).name
        value = score.parse_value(obs["value"])
        if name in truths and value is not None:
            by_key[name][score.resolve_key(truths[name], obs)].append(
                (value, obs.get("indicator_code", ""))
            )
    for name, truth in truths.items():
        for key, cell in truth["_keys"].items():
            if not cell["values"]:
                continue
            scale = truth["tables"].get(key[0], {}).get("scale") or 1
            first = cell["values"][0]
            got = [
                c
                for v, c in by_key[name].get(key, [])
                if close(v, first) or close(v, first * scale)
            ]
            code = cell.get("indicator_code")
            if not got:
                tally.n["unread_coded" if code else "unread_uncoded"] += 1
                continue
            where = "/".join(map(str, key))
            what = f"{name} {where} {cell['indicator']!r} | {cell['column_header']!r}"
            tally.add(code, got[0], what)


def score_figures(score: Any, truths: dict[str, Any], out: Path, tally: Tally) -> None:
    figures: dict[str, list[dict[str, str]]] = defaultdict(list)
    for fig in rows(out / "figures.csv"):
        figures[Path(fig["source_file"]).name].append(fig)
    for name, truth in truths.items():
        used: set[int] = set()
        coded_found: set[int] = set()
        for item in truth.get("prose_figures", []):
            codes = item.get("codes") or [None] * len(item["values"])
            for value, code in zip(item["values"], codes, strict=False):
                best, best_i = 0.0, -1
                for i, fig in enumerate(figures[name]):
                    v, scale = float(fig["value"]), float(fig.get("scale") or 1)
                    if i in used or not (close(v, value) or close(v * scale, value)):
                        continue
                    a, b = words(fig["sentence"]), words(item["text"])
                    overlap = len(a & b) / max(1, len(a | b))
                    if overlap > best:
                        best, best_i = overlap, i
                if best_i < 0 or best < 0.2:
                    tally.n["unread_coded" if code else "unread_uncoded"] += 1
                    continue
                used.add(best_i)
                if code:
                    coded_found.add(best_i)
                fig = figures[name][best_i]
                tally.add(code, fig.get("indicator_code", ""), f"{name} {value} {item['text']!r}")
        for i, fig in enumerate(figures[name]):
            if i not in used and fig.get("indicator_code"):
                tally.n["spurious"] += 1
                tally.wrong[("-", fig["indicator_code"])] += 1
                tally.examples.append(
                    f"spurious {fig['indicator_code']}: {name} {fig['value']} {fig['sentence']!r}"
                )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--seeds", default="0-99")
    ap.add_argument("--producer", default="both", choices=["reportlab", "chromium", "any", "both"])
    ap.add_argument("--keep", help="generate into (or reuse) this folder")
    ap.add_argument("--output", help="an existing output folder of those PDFs (no run)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--verbose", "-v", action="store_true", help="list every error")
    ap.add_argument("--json", help="write the totals here")
    a = ap.parse_args(argv)
    from layoutgen.__main__ import parse_seeds

    seeds = parse_seeds(a.seeds)
    if a.verbose and any(s >= HELD_OUT for s in seeds):
        ap.error("held-out seeds (>= 10000) are scored in aggregate only: no --verbose")
    score = load_score()
    tmp = Path(tempfile.mkdtemp(prefix="score-codes-"))
    try:
        data = Path(a.keep) if a.keep else tmp / "pdfs"
        if not any(data.glob("*.truth.json")):
            from layoutgen.__main__ import generate_set

            data.mkdir(parents=True, exist_ok=True)
            generate_set(a.seeds, data, a.producer, a.jobs)
        out = Path(a.output) if a.output else tmp / "out"
        if not a.output:
            subprocess.run(
                extractor_cmd() + ["run", str(data), "-o", str(out), "--quiet"],
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        truths = score.load_truth([str(data)])
        cells, figures = Tally(), Tally()
        score_cells(score, truths, out, cells)
        score_figures(score, truths, out, figures)
        total = Tally()
        total.n = cells.n + figures.n
        print(f"reports={len(truths)} seeds={a.seeds} producer={a.producer}")
        for name, tally in (("cells", cells), ("figures", figures), ("TOTAL", total)):
            print(tally.line(name))
        if a.verbose:
            for name, tally in (("cells", cells), ("figures", figures)):
                print(f"-- {name} errors by (truth, output):", dict(tally.wrong.most_common()))
                for example in tally.examples:
                    print("  ", example)
        if a.json:
            Path(a.json).write_text(
                json.dumps(
                    {k: dict(t.n) for k, t in (("cells", cells), ("figures", figures))}, indent=1
                )
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
