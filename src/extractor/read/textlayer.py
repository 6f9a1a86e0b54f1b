"""Text-layer check: is a page's text layer usable, or must the page be read by OCR?

A page goes to OCR only when its text layer is missing or broken.  A scan has
no text (or a few stray glyphs); a damaged or exotic font encoding gives
private-use or unassigned code points, U+FFFD, control codes, letters of
scripts no report is printed in (the raw glyph ids of a CID font without a
Unicode map land anywhere in Unicode, or come out as blanks), mojibake ("Ã³" for "ó"), or words with
impossible capitals ("Dzia\\Balno\\ci").  Text that is merely not Polish (an
English statistics page, Polish typed without diacritics) is sound and keeps
its text layer: OCR would only read the same words worse.  Every test here
counts glyph texts once per distinct text, so it costs little on a long page.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter

from extractor.read.pdf import Char, PageContent

POLISH = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
MOJIBAKE = set("ÃÅÄÂ¹³¿œŸæñêãšžè")  # UTF-8 read as Latin-1, CP1250 read as Latin-1


MIN_GLYPHS = 20  # fewer printed glyphs than this: no text layer (a scan, a stamp)
MAX_BLANKS = 2.0  # blank glyphs per printed one: glyphs without a mapping read as blanks
MAX_GARBAGE = 0.05  # share of glyphs with no Unicode meaning (PUA, U+FFFD, controls)
MIN_ALNUM = 0.5  # share of glyphs that are letters or digits in any real text
MAX_FOREIGN = 0.05  # share of letters outside the scripts a report is printed in
SCRIPTS = (  # letter ranges of sound text; CJK, Arabic, IPA, ... in a report are glyph ids
    ("\u0000", "\u017f"),  # Latin: basic, Latin-1, Extended-A
    ("\u0370", "\u04ff"),  # Greek, Cyrillic
    ("\u1d2c", "\u1dbf"),  # modifier (superscript) letters
    ("\u2070", "\u209f"),  # superscripts and subscripts
    ("\ufb00", "\ufb06"),  # Latin ligatures
)
MAX_MOJIBAKE = 0.01  # share of letters that are mojibake inside words
MAX_GARBLED = 0.05  # share of words (letters / 6) with impossible capitals inside


def page_needs_ocr(page: PageContent) -> bool:
    """True when the page has no usable text layer: none, too little, or broken."""
    counts = Counter(map(itemgetter(0), page.chars))  # glyph texts, counted once each
    blanks = sum(n for t, n in counts.items() if t.isspace())
    counts = Counter({t: n for t, n in counts.items() if not t.isspace()})
    total = counts.total()
    if total < MIN_GLYPHS or blanks > MAX_BLANKS * total:
        return True
    bad = sum(n for t, n in counts.items() if _is_garbage(t))
    alnum = sum(n for t, n in counts.items() if t.isalnum())
    letters = sum(n for t, n in counts.items() if t.isalpha())
    if bad > MAX_GARBAGE * total or alnum < MIN_ALNUM * total:
        return True
    foreign = sum(n for t, n in counts.items() if t.isalpha() and not _plausible_letter(t))
    if foreign > max(3, MAX_FOREIGN * letters):
        return True
    polish = sum(n for t, n in counts.items() if t in POLISH)
    if any(t in MOJIBAKE or t in "ĂĹ" for t in counts):
        mojibake = mojibake_in_words(page)
        if mojibake > max(3, MAX_MOJIBAKE * letters) and mojibake > polish:
            return True
    return garbled_words(page) > max(4, MAX_GARBLED * letters / 6)


# Where a garbled word's odd middle can be: a backslash or a capital of Latin (basic,
# Latin-1, Extended-A), Greek or Cyrillic - what wrong font encodings print.
SUSPECT_MIDDLE = re.compile(r"[A-Z\\\u00c0-\u00de\u0100-\u017f\u0391-\u03a9\u0400-\u042f]")


def garbled_words(page: PageContent) -> int:
    """Words a wrong font encoding gave away: a capital or a backslash between lower-case
    letters ("Dzia\\Balno\\ci" for "Działalności"), which Polish words never have.
    Only the three glyphs' own text and spacing count: they must be one run."""
    chars = page.chars
    text = "".join([c.text for c in chars])
    owner = list(range(len(chars))) if len(text) == len(chars) else text_owners(chars)
    count = 0
    for match in SUSPECT_MIDDLE.finditer(text, 1, max(1, len(text) - 1)):
        k = match.start()
        middle = text[k]
        if not (text[k - 1].islower() and text[k + 1].islower()):
            continue
        if (middle == "\\" or middle.isupper()) and one_run(chars, owner[k - 1], owner[k + 1]):
            count += 1
    return count


MOJIBAKE_CHAR = re.compile("[" + re.escape("".join(sorted(MOJIBAKE))) + "]")
UTF8_LEAD = re.compile("[ÃÄÅĂĹ].")  # a Polish letter's two UTF-8 bytes read one by one
CODEPAGES = ("cp1252", "latin-1", "cp1250")


def mojibake_in_words(page: PageContent) -> int:
    """Mojibake: a Polish letter's UTF-8 bytes read as two characters of a Windows or
    Latin-1 code page ("Ã³" and "Ăł" for "ó"), and CP1250 letters read as Latin-1
    inside words ("wspó³praca": a mojibake character with a letter or another one on
    both sides).  A superscript "¹" or "³" after a word (a footnote marker) or a
    name's "ñ" at a word's end does not count."""
    text = "".join([c.text for c in page.chars])
    count = sum(_utf8_pair(m.group()) for m in UTF8_LEAD.finditer(text))
    for match in MOJIBAKE_CHAR.finditer(text, 1, max(1, len(text) - 1)):
        k = match.start()
        if _wordlike(text[k - 1]) and _wordlike(text[k + 1]):
            count += 1
    return count


def _utf8_pair(pair: str) -> bool:
    for codepage in CODEPAGES:
        try:
            if pair.encode(codepage).decode("utf-8") in POLISH:
                return True
        except UnicodeError:
            continue
    return False


def _wordlike(ch: str) -> bool:
    return ch.isalpha() or ch in MOJIBAKE


def text_owners(chars: Sequence[Char]) -> list[int]:
    """For each character of the page text, the index of the glyph it belongs to."""
    return [i for i, c in enumerate(chars) for _ in c.text]


def one_run(chars: Sequence[Char], first: int, last: int) -> bool:
    """True when glyphs first..last follow one another on a baseline, without a gap."""
    for i in range(first + 1, last + 1):
        prev, char = chars[i - 1], chars[i]
        if abs(char.baseline - prev.baseline) >= 0.3 * prev.size:
            return False
        if char.x0 - prev.x1 >= 0.1 * prev.size:
            return False
    return True


def _plausible_letter(ch: str) -> bool:
    """A letter of the scripts reports are printed in: Latin (basic, Latin-1,
    Extended-A), Greek, Cyrillic, superscript letters (footnote markers "ᵃ") and
    ligatures ("ﬁ"); a glyph text may hold several letters: each must be one."""
    return all(not c.isalpha() or any(a <= c <= b for a, b in SCRIPTS) for c in ch)


def _is_garbage(ch: str) -> bool:
    return ch == "\ufffd" or unicodedata.category(ch) in {"Co", "Cn", "Cc", "Cs"}
