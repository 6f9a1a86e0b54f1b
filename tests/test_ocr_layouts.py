"""OCR of tables of any layout: the rules a scan shows, and the characters of a
table without rules placed as a text layer would place them."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2")

from extractor.read.ocr.grid import find_cells  # noqa: E402
from extractor.read.ocr.rules import find_rules  # noqa: E402

SCALE = 300 / 72  # px per pt


def ruled_table_with_a_narrow_column() -> np.ndarray:
    """A table 5 rows high: an 18-pt "L.p." column ruled between every row, then a
    category column spanning rows 1-3 and 4-5, then a value column ruled per row."""
    image = np.full((int(200 * SCALE), int(400 * SCALE)), 255, dtype=np.uint8)
    pt = lambda v: int(v * SCALE)  # noqa: E731
    xs = [20, 38, 200, 380]  # L.p. | category | value
    rows = [20, 50, 80, 110, 140, 170]
    for x in xs:
        image[pt(rows[0]) : pt(rows[-1]) + 2, pt(x) : pt(x) + 2] = 0
    for i, y in enumerate(rows):
        spans_category = i in (0, 3, 5)  # the category column is ruled only here
        image[pt(y) : pt(y) + 2, pt(xs[0]) : pt(xs[1]) + 2] = 0
        image[pt(y) : pt(y) + 2, pt(xs[2]) : pt(xs[3]) + 2] = 0
        if spans_category:
            image[pt(y) : pt(y) + 2, pt(xs[1]) : pt(xs[2]) + 2] = 0
    for y in rows[:-1]:  # a row number in each L.p. cell: "1." as a blob
        image[pt(y + 10) : pt(y + 20), pt(24) : pt(30)] = 0
    return image


def test_rules_across_a_narrow_column_are_found() -> None:
    image = ruled_table_with_a_narrow_column()
    ink = np.where(image < 128, 255, 0).astype(np.uint8)
    rules, _ = find_rules(ink, SCALE, image)
    narrow = [
        r for r in rules if r.orientation == "h" and r.start <= 21 * SCALE and r.end >= 37 * SCALE
    ]
    assert sorted(round(r.pos / SCALE) for r in narrow) == [20, 50, 80, 110, 140, 170]
    cells = find_cells(rules, 4 * SCALE)
    lp = [c for c in cells if c.x1 < 45 * SCALE]
    assert len(lp) == 5  # one L.p. cell per row, not one cell for all of them


def horizontal_rules_only_with_a_spanning_category() -> np.ndarray:
    """A table ruled between its rows only (no verticals): a 20-pt "Lp" column, then a
    category spanning rows 1-3 whose rules start right of it; an em dash in a row of
    the first column (text, level with no rule)."""
    image = np.full((int(200 * SCALE), int(400 * SCALE)), 255, dtype=np.uint8)
    pt = lambda v: int(v * SCALE)  # noqa: E731
    for i, y in enumerate([20, 50, 80, 110, 140]):
        start = 20 if i in (0, 3, 4) else 40  # rows 1-3 of the Lp column keep their piece
        image[pt(y) : pt(y) + 2, pt(20) : pt(380)] = 0
        if start == 40:
            image[pt(y) : pt(y) + 2, pt(42) : pt(200)] = 255  # the category breaks the rule
            image[pt(y) : pt(y) + 2, pt(20) : pt(38)] = 0  # ... beside its narrow piece
    image[pt(95) : pt(96), pt(22) : pt(32)] = 0  # "—" in a row: 10 pt, a pixel thick
    return image


def test_pieces_of_rules_broken_by_a_spanning_cell_are_rules() -> None:
    image = horizontal_rules_only_with_a_spanning_category()
    ink = np.where(image < 128, 255, 0).astype(np.uint8)
    rules, mask = find_rules(ink, SCALE, image)
    pieces = [r for r in rules if r.orientation == "h" and r.end <= 45 * SCALE]
    assert sorted(round(r.pos / SCALE) for r in pieces) == [50, 80]
    assert mask[int(50.5 * SCALE), int(30 * SCALE)] > 0  # erased before Tesseract reads
    assert mask[int(95.5 * SCALE), int(27 * SCALE)] == 0  # the dash is text


@pytest.mark.parametrize(("gap_pt", "columns"), [(4, 1), (12, 1), (40, 3)])
def test_a_ruled_box_with_columns_of_text_is_read_column_by_column(
    gap_pt: float, columns: int
) -> None:
    """A header band framed by rules with no rules between its columns holds text in
    columns: each is read as a block of its own (one block runs the columns' lines
    together), split in the middle of the paper between them.  Words a few points
    apart are one cell's text."""
    from extractor.read.ocr.grid import Box, split_columns

    ink = np.zeros((int(40 * SCALE), int(300 * SCALE)), dtype=np.uint8)
    pt = lambda v: int(v * SCALE)  # noqa: E731
    x, starts = 10.0, []
    for width in (40, 30, 50):  # three words (or columns), `gap_pt` apart
        ink[pt(12) : pt(22), pt(x) : pt(x + width)] = 255
        starts.append(x)
        x += width + gap_pt
    box = Box(0, 0, pt(x + 10), pt(35))
    parts = split_columns(ink, box, SCALE)
    assert len(parts) == columns
    assert parts[0].x0 == box.x0 and parts[-1].x1 == box.x1
    if columns == 3:
        middle = (starts[1] - gap_pt / 2) * SCALE  # between the first two columns' ink
        assert abs(parts[1].x0 - middle) <= 2


