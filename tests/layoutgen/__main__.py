"""python -m layoutgen generate --seeds 0-49 --out DIR [--producer reportlab|chromium|any|both]
[--scan] [--jobs N]      (run with PYTHONPATH=tests)

    python -m layoutgen spec SEED     prints the spec as JSON"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor


def parse_seeds(s: str) -> list[int]:
    out: list[int] = []
    for part in s.split(","):
        part = part.strip()
        if "-" in part:
            a, b = part.split("-", 1)
            out += list(range(int(a), int(b) + 1))
        elif part:
            out.append(int(part))
    return out


def _one(args):
    from .generate import generate, pick_producer

    seed, producer, out, scan = args
    files = []
    for p in pick_producer(seed, producer):
        files += generate(seed, p, out, scan)
    return files


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        prog="layoutgen", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="write gen-<seed>-<producer>.pdf + .truth.json")
    g.add_argument("--seeds", required=True, help="e.g. 0-49 or 1,5,9-12")
    g.add_argument("--out", required=True)
    g.add_argument(
        "--producer",
        default="any",
        choices=["reportlab", "chromium", "any", "both"],
        help="any: one producer per seed (even seeds reportlab, odd chromium)",
    )
    g.add_argument(
        "--scan",
        action="store_true",
        help="also write an image-only scan of each PDF (gen-…-scan.pdf)",
    )
    g.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    g.add_argument("--quiet", action="store_true")
    s = sub.add_parser("spec", help="print the spec of one seed as JSON")
    s.add_argument("seed", type=int)
    a = ap.parse_args(argv)
    if a.cmd == "spec":
        from .spec import make_spec

        print(make_spec(a.seed).to_json())
        return 0
    t0 = time.time()
    n = generate_set(a.seeds, a.out, a.producer, a.jobs, a.scan)
    if not a.quiet:
        print(
            f"{n} PDFs for {len(parse_seeds(a.seeds))} seeds in {time.time() - t0:.1f}s -> {a.out}",
            file=sys.stderr,
        )
    return 0


def generate_set(seeds: str, out, producer: str = "any", jobs: int = 1, scan: bool = False) -> int:
    """Write the reports (and truths) of `seeds` ("0-49", "1,5,9-12") into `out`;
    returns the number of PDFs written."""
    os.makedirs(out, exist_ok=True)
    work = [(sd, producer, str(out), scan) for sd in parse_seeds(seeds)]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(jobs) as ex:
            return sum(len(files) for files in ex.map(_one, work))
    return sum(len(_one(w)) for w in work)


if __name__ == "__main__":
    sys.exit(main())
