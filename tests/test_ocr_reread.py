"""Doubtful words read again in their block of ink (read.ocr.reread): the page's
first reading is made up here (garbled words, a word cut over two lines) over an
image of the words as printed, and the block is read again by Tesseract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("cv2")

from extractor.read.ocr.grid import Box, Grey  # noqa: E402
from extractor.read.ocr.reread import cut_words, doubtful_blocks, reread  # noqa: E402
from extractor.read.ocr.runs import Glyph, Line, Word  # noqa: E402

from conftest import tesseract_with_polish  # noqa: E402

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
PX = 300 / 72  # px per pt
EM = 11 * PX
needs_tesseract = pytest.mark.skipif(
    not tesseract_with_polish(), reason="tesseract is not installed"
)


def printed(cells: list[tuple[float, list[str]]], size: float = 11) -> tuple[Grey, list[Box]]:
    """An ink image (255 = ink) of header cells, each a stack of lines centred on the
    cell's middle x (pt), all starting 20 pt down; the boxes of the lines (px)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (int(400 * PX), int(120 * PX)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), round(size * PX))
    boxes = []
    for centre, lines in cells:
        for i, text in enumerate(lines):
            x, y = centre * PX - draw.textlength(text, font=font) / 2, (20 + 13 * i) * PX
            draw.text((x, y), text, font=font, fill=0)
            x0, y0, x1, y1 = draw.textbbox((x, y), text, font=font)
            boxes.append(Box(x0, y0, x1, y1))
    return np.where(np.asarray(image) < 128, 255, 0).astype(np.uint8), boxes


def made_up(text: str, box: Box, conf: float) -> Word:
    """A word as a first reading gave it: its glyphs spread over `box`."""
    step = (box.x1 - box.x0) / len(text)
    glyphs = [
        Glyph(ch, Box(box.x0 + k * step, box.top, box.x0 + (k + 1) * step, box.bottom), conf)
        for k, ch in enumerate(text)
    ]
    return Word(glyphs, conf, box)


def texts(lines: list[Line]) -> list[str]:
    return ["".join(g.text for g in w.glyphs) for ln in lines for w in ln.words]


@needs_tesseract
def test_a_stacked_cell_read_garbled_is_read_again_alone() -> None:
    """A cell of four stacked lines that the first reading ran together with low
    confidence is read again as a block of its own; the cell beside it, read sure
    and an em away, keeps its reading."""
    ink, boxes = printed([(60, ["Kwota", "dotacji", "przyznanej", "(zł)"]), (150, ["Liczba"])])
    whole = Box(boxes[0].x0, boxes[0].top, boxes[2].x1, boxes[3].bottom)
    garbled = [made_up(text, box, conf) for text, box, conf in zip(
        ["oka", "dotac", "rzyznain", "PZYJ"], boxes, [21, 55, 60, 55], strict=False
    )]  # fmt: skip
    sure = made_up("Liczba", boxes[4], 95)
    first = [Line(garbled, whole.bottom, EM), Line([sure], boxes[4].bottom, EM)]
    again = reread(first, ink, EM)
    assert texts(again)[0] == "Liczba" and again[0].words[0] is sure
    assert texts(again)[1:] == ["Kwota", "dotacji", "przyznanej", "(zł)"]


@needs_tesseract
def test_a_word_cut_over_two_lines_is_read_again_whole() -> None:
    """'wykorzystana' read as 'WYKO' on one line and 'rzystana' on the next, sure of
    both: the two parts touch, so their cell is read again."""
    ink, boxes = printed([(60, ["Kwota", "wykorzystana", "(zł)"])])
    word = boxes[1]
    middle = word.x0 + 0.35 * (word.x1 - word.x0)
    left = made_up("WYKO", Box(word.x0, word.top, middle, word.bottom + 4), 89)
    right = made_up("rzystana", Box(middle, word.top, word.x1, word.bottom), 91)
    first = [
        Line([made_up("Kwota", boxes[0], 96), right], word.bottom, EM),
        Line([left, made_up("(zł)", boxes[2], 96)], boxes[2].bottom, EM),
    ]
    assert cut_words(first, EM) == [right, left]
    assert texts(reread(first, ink, EM)) == ["Kwota", "wykorzystana", "(zł)"]


