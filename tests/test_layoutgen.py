"""Tests of the layout generator itself (tests/layoutgen): determinism, internal
consistency of the truth, and that the rendered PDFs match it."""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from layoutgen import vocab  # noqa: E402
from layoutgen.generate import generate  # noqa: E402
from layoutgen.layout import layout  # noqa: E402
from layoutgen.spec import make_spec  # noqa: E402
from layoutgen.truth import make_truth  # noqa: E402

SEEDS = list(range(0, 40))
RENDER_SEEDS = [3, 8, 21]

MISSING = {"—", "–", "-", "x", "b.d.", "brak", "nie dotyczy"}
NUM = re.compile(
    r"(?<![\w,.])([+\-\u2212\u2013]?)(\d{1,3}(?:[ \u00a0.]\d{3})+|\d+)(,\d+)?"
    r"(\s*(?:tys\.|mln)\s*zł)?"
)


def parse_raw(raw: str) -> list:
    """Independent reading of a cell: every number in order; thousands by blank,
    no-break space or dot, decimal comma, signs -, −, –, +; 'tys. zł' / 'mln zł'
    multiply; a missing-value token states nothing."""
    if raw.strip() in MISSING:
        return []
    out = []
    for sign, ip, frac, mult in NUM.findall(raw):
        digits = re.sub(r"[ \u00a0.]", "", ip)
        if frac:
            v = float(f"{digits}.{frac[1:]}")
        else:
            v = int(digits)
        if sign and sign != "+":
            v = -v
        if mult:
            v = float(v) * (1000 if "tys" in mult else 1_000_000)
        out.append(v)
    return out


def truth_of(seed: int, producer: str) -> dict:
    spec = make_spec(seed)
    return make_truth(spec, layout(spec, producer), producer, f"gen-{seed}-{producer}.pdf")


@pytest.mark.parametrize("seed", [0, 7])
def test_same_seed_same_spec_and_truth(seed):
    assert make_spec(seed).to_json() == make_spec(seed).to_json()
    for producer in ("reportlab", "chromium"):
        a = json.dumps(truth_of(seed, producer), ensure_ascii=False, sort_keys=True)
        b = json.dumps(truth_of(seed, producer), ensure_ascii=False, sort_keys=True)
        assert a == b


def test_different_seeds_differ():
    assert make_spec(1).to_json() != make_spec(2).to_json()


@pytest.mark.parametrize("seed", SEEDS)
def test_truth_consistent(seed):
    t = truth_of(seed, "reportlab" if seed % 2 else "chromium")
    r = t["report"]
    assert 2012 <= r["report_year"] <= 2025
    assert 2 <= len(t["tables"]) <= 6
    keys = set()
    for c in t["cells"]:
        assert c["table"] in t["tables"]
        k = (c["table"], c["section"] if c["table"] == "1.1" else "", c["row"], c["column_key"])
        assert k not in keys, f"duplicate truth key {k}"
        keys.add(k)
        got = parse_raw(c["raw"])
        assert len(got) == len(c["values"]), (c["raw"], c["values"])
        for a, b in zip(got, c["values"], strict=False):
            assert math.isclose(a, b, rel_tol=1e-9), (c["raw"], c["values"])
            assert isinstance(b, int) == isinstance(a, int), (c["raw"], c["values"])
        assert c["indicator_code"] is None or c["indicator_code"] in vocab.CODES
        for fn in c["footnotes"]:
            assert fn in t["footnotes"]
            a = t["footnote_anchors"][fn]
            assert a["kind"] == "cell" and a["table"] == c["table"] and a["row"] == c["row"]
        assert 1 <= c["page"] <= r["pages"]
        assert c["page"] in t["tables"][c["table"]]["pages"]
    assert set(t["footnote_anchors"]) == set(t["footnotes"])
    for a in t["footnote_anchors"].values():
        if a["kind"] == "caption":
            assert a["table"] in t["tables"]
    # totals
    for key, tb in t["tables"].items():
        if not tb["consistent"]:
            continue
        rows = defaultdict(dict)
        for c in t["cells"]:
            if c["table"] == key:
                rows[c["row"]][c["column_key"]] = c
        totals = [rk for rk in rows if rk in ("razem", "ogolem", "suma")]
        for rk in totals:
            for col, tc in rows[rk].items():
                parts = [
                    rows[x][col]["values"][0]
                    for x in rows
                    if x not in totals and col in rows[x] and rows[x][col]["values"]
                ]
                assert math.isclose(sum(parts), tc["values"][0], rel_tol=1e-9, abs_tol=1e-6), (
                    key,
                    col,
                    parts,
                    tc["raw"],
                )
    # findings point at existing rows
    for f in t["expected_findings"]:
        assert f["table"] in t["tables"]
        rows = {c["row"] for c in t["cells"] if c["table"] == f["table"]}
        assert f["row"] in rows and set(f["rows"]) <= rows
        assert not t["tables"][f["table"]]["consistent"]
    # prose figures restate existing cells
    for pf in t["prose_figures"]:
        assert len(pf["values"]) == len(pf["refs"]) == len(pf["codes"])
        for v, ref in zip(pf["values"], pf["refs"], strict=False):
            if ref is None:
                continue
            cell = next(
                c
                for c in t["cells"]
                if c["table"] == ref["table"]
                and c["row"] == ref["row"]
                and c["column_key"] == ref["column_key"]
            )
            assert math.isclose(cell["values"][0], v, rel_tol=1e-9)
        assert 1 <= pf["page"] <= r["pages"]
    # features
    assert any(f.startswith("producer:") for f in r["features"])
    for tb in t["tables"].values():
        assert set(tb["features"]) <= set(r["features"])


