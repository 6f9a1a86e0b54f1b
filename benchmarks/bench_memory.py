"""Benchmark: memory of the main process of a batch, as the archive grows.

    .venv/bin/python benchmarks/bench_memory.py [--sizes 1000,2000,4000] [--per-issuer 4]
        [--workers N]

Workers hold one file at a time (measured by bench_pipeline.py); this measures
the other process, which writes every output of the whole archive: results,
dataset, checks and exports.  For each size N, in a fresh process:

- N distinct files are made from the bundled reports (a trailing comment makes
  each copy's content its own), and each file's result is put in the cache
  under the file's own key, its issuer renamed so that every `--per-issuer`
  files form one issuer (as in a real archive: one gmina, several years);
- `run_batch` then reads every result from the cache and writes all outputs
  (all formats).  The reading of the PDFs, whose cost does not depend on N per
  file, is left out, so the figure is the main process alone.

Printed per N: the main process's peak resident memory and the seconds the
outputs took (`--workers` processes, default one per core, check issuer groups
side by side; each holds one group of results at a time).  The peak should
not grow with N.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_archive(folder: Path, size: int, per_issuer: int) -> list[Path]:
    """`size` files and a cache holding their results (issuers renamed per group)."""
    from extractor.batch.cache import content_key, store
    from extractor.batch.result_store import relabel
    from extractor.report.pipeline import extract, report_id_for

    sources = sorted((ROOT / "input_pdfs").glob("*.pdf"))
    results = [extract(path) for path in sources]
    out = folder / "out"
    paths = []
    for i in range(size):
        k = i % len(sources)
        path = folder / "in" / f"{i:05d}-{sources[k].name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sources[k].read_bytes() + f"\n%copy {i}\n".encode())
        result = relabel(results[k], path.name, report_id_for(path))
        issuer = f"{result.info.issuer} {i // per_issuer:05d}"
        info = result.info.model_copy(update={"issuer": issuer})
        store(out, content_key(path), result.model_copy(update={"info": info}))
        paths.append(path)
    return paths


def measure(size: int, per_issuer: int, workers: int) -> dict[str, float]:
    """In this process: build, then run the batch; peak memory of the run alone."""
    from extractor.batch.options import BatchOptions
    from extractor.batch.run_batch import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        paths = build_archive(Path(tmp), size, per_issuer)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        options = BatchOptions(workers=workers, quiet=True)
        summary = run_batch(paths, Path(tmp) / "out", options)
        seconds = time.perf_counter() - start
        assert summary.computed == 0 and not summary.failures
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "files": size, "peak_mb": peak, "before_mb": before, "seconds": seconds,
    }  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,2000,4000")
    parser.add_argument("--per-issuer", type=int, default=4)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child's own size
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.per_issuer, args.workers)))
        return 0
    print(f"workers: {args.workers}, {args.per_issuer} reports per issuer")
    print(f"{'files':>6} {'main MB':>8} {'(before run)':>13} {'outputs s':>10}")
    for size in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, "--one", str(size)]
        command += ["--per-issuer", str(args.per_issuer), "--workers", str(args.workers)]
        figure = json.loads(subprocess.run(command, check=True, capture_output=True).stdout)
        print(
            f"{figure['files']:>6} {figure['peak_mb']:>8.0f} {figure['before_mb']:>13.0f}"
            f" {figure['seconds']:>10.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
