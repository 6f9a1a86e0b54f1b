"""Fuzzing: mutated bytes of the bundled reports through `extract_safely`.

    .venv/bin/python benchmarks/fuzz.py [-n 10000] [--seed 0] [--workers N]
                                        [--time-limit 20] [--memory-limit 1024]
                                        [--ocr] [--keep DIR]

Each input is a bundled PDF (input_pdfs/, tests/fixtures/) changed by one to
three random mutations: byte and bit flips, truncation, deleted, duplicated or
spliced chunks, numbers replaced in the object syntax (lengths, offsets,
object numbers), keywords swapped, and content streams inflated, mutated and
stored again.  Every input runs in an isolated child process with a time
and a memory limit (`extractor.batch.isolation`), so a hang or a crash is counted,
not fatal.  OCR is off unless --ocr (a mutated page without text would be sent
to Tesseract, seconds per page).

Counted: `unhandled` = an exception escaped `extract_safely`; `crashes` = a
child died (signal, exit); `timeouts` = over the time limit; `internal
errors` = exceptions `extract_safely` caught and reported as an internal error
(bugs in a stage, but handled: the file fails with a message).  Exit code 1
when unhandled + crashes + timeouts > 0 (with --strict: internal errors too).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from extractor.batch.futures_loop import Outcome
from extractor.batch.isolation import run_isolated
from extractor.batch.options import Limits
from extractor.model.records import ReportResult
from extractor.report.pipeline import extract_safely

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "input_pdfs").glob("*.pdf")) + sorted(
    (ROOT / "tests/fixtures").glob("*.pdf")
)
KEYWORDS = [b"obj", b"endobj", b"stream", b"endstream", b"xref", b"trailer", b"startxref",
            b"/Length", b"/Type", b"/Page", b"/Pages", b"/Kids", b"/Count", b"/Font",
            b"/Filter", b"/FlateDecode", b"/XObject", b"R", b"<<", b">>", b"[", b"]",
            b"BT", b"ET", b"Tj", b"TJ", b"Tf", b"re", b"cm", b"Do", b"q", b"Q"]  # fmt: skip
NUMBERS = [b"0", b"-1", b"1", b"2147483647", b"4294967296", b"99999999999", b"-99999", b"1e308"]
STREAM = re.compile(rb"stream\r?\n")


def extract_without_ocr(path: Path) -> ReportResult:
    """The pipeline with OCR switched off (runs in the child)."""
    from extractor.read import document

    document.page_needs_ocr = lambda page: False
    return extract_safely(path)


# ----------------------------------------------------------------- mutations


def flip_bytes(rng: random.Random, data: bytearray) -> bytearray:
    for _ in range(rng.randint(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return data


def flip_bits(rng: random.Random, data: bytearray) -> bytearray:
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(data))
        data[i] ^= 1 << rng.randrange(8)
    return data


def truncate(rng: random.Random, data: bytearray) -> bytearray:
    return data[: rng.randrange(len(data))]


def delete_chunk(rng: random.Random, data: bytearray) -> bytearray:
    start = rng.randrange(len(data))
    del data[start : start + rng.randint(1, 4096)]
    return data


def duplicate_chunk(rng: random.Random, data: bytearray) -> bytearray:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 4096)]
    at = rng.randrange(len(data))
    data[at:at] = chunk * rng.choice([1, 2, 16])
    return data


def splice(rng: random.Random, data: bytearray) -> bytearray:
    other = rng.choice(SEEDS).read_bytes()
    cut = rng.randrange(len(data))
    return data[:cut] + other[rng.randrange(len(other)) :]


def replace_number(rng: random.Random, data: bytearray) -> bytearray:
    spans = [m.span() for m in re.finditer(rb"(?<![\w.])\d+(?![\w.])", data[:200_000])]
    for _ in range(rng.randint(1, 5)):
        if spans:
            start, end = rng.choice(spans)
            data[start:end] = rng.choice(NUMBERS)
    return data


def swap_keyword(rng: random.Random, data: bytearray) -> bytearray:
    old, new = rng.choice(KEYWORDS), rng.choice(KEYWORDS)
    positions = [m.start() for m in re.finditer(re.escape(old), data)]
    if positions:
        at = rng.choice(positions)
        data[at : at + len(old)] = new
    return data


def mutate_stream(rng: random.Random, data: bytearray) -> bytearray:
    """Inflate one compressed stream, mutate its content, store it uncompressed."""
    starts = [m.end() for m in STREAM.finditer(data)]
    if not starts:
        return flip_bytes(rng, data)
    start = rng.choice(starts)
    end = data.find(b"endstream", start)
    try:
        inner = bytearray(zlib.decompressobj().decompress(bytes(data[start:end]), 1 << 24))
    except zlib.error:
        return flip_bytes(rng, data)
    if not inner:
        return data
    inner = rng.choice([flip_bytes, replace_number, duplicate_chunk, swap_keyword])(rng, inner)
    return data[:start] + inner + b"\n" + data[end:]


MUTATORS: list[Callable[[random.Random, bytearray], bytearray]] = [
    flip_bytes, flip_bits, truncate, delete_chunk, duplicate_chunk, splice,
    replace_number, swap_keyword, mutate_stream, mutate_stream,
]  # fmt: skip


def mutated(seed: int, index: int) -> bytes:
    rng = random.Random(seed * 1_000_003 + index)
    data = bytearray(rng.choice(SEEDS).read_bytes())
    for _ in range(rng.randint(1, 3)):
        if not data:
            break
        data = rng.choice(MUTATORS)(rng, data)
    return bytes(data)


def inputs(folder: Path, count: int, seed: int) -> Iterator[tuple[str, Path]]:
    for index in range(count):
        path = folder / f"fuzz-{index:06d}.pdf"
        path.write_bytes(mutated(seed, index))
        yield str(index), path


# ------------------------------------------------------------------- the run


class Tally:
    def __init__(self) -> None:
        self.status: Counter[str] = Counter()
        self.internal: Counter[str] = Counter()
        self.problems: Counter[str] = Counter()
        self.seconds: list[float] = []
        self.flagged: list[tuple[str, str]] = []

    def add(self, outcome: Outcome) -> bool:
        """Count one outcome; True when the input should be kept for a look."""
        self.seconds.append(outcome.seconds)
        if outcome.result_json is None:
            reason = outcome.failure or "no result"
            kind = "timeouts" if "time limit" in reason else "crashes"
            kind = "unhandled" if reason.startswith("worker error") else kind
            self.problems[kind] += 1
            self.flagged.append((outcome.key, reason))
            return True
        result = ReportResult.model_validate_json(outcome.result_json)
        self.status[result.info.status] += 1
        internal = [i.message for i in result.info.issues if "internal error" in i.message]
        for message in internal:
            self.internal[re.sub(r"\d+", "N", message)[:120]] += 1
        return bool(internal)

    def report(self, count: int, elapsed: float) -> None:
        ordered = sorted(self.seconds)
        figures = {
            "inputs": count,
            "ok": self.status["ok"],
            "partial": self.status["partial"],
            "failed": self.status["failed"],
            "unhandled": self.problems["unhandled"],
            "crashes": self.problems["crashes"],
            "timeouts": self.problems["timeouts"],
            "internal errors": sum(self.internal.values()),
            "mean s per input": f"{statistics.fmean(ordered):.3f}" if ordered else "-",
            "p99 s per input": f"{ordered[int(0.99 * (len(ordered) - 1))]:.3f}" if ordered else "-",
            "max s per input": f"{ordered[-1]:.3f}" if ordered else "-",
            "inputs per s": f"{count / elapsed:.1f}",
            "wall s": f"{elapsed:.1f}",
        }
        for name, value in figures.items():
            print(f"{name}: {value}")
        for message, n in self.internal.most_common():
            print(f"  internal error x{n}: {message}")
        for key, reason in self.flagged[:20]:
            print(f"  input {key}: {reason}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--memory-limit", type=int, default=1024)
    parser.add_argument("--ocr", action="store_true", help="let mutated pages go to OCR")
    parser.add_argument("--strict", action="store_true", help="fail on internal errors too")
    parser.add_argument("--keep", type=Path, help="copy inputs that failed badly here")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    limits = Limits(args.time_limit, args.memory_limit)
    target = extract_safely if args.ocr else extract_without_ocr
    tally = Tally()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="extractor-fuzz-") as tmp:
        jobs = inputs(Path(tmp), args.count, args.seed)
        for outcome in run_isolated(jobs, args.workers, limits, target=target):
            path = Path(tmp) / f"fuzz-{int(outcome.key):06d}.pdf"
            if tally.add(outcome) and args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, args.keep / path.name)
            path.unlink(missing_ok=True)
    tally.report(args.count, time.monotonic() - started)
    bad = sum(tally.problems.values()) + (sum(tally.internal.values()) if args.strict else 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
