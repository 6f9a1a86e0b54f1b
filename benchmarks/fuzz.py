"""Fuzzing: mutated bytes of the bundled reports through `extract_safely`.

    .venv/bin/python benchmarks/fuzz.py [-n 10000] [--seed 0] [--workers N]
                                        [--time-limit 20] [--memory-limit 1024]
                                        [--structural 0.3] [--commands K]
                                        [--ocr] [--keep DIR]

Each input is a bundled PDF (input_pdfs/, tests/fixtures/) changed by one to
three random mutations: byte and bit flips, truncation, deleted, duplicated or
spliced chunks, numbers replaced in the object syntax (lengths, offsets,
object numbers), keywords swapped, and content streams inflated, mutated and
stored again.  Every input runs in an isolated child process with a time
and a memory limit (`extractor.batch.isolation`), so a hang or a crash is counted,
not fatal.  OCR is off unless --ocr (a mutated page without text would be sent
to Tesseract, seconds per page).

Structural mutations (a share of the inputs, `--structural`, through pypdf):
giant, empty, negative and absurd MediaBoxes, /Rotate values (45, 720, 10^9),
page trees thousands of levels deep, image-only pages of extreme size (20000 x
20000 px, 1 x 200000 px) and fonts without ToUnicode (or encoding).

Counted: `ok`, `partial`, `failed` = the outcomes (a failure is one line of
reason); `unhandled` = an exception escaped `extract_safely`; `crashes` = a
child died (signal, exit); `timeouts` = over the time limit; `internal
errors` = exceptions `extract_safely` caught and reported as an internal error
(bugs in a stage, but handled: the file fails with a message); `multi-line
messages` = a reason that is not one line.  With `--commands K`, every K-th
input also goes through `extractor tables` and `extractor inspect` (processes
of their own): each must end with its output or one `Error:` line, never a
traceback.  Exit code 1 when unhandled + crashes + timeouts + multi-line
messages + command problems > 0 (with --strict: internal errors too).
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


# ------------------------------------------------------- structural mutations
# Whole-document changes made through pypdf (a valid PDF of a hostile shape), where
# byte mutations mostly make a damaged file.

BOXES = [(14400, 14400), (200, 20000), (20000, 200), (1e6, 1e6), (0, 0), (1, 1),
         (-595, -842), (3e38, 3e38), (595, 1e-9)]  # fmt: skip
ROTATIONS = [90, 180, 270, -90, 45, 720, 1_000_000_000, -1]
IMAGES = [(20000, 20000), (1, 200000), (200000, 1), (40000, 30000), (3, 3)]  # pixels
DEPTHS = [10, 100, 1000, 5000]


def giant_mediabox(rng: random.Random, writer: Any) -> str:
    from pypdf.generic import RectangleObject

    width, height = rng.choice(BOXES)
    page = rng.choice(writer.pages)
    page.mediabox = RectangleObject([0, 0, width, height])
    if rng.random() < 0.5:
        page.cropbox = RectangleObject([0, 0, width, height])
    return f"mediabox {width:g}x{height:g}"


def rotate(rng: random.Random, writer: Any) -> str:
    from pypdf.generic import NameObject, NumberObject

    value = rng.choice(ROTATIONS)
    for page in rng.sample(list(writer.pages), k=rng.randint(1, len(writer.pages))):
        page[NameObject("/Rotate")] = NumberObject(value)
    return f"rotate {value}"


def deep_page_tree(rng: random.Random, writer: Any) -> str:
    """The page tree wrapped in a chain of `depth` intermediate /Pages nodes."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    depth = rng.choice(DEPTHS)
    root = writer._root_object["/Pages"].get_object()
    kids, count = root["/Kids"], root["/Count"]
    for _ in range(depth):
        node = DictionaryObject(
            {NameObject("/Type"): NameObject("/Pages"), NameObject("/Kids"): kids,
             NameObject("/Count"): count}
        )  # fmt: skip
        kids = ArrayObject([writer._add_object(node)])
    root[NameObject("/Kids")] = kids
    return f"page tree depth {depth}"


