"""`read.ocr.spelling`: a doubtful OCR word spelled as the page's sure words."""

from __future__ import annotations

import pytest

from extractor.read.lexicon import dictionary
from extractor.read.ocr.spelling import in_dictionary, respelled
from extractor.read.pdf import Char

needs_dictionary = pytest.mark.skipif(
    dictionary() is None, reason="Tesseract's Polish model and tools not installed"
)


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


@needs_dictionary
def test_a_doubtful_word_out_of_the_dictionary_one_look_alike_from_a_word_becomes_it() -> None:
    chars = page(("Konsuitowanie", 38), ("projektów", 90), ("Ekołogia", 60), ("WSKAZNIKI", 70))
    assert text(in_dictionary(chars)) == "Konsultowanie projektów Ekologia WSKAŹNIKI"


@needs_dictionary
def test_sure_words_names_and_other_changes_stay_as_read() -> None:
    kept = [
        ("Konsuitowanie", 95),  # read surely
        ("Klonica", 40),  # a place name: "Konica" is a letter dropped, no look-alike
        ("Radoszowo", 40),  # "Radostowo" is "z" for "t": no look-alike
        ("organizacyjnyni", 40),  # the last two letters are the ending's
        ("Zorza", 95),
    ]
    chars = page(*kept)
    assert text(in_dictionary(chars)) == text(chars)
