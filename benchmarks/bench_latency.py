"""Latency of one small report, end to end, with every default output.

    .venv/bin/python benchmarks/bench_latency.py [--file input_pdfs/kp-2023.pdf]
                                                 [--repeat 10] [--before DIR]

Two measures, each `--repeat` times (the least and the median are printed):

- `cli`: `extractor run FILE -o NEW_FOLDER` in a fresh interpreter, as a user
  types it: interpreter start, imports, reading the file (not cached: a new
  output folder each time), the dataset and checks, every default output (CSV,
  JSON, checks.md, Parquet, DuckDB, Data Package); wall seconds, and the CPU
  seconds of the command and every process it started;
- `warm`: `run_batch([FILE], NEW_FOLDER)` called again in a process that has
  run it once (a notebook, a test suite): what a run costs beyond the imports.

And, for this tree alone, the floor under them: `python -c pass`; an interpreter
that imports the libraries a run needs (typer, pydantic, pypdfium2, pdfplumber,
pyarrow, DuckDB, XlsxWriter; numpy and pandas kept out, as the command line keeps
them) and nothing else; and the reading of the file in a warm process, alone
(`report.pipeline.extract`: no child, no cache, no output).

`--before DIR` measures another source tree as well (e.g. an earlier commit
unpacked with `git archive COMMIT src | tar -x -C /tmp/before`, the compiled
reader copied beside it), with this environment's libraries; the two trees'
runs alternate, so that a machine busy with other work slows both alike.  Both
trees are compiled to bytecode first (`compileall`), as an installed package is:
with PYTHONDONTWRITEBYTECODE set, a tree never imported before would otherwise
compile every module on every run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = "from extractor.cli.main import app; app()"
WARM = """
import sys, tempfile, time
from pathlib import Path
from extractor.batch.options import BatchOptions
from extractor.batch.run_batch import run_batch
path, repeat = Path(sys.argv[1]), int(sys.argv[2])
with tempfile.TemporaryDirectory() as tmp:
    run_batch([path], Path(tmp) / "first", BatchOptions(quiet=True))
    for i in range(repeat):
        started = time.perf_counter()
        run_batch([path], Path(tmp) / f"out{i}", BatchOptions(quiet=True))
        print(time.perf_counter() - started)
"""


def compiled(src: Path) -> None:
    """The tree's bytecode written (imports then read it instead of compiling)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True)


LIBRARIES = """
from extractor.cli.app import KEPT_OUT, keep_out
keep_out(KEPT_OUT)
import typer, pydantic, pypdfium2, pdfplumber, pyarrow.parquet, duckdb, xlsxwriter
"""
READING = """
import sys, time
from pathlib import Path
from extractor.report.pipeline import extract
path, repeat = Path(sys.argv[1]), int(sys.argv[2])
extract(path)
for _ in range(repeat):
    started = time.perf_counter()
    extract(path)
    print(time.perf_counter() - started)
"""


def environment(src: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    return env


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_once(path: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one `extractor run` into a new folder."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-c", CLI, "run", "-q", str(path), "-o", str(Path(tmp) / "o")]
        cpu = children_cpu()
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True)
        return time.perf_counter() - started, children_cpu() - cpu


def warm(path: Path, repeat: int, env: dict[str, str], script: str = WARM) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", script, str(path), str(repeat)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [float(line) for line in done.stdout.split()]


def interpreter(code: str, env: dict[str, str]) -> float:
    """Wall seconds of `python -c CODE`."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return time.perf_counter() - started


def floor(path: Path, repeat: int, env: dict[str, str]) -> list[str]:
    """The floor's lines: interpreter start, the libraries' imports, the reading alone."""
    bare = [interpreter("pass", env) for _ in range(repeat)]
    imports = [interpreter(LIBRARIES, env) for _ in range(repeat)]
    return [
        line("floor: python -c pass", bare),
        line("floor: python importing the libraries of a run", imports),
        line("floor: reading the file in a warm process", warm(path, repeat, env, READING)),
    ]


def line(name: str, values: list[float]) -> str:
    return f"{name}: least {min(values):.3f} s, median {statistics.median(values):.3f} s"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=ROOT / "input_pdfs" / "kp-2023.pdf")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--before", type=Path, help="an earlier source tree to compare")
    args = parser.parse_args(argv)
    trees = {"after": environment(None)}
    if args.before:
        trees = {"before": environment(args.before), **trees}
    print(f"file: {args.file.name}; before: {args.before or '-'}; after: {ROOT / 'src'}")
    for src in filter(None, [args.before, ROOT / "src"]):
        compiled(src)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    for env in trees.values():
        cli_once(args.file, env)  # warm the file system cache
    for _ in range(args.repeat):
        for name, env in trees.items():
            runs[name].append(cli_once(args.file, env))
    warm_runs: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(max(1, args.repeat // 2)):  # alternating too, two runs at a time
        for name, env in trees.items():
            warm_runs[name] += warm(args.file, 2, env)
    for name in trees:
        print(line(f"{name} cli wall", [wall for wall, _ in runs[name]]))
        print(line(f"{name} cli cpu", [cpu for _, cpu in runs[name]]))
        print(line(f"{name} warm wall", warm_runs[name]))
    print("\n".join(floor(args.file, args.repeat, trees["after"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
