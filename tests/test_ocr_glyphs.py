"""OCR glyph boxes from the image: word boxes Tesseract got wrong are mended from
the ink (drawn here with PIL at 300 dpi, as a scan would show them)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("cv2")

from extractor.read.ocr.glyphs import blobs_in, fit_word, snap_words  # noqa: E402
from extractor.read.ocr.grid import Box, Grey, components  # noqa: E402
from extractor.read.ocr.runs import Glyph, Word  # noqa: E402

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PX = 300 / 72  # px per pt


def drawn(lines: list[tuple[str, float, float]], size: float = 10) -> Grey:
    """Ink (255) of text lines drawn at (x, y) pt in a `size` pt font."""
    from PIL import Image, ImageDraw, ImageFont

    if not FONT.exists():
        pytest.skip("DejaVu Sans not installed")
    page = Image.new("L", (int(300 * PX), int(100 * PX)), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), round(size * PX))
    for text, x, y in lines:
        draw.text((x * PX, y * PX), text, font=font, fill=0)
    return np.where(np.asarray(page) < 128, 255, 0).astype(np.uint8)


def ink_extent(ink: Grey) -> Box:
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return Box(float(cols[0]), float(rows[0]), float(cols[-1] + 1), float(rows[-1] + 1))


def test_a_word_box_ending_one_letter_short_takes_the_letter_in() -> None:
    ink = drawn([("Wysokość", 20, 20)])
    whole = ink_extent(ink)
    last = blobs_in(components(ink), whole, 4)[-1]  # the "ć" with its accent
    short = Word([], 90, Box(whole.x0, whole.top, last.x0 - 1, whole.bottom))
    snap_words([short], components(ink))
    assert short.bbox is not None
    assert short.bbox.x1 == pytest.approx(whole.x1, abs=1)
    assert len(blobs_in(components(ink), short.bbox, 4)) == len("Wysokość")


def test_a_word_box_stretched_over_the_line_below_keeps_its_own_blobs() -> None:
    """A header of two lines ("Liczba ofert" over "i umów"): a box Tesseract stretched
    down over the top of the second line holds the glyphs of the first only."""
    ink = drawn([("ofert", 20, 20), ("i umów", 18, 31)])
    first = ink_extent(ink[: int(30 * PX)])
    stretched = Box(first.x0, first.top, first.x1, first.bottom + 6 * PX)
    blobs = blobs_in(components(ink), stretched, 4)
    assert len(blobs) == len("ofert")
    assert all(b.bottom <= first.bottom + 1 for b in blobs)


def test_a_word_box_over_as_much_of_the_next_line_keeps_the_band_of_its_characters() -> None:
    """A centred header cell ("Kwota" over "dotacji"): Tesseract's box for the first
    word reaches halfway into the second line and takes in as many of its glyphs as
    the word has; the characters Tesseract boxed in the first line say which band is
    the word's, and each gets a glyph of that line."""
    ink = drawn([("Kwota", 20, 20), ("dotacji", 19, 31)])
    first = ink_extent(drawn([("Kwota", 20, 20)]))
    second = ink_extent(drawn([("dotacji", 19, 31)]))
    stretched = Box(first.x0, first.top, first.x1, (second.top + second.bottom) / 2 + 2)
    step = (first.x1 - first.x0) / 5
    glyphs = [
        Glyph(ch, Box(first.x0 + i * step, first.top, first.x0 + (i + 1) * step, first.bottom), 96)
        for i, ch in enumerate("Kwota")
    ]
    word = Word(glyphs, 96, stretched)
    fit_word(word, components(ink), ink)
    assert all(g.box.bottom <= first.bottom + 1 for g in word.glyphs)
    assert len({g.box for g in word.glyphs}) == len("Kwota")


