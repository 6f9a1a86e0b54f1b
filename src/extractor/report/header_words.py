"""Header words OCR misread by one letter, spelled as these reports print them.

Takes: the text of a header cell OCR read.  Gives: the text with each word that is
one edit (a letter replaced, added or dropped; "docełowa", "dotacjii", "wykorzystna")
from exactly one word of `HEADER_WORDS`, and is no word of the language itself (not
in Tesseract's dictionary, `read.lexicon`: "zgłoszonych" is one edit from
"ogłoszonych" and stays), spelled as that word, its first letter's case kept.
Without the dictionary nothing is respelled.  Words under `MIN_LETTERS` letters are
left alone ("dla" and "dia" are one edit from many words).  A header names a column
for every report of every office: one misread letter would make the column another
one (the year, the target and the amount columns are told by these words).  The
page's own sure spellings mend most misreads (`read.ocr.spelling`); this mends those
the page prints once, read with confidence.  A year OCR split with a blank is joined
(`mended_years`).  Imports: `read.lexicon`.
"""

from __future__ import annotations

import re

from extractor.read.lexicon import dictionary

MIN_LETTERS = 5

# Words the column headers of these reports print (each inflected form one entry, so a
# form is never taken for a misreading of another).
HEADER_WORDS = frozenset(
    """
    kwota kwoty kwotę kwocie dotacji dotacja dotacje dotację dotacjach dotacyjna
    przyznanej przyznana przyznane przyznanych przyznanego przyznano
    wykorzystanej wykorzystana wykorzystane wykorzystanych wykorzystanie wykorzystania
    wartość wartości docelowa docelowy docelowe docelowej wskaźnika wskaźnik wskaźniki
    wskaźników osiągnięta osiągnięty osiągnięte osiągniętej osiągnięcia
    liczba liczby liczbę ofert oferty ofertę złożonych złożone złożonej zawartych zawarte
    umowy umów umowa zadania zadanie zadań zadaniu zadanie publicznego publiczne
    publicznych publicznej realizacji realizacja realizowanych realizujące realizujący
    nazwa nazwy organizacji organizacja organizacje podmiot podmiotu podmiotów podmioty
    wyszczególnienie miernik mierniki termin terminy tytuł tytułu środki środków
    budżetu budżet wydatki wydatków ogółem razem zmiana zmiany rodzaj obszar obszary
    udział udziału procentowy procentowa stopień dynamika planowana planowane
    zaplanowane zaplanowanych rozliczenia rozliczona rozliczone zwrócona zwrócone
    priorytet priorytetowe sposób forma formy współpracy działań działania opis uwagi
    pozarządowych pozarządowe konkursu konkursów konkursach otwartych otwarty trybie
    ustawy ogłoszonych wpłynęło wpłynęły złotych wysokość
    """.split()
)


def respelled_header(text: str) -> str:
    """The header text with its misread words spelled as `HEADER_WORDS` spells them."""
    return " ".join(respelled_word(word) for word in text.split(" "))


SPLIT_YEAR = re.compile(r"(?<!\d)(1 ?9|2 ?0)( ?)(\d)( ?)(\d)(?!\d)")


def mended_years(text: str) -> str:
    """Years OCR split with a blank ("201 7", "20 17" for 2017) joined again."""
    return SPLIT_YEAR.sub(lambda m: m.group(1).replace(" ", "") + m.group(3) + m.group(5), text)


def respelled_word(word: str) -> str:
    """The word, or the one header word it is a misreading of (see the module)."""
    start = next((i for i, ch in enumerate(word) if ch.isalpha()), len(word))
    end = len(word)
    while end > start and not word[end - 1].isalpha():
        end -= 1
    core = word[start:end]
    if len(core) < MIN_LETTERS or not core.isalpha() or core.lower() in HEADER_WORDS:
        return word
    matches = [known for known in HEADER_WORDS if one_edit(core.lower(), known)]
    if len(matches) != 1:
        return word
    words = dictionary()
    if words is None or core.lower() in words:
        return word
    fixed = matches[0]
    if core.isupper():
        fixed = fixed.upper()
    elif core[0].isupper():
        fixed = fixed.capitalize()
    return word[:start] + fixed + word[end:]


def one_edit(a: str, b: str) -> bool:
    """`a` and `b` differ by one letter replaced, added or dropped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]
