"""OCR reading: a scanned page becomes the same `PageContent` as a text layer.

The scan `fixtures/kp-2021-scan.pdf` is an image-only copy of
`input_pdfs/kp-2021.pdf`; page 3 holds Tab. 1.2 and Tab. 1.2a with footnote
markers 3-9 (e.g. "3,78" + superscript 4, "370" + superscript 5).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

from extractor.layout.lines import chars_to_lines  # noqa: E402
from extractor.read.ocr import grid as ocr_grid  # noqa: E402
from extractor.read.ocr import page as ocr  # noqa: E402
from extractor.read.ocr import rules as ocr_rules  # noqa: E402
from extractor.read.pdf import Char, PageContent, Segment, open_document, read_pages  # noqa: E402
from extractor.read.textlayer import page_needs_ocr  # noqa: E402

from conftest import tesseract_with_polish  # noqa: E402

pytestmark = pytest.mark.skipif(not tesseract_with_polish(), reason="tesseract is not installed")

ROOT = Path(__file__).resolve().parent.parent
SCAN = Path(__file__).parent / "fixtures" / "kp-2021-scan.pdf"
TWIN = ROOT / "input_pdfs" / "kp-2021.pdf"


needs_tesseract = pytest.mark.skipif(
    not tesseract_with_polish(), reason="tesseract with the Polish model is not installed"
)


@pytest.fixture(scope="module")
def page3() -> Iterator[PageContent]:
    doc = open_document(SCAN)
    try:
        yield ocr.ocr_page(doc[2], 3)
    finally:
        doc.close()


def line_texts(page: PageContent) -> list[str]:
    return [line.text for line in chars_to_lines(page.chars)]


# --- which pages need OCR ------------------------------------------------------------


def glyph_chars(text: str) -> tuple[Char, ...]:
    return tuple(
        Char(text=t, x0=i * 5, x1=i * 5 + 4, top=0, bottom=8, baseline=8, size=11)
        for i, t in enumerate(text)
    )


def page_of(text: str) -> PageContent:
    return PageContent(number=1, width=595, height=842, chars=glyph_chars(text), segments=())


POLISH = "Sprawozdanie z realizacji programu współpracy z organizacjami pozarządowymi. " * 6


def test_polish_text_layer_is_usable() -> None:
    assert not page_needs_ocr(page_of(POLISH))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12",
        "\ue001\ue002\ue003 " * 40,  # private-use glyphs (a font without a Unicode map)
        "\ufffd\ufffd abc " * 40,  # replacement characters
        POLISH.replace("ó", "Ăł").replace("ł", "Ĺ‚").replace("ą", "Ä…").replace("ż", "ĹĽ"),
        POLISH.encode("utf-8").decode("latin-1"),  # UTF-8 read as Latin-1
        "#$%&*+=<>?@[]^_{|}~ " * 20,  # mostly not letters
    ],
)
def test_unusable_text_layer_needs_ocr(text: str) -> None:
    assert page_needs_ocr(page_of(text))


def test_scan_pages_need_ocr_and_text_twin_pages_do_not() -> None:
    doc = open_document(SCAN)
    try:
        assert all(page_needs_ocr(page) for page in read_pages(doc))
    finally:
        doc.close()
    if not TWIN.exists():
        pytest.skip("input_pdfs/kp-2021.pdf not present")
    doc = open_document(TWIN)
    try:
        assert not any(page_needs_ocr(page) for page in read_pages(doc))
    finally:
        doc.close()


# --- number repair ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("1O5", "105"),
        ("2O21r.", "2021r."),  # inside a digit run, letters after it do not matter
        ("lO,5", "10,5"),  # a token of digits and look-alikes with a real digit
        ("3,O%", "3,0%"),
        ("I0", "10"),
        ("l/rok", "1/rok"),
        ("PO2", "PO2"),  # a letter before: not a number
        ("Ola", "Ola"),
        ("O", "O"),  # no real digit: never a number
        ("lO", "lO"),
        ("I/2021", "I/2021"),  # a Roman numeral may open a reference
        ("II", "II"),
        ("4,17", "4,17"),
        ("202L", "2021"),  # a serif 1 read as a capital L after three digits
        ("(202L)", "(2021)"),
        ("20L", "20L"),  # too short to tell
        ("202La", "202La"),  # a letter after it: a word
        ("A2021L", "A2021L"),  # ... or before it
    ],
)
def test_repair_number(raw: str, fixed: str) -> None:
    assert ocr.repair_number(raw) == fixed


def test_repair_never_adds_or_removes_characters() -> None:
    for raw in ["O1l", "lIl1", "1 O00,O0", "(lO)", "O,5 zł", "x1Oy"]:
        assert len(ocr.repair_number(raw)) == len(raw)


# --- image geometry -----------------------------------------------------------------------


def ruled_image(angle: float) -> ocr_grid.Grey:
    image = np.full((1200, 900), 250, dtype=np.uint8)
    for y in (200, 300, 400, 500):
        cv2.line(image, (100, y), (800, y), 20, 3)
    for x in (100, 400, 800):
        cv2.line(image, (x, 200), (x, 500), 20, 3)
    return ocr_grid.rotate(image, -angle)


def test_skew_is_estimated_and_undone() -> None:
    image = ruled_image(0.7)
    angle = ocr_grid.estimate_skew(ocr_grid.binarize(image), 300 / 72)
    assert angle == pytest.approx(0.7, abs=0.1)
    straight = ocr_grid.rotate(image, angle)
    assert abs(ocr_grid.estimate_skew(ocr_grid.binarize(straight), 300 / 72)) < 0.1


def test_rules_meet_at_corners_and_form_cells() -> None:
    rules, _ = ocr_rules.find_rules(ocr_grid.binarize(ruled_image(0.0)), 300 / 72)
    assert sorted(r.orientation for r in rules) == ["h"] * 4 + ["v"] * 3
    cells = ocr_grid.find_cells(rules, 10)
    assert len(cells) == 6
    assert {(int(c.x0), int(c.x1)) for c in cells} == {(100, 400), (400, 800)}


# --- OCR of the scan ---------------------------------------------------------------------


@needs_tesseract
def test_ocr_page_is_page_content_in_points(page3: PageContent) -> None:
    assert page3.source == "ocr"
    assert (page3.number, round(page3.width), round(page3.height)) == (3, 595, 842)
    assert all(0 <= c.x0 <= c.x1 <= page3.width and c.top <= c.bottom for c in page3.chars)
    assert all(len(c.text) == 1 and 0 <= c.conf <= 100 for c in page3.chars)


@needs_tesseract
def test_table_numbers_are_read(page3: PageContent) -> None:
    text = "\n".join(line_texts(page3))
    for value in [
        "7 285",
        "7 642",
        "3,5",
        "1705",
        "1742",
        "374",
        "38 523 346,25",
        "41 872 519,64",
        "411, tj. 49,82 %",
        "596, tj. 70,37 %",
        "6 723 282,50",
        "6 802 450,00",
        "Liczba zarejestrowanych organizacji pozarządowych",
    ]:
        assert value in text


@needs_tesseract
def test_footnote_markers_are_superscripts(page3: PageContent) -> None:
    lines = chars_to_lines(page3.chars)
    marked = {
        (line.text[: m.offset].split()[-1] if line.text[: m.offset].split() else "", m.text)
        for line in lines
        for m in line.markers
    }
    for host, marker in [
        ("3,78", "4"),
        ("370", "5"),
        ("346,25", "6"),
        ("519,64", "7"),
        ("282,50", "8"),
        ("450,00", "9"),
        ("statystyczne", "3"),
    ]:
        assert (host, marker) in marked
    # and the footnote texts at the page foot open with their markers 3..9
    openers = {m.text for line in lines for m in line.markers if m.offset == 0}
    assert {"3", "4", "5", "6", "7", "8", "9"} <= openers


@needs_tesseract
def test_marker_size_and_baseline(page3: PageContent) -> None:
    chars = list(page3.chars)
    text = "".join(c.text for c in chars)
    at = text.index("3,784")
    line, marker = chars[at : at + 4], chars[at + 4]
    size = line[0].size
    assert all(c.size == size and c.baseline == line[0].baseline for c in line)
    assert marker.size <= 0.75 * size
    assert line[0].baseline - marker.baseline > 0.15 * size
    assert marker.bottom < line[0].baseline - 0.15 * size


def long_rules(segments: tuple[Segment, ...], orientation: str, length: float) -> list[float]:
    picked = []
    for s in segments:
        if s.orientation == orientation and max(s.x1 - s.x0, s.bottom - s.top) >= length:
            picked.append(s.top if orientation == "h" else s.x0)
    return sorted(picked)


@needs_tesseract
def test_ruling_lines_form_the_table_grid(page3: PageContent) -> None:
    hs = long_rules(page3.segments, "h", 400)
    vs = long_rules(page3.segments, "v", 150)
    assert len(hs) == 7 + 12  # Tab. 1.2: header + 5 rows, Tab. 1.2a: header + 10 rows
    assert len(vs) == 2 * 5
    rules = [
        ocr_grid.Rule(
            s.orientation,
            s.top if s.orientation == "h" else s.x0,
            s.x0 if s.orientation == "h" else s.top,
            s.x1 if s.orientation == "h" else s.bottom,
        )
        for s in page3.segments
    ]
    assert len(ocr_grid.find_cells(rules, 2.0)) == 6 * 4 + 11 * 4


@needs_tesseract
def test_ruling_lines_match_the_text_twin(page3: PageContent) -> None:
    if not TWIN.exists():
        pytest.skip("input_pdfs/kp-2021.pdf not present")
    doc = open_document(TWIN)
    try:
        [twin] = list(read_pages(doc, [3]))
    finally:
        doc.close()
    ours = long_rules(page3.segments, "h", 400)
    theirs = sorted({round(y, 1) for y in long_rules(twin.segments, "h", 400)})
    assert len(ours) == len(theirs)
    shift = ours[0] - theirs[0]  # the scan is shifted a little on the page
    assert all(abs(a - shift - b) < 1.5 for a, b in zip(ours, theirs, strict=True))


def test_a_run_of_zero_size_does_not_break_size_snapping() -> None:
    from extractor.read.ocr.grid import Box
    from extractor.read.ocr.runs import Glyph, Run, Word, snap_sizes

    def run(text: str, size: float) -> Run:
        glyphs = [Glyph(ch, Box(10.0 * i, 0, 10.0 * i + 8, 20), 90.0) for i, ch in enumerate(text)]
        return Run([Word(glyphs, 90.0)], baseline=20.0, size=size)

    runs = [run("tekst", 30.0), run("akapit", 31.0), run("1", 0.0)]  # a degenerate glyph box
    snap_sizes(runs)
    assert runs[0].size == runs[1].size and runs[0].size > 0


@pytest.mark.parametrize(
    ("report", "turn"),
    [
        ("Rotate: 90\nOrientation confidence: 11.55\n", 90),
        ("Rotate: 180\nOrientation confidence: 11.02\n", 180),
        ("Rotate: 0\nOrientation confidence: 13.70\n", 0),
        ("Rotate: 270\nOrientation confidence: 0.92\n", 0),  # not sure enough: left as it is
        ("garbled", 0),
    ],
)
def test_turn_from_tesseract_orientation_report(report: str, turn: int) -> None:
    from extractor.read.ocr.orient import turn_from_osd

    assert turn_from_osd(report) == turn


def test_turning_clockwise_undoes_a_counter_clockwise_turn() -> None:
    from extractor.read.ocr.orient import turned

    image = np.arange(12, dtype=np.uint8).reshape(3, 4)
    assert (turned(np.rot90(image, k=1), 90) == image).all()
    assert (turned(np.rot90(image, k=2), 180) == image).all()
    assert (turned(np.rot90(image, k=3), 270) == image).all()