# --- numbers split and joined by the digits' spacing ---------------------------------

from extractor.read.ocr.grid import Box  # noqa: E402
from extractor.read.ocr.runs import Glyph, Run, Word  # noqa: E402
from extractor.read.ocr.words import split_gaps  # noqa: E402

EM = 40.0  # px
ADVANCE = 0.6  # em


def word(text: str, x: float, gaps: dict[int, float] | None = None, ink: float = 0.5) -> Word:
    """A word of glyphs one digit advance apart (plus `gaps[i]` advances before
    glyph i), each `ink` of an advance wide and centred on its advance."""
    glyphs, left = [], x
    for i, ch in enumerate(text):
        left += (gaps or {}).get(i, 0.0) * ADVANCE * EM
        width = (ink if ch != "1" else 0.25) * ADVANCE * EM
        centre = left + ADVANCE * EM / 2
        glyphs.append(Glyph(ch, Box(centre - width / 2, 0, centre + width / 2, EM * 0.7), 90.0))
        left += ADVANCE * EM
    return Word(glyphs, 90.0)


def texts(run: Run) -> list[str]:
    return ["".join(g.text for g in w.glyphs) for w in run.words]


def test_a_number_tesseract_split_is_joined() -> None:
    run = Run([word("1", 0), word("1", ADVANCE * EM)], size=EM)  # "11": narrow ink, far apart
    split_gaps(run, ADVANCE)
    assert texts(run) == ["11"]


def test_a_dropped_thousands_blank_is_restored() -> None:
    run = Run([word("38523", 0, gaps={2: 0.55})], size=EM)
    split_gaps(run, ADVANCE)
    assert texts(run) == ["38", "523"]


def test_a_bold_numbers_wider_digits_stay_one_number() -> None:
    """Digits set a quarter of an advance wider apart than the page's (a bold header's
    year) are one number: the word's own pitch is its measure; a dropped blank in it
    still splits."""
    run = Run([word("2012", 0, gaps={1: 0.25, 2: 0.25, 3: 0.25})], size=EM)
    split_gaps(run, ADVANCE)
    assert texts(run) == ["2012"]
    run = Run([word("20122013", 0, gaps={k: 0.25 for k in range(1, 8)} | {4: 2.0})], size=EM)
    split_gaps(run, ADVANCE)
    assert texts(run) == ["2012", "2013"]


def test_digits_a_blank_apart_stay_apart() -> None:
    run = Run([word("1", 0), word("1", 1.5 * ADVANCE * EM)], size=EM)
    split_gaps(run, ADVANCE)
    assert texts(run) == ["1", "1"]
    run = Run([word("175", 0)], size=EM)  # narrow "1" beside wide digits: one number
    split_gaps(run, ADVANCE)
    assert texts(run) == ["175"]


# --- specks, decimal marks, markers read twice ---------------------------------------

from extractor.read.ocr.placing import drop_mark_copies  # noqa: E402
from extractor.read.ocr.runs import (  # noqa: E402
    DEFAULT_RATIOS,
    Line,
    repair_case,
)
from extractor.read.ocr.words import (  # noqa: E402
    drop_specks,
    drop_tiny,
    join_closing,
    repair_word,
)

