"""OCR of a scan made at test time from a bundled text PDF.

`gm-2023-web.pdf` is a web-style (Chromium) rendering: light-grey thin table
borders, a borderless table with its caption below it, sans-serif type and
superscript markers "¹⁾" whose ")" reaches higher than the digit.  Its pages are
rendered to greyscale images and degraded like a real scan (200 dpi, skewed by
up to 0.8°, blurred, noisy; deterministic), and the scan must read back into
the same observations as the corpus truth of the text PDF.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

pdfium = pytest.importorskip("pypdfium2")
Image = pytest.importorskip("PIL.Image")
ImageFilter = pytest.importorskip("PIL.ImageFilter")

from extractor.report.pipeline import extract  # noqa: E402

from conftest import INPUT, tesseract_with_polish  # noqa: E402
from truthcompare import compare, load_truth  # noqa: E402

SOURCE = INPUT / "gm-2023-web.pdf"


pytestmark = pytest.mark.skipif(
    not tesseract_with_polish(), reason="tesseract with the Polish model is not installed"
)


def synthetic_scan(source: Path, target: Path, seed: int = 1) -> Path:
    """Image-only copy of `source`: 200 dpi greyscale pages, rotated by up to
    ±0.8°, Gaussian blur 0.6, toner/paper tone and noise, JPEG-compressed."""
    angles = random.Random(seed)
    noise = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(source)
    images = []
    try:
        for page in pdf:
            image = page.render(scale=200 / 72, grayscale=True).to_pil().convert("L")
            image = image.rotate(
                angles.uniform(-0.8, 0.8), resample=Image.BICUBIC, expand=False, fillcolor=255
            )
            image = image.filter(ImageFilter.GaussianBlur(0.6))
            grey = np.asarray(image).astype(np.float32) * 0.93 + 8
            grey += noise.normal(0, 6, grey.shape).astype(np.float32)
            images.append(Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8)))
    finally:
        pdf.close()
    images[0].save(target, save_all=True, append_images=images[1:], resolution=200, quality=80)
    return target


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_scan(SOURCE, tmp_path_factory.mktemp("scan") / "gm-2023-web-scan.pdf")


def test_web_style_scan_reads_like_its_text_pdf(scan: Path) -> None:
    result = extract(scan)
    assert {o.source for o in result.observations} == {"ocr"}
    comparison = compare(result, load_truth("gm-2023-web"))
    wrong = {*comparison.missing, *comparison.wrong_values, *comparison.wrong_footnotes}
    # thin grey borders: no column lost; the borderless table (caption below) found;
    # "68¹⁾" and "2²⁾" read as 68 and 2 with markers 1 and 2
    assert len(comparison.missing) <= 1, comparison.missing
    assert len(wrong) <= 0.03 * comparison.cells, sorted(wrong)
    assert comparison.spurious == []
    # confidence comes from the number's own glyphs, not from a misread marker
    low = [o for o in result.observations if o.confidence < 0.6]
    assert len(low) <= 2, [(o.table_id, o.row, o.column, o.raw, o.confidence) for o in low]