@needs_tesseract
def test_a_line_of_its_own_is_not_read_again() -> None:
    """Only lines run together are misread so: a block of one line read unsure (a
    Roman numeral) keeps its first reading, whatever a second one says."""
    ink, boxes = printed([(120, ["III. Nauka, edukacja"])])
    first = [Line([made_up("Iii.", boxes[0], 34)], boxes[0].bottom, EM)]
    assert doubtful_blocks(ink, first[0].words, EM) == []
    assert reread(first, ink, EM) == first


def test_words_of_one_line_or_apart_are_not_cut() -> None:
    """Neighbours on one line, or on two lines an em apart, are no cut word."""
    a = made_up("Kwota", Box(0, 0, 50, 40), 96)
    b = made_up("dotacji", Box(52, 0, 110, 40), 96)
    c = made_up("(zł)", Box(110 + EM, 0, 150 + EM, 40), 96)
    assert cut_words([Line([a, b], 40, EM)], EM) == []
    assert cut_words([Line([a, b], 40, EM), Line([c], 40, EM)], EM) == []


def test_a_word_a_recovered_piece_reads_again_goes() -> None:
    """A "z" read alone, then "(zł)" recovered from the unread ink around it: the lone
    "z" goes; a word the recovered one does not spell, or lies beside, stays."""
    from extractor.read.ocr.recover import without_read_again

    lone = made_up("z", Box(104, 10, 112, 30), 89)
    other = made_up("3", Box(104, 40, 112, 60), 90)
    beside = made_up("z", Box(200, 10, 208, 30), 90)
    first = [Line([lone, beside], 30, EM), Line([other], 60, EM)]
    recovered = [Line([made_up("(zł)", Box(96, 5, 124, 62), 96)], 30, EM)]
    kept = without_read_again(first, recovered)
    assert [w for ln in kept for w in ln.words] == [beside, other]


def test_words_overlapping_side_by_side_are_one_word_read_twice_where_they_meet() -> None:
    """ "Przyzi" (a piece read again, its last "i" the first "n" of the other) over
    "nana" on another line: one word "Przyznana"; words merely close stay apart."""
    from extractor.read.ocr.words import join_overlapping

    piece = made_up("Przyzi", Box(0, 0, 120, 40), 90)
    rest = made_up("nana", Box(105, 8, 190, 40), 96)
    apart = made_up("kwota", Box(196, 0, 280, 40), 96)
    lines = join_overlapping([Line([rest, apart], 40, EM), Line([piece], 40, EM)])
    assert texts(lines) == ["Przyznana", "kwota"]


def test_a_number_boxed_under_a_word_of_letters_stays_a_word_of_its_own() -> None:
    """ "nr" boxed by Tesseract over the "5" after it ("Tabela nr 5"), both read
    surely: a word of letters and a number are never one word read twice."""
    from extractor.read.ocr.words import join_overlapping

    word = made_up("nr", Box(0, 0, 80, 40), 96)
    number = made_up("5", Box(65, 0, 84, 40), 96)
    lines = join_overlapping([Line([word, number], 40, EM)])
    assert texts(lines) == ["nr", "5"]


def test_letters_read_unsure_over_specks_go() -> None:
    """An "e" read at 25 % over two dots of dirt goes; the same unsure reading over a
    printed letter stays, and so does a sure word (a thin letter) or a hyphen."""
    from extractor.read.ocr.glyphs import without_inkless

    ink, boxes = printed([(60, ["e"])])
    ink[200:203, 300:303] = 255  # two specks, 3 px a side, far from the letter
    ink[215:218, 330:333] = 255
    over_specks = made_up("e", Box(290, 190, 340, 225), 25)
    letter = made_up("e", boxes[0], 25)
    sure = made_up("i", Box(290, 190, 340, 225), 90)
    hyphen = made_up("-", Box(290, 190, 340, 225), 25)
    lines = [Line([over_specks, letter, sure, hyphen], 225, EM)]
    assert [w for ln in without_inkless(lines, ink, EM) for w in ln.words] == [letter, sure, hyphen]