BASELINE = 100.0


def glyph(text: str, x0: float, top: float, x1: float, bottom: float, conf: float = 90) -> Glyph:
    return Glyph(text, Box(x0, top, x1, bottom), conf)


def test_a_comma_and_a_period_are_told_by_their_tails() -> None:
    def number(mark_bottom: float, read: str) -> str:
        glyphs = [
            glyph("7", 0, 72, 20, BASELINE),
            glyph(read, 22, mark_bottom - 6, 28, mark_bottom),
            glyph("5", 30, 72, 50, BASELINE),
        ]
        word = Word(glyphs, 90, exact=True)
        repair_word(word, EM, BASELINE)
        return "".join(g.text for g in word.glyphs)

    assert number(BASELINE + 0.1 * EM, ".") == "7,5"  # a tail below the baseline: a comma
    assert number(BASELINE, ",") == "7.5"  # sitting on the baseline: a period
    assert number(BASELINE + 0.04 * EM, ".") == "7.5"  # in between: as read


def test_specks_read_as_text_are_dropped() -> None:
    words = [
        Word([glyph("|", 200, 97, 202, 99)], 54),  # a dot of dirt read as "|"
        Word([glyph('"', 300, 80, 302, 81), *word("2020", 302).glyphs], 28),  # thin quote
        Word([glyph("'", 400, 70, 402, 72)], 20),  # a lone speck read as a quote
        Word([glyph("„", 500, 95, 510, 105), glyph("A", 512, 72, 530, BASELINE)], 90),
    ]
    run = Run(words, baseline=BASELINE, size=EM)
    drop_specks(run)
    assert texts(run) == ["2020", "„A"]
    alone = Run([Word([glyph(".", 600, 96, 604, BASELINE)], 90)], baseline=BASELINE, size=EM)
    drop_specks(alone)
    assert texts(alone) == ["."]  # a confident period alone in its cell stays
    comma = Run([Word([glyph(",", 600, 96, 603, 103)], 90)], baseline=BASELINE, size=EM)
    drop_specks(comma)
    assert texts(comma) == []  # a comma alone in a cell is dirt, however sure


def test_a_dot_smaller_than_a_period_an_em_after_a_run_is_a_speck() -> None:
    """ "2021 ." in a header cell: a dot of 0.05 em an em after the year goes; a dot of
    a period's size there, or a small one close after its word, stays."""

    def run_with(dot: float, gap: float) -> list[str]:
        year = word("2021", 0)
        x = year.box.x1 + gap * EM
        run = Run([year, Word([glyph(".", x, BASELINE - dot, x + dot, BASELINE)], 90)],
                  baseline=BASELINE, size=EM)  # fmt: skip
        drop_specks(run)
        return texts(run)

    assert run_with(0.05 * EM, 1.0) == ["2021"]
    assert run_with(0.12 * EM, 1.0) == ["2021", "."]
    assert run_with(0.05 * EM, 0.3) == ["2021", "."]


def test_a_dash_narrower_than_any_dash_is_a_speck() -> None:
    """A square speck read as "-" before a year in a header ("- 2022") made the header a
    row of data; a real hyphen or minus, a quarter em wide and more, stays."""

    def cleaned(*words: Word) -> list[str]:
        run = Run(list(words), baseline=BASELINE, size=EM)
        drop_specks(run)
        return texts(run)

    speck = glyph("-", 0, 88, 0.08 * EM, 88 + 0.08 * EM, conf=65)
    assert cleaned(Word([speck], 65), word("2022", 30)) == ["2022"]
    assert cleaned(Word([speck, *word("2022", 2).glyphs], 65)) == ["2022"]
    minus = glyph("-", 0, 88, 0.25 * EM, 90, conf=65)
    assert cleaned(Word([minus, *word("12,5", 0.3 * EM).glyphs], 80)) == ["-12,5"]
    assert cleaned(Word([minus], 90)) == ["-"]  # a missing value


