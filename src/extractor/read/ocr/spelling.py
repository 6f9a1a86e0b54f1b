"""Words OCR was unsure of, spelled as the page spells them elsewhere.

Takes: an OCR'd page's characters.  Gives: the same characters, where a word read
with doubt ("Kweta", 83 %) differs by one letter from a word the page prints at
least twice and reads surely ("Kwota", 96 %, in the header cells beside it) and from
no other such word, with that letter replaced.  Only letters are replaced, never
digits or a word's last two letters (where Polish inflects: "Liczba"/"Liczby",
"dotacja"/"dotacji" are two words), never a letter's case alone ("Zlecanie" opens a
sentence), and only in words of `MIN_LETTERS` or more.
The page is its own lexicon (a table repeats its header words; a dictionary would
not hold an office's names): no word list ships with it.
Then (`in_dictionary`) a doubtful word of `DICTIONARY_LETTERS` or more that the
language does not hold (Tesseract's own word list, `read.lexicon`), which one letter
swapped for its look-alike (`LOOK_ALIKE`: a diacritic added or lost, "i" for "l", "t"
for "r"), never in its last two (the list lacks many inflected forms), makes into
exactly one word it holds, becomes that word ("Konsuitowanie" 38 % is "Konsultowanie",
"Ekołogia" "Ekologia"); a word read surely, or near two words or none, stays as read.
Other changes are not made: a place name the list lacks is one letter from a word it
holds as often as a misreading is ("Klonica", "Radoszowo").
Imports: `read.pdf`, `read.lexicon`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from extractor.read.lexicon import dictionary
from extractor.read.pdf import Char

SURE = 90.0  # a word read at this confidence or more is spelled as printed
MIN_LETTERS = 4
MIN_SEEN = 2  # a sure spelling the page prints this often
KEPT_END = 2  # letters at a word's end never replaced (inflection)

Word = tuple[int, ...]  # indices of a word's characters in the page's characters


def respelled(chars: Sequence[Char]) -> tuple[Char, ...]:
    """The page's characters with doubtful words spelled as the page's sure ones."""
    words = letter_words(chars)
    sure = Counter(spelling(chars, w) for w in words if min(chars[i].conf for i in w) >= SURE)
    known = {word for word, seen in sure.items() if seen >= MIN_SEEN}
    masked: dict[tuple[int, str], set[str]] = defaultdict(set)
    for spelled in known:
        for k in range(len(spelled) - KEPT_END):
            masked[(k, spelled[:k] + "?" + spelled[k + 1 :])].add(spelled)
    out = list(chars)
    for word in words:
        text = spelling(chars, word)
        if min(chars[i].conf for i in word) >= SURE or text in sure:
            continue
        fixes = {
            (k, match)
            for k in range(len(text) - KEPT_END)
            for match in masked.get((k, text[:k] + "?" + text[k + 1 :]), ())
        }
        if len(fixes) == 1:
            ((k, match),) = fixes
            if match[k].lower() != text[k].lower():  # a case apart is another word's start
                out[word[k]] = chars[word[k]]._replace(text=match[k])
    return tuple(out)


DICTIONARY_LETTERS = 5
# Letters OCR reads for one another: a diacritic added or lost, and thin strokes.
LOOK_ALIKE = {
    "a": "ą", "ą": "a", "c": "ć", "ć": "c", "e": "ę", "ę": "e", "l": "łi", "ł": "l",
    "n": "ń", "ń": "n", "o": "ó", "ó": "o", "s": "ś", "ś": "s", "z": "żź", "ż": "z",
    "ź": "z", "i": "l", "t": "r", "r": "t",
}  # fmt: skip


def in_dictionary(chars: Sequence[Char]) -> tuple[Char, ...]:
    """The characters with each doubtful word out of the dictionary mended by one letter
    swapped for its look-alike, where exactly one such swap gives a dictionary word."""
    words = dictionary()
    if words is None:
        return tuple(chars)
    out = list(chars)
    for word in letter_words(chars):
        text = spelling(chars, word).lower()
        if len(text) < DICTIONARY_LETTERS or text in words:
            continue
        if min(chars[i].conf for i in word) >= SURE:
            continue
        found = {edit for edit in look_alike_edits(text) if edit[1] in words}
        if len(found) != 1:
            continue
        ((k, fixed),) = found
        old = chars[word[k]]
        out[word[k]] = old._replace(text=fixed[k].upper() if old.text.isupper() else fixed[k])
    return tuple(out)


def look_alike_edits(text: str) -> set[tuple[int, str]]:
    """(position, word) for each word one letter swapped for a look-alike makes of
    `text`, its last `KEPT_END` letters kept."""
    return {
        (k, text[:k] + other + text[k + 1 :])
        for k in range(len(text) - KEPT_END)
        for other in LOOK_ALIKE.get(text[k], "")
    }


def spelling(chars: Sequence[Char], word: Word) -> str:
    return "".join(chars[i].text for i in word)


def letter_words(chars: Sequence[Char]) -> list[Word]:
    """Runs of `MIN_LETTERS` or more letters set next to each other on one baseline."""
    words: list[Word] = []
    current: list[int] = []
    for i, char in enumerate(chars):
        if current and not next_letter(chars[current[-1]], char):
            words.append(tuple(current))
            current = []
        if char.text.isalpha() and len(char.text) == 1:
            current.append(i)
    words.append(tuple(current))
    return [w for w in words if len(w) >= MIN_LETTERS]


def next_letter(prev: Char, char: Char) -> bool:
    """`char` is a letter continuing the word `prev` ends."""
    if not (char.text.isalpha() and len(char.text) == 1):
        return False
    near = abs(char.baseline - prev.baseline) <= 0.2 * prev.size
    return near and -0.1 * prev.size <= char.x0 - prev.x1 <= 0.25 * prev.size