def fitted_pair(text: str, first: str, second: str, conf: float, inset: float) -> Word:
    """`text` drawn as one blob, read as two glyphs, the second boxed inside the first
    at its right edge (`inset` px wide); the word after fitting."""
    ink = drawn([(text, 20, 20)])
    box = ink_extent(ink)
    glyphs = [
        Glyph(first, box, conf),
        Glyph(second, Box(box.x1 - inset, box.top, box.x1, box.bottom), conf),
    ]
    word = Word(glyphs, conf, box)
    fit_word(word, components(ink), ink)
    return word


def test_a_digit_read_twice_is_read_once() -> None:
    """ "7" read "71", the "1" boxed inside the "7": one glyph, one blob."""
    word = fitted_pair("7", "7", "1", 58, inset=3)
    assert "".join(g.text for g in word.glyphs) == "7"
    assert word.exact


def test_touching_letters_boxed_inside_one_another_both_stay() -> None:
    word = fitted_pair("rt", "r", "t", 90, inset=2)
    assert "".join(g.text for g in word.glyphs) == "rt"


@pytest.mark.parametrize("size", [8, 10, 12])
def test_accents_and_dots_stay_with_their_letters(size: float) -> None:
    ink = drawn([("żółćiśńźjąę", 20, 20)], size)
    assert len(blobs_in(components(ink), ink_extent(ink), 4)) == len("żółćiśńźjąę")


def test_a_run_of_glyphs_cut_from_touching_blobs_takes_its_neighbours_size() -> None:
    """Bold "Wartość" over "w 2020 r.": "Wa" and "rt" are one blob each, the "a"
    cut from the first as tall as the "W"; the run takes the size of the line below."""
    from extractor.read.ocr.runs import ASC_RATIO, DEFAULT_RATIOS, Run, measure, snap_sizes

    em = 40.0

    def run(text: str, base: float, ratio: float, shared: bool) -> Run:
        height = ASC_RATIO * em * ratio
        glyphs = [
            Glyph(ch, Box(i * 20, base - height, i * 20 + 15, base), 90)
            for i, ch in enumerate(text)
        ]
        for g in glyphs:
            g.shared = shared
        measured = Run([Word(glyphs, 90)])
        measure(measured, (base, em), 0.0)
        return measured

    header = run("Wara", 100, DEFAULT_RATIOS["cap"], shared=True)  # "a" as tall as a capital
    below = run("nauma", 150, DEFAULT_RATIOS["x"], shared=False)
    assert header.size > 1.3 * em and below.size == pytest.approx(em, rel=0.05)
    snap_sizes([header, below])
    assert header.size == below.size


@pytest.mark.parametrize(("tall", "snapped"), [(2, True), (0, False)])
def test_a_short_run_whose_glyphs_tell_sizes_far_apart_takes_its_neighbours_size(
    tall: int, snapped: bool
) -> None:
    """ "Razem": the "a" boxed with some of the "R"'s ink, as tall as a capital, the "m"
    with another neighbour's: its glyphs tell sizes 1.4 times apart, the run's mean says
    little, and it takes the size of the line below.  Glyphs that agree on a larger size
    keep it."""
    from extractor.read.ocr.runs import ASC_RATIO, DEFAULT_RATIOS, Run, measure, snap_sizes

    em = 40.0

    def run(heights: list[float], text: str, base: float) -> Run:
        glyphs = [
            Glyph(ch, Box(i * 20, base - h, i * 20 + 15, base), 90)
            for i, (ch, h) in enumerate(zip(text, heights, strict=True))
        ]
        measured = Run([Word(glyphs, 90)])
        measure(measured, (base, em), 0.0)
        return measured

    x_height, cap = ASC_RATIO * em * DEFAULT_RATIOS["x"], ASC_RATIO * em * DEFAULT_RATIOS["cap"]
    heights = [cap, x_height, x_height, x_height, x_height]
    for k in range(1, 1 + tall):
        heights[2 * k - 1] = cap  # "a" and "m" as tall as the "R"
    if not tall:  # a larger type, every glyph telling it
        heights = [1.3 * h for h in heights]
    razem = run(heights, "Razem", 100)
    below = run([x_height] * 5, "nauma", 150)
    below_size = below.size
    snap_sizes([razem, below, run([x_height] * 5, "mamun", 200)])
    assert (razem.size == below.size) is snapped
    assert below.size == pytest.approx(below_size, rel=0.01)


