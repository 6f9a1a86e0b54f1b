"""Generate one seed's PDF(s) and truth files."""

from __future__ import annotations

import json
import os

from .layout import layout
from .spec import make_spec
from .truth import make_truth

PRODUCERS = ("reportlab", "chromium")


def pick_producer(seed: int, producer: str) -> list[str]:
    if producer == "any":
        return [PRODUCERS[seed % 2]]
    if producer == "both":
        return list(PRODUCERS)
    return [producer]


def write_json(obj, path: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def generate(seed: int, producer: str, out: str, scan: bool = False) -> list[str]:
    """Writes out/gen-<seed>-<producer>.pdf + .truth.json (and -scan variants)."""
    spec = make_spec(seed)
    lay = layout(spec, producer)
    name = f"gen-{seed}-{producer}"
    pdf = os.path.join(out, name + ".pdf")
    if producer == "reportlab":
        from . import render_rl

        render_rl.render(spec, lay, pdf)
    else:
        from . import render_html

        render_html.render(spec, lay, pdf)
    truth = make_truth(spec, lay, producer, name + ".pdf")
    write_json(truth, os.path.join(out, name + ".truth.json"))
    written = [pdf]
    if scan:
        from .scan import scan_pdf

        sname = name + "-scan"
        scan_pdf(pdf, os.path.join(out, sname + ".pdf"), seed)
        st = make_truth(
            spec,
            lay,
            producer,
            sname + ".pdf",
            variant="scan",
            source_variant=truth["report"]["variant"],
        )
        write_json(st, os.path.join(out, sname + ".truth.json"))
        written.append(os.path.join(out, sname + ".pdf"))
    return written
