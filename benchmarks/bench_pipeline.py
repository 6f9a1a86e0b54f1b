"""Benchmark: the batch pipeline against camelot, pdfplumber and bare text extraction.

    .venv/bin/python benchmarks/bench_pipeline.py [--files 200] [--subset 10]

The bundled reports (input_pdfs/*.pdf) are replicated to `--files` distinct
files (a trailing comment makes each copy's content, so its cache key, its
own) in a temporary folder.  Measured, in pages per second:

- the pipeline: `run_batch` with 1 and 2 workers on every file (cold cache,
  outputs written, consolidation and checks included), with the peak resident
  memory of one file's worker process;
- the same pipeline in one process on the `--subset` first files, and on the
  same subset camelot `read_pdf(flavor="lattice")` and pdfplumber
  `extract_tables()` (the slow baselines), each in a fresh process;
- the floor: pypdfium2 text extraction of every page of every file.

Camelot and pdfplumber are optional (`pip install camelot-py`); a missing one is
reported as such.  The figures depend on the machine: run it on an idle one.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from extractor.batch.options import BatchOptions
from extractor.batch.run_batch import run_batch

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"camelot": 10.0, "floor": 1 / 3, "rss_mb": 300.0}


@dataclass(frozen=True)
class Figure:
    name: str
    files: int
    pages: int
    seconds: float
    rss_mb: float
    cpu_seconds: float = 0.0  # of the processes doing the work; 0 if not known

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        """Pages per CPU second: what the work costs, whatever else runs on the machine."""
        return self.pages / self.cpu_seconds if self.cpu_seconds else 0.0


def replicate(folder: Path, count: int) -> list[Path]:
    sources = sorted((ROOT / "input_pdfs").glob("*.pdf"))
    paths = []
    for i in range(count):
        source = sources[i % len(sources)]
        path = folder / f"{i:04d}-{source.name}"
        path.write_bytes(source.read_bytes() + f"\n%copy {i}\n".encode())
        paths.append(path)
    return paths


def own_usage() -> tuple[float, float]:
    """(peak RSS in MB, CPU seconds) of this process."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_maxrss / 1024, own.ru_utime + own.ru_stime


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


# ----------------------------------------------- measures (each in a fresh process)


