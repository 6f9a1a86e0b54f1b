"""Image-only pages of any size are read without raising: very tall, very wide,
huge (rendered to at most `MAX_PIXELS`), tiny; Tesseract reads large images in
tiles cut along blank rows and columns, and the words come back where they were
printed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pdfium = pytest.importorskip("pypdfium2")
Image = pytest.importorskip("PIL.Image")
ImageDraw = pytest.importorskip("PIL.ImageDraw")
ImageFont = pytest.importorskip("PIL.ImageFont")

from extractor.read.ocr import hocr  # noqa: E402
from extractor.read.ocr import page as ocr  # noqa: E402
from extractor.read.pdf import PageContent  # noqa: E402

from conftest import tesseract_with_polish  # noqa: E402

pytestmark = pytest.mark.skipif(not tesseract_with_polish(), reason="tesseract is not installed")

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_tesseract = pytest.mark.skipif(
    not tesseract_with_polish(), reason="tesseract with the Polish model is not installed"
)


def image_pdf(
    path: Path,
    size_pt: tuple[float, float],
    texts: list[tuple[float, float, str]],
    dpi: float,
    turn: int = 0,
) -> Path:
    """An image-only page of `size_pt` points, drawn at `dpi`, with each text at
    (x, y) points, 12 pt high; the page turned `turn` degrees counter-clockwise."""
    width, height = (max(1, round(v * dpi / 72)) for v in size_pt)
    picture = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(str(FONT), max(8, round(12 * dpi / 72)))
    for x, y, text in texts:
        draw.text((x * dpi / 72, y * dpi / 72), text, fill=0, font=font)
    picture.rotate(turn, expand=True).save(path, "PDF", resolution=dpi)
    return path


def read(path: Path) -> PageContent:
    doc = pdfium.PdfDocument(str(path))
    try:
        return ocr.ocr_page(doc[0], 1)
    finally:
        doc.close()


def words_at(page: PageContent) -> dict[str, tuple[float, float]]:
    """Each word printed (split at blanks) and the top-left of its first glyph."""
    found: dict[str, tuple[float, float]] = {}
    word, start, baseline, right = "", None, 0.0, 0.0
    for char in [*page.chars, None]:
        if char is not None and word:
            if abs(char.baseline - baseline) > 0.5 * char.size or char.x0 - right > char.size:
                found[word] = start or (0.0, 0.0)  # a new line, or a run far to the right
                word, start = "", None
        if char is None or char.text.isspace():
            if word and start is not None:
                found[word] = start
            word, start = "", None
            continue
        baseline, right = char.baseline, char.x1
        if not word:
            start = (char.x0, char.top)
        word += char.text
    return found


def test_render_scale_is_capped_by_pixels_not_points() -> None:
    assert ocr.render_scale(595, 842, 300) == pytest.approx(300 / 72)
    for size in [(200, 20000), (20000, 200), (14400, 14400), (3000, 3000)]:
        scale = ocr.render_scale(*size, 300)
        assert size[0] * size[1] * scale**2 <= ocr.MAX_PIXELS * 1.0001
    assert ocr.render_scale(0, 842, 300) == 0
    assert ocr.render_scale(float("nan"), 842, 300) == 0


def test_tiles_cut_along_blank_rows_and_columns() -> None:
    image = np.full((1000, 300), 255, dtype=np.uint8)
    for top in range(0, 1000, 40):
        image[top + 10 : top + 30, 20:280] = 0  # text lines 20 px high, 20 px apart
    pieces = hocr.tiles(image, limit=300)
    assert all(max(t.shape) <= 300 for _, _, t in pieces)
    assert sum(t.shape[0] for _, _, t in pieces) == 1000
    for _, y, _ in pieces[1:]:
        assert not (image[y] < hocr.INK).any()  # every cut on a blank row
    wide = np.ascontiguousarray(image.T)
    pieces = hocr.tiles(wide, limit=300)
    assert sum(t.shape[1] for _, _, t in pieces) == 1000
    assert all(not (wide[:, x] < hocr.INK).any() for x, _, _ in pieces[1:])
    solid = np.zeros((700, 10), dtype=np.uint8)  # no blank row at all: cut at the limit
    assert [t.shape[0] for _, _, t in hocr.tiles(solid, limit=300)] == [300, 300, 100]


@needs_tesseract
def test_very_tall_page_is_read_in_tiles(tmp_path: Path) -> None:
    path = image_pdf(
        tmp_path / "tall.pdf",
        (200, 20000),
        [(20, 30, "Sprawozdanie 2023"), (20, 19900, "Razem 4125")],
        dpi=100,
    )
    page = read(path)
    assert (page.width, page.height) == pytest.approx((200, 20000), abs=1)
    words = words_at(page)
    assert "Sprawozdanie" in words and "Razem" in words and "4125" in words
    assert words["Razem"][1] == pytest.approx(19900, abs=6)  # in the page's points
    assert words["Sprawozdanie"][1] == pytest.approx(30, abs=6)


@needs_tesseract
def test_very_wide_page_is_read_in_tiles(tmp_path: Path) -> None:
    path = image_pdf(
        tmp_path / "wide.pdf", (20000, 200), [(30, 90, "Tabela 1"), (19800, 90, "Suma 77")], dpi=100
    )
    page = read(path)
    assert (page.width, page.height) == pytest.approx((20000, 200), abs=1)
    words = words_at(page)
    assert {"Tabela", "Suma", "77"} <= set(words)
    assert words["Suma"][0] == pytest.approx(19800, abs=8)


@needs_tesseract
def test_huge_page_renders_within_the_pixel_cap(tmp_path: Path) -> None:
    path = image_pdf(tmp_path / "huge.pdf", (14400, 14400), [(1000, 1000, "Program 2024")], dpi=7.2)
    page = read(path)  # 400-pt letters at about 32 dpi: still legible
    assert (page.width, page.height) == pytest.approx((14400, 14400), abs=2)


@needs_tesseract
@pytest.mark.parametrize("size", [(3, 3), (0.5, 800), (800, 2)])
def test_tiny_pages_give_no_characters_and_do_not_raise(
    tmp_path: Path, size: tuple[float, float]
) -> None:
    page = read(image_pdf(tmp_path / "tiny.pdf", size, [], dpi=72))
    assert page.chars == () and page.source == "ocr"


@needs_tesseract
def test_blank_page_gives_no_characters(tmp_path: Path) -> None:
    page = read(image_pdf(tmp_path / "blank.pdf", (595, 842), [], dpi=100))
    assert page.chars == ()


@needs_tesseract
def test_sideways_page_of_one_caption_line_is_turned_upright(tmp_path: Path) -> None:
    """A landscape table's caption alone on its page, scanned sideways: Tesseract reads
    the sideways line as letters of middling confidence (about 60), below an upright
    page's; the page is turned and read as words."""
    caption = "Tabela nr 1 Zadania publiczne zlecone w trybie otwartych konkursów ofert"
    page = read(image_pdf(tmp_path / "turned.pdf", (842, 595), [(50, 60, caption)], 200, 90))
    assert (page.width, page.height) == pytest.approx((842, 595), abs=1)
    assert "Tabela nr 1 Zadania publiczne" in "".join(c.text for c in page.chars)