def test_values_and_codes_cover_the_vocabulary():
    codes = set()
    for seed in range(0, 60):
        t = truth_of(seed, "reportlab")
        codes |= {c["indicator_code"] for c in t["cells"] if c["indicator_code"]}
        codes |= {x for pf in t["prose_figures"] for x in pf["codes"] if x}
    assert len(codes) >= 20, sorted(set(vocab.CODES) - codes)


def _page_texts(path: str) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    out = []
    for i in range(len(pdf)):
        left, bottom, right, top = pdf[i].get_mediabox()  # only text a viewer shows
        txt = pdf[i].get_textpage().get_text_bounded(left, bottom, right, top)
        out.append(re.sub(r"\s+", "", txt.replace("\u00a0", " ")))
    pdf.close()
    return out


def _chromium_available() -> bool:
    from layoutgen.render_html import chromium_path

    try:
        chromium_path()
        return True
    except RuntimeError:
        return False


@pytest.mark.parametrize("producer", ["reportlab", "chromium"])
@pytest.mark.parametrize("seed", RENDER_SEEDS)
def test_rendered_pdf_matches_truth(tmp_path, seed, producer):
    if producer == "chromium" and not _chromium_available():
        pytest.skip("no Chromium")
    generate(seed, producer, str(tmp_path))
    name = f"gen-{seed}-{producer}"
    t = json.loads((tmp_path / f"{name}.truth.json").read_text(encoding="utf-8"))
    texts = _page_texts(str(tmp_path / f"{name}.pdf"))
    assert len(texts) == t["report"]["pages"]
    for c in t["cells"]:
        for line in c["raw"].split("\n"):
            needle = re.sub(r"\s+", "", line)
            assert needle in texts[c["page"] - 1], (
                c["table"],
                c["row"],
                c["column_key"],
                line,
                c["page"],
            )
    for tb in t["tables"].values():
        if tb["caption"] and tb["caption_page"]:
            head = re.sub(r"\s+", "", tb["caption"])[:12]
            assert head in texts[tb["caption_page"] - 1]


def test_scan_is_image_only(tmp_path):
    files = generate(5, "reportlab", str(tmp_path), scan=True)
    scan = [f for f in files if f.endswith("-scan.pdf")][0]
    t = json.loads(Path(scan.replace(".pdf", ".truth.json")).read_text(encoding="utf-8"))
    assert t["report"]["variant"] == "scan" and t["report"]["scanned"]
    assert not t["report"]["text_layer"] and t["report"]["source_variant"] == "office"
    texts = _page_texts(scan)
    assert len(texts) == t["report"]["pages"]
    assert all(not x for x in texts)


def test_cli_writes_pairs(tmp_path):
    from layoutgen.__main__ import main

    assert (
        main(
            [
                "generate",
                "--seeds",
                "2-3",
                "--out",
                str(tmp_path),
                "--producer",
                "reportlab",
                "--jobs",
                "1",
                "--quiet",
            ]
        )
        == 0
    )
    names = sorted(os.listdir(tmp_path))
    assert names == [
        "gen-2-reportlab.pdf",
        "gen-2-reportlab.truth.json",
        "gen-3-reportlab.pdf",
        "gen-3-reportlab.truth.json",
    ]