def test_a_line_of_no_measurable_glyph_takes_the_size_of_its_row() -> None:
    """A lone "x" (a missing value) that Tesseract read apart from its row, as a capital:
    no glyph of its line shows the em, so its line's height says nothing; it takes the
    size of the row it sits in, never a size of its own."""
    from extractor.read.ocr.runs import ASC_RATIO, DEFAULT_RATIOS, Line, measure_lines

    em, base = 40.0, 200.0

    def line(text: str, x: float, ratio: float) -> Line:
        height = ASC_RATIO * em * ratio
        glyphs = [
            Glyph(ch, Box(x + i * 20, base - height, x + i * 20 + 15, base), 90)
            for i, ch in enumerate(text)
        ]
        return Line([Word(glyphs, 90)], base, height)

    row = line("nauemna", 0, DEFAULT_RATIOS["x"])  # letters of the x-height only
    lone = line("X", 600, DEFAULT_RATIOS["x"])  # an "x" read as "X": an x-height tall
    measure_lines([row, lone], 0.0)
    assert row.runs[0].size == pytest.approx(em, rel=0.1)
    assert lone.runs[0].size == row.runs[0].size


def test_a_long_word_of_no_measurable_glyph_keeps_its_lines_height() -> None:
    """ "wyjściowy" has no glyph of a measured class, but nine of them: Tesseract's height
    of its line holds, and it is not given the size of a larger heading beside it."""
    from extractor.read.ocr.runs import ASC_RATIO, Line, measure_lines

    def line(text: str, x: float, em: float) -> Line:
        glyphs = [
            Glyph(ch, Box(x + i * 20, 200 - ASC_RATIO * em, x + i * 20 + 15, 200), 90)
            for i, ch in enumerate(text)
        ]
        return Line([Word(glyphs, 90)], 200, em)

    heading, word = line("Tabela", 0, 60.0), line("wyjściowy", 600, 40.0)
    measure_lines([heading, word], 0.0)
    assert word.runs[0].size == pytest.approx(0.8 * 40.0, rel=0.1)


def test_a_speck_never_stands_in_for_a_letter_of_touching_glyphs() -> None:
    """Touching "rt" prints as one blob; a speck of dirt inside the word box makes two blobs
    for two letters.  The "t" keeps its share of the blob, never the speck, and the
    word is not one blob per glyph (so no blank is read before the speck)."""
    ink = drawn([("rt", 20, 20)])
    box = ink_extent(ink)
    r, t = blobs_in(components(ink), box, 4)
    ink[r.top : r.top + 3, r.x1 - 2 : t.x0 + 2] = 255  # they touch
    ink[int(box.bottom) - 3 : int(box.bottom) - 1, int(box.x1) + 2 : int(box.x1) + 4] = 255
    box = ink_extent(ink)
    half = (box.x0 + box.x1) / 2
    glyphs = [
        Glyph("r", Box(box.x0, box.top, half, box.bottom), 90),
        Glyph("t", Box(half, box.top, box.x1, box.bottom), 90),
    ]
    word = Word(glyphs, 90, box)
    fit_word(word, components(ink), ink)
    assert not word.exact
    t = word.glyphs[1].box
    assert t.bottom - t.top > 0.5 * (box.bottom - box.top)


@pytest.mark.parametrize(("text", "stars"), [("*", 1), ("**", 2), ("–", 0), ("-", 0)])
def test_stars_are_told_from_a_dash_by_their_ink(text: str, stars: int) -> None:
    """A raised group of small blobs as wide as high (or k times as wide) is stars;
    a dash is as flat, but solid ink ("Tabela 4 – ..." was read "Tabela 4*****")."""
    from extractor.read.ocr.marks import star_count

    ink = drawn([(text, 20, 20)], size=6)  # a marker's size in a 10 pt line
    assert star_count(components(ink), ink_extent(ink), 10 * PX) == stars