def test_dirt_glued_to_a_number_or_between_blanks_is_dropped() -> None:
    def cleaned(*words: Word) -> list[str]:
        run = Run(list(words), baseline=BASELINE, size=EM)
        drop_specks(run)
        return texts(run)

    dot = glyph(".", 0, 96, 4, BASELINE)
    under = glyph("_", 5, 102, 15, 104)
    assert cleaned(Word([dot, under, *word("89.600,00", 20).glyphs], 80)) == ["89.600,00"]
    assert cleaned(Word([glyph("„", 0, 95, 10, 105), *word("23", 20).glyphs], 80)) == ["23"]
    assert cleaned(Word([dot], 90), word("10", 30)) == ["10"]  # ". 10"
    assert cleaned(Word([glyph("_", 0, 102, 10, 104)], 90), word("Zadanie", 30)) == ["Zadanie"]
    # a detached period ending a sentence ("Państwa .") stays
    period = Word([glyph(".", 180, 96, 184, BASELINE)], 90)
    assert cleaned(word("Kultura", 0), period) == ["Kultura", "."]
    # glued, or not dirt: stays
    assert cleaned(word("22", 0), Word([glyph(".", 42, 96, 46, BASELINE)], 90)) == ["22", "."]
    assert cleaned(Word([glyph("„", 0, 95, 10, 105), *word("A", 12).glyphs], 80)) == ["„A"]
    assert cleaned(word("1", 0), Word([glyph("–", 30, 85, 50, 88)], 90), word("2", 60)) == [
        "1",
        "–",
        "2",
    ]


def test_specks_too_small_to_print_are_dropped() -> None:
    """A run a few points high is dirt read as letters; so is a raised "mark" under
    3 pt.  At the same scale a note's 6-pt line and a 5-pt marker stay."""
    scale = 300 / 72
    tiny = Run([Word([glyph("Z", 0, 0, 8, 10)], 49)], baseline=10, size=3 * scale)
    drop_tiny(tiny, scale)
    assert texts(tiny) == []
    mark = Glyph("2", Box(60, 60, 66, 66), 31, raised=True)  # 6 px: about 2 pt
    note = Glyph("4", Box(70, 50, 78, 64), 90, raised=True)  # 14 px: 5 pt
    run = Run([word("Obóz", 0), Word([mark], 31), word("64", 100), Word([note], 90)], size=EM)
    drop_tiny(run, scale)
    assert texts(run) == ["Obóz", "64", "4"]


def test_punctuation_read_apart_is_joined_unless_a_blank_stands_before_it() -> None:
    def read(gap: float) -> list[str]:
        before = word("Państwa", 0)
        x = before.box.x1 + gap * EM
        run = Run([before, Word([glyph(".", x, 96, x + 4, BASELINE)], 90)], size=EM)
        join_closing(run)
        return texts(run)

    assert read(0.05) == ["Państwa."]  # no paper for a blank between them
    assert read(0.35) == ["Państwa", "."]  # a space typed before it stays


@pytest.mark.parametrize(
    ("read", "height", "fixed"),
    [
        ("Środki", 0.685, "środki"),  # a mark over x-height: about the ascender
        ("środki", 0.86, "Środki"),  # a mark over a capital
        ("Sprawozdanie", 0.66, "Sprawozdanie"),
        ("Sprawozdanie", 0.47, "sprawozdanie"),
        ("wsparcie", 0.66, "Wsparcie"),
    ],
)
def test_the_case_of_a_words_first_letter_follows_its_height(
    read: str, height: float, fixed: str
) -> None:
    """Times-like proportions: ascender 0.685 em, capital 0.644, x-height 0.47."""
    first = Glyph(read[0], Box(0, BASELINE - height * EM, 20, BASELINE), 90)
    rest = word(read[1:], 22)
    run = Run([Word([first, *rest.glyphs], 90)], size=EM)
    repair_case(run, 0.0, DEFAULT_RATIOS)
    assert texts(run) == [fixed]


def test_a_marker_read_as_a_line_of_its_own_is_not_read_twice() -> None:
    marker = Box(0, 60, 20, 80)
    text = Run([Word([glyph("O", 30, 72, 50, BASELINE)], 90)], baseline=BASELINE, size=EM)
    copy = Run([Word([glyph("1", 1, 61, 9, 79), glyph("6", 10, 61, 19, 79)], 80)])
    lines = [Line([*copy.words], 80, 20, runs=[copy]), Line([*text.words], 100, 40, runs=[text])]
    drop_mark_copies(lines, [(text, marker)])
    assert [len(line.runs) for line in lines] == [0, 1]