@functools.cache
def blank_image(width: int, height: int) -> bytes:
    """A 1-bit white image of `width` x `height` pixels, compressed (about 1000:1)."""
    packer = zlib.compressobj(9)
    row = b"\xff" * ((width + 7) // 8)
    rows_per_chunk = max(1, (1 << 20) // len(row))
    chunks = []
    for start in range(0, height, rows_per_chunk):
        chunks.append(packer.compress(row * min(rows_per_chunk, height - start)))
    return b"".join(chunks) + packer.flush()


def image_only_page(rng: random.Random, writer: Any) -> str:
    """A page holding only an image of extreme size (a scanned map, a broken scan)."""
    from pypdf.generic import (
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        StreamObject,
    )  # fmt: skip

    width, height = rng.choice(IMAGES)
    page_w, page_h = rng.choice([(595, 842), (width * 0.72, height * 0.72), (14400, 14400)])
    image = StreamObject()
    image._data = blank_image(width, height)
    image.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(width), NameObject("/Height"): NumberObject(height),
        NameObject("/ColorSpace"): NameObject("/DeviceGray"),
        NameObject("/BitsPerComponent"): NumberObject(1),
        NameObject("/Filter"): NameObject("/FlateDecode"),
    })  # fmt: skip
    page = writer.add_blank_page(width=page_w, height=page_h)
    resources = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/Im0"): writer._add_object(image)})})  # fmt: skip
    page[NameObject("/Resources")] = resources
    content = DecodedStreamObject()
    content.set_data(b"q %g 0 0 %g 0 0 cm /Im0 Do Q" % (page_w, page_h))
    page[NameObject("/Contents")] = writer._add_object(content)
    return f"image-only page {width}x{height} px on {page_w:g}x{page_h:g} pt"


def fonts_without_tounicode(rng: random.Random, writer: Any) -> str:
    """Every font's /ToUnicode removed (and, at times, its encoding): text that maps to
    nothing or to the wrong letters."""
    from pypdf.generic import NameObject

    dropped = 0
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in getattr(fonts, "values", lambda: [])():
            font = ref.get_object()
            for key in ("/ToUnicode", *(["/Encoding"] if rng.random() < 0.3 else [])):
                if NameObject(key) in font:
                    del font[NameObject(key)]
                    dropped += 1
    return f"fonts without ToUnicode ({dropped} entries dropped)"


STRUCTURAL: list[Callable[[random.Random, Any], str]] = [
    giant_mediabox, rotate, deep_page_tree, image_only_page, fonts_without_tounicode,
]  # fmt: skip


def structurally_mutated(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    kinds = [rng.choice(STRUCTURAL) for _ in range(rng.randint(1, 2))]
    what = "; ".join(kind(rng, writer) for kind in kinds)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), what


def mutated(seed: int, index: int, structural: float = 0.0) -> bytes:
    """Input `index`: a seed PDF changed structurally (with probability `structural`)
    or by one to three byte mutations."""
    rng = random.Random(seed * 1_000_003 + index)
    data = bytearray(rng.choice(SEEDS).read_bytes())
    if rng.random() < structural:
        return structurally_mutated(rng, bytes(data))[0]
    for _ in range(rng.randint(1, 3)):
        if not data:
            break
        data = rng.choice(MUTATORS)(rng, data)
    return bytes(data)


def inputs(folder: Path, count: int, seed: int, structural: float) -> Iterator[tuple[str, Path]]:
    for index in range(count):
        path = folder / f"fuzz-{index:06d}.pdf"
        path.write_bytes(mutated(seed, index, structural))
        yield str(index), path


# ------------------------------------------------------------------- the run