@pytest.mark.parametrize(
    ("text", "size", "stars"),
    [("**", 10, 2), ("***", 10, 3), ("*", 10, 0), ("12", 6, 0), ("4", 7, 0)],
)
def test_a_sans_face_s_taller_stars_count_in_twos_and_threes(
    text: str, size: float, stars: int
) -> None:
    """ "11**" typed in a sans face: each star stands 0.4 em, taller than a serif's; two or
    three of them are stars.  One tall star alone, or superscript digits, are not."""
    from extractor.read.ocr.marks import star_count

    ink = drawn([(text, 20, 20)], size=size)
    assert star_count(components(ink), ink_extent(ink), 10 * PX) == stars


@pytest.mark.parametrize(
    ("lean", "descent", "dot", "slash", "speck"),
    [(12, 3, False, True, False), (0, 3, False, False, False), (12, -2, False, False, False),
     (12, 3, True, False, False), (12, 3, False, True, True)],
)  # fmt: skip
def test_a_slash_read_as_a_thin_letter_is_a_slash(
    lean: int, descent: int, dot: bool, slash: bool, speck: bool
) -> None:
    """A glyph read "i" ("r/r" read "rir") whose one stroke reaches from above the
    x-height to below the baseline, leaning right (`lean` px over its height), is a
    slash, a speck of the scan inside its box above it aside; an upright stroke (an
    "l"), one sitting on the baseline, or a dot over a hooked stem (the "j" of
    "kujawsko") is left as read."""
    from extractor.read.ocr.glyphs import repair_slashes
    from extractor.read.ocr.runs import Line, Run

    em, base = 40.0, 100.0
    ink = np.zeros((160, 120), dtype=np.uint8)
    top, bottom = int(base - 0.75 * em), int(base + descent)
    for y in range(top, bottom):  # a stroke 4 px wide, `lean` px further right at its top
        x = 50 + round(lean * (bottom - y) / (bottom - top))
        ink[y, x : x + 4] = 0 if dot and top + 5 <= y < top + 10 else 255
    r = Glyph("r", Box(20, base - 0.47 * em, 40, base), 90)
    if speck:  # two pixels of dirt a few rows over the stroke, inside the glyph's box
        ink[top - 5 : top - 3, 60:62] = 255
    i = Glyph("i", Box(50, top - 6 if speck else top, 50 + lean + 4, bottom), 90)
    word = Word([r, i, Glyph("r", Box(70, base - 0.47 * em, 90, base), 90)], 90, exact=True)
    run = Run([word], baseline=base, size=em)
    repair_slashes([Line([word], base, em, runs=[run])], ink)
    assert "".join(g.text for g in word.glyphs) == ("r/r" if slash else "rir")


@pytest.mark.parametrize(
    ("text", "size", "read_as_star", "stars"),
    [("*", 10, True, 1), ("*", 10, False, 0), ("12", 6, True, 0), ("4", 7, True, 0)],
)
def test_one_tall_star_counts_when_its_reading_says_star(
    text: str, size: float, read_as_star: bool, stars: int
) -> None:
    """ "min. 5*" in a sans face, read "min. 5%": one star 0.4 em tall, its own reading
    "*" however unsure, is a star; without that reading, or for digits, it is not."""
    from extractor.read.ocr.marks import star_count

    ink = drawn([(text, 20, 20)], size=size)
    assert star_count(components(ink), ink_extent(ink), 10 * PX, read_as_star) == stars


def test_a_mark_group_inside_a_larger_one_is_part_of_it() -> None:
    """The second star of "**" found again as a group of its own is no mark of its own;
    groups side by side both stay."""
    from extractor.read.ocr.placing import outermost

    pair, second, other = (
        Box(1985, 2383, 2015, 2399),
        Box(2002, 2383, 2015, 2398),
        Box(2100, 2383, 2115, 2398),
    )
    assert outermost([pair, second, other]) == [pair, other]