def test_a_markers_digit_boxed_on_the_number_before_it_is_not_read_twice() -> None:
    """ "15⁸": Tesseract read "158" and boxed its "8" on the blob of the "5"; the marker,
    found in the image and read again, replaces that copy.  A digit on its own blob
    stays (a number really ending in the marker's digit)."""
    from extractor.read.ocr.placing import place_mark

    def number(shared: bool) -> Run:
        glyphs = [glyph("1", 0, 72, 18, BASELINE), glyph("5", 20, 72, 29, BASELINE)]
        glyphs.append(glyph("8", 29, 72, 38, BASELINE))
        for g in glyphs[1:]:
            g.shared = shared
        return Run([Word(glyphs, 90)], baseline=BASELINE, size=EM)

    marker = Box(42, 66, 54, 84)
    for shared, read in [(True, ("15", "8")), (False, ("158", "8"))]:
        run = number(shared)
        place_mark(run, marker, "8", 95, raised=True)
        glyphs = [g for w in run.words for g in w.glyphs]
        plain = "".join(g.text for g in glyphs if not g.raised)
        assert (plain, "".join(g.text for g in glyphs if g.raised)) == read


def test_a_raised_group_read_unsure_keeps_the_pages_reading_of_it() -> None:
    """ "3⁸": the crop read again gives "3" at 17 %; the page's reading has an "8" inside
    the raised group's box, which is the marker's text."""
    from extractor.read.ocr.placing import read_in_run

    run = Run([Word([glyph("3", 0, 72, 18, BASELINE), glyph("8", 22, 60, 32, 82)], 95)])
    assert read_in_run(run, Box(21, 59, 33, 83), ("3", 17.0)) == ("8", 90)
    assert read_in_run(run, Box(60, 59, 70, 83), ("3", 17.0)) == ("3", 17.0)


# --- a page without rules: superscripts, words, baselines, sizes ----------------------

from pathlib import Path  # noqa: E402

from conftest import tesseract_with_polish  # noqa: E402

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def borderless_scan(path: Path) -> Path:
    """A borderless table at 200 dpi: three columns, values with superscript markers."""
    from PIL import Image, ImageDraw, ImageFont

    dpi = 200
    px = dpi / 72
    page = Image.new("L", (int(595 * px), int(300 * px)), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), round(10 * px))
    small = ImageFont.truetype(str(FONT), round(6 * px))
    rows = [("Lp.", "Wyszczególnienie", "2023", ""), ("1.", "Liczba ofert", "64", "1")]
    rows += [("2.", "Liczba umów", "1 250", "3"), ("3.", "Kwota dotacji", "411,50", "")]
    for i, (lp, name, value, mark) in enumerate(rows):
        y = (60 + 20 * i) * px
        draw.text((60 * px, y), lp, font=font, fill=0)
        draw.text((100 * px, y), name, font=font, fill=0)
        draw.text((400 * px, y), value, font=font, fill=0)
        if mark:
            right = 400 * px + draw.textlength(value, font=font)
            draw.text((right + 0.5 * px, y - 1.5 * px), mark, font=small, fill=0)
    page.save(path, "PDF", resolution=dpi)
    return path