COMMANDS = (["tables"], ["inspect", "--page", "1", "-o"])
LAUNCHER = """
import sys
if sys.argv.pop(1) == "no-ocr":
    from extractor.read import document
    document.page_needs_ocr = lambda page: False
from extractor.cli.main import app
app()
"""


def command_outcome(args: list[str], ocr: bool, limits: Limits) -> str:
    """`extractor ARGS` in a process of its own: "ok" (exit 0), "failed" (one `Error:`
    line, exit 1 or 2), or what is wrong: "traceback", "unclear stderr", "exit N",
    "command timeout"."""
    command = [sys.executable, "-c", LAUNCHER, "ocr" if ocr else "no-ocr", *args]
    command += [
        "--time-limit",
        f"{limits.time_limit:g}",
        "--memory-limit",
        str(limits.memory_limit_mb),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=limits.time_limit * 2 + 30, check=False
        )
    except subprocess.TimeoutExpired:
        return "command timeout"
    lines = done.stderr.splitlines()
    if "Traceback" in done.stderr:
        return "traceback"
    if not all(line.startswith(("Error: ", "Warning: ")) for line in lines):
        return "unclear stderr"
    errors = [line for line in lines if line.startswith("Error: ")]
    if done.returncode == 0 and not errors:
        return "ok"
    if done.returncode in (1, 2) and len(errors) == 1:
        return "failed"
    return f"exit {done.returncode}"


class Tally:
    def __init__(self) -> None:
        self.status: Counter[str] = Counter()
        self.commands: Counter[str] = Counter()
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
        if any("\n" in i.message for i in result.info.issues):
            self.problems["multi-line messages"] += 1
            self.flagged.append((outcome.key, "a message of several lines"))
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
            "multi-line messages": self.problems["multi-line messages"],
            "commands run": sum(self.commands.values()),
            "commands ok": self.commands["ok"],
            "commands failed in one line": self.commands["failed"],
            "command tracebacks": self.commands["traceback"],
            "commands otherwise wrong": sum(
                n for kind, n in self.commands.items() if kind not in ("ok", "failed", "traceback")
            ),
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
    parser.add_argument(
        "--structural", type=float, default=0.3,
        help="share of inputs changed structurally (page boxes, rotation, page tree, "
        "extreme images, fonts) instead of byte by byte",
    )  # fmt: skip
    parser.add_argument(
        "--commands", type=int, default=0, metavar="K",
        help="also run `extractor tables` and `inspect` on every K-th input (0: never)",
    )  # fmt: skip
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
        jobs = inputs(Path(tmp), args.count, args.seed, args.structural)
        for outcome in run_isolated(jobs, args.workers, limits, target=target):
            path = Path(tmp) / f"fuzz-{int(outcome.key):06d}.pdf"
            keep = tally.add(outcome)
            if args.commands and int(outcome.key) % args.commands == 0:
                keep = run_commands(path, args.ocr, limits, tally, outcome.key) or keep
            if keep and args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, args.keep / path.name)
            path.unlink(missing_ok=True)
            path.with_suffix(".png").unlink(missing_ok=True)
    tally.report(args.count, time.monotonic() - started)
    command_problems = sum(n for kind, n in tally.commands.items() if kind not in ("ok", "failed"))
    bad = sum(tally.problems.values()) + command_problems
    bad += sum(tally.internal.values()) if args.strict else 0
    return 1 if bad else 0


def run_commands(path: Path, ocr: bool, limits: Limits, tally: Tally, key: str) -> bool:
    """`tables` and `inspect` on one input, counted; True when one went wrong."""
    wrong = False
    for command in COMMANDS:
        args = [*command, str(path.with_suffix(".png"))] if command[0] == "inspect" else command
        kind = command_outcome([*args[:1], str(path), *args[1:]], ocr, limits)
        tally.commands[kind] += 1
        if kind not in ("ok", "failed"):
            tally.flagged.append((key, f"{command[0]}: {kind}"))
            wrong = True
    return wrong


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
