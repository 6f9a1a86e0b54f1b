"""Header words OCR misread by one letter (report.header_words, read.lexicon)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.read.lexicon import dictionary
from extractor.report.header_words import HEADER_WORDS, mended_years, one_edit, respelled_header

needs_dictionary = pytest.mark.skipif(
    dictionary() is None, reason="Tesseract's Polish model and tools not installed"
)


@needs_dictionary
def test_the_dictionary_holds_the_printed_words_and_not_the_misreadings() -> None:
    words = dictionary()
    assert words is not None
    assert {"dotacji", "docelowa", "zgłoszonych", "wykorzystanej"} <= words
    assert not {"dotacjii", "docełowa", "wykorzystna"} & words


@needs_dictionary
@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("Kwota dotacjii (zł)", "Kwota dotacji (zł)"),  # a letter added
        ("Wartość docełowa", "Wartość docelowa"),  # a letter replaced
        ("Kwota wykorzystna", "Kwota wykorzystana"),  # a letter dropped
        ("KWOTA DOTACJII", "KWOTA DOTACJI"),  # the case kept
        ("(Dotacjii)", "(Dotacji)"),  # punctuation around kept
    ],
)
def test_a_header_word_misread_by_one_letter_is_spelled_as_printed(read: str, printed: str) -> None:
    assert respelled_header(read) == printed


@needs_dictionary
@pytest.mark.parametrize(
    "text",
    [
        "Liczba zgłoszonych uwag",  # a word of its own, one edit from "ogłoszonych"
        "Rok 2019",
        "dla organizacji",  # too short to tell
        "Kdwoottacaji przyznanej",  # garbled beyond one letter
        "Stowarzyszenie Wierzbica",  # names: no header word near
    ],
)
def test_words_of_the_language_and_words_far_from_any_header_word_stay(text: str) -> None:
    assert respelled_header(text) == text


words = st.sampled_from(sorted(HEADER_WORDS))
letters = st.sampled_from("abcdefghijklmnoprstuwyząćęłńóśźż")


@given(words, st.integers(min_value=0, max_value=20), letters)
def test_a_letter_added_is_one_edit(word: str, at: int, letter: str) -> None:
    k = at % (len(word) + 1)
    assert one_edit(word[:k] + letter + word[k:], word)
    assert one_edit(word, word[:k] + letter + word[k:])


@given(words, st.integers(min_value=0, max_value=20), letters)
def test_a_letter_replaced_is_one_edit_unless_it_is_the_same(
    word: str, at: int, letter: str
) -> None:
    k = at % len(word)
    assert one_edit(word[:k] + letter + word[k + 1 :], word) == (letter != word[k])


@given(words, words)
def test_two_header_words_are_never_one_edit_apart_unless_their_lengths_allow(
    a: str, b: str
) -> None:
    if abs(len(a) - len(b)) > 1 or a == b:
        assert not one_edit(a, b)


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("Wartość w 201 7", "Wartość w 2017"),
        ("20 17 r.", "2017 r."),
        ("2016 r. | 201 7 r.", "2016 r. | 2017 r."),
        ("Kwota 12 017", "Kwota 12 017"),  # a number's thousands, no year
        ("1 234 567", "1 234 567"),
    ],
)
def test_a_year_ocr_split_with_a_blank_is_joined(read: str, printed: str) -> None:
    assert mended_years(read) == printed
