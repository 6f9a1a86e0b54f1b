"""OCR speed: pages per second of `ocr_page` against bare Tesseract on the same pages.

    .venv/bin/python benchmarks/bench_ocr.py [PDF] [--dpi 300] [--pages 1-6]

Both sides get the same page images (pypdfium2, greyscale, at --dpi):
`ocr_page` renders, deskews, finds the ruling lines, runs Tesseract once on
the page with its cells stacked (hOCR with character boxes), fits glyph boxes
and reads superscript markers again (one small extra Tesseract call);
"tesseract alone" is `pytesseract.image_to_string(image, lang="pol")` on the
rendered page.  Prints seconds per page and pages per second for both, and the
CPU seconds per page of `ocr_page` (this process and its Tesseract children: on a
shared machine a steadier measure than the wall clock).
Importing `extractor.read.ocr.page` sets OMP_THREAD_LIMIT=1 (unless set), so both sides
run Tesseract single-threaded; `OMP_THREAD_LIMIT=2 ... bench_ocr.py` shows
Tesseract's own threading (3-4x slower on a 2-core machine).
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import pytesseract

from extractor.read.ocr.page import LANG, ocr_page
from extractor.read.pdf import open_document

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "tests" / "fixtures" / "kp-2021-scan.pdf"


def page_numbers(spec: str, count: int) -> list[int]:
    if not spec:
        return list(range(1, count + 1))
    first, _, last = spec.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=SCAN)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--pages", default="", help="e.g. 1-6 (default: all)")
    args = parser.parse_args()
    doc = open_document(args.pdf)
    numbers = page_numbers(args.pages, len(doc))
    ours: list[float] = []
    cpu = 0.0
    bare: list[float] = []
    chars = 0
    for number in numbers:
        page = doc[number - 1]
        start, cpu_start = time.perf_counter(), cpu_seconds()
        content = ocr_page(page, number, dpi=args.dpi)
        ours.append(time.perf_counter() - start)
        cpu += cpu_seconds() - cpu_start
        chars += len(content.chars)
        image = page.render(scale=args.dpi / 72, grayscale=True).to_pil()
        start = time.perf_counter()
        pytesseract.image_to_string(image, lang=LANG)
        bare.append(time.perf_counter() - start)
        page.close()
        print(f"page {number}: ocr_page {ours[-1]:.2f} s, tesseract alone {bare[-1]:.2f} s")
    doc.close()
    n = len(numbers)
    print(f"{args.pdf.name}, {n} pages at {args.dpi} dpi, {chars} chars")
    for name, times in (("ocr_page", ours), ("tesseract alone", bare)):
        total = sum(times)
        print(f"{name:16} {total:6.2f} s  {total / n:5.2f} s/page  {n / total:.3f} pages/s")
    print(f"overhead: x{sum(ours) / sum(bare):.2f}")
    print(f"ocr_page CPU: {cpu / n:.2f} s/page (this process and Tesseract)")


def cpu_seconds() -> float:
    """User and system CPU time of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
