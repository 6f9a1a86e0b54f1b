"""Which pages go to OCR: only those whose text layer is missing or broken.

Generated PDFs (reportlab, DejaVu Sans): an English statistics page and Polish
typed without diacritics keep their text layer; a page of mojibake, of glyphs
without a Unicode mapping, of raw glyph ids, a blank page and an image-only page
go to OCR.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.read.pdf import Char, PageContent, open_document, read_pages
from extractor.read.textlayer import mojibake_in_words, page_needs_ocr

canvas = pytest.importorskip("reportlab.pdfgen.canvas")
ttfonts = pytest.importorskip("reportlab.pdfbase.ttfonts")
pdfmetrics = pytest.importorskip("reportlab.pdfbase.pdfmetrics")

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

ENGLISH = [
    "Table 4. Population and households by county, 2019-2023 (thousands)",
    "County           2019      2020      2021      2022      2023",
    "Northfield      412.5     415.1     418.9     420.2     421.7",
    "Riverside       118.2     117.9     117.1     116.4     115.8",
    "Total           530.7     533.0     536.0     536.6     537.5",
    "Source: national statistics office, population estimates as of 31 December.",
    "Note: figures may not add up to totals due to rounding.¹ Revised series.³",
]
NO_DIACRITICS = [
    "Sprawozdanie z realizacji programu wspolpracy z organizacjami pozarzadowymi",
    "W 2023 r. oglaszano 4 otwarte konkursy ofert na realizacje zadan publicznych.",
    "Zlozono 41 ofert, podpisano 35 umow na laczna kwote 412 500,00 zl.",
]
POLISH = [
    "Sprawozdanie z realizacji programu współpracy z organizacjami pozarządowymi",
    "W 2023 r. ogłoszono 4 otwarte konkursy ofert na realizację zadań publicznych.",
    "Złożono 41 ofert, podpisano 35 umów na łączną kwotę 412 500,00 zł.",
]


def text_pdf(path: Path, lines: list[str], *, image: bool = False) -> Path:
    if not FONT.exists():
        pytest.skip("DejaVu Sans is not installed")
    pdfmetrics.registerFont(ttfonts.TTFont("DejaVu", str(FONT)))
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    if image:
        from PIL import Image, ImageDraw

        picture = Image.new("L", (800, 400), 255)
        ImageDraw.Draw(picture).rectangle((40, 40, 760, 360), outline=0, width=4)
        picture.save(path.with_suffix(".png"))
        pdf.drawImage(str(path.with_suffix(".png")), 50, 300, 500, 250)
    pdf.setFont("DejaVu", 10)
    for i, line in enumerate(lines * 4):
        pdf.drawString(50, 800 - 14 * i, line)
    pdf.showPage()
    pdf.save()
    return path


def page_of(path: Path) -> PageContent:
    doc = open_document(path)
    try:
        return next(iter(read_pages(doc)))
    finally:
        doc.close()


def test_english_statistics_page_keeps_its_text_layer(tmp_path: Path) -> None:
    assert not page_needs_ocr(page_of(text_pdf(tmp_path / "en.pdf", ENGLISH)))


def test_polish_without_diacritics_keeps_its_text_layer(tmp_path: Path) -> None:
    assert not page_needs_ocr(page_of(text_pdf(tmp_path / "ascii.pdf", NO_DIACRITICS)))


def test_polish_page_keeps_its_text_layer(tmp_path: Path) -> None:
    assert not page_needs_ocr(page_of(text_pdf(tmp_path / "pl.pdf", POLISH)))


@pytest.mark.parametrize(
    "garble",
    [
        lambda s: s.encode("utf-8").decode("latin-1"),  # UTF-8 read as Latin-1: "wspÃ³Å‚praca"
        lambda s: s.encode("cp1250").decode("latin-1"),  # CP1250 read as Latin-1: "wspó³praca"
        lambda s: s.encode("utf-8").decode("cp1250"),  # UTF-8 read as CP1250: "wspĂłĹ‚praca"
        lambda s: "".join("\ufffd" if c in "ąćęłńóśźżaeo" else c for c in s),  # U+FFFD
    ],
    ids=["utf8-as-latin1", "cp1250-as-latin1", "utf8-as-cp1250", "replacement"],
)
def test_broken_text_layer_goes_to_ocr(tmp_path: Path, garble: object) -> None:
    lines = [garble(line) for line in POLISH]  # type: ignore[operator]
    assert page_needs_ocr(page_of(text_pdf(tmp_path / "broken.pdf", lines)))


@pytest.mark.parametrize("code", [0xE000, 0xF000, 0x4E00, 0x0250, 0xFFFD, 0x0003])
def test_glyphs_without_a_unicode_meaning_go_to_ocr(code: int) -> None:
    """Private use (symbolic fonts), raw glyph ids landing in CJK or IPA, U+FFFD, controls."""
    if code in (0xFFFD, 0x0003):
        text = "".join(chr(code) if c.isalpha() else c for c in " ".join(POLISH))
    else:
        text = "".join(chr(code + ord(c) % 50) if c.isalpha() else c for c in " ".join(POLISH))
    chars = tuple(Char(t, i * 5.0, i * 5.0 + 4, 0, 8, 8, 10) for i, t in enumerate(text))
    assert page_needs_ocr(PageContent(number=1, width=595, height=842, chars=chars, segments=()))


def test_blank_and_image_only_pages_go_to_ocr(tmp_path: Path) -> None:
    assert page_needs_ocr(page_of(text_pdf(tmp_path / "blank.pdf", [])))
    assert page_needs_ocr(page_of(text_pdf(tmp_path / "image.pdf", [], image=True)))


def test_footnote_superscripts_are_not_mojibake() -> None:
    text = "Razem¹ 412,5³ wspó³praca"
    chars = tuple(Char(t, i * 5.0, i * 5.0 + 4, 0, 8, 8, 10) for i, t in enumerate(text))
    page = PageContent(number=1, width=595, height=842, chars=chars, segments=())
    assert mojibake_in_words(page) == 1  # only the "³" inside "wspó³praca"
