"""`read.ocr.spelling`: a doubtful OCR word spelled as the page's sure words."""

from __future__ import annotations

from extractor.read.ocr.spelling import respelled
from extractor.read.pdf import Char


def page(*words: tuple[str, float]) -> list[Char]:
    """Words on one line, a blank between them, each read at its confidence."""
    chars: list[Char] = []
    x = 10.0
    for text, conf in words:
        if chars:
            chars.append(Char(" ", x, x + 3, 0, 10, 10, 10, conf))
            x += 3
        for letter in text:
            chars.append(Char(letter, x, x + 5, 0, 10, 10, 10, conf))
            x += 5
    return chars


def text(chars: tuple[Char, ...] | list[Char]) -> str:
    return "".join(c.text for c in chars)


def test_a_doubtful_word_takes_the_spelling_the_page_reads_surely_twice() -> None:
    chars = page(("Kwota", 96), ("dotacji", 96), ("Kwota", 96), ("Kweta", 83), ("zwrotu", 96))
    assert text(respelled(chars)) == "Kwota dotacji Kwota Kwota zwrotu"
    fixed = respelled(chars)[-10]
    assert fixed.text == "o" and fixed.conf == 83  # the box and the doubt stay


def test_what_is_left_as_read() -> None:
    once = page(("Kwota", 96), ("Kweta", 83))  # one sure reading is no lexicon
    assert text(respelled(once)) == text(once)
    sure = page(("Kwota", 96), ("Kwota", 96), ("Kweta", 95))  # read surely: printed so
    assert text(respelled(sure)) == text(sure)
    ending = page(("Liczba", 96), ("Liczba", 96), ("Liczby", 80))  # an inflected ending
    assert text(respelled(ending)) == text(ending)
    case = page(("zlecanie", 96), ("zlecanie", 96), ("Zlecanie", 80))  # a sentence's start
    assert text(respelled(case)) == text(case)
    two = page(("Kwota", 96), ("Kwota", 96), ("Kwita", 96), ("Kwita", 96), ("Kweta", 80))
    assert text(respelled(two)) == text(two)  # two sure words one letter away: no choice
    short = page(("Rok", 96), ("Rok", 96), ("Rek", 70))
    assert text(respelled(short)) == text(short)


def test_digits_are_never_respelled() -> None:
    chars = page(("2021", 96), ("2021", 96), ("2024", 60), ("Kwota", 96), ("Kwota", 96))
    assert text(respelled(chars)) == text(chars)
