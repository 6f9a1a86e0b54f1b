"""Peak memory of every command on a file with a giant page.

    .venv/bin/python benchmarks/bench_giant_page.py [--width 14400 --height 14400]
                                                    [--memory-limit MB]

The file: kp-2023.pdf with one blank page of `--width` x `--height` points
appended (14400 x 14400 pt, PDF's largest page, is about 24 GB of pixels at
the 300 dpi OCR renders at).  Each command runs in a process of its own; its
peak is the largest resident set of that process and every process it started
(`RUSAGE_CHILDREN`), with its exit code and what it printed on stderr.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "input_pdfs" / "kp-2023.pdf"
CLI = "from extractor.cli.main import app; app()"
MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(done.returncode, peak, (done.stderr.strip().splitlines() or [""])[-1], sep="\\t")
"""


def giant_pdf(folder: Path, width: float, height: float) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(GOOD))
    writer.add_blank_page(width=width, height=height)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = folder / "giant.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def measure(command: list[str]) -> tuple[int, float, str, float]:
    """(exit code, peak MB, last stderr line, seconds) of `command`."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    code, peak, last = done.stdout.rstrip("\n").split("\t", 2)
    return int(code), int(peak) / 1024, last, time.monotonic() - started


def commands(pdf: Path, out: Path, limit: list[str]) -> dict[str, list[str]]:
    cli = [sys.executable, "-c", CLI]
    api = "import sys, extractor; r = extractor.extract(sys.argv[1]); print(r.info.status)"
    return {
        "run": [*cli, "run", "-q", str(pdf), "-o", str(out), *limit],
        "tables": [*cli, "tables", str(pdf), *limit],
        "inspect (the giant page)": [
            *cli, "inspect", str(pdf), "--page", "10", "-o", str(out / "p10.png"), *limit
        ],
        "inspect (page 3)": [*cli, "inspect", str(pdf), "--page", "3", "-o", str(out / "p3.png")],
        "check": [*cli, "check", str(out)],
        "report": [*cli, "report", str(out)],
        "extract() (Python API)": [sys.executable, "-c", api, str(pdf)],
    }  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--width", type=float, default=14400)
    parser.add_argument("--height", type=float, default=14400)
    parser.add_argument("--memory-limit", type=int, help="MB (default: the commands' own)")
    args = parser.parse_args(argv)
    limit = ["--memory-limit", str(args.memory_limit)] if args.memory_limit else []
    with tempfile.TemporaryDirectory(prefix="extractor-giant-") as tmp:
        pdf = giant_pdf(Path(tmp), args.width, args.height)
        print(f"file: kp-2023.pdf + a {args.width:g} x {args.height:g} pt page")
        print("| command | exit | peak memory | seconds | stderr (last line) |")
        print("|---|---|---|---|---|")
        for name, command in commands(pdf, Path(tmp) / "out", limit).items():
            code, peak, last, seconds = measure(command)
            print(f"| {name} | {code} | {peak:.0f} MB | {seconds:.1f} | {last[:90]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