def bare_text(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    pages = 0
    for page in doc:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
        pages += 1
    doc.close()
    return pages


def pipeline_in_process(path: Path) -> int:
    from extractor.report.pipeline import extract_safely

    return extract_safely(path).info.pages


def pipeline_ctypes_reader(path: Path) -> int:
    """The pipeline with the compiled bulk reader switched off (pure ctypes)."""
    os.environ["EXTRACTOR_READER"] = "ctypes"
    return pipeline_in_process(path)


def camelot_lattice(path: Path) -> int:
    import camelot

    camelot.read_pdf(str(path), flavor="lattice", pages="all")  # type: ignore[attr-defined]
    return page_count(path)


def pdfplumber_tables(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
        return len(pdf.pages)


def timed(fn: Callable[[Path], int], paths: list[Path]) -> tuple[int, float, float, float]:
    """Runs in the measuring process: pages, wall seconds, peak MB, CPU seconds."""
    fn(paths[0])  # imports and first-call set-up are not measured
    _, cpu_before = own_usage()
    started = time.perf_counter()
    pages = sum(fn(path) for path in paths)
    seconds = time.perf_counter() - started
    rss, cpu_after = own_usage()
    return pages, seconds, rss, cpu_after - cpu_before


def measure(name: str, fn: Callable[[Path], int], paths: list[Path]) -> Figure | None:
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        try:
            pages, seconds, rss, cpu = pool.submit(timed, fn, paths).result()
        except ImportError as exc:
            print(f"  {name}: skipped ({exc})")
            return None
    return Figure(name, len(paths), pages, seconds, rss, cpu)


def batch(paths: list[Path], workers: int, out: Path) -> tuple[Figure, Figure]:
    """The whole batch, and its reading phase alone (no writing, consolidation, checks)."""
    started = time.perf_counter()
    options = BatchOptions(workers=workers, quiet=True, formats="csv,json")
    summary = run_batch(paths, out, options)
    seconds = time.perf_counter() - started
    assert summary.computed == len(paths) and not summary.failures
    files, pages, rss, cpu = len(paths), summary.pages, summary.peak_rss_mb, summary.cpu_seconds
    whole = Figure(f"pipeline batch, {workers} worker(s)", files, pages, seconds, rss)
    reading = Figure(
        f"  reading only, {workers} worker(s)", files, pages, summary.read_seconds, rss, cpu
    )
    return whole, reading


# ------------------------------------------------------------------ report


def show(figures: list[Figure]) -> None:
    head = f"{'measure':40} {'files':>5} {'pages':>6} {'wall s':>7} {'pages/s':>8}"
    print(f"\n{head} {'pages/CPU-s':>11} {'peak MB':>8}")
    for f in figures:
        cpu = f"{f.cpu_rate:11.1f}" if f.cpu_seconds else f"{'-':>11}"
        line = f"{f.name:40} {f.files:5d} {f.pages:6d} {f.seconds:7.2f} {f.rate:8.1f}"
        print(f"{line} {cpu} {f.rss_mb:8.0f}")


def ratio_line(label: str, wall: float, cpu: float, target: str = "") -> None:
    print(f"  {label:44} {wall:7.2f}x wall  {cpu:7.2f}x CPU  {target}")


def ratios(by: dict[str, Figure]) -> None:
    read1, read2, floor = by["read1"], by["read2"], by["floor"]
    print("\nratios (wall: pages/s; CPU: pages per CPU second, robust to a busy machine)")
    ratio_line("2 workers vs 1 (whole batch)", by["batch2"].rate / by["batch1"].rate, 1.0)
    ratio_line("2 workers vs 1 (reading)", read2.rate / read1.rate, read2.cpu_rate / read1.cpu_rate)
    ratio_line(
        "bare pypdfium2 text vs pipeline reading",
        floor.rate / read1.rate,
        floor.cpu_rate / read1.cpu_rate,
        "(slower by; target <= 3x)",
    )
    mine = by.get("mine")
    for key, label in (("camelot", "camelot lattice"), ("pdfplumber", "pdfplumber tables")):
        if key in by and mine is not None:
            other = by[key]
            target = "(faster by; target >= 10x)" if key == "camelot" else "(faster by)"
            wall, cpu = mine.rate / other.rate, mine.cpu_rate / other.cpu_rate
            ratio_line(f"pipeline vs {label} (same subset)", wall, cpu, target)
    peak = max(read1.rss_mb, read2.rss_mb)
    print(f"  peak RSS of one file's worker process: {peak:.0f} MB (target <= 300 MB)")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--subset", type=int, default=25, help="files for the slow baselines")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    from extractor.read.pdf import compiled_reader

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or '-'}"
        f", Python {platform.python_version()}"
    )
    reader = "compiled (extractor._pdfium_fast)" if compiled_reader() else "ctypes (not built)"
    print(f"character reader: {reader}")
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        paths = replicate(Path(tmp), args.files)
        subset = paths[: args.subset]
        by: dict[str, Figure] = {}
        by["batch1"], by["read1"] = batch(paths, 1, Path(tmp) / "out1")
        by["batch2"], by["read2"] = batch(paths, 2, Path(tmp) / "out2")
        floor = measure("bare pypdfium2 text", bare_text, paths)
        assert floor is not None, "pypdfium2 is a dependency"
        by["floor"] = floor
        for key, name, fn in (
            ("mine", "pipeline, 1 process (subset)", pipeline_in_process),
            ("ctypes", "  same, ctypes reader (subset)", pipeline_ctypes_reader),
            ("camelot", "camelot lattice (subset)", camelot_lattice),
            ("pdfplumber", "pdfplumber extract_tables (subset)", pdfplumber_tables),
        ):
            figure = measure(name, fn, subset)
            if figure is not None:
                by[key] = figure
        show(list(by.values()))
        ratios(by)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