@pytest.mark.skipif(not tesseract_with_polish(), reason="tesseract is not installed")
def test_borderless_scan_reads_like_a_text_layer(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    from extractor.layout.lines import chars_to_lines
    from extractor.read.ocr.page import ocr_page

    doc = pdfium.PdfDocument(str(borderless_scan(tmp_path / "table.pdf")))
    try:
        page = ocr_page(doc[0], 1)
    finally:
        doc.close()
    lines = chars_to_lines(page.chars)
    texts = [(line.text, [m.text for m in line.markers]) for line in lines]
    assert ("1. Liczba ofert 64", ["1"]) in texts  # 64 with footnote 1: not 641, not 6 + 1
    assert ("2. Liczba umów 1 250", ["3"]) in texts
    assert ("3. Kwota dotacji 411,50", []) in texts
    for line in lines:  # one baseline and one size per row, as a text layer has
        plain = [c for c in page.chars if abs(c.baseline - line.baseline) < 1 and c.size >= 8]
        assert len({c.size for c in plain}) == 1
        assert max(c.baseline for c in plain) - min(c.baseline for c in plain) < 1.0
    value = next(c for c in page.chars if c.text == "6" and c.x0 > 390)
    assert value.x0 == pytest.approx(400, abs=2)  # where it is printed, in points


def stacked_header_scan(path: Path) -> Path:
    """A borderless table under a grey header band whose cells stack their words
    over two or three lines, each cell's lines centred on its own middle."""
    from PIL import Image, ImageDraw, ImageFont

    dpi = 200
    px = dpi / 72
    page = Image.new("L", (int(595 * px), int(300 * px)), 255)
    draw = ImageDraw.Draw(page)
    bold = ImageFont.truetype(str(FONT).replace("Sans.ttf", "Sans-Bold.ttf"), round(9 * px))
    font = ImageFont.truetype(str(FONT), round(9 * px))
    draw.rectangle((55 * px, 55 * px, 545 * px, 100 * px), fill=215)
    header = [(170, ["Wyszczególnienie"]), (360, ["Stan", "wyjściowy", "2016 r."])]
    header += [(440, ["2020"]), (505, ["Dynamika", "r/r (%)"])]
    for centre, words in header:
        top = 78 - 6 * len(words)
        for i, text in enumerate(words):
            width = draw.textlength(text, font=bold)
            draw.text((centre * px - width / 2, (top + 12 * i) * px), text, font=bold, fill=0)
    rows = [("Ogłoszone otwarte konkursy ofert", "2", "3", "150,0")]
    rows += [("Łączna kwota udzielonych dotacji (zł)", "389 369,00", "440 674,34", "113,2")]
    for i, (name, *values) in enumerate(rows):
        y = (108 + 16 * i) * px
        draw.text((60 * px, y), name, font=font, fill=0)
        for right, value in zip((395, 470, 540), values, strict=True):
            draw.text((right * px - draw.textlength(value, font=font), y), value, font=font, fill=0)
    page.save(path, "PDF", resolution=dpi)
    return path


@pytest.mark.skipif(not tesseract_with_polish(), reason="tesseract is not installed")
def test_every_word_of_a_stacked_header_is_read(tmp_path: Path) -> None:
    """Words stacked in header cells of a borderless table, read as sparse text: none
    is lost, none joined with a word of the next column."""
    import pypdfium2 as pdfium

    from extractor.layout.lines import chars_to_lines
    from extractor.read.ocr.page import ocr_page

    doc = pdfium.PdfDocument(str(stacked_header_scan(tmp_path / "header.pdf")))
    try:
        page = ocr_page(doc[0], 1)
    finally:
        doc.close()
    lines = [line.text for line in chars_to_lines(page.chars)]
    words = " ".join(lines).lower().split()
    for word in ["wyszczególnienie", "stan", "wyjściowy", "2016", "2020", "dynamika", "r/r", "(%)"]:
        assert word in words, lines
    assert any(line.endswith("389 369,00 440 674,34 113,2") for line in lines), lines


def test_text_on_a_grey_fill_is_cut_as_thin_as_on_paper() -> None:
    """A word on white paper and the same word on a grey fill (a table's header band),
    blurred as a scan blurs: levelled to the paper first, the threshold gives both the
    same ink; without, the fill (most of this image) is all taken for ink.  Paper a
    little darker in places (a scan's uneven light) is no fill."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    from extractor.read.ocr.grid import binarize, flattened

    image = Image.new("L", (int(300 * SCALE), int(60 * SCALE)), 245)
    draw = ImageDraw.Draw(image)
    draw.rectangle((int(150 * SCALE), 0, int(300 * SCALE), int(60 * SCALE)), fill=190)
    font = ImageFont.truetype(str(FONT).replace("Sans.ttf", "Serif.ttf"), round(10 * SCALE))
    for x in (20, 170):
        draw.text((x * SCALE, 20 * SCALE), "Wskaźnik", font=font, fill=40)
    grey = np.asarray(image.filter(ImageFilter.GaussianBlur(1.5)))
    half = int(150 * SCALE)
    ink = binarize(flattened(grey, SCALE)) > 0
    on_paper, on_fill = int(ink[:, :half].sum()), int(ink[:, half + 10 :].sum())
    assert on_paper > 1000 and abs(on_fill - on_paper) <= 0.1 * on_paper
    assert (binarize(grey)[:, half + 10 :] > 0).sum() > 10 * on_paper
    shade = np.full((int(60 * SCALE), int(300 * SCALE)), 245, dtype=np.uint8)
    shade[:, half:] = 225  # a scan's uneven paper (0.92 of the page's): no fill, left as is
    assert (flattened(shade, SCALE) == shade).all()
