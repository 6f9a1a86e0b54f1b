"""Text-layer check: is a page's text layer usable, or must the page be read by OCR?

A scan has no text (or a few stray glyphs); a damaged or exotic font encoding
gives private-use or unassigned code points, mojibake ("Ã³" for "ó"), or
Polish words with impossible capitals ("Dzia\\Balno\\ci").  Every test here
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


def page_needs_ocr(page: PageContent) -> bool:
    """True when the page has no usable text layer (none, too little, or not Polish)."""
    counts = Counter(map(itemgetter(0), page.chars))  # glyph texts, counted once each
    counts = Counter({t: n for t, n in counts.items() if not t.isspace()})
    total = counts.total()
    if total < 20:
        return True
    bad = sum(n for t, n in counts.items() if _is_garbage(t))
    alnum = sum(n for t, n in counts.items() if t.isalnum())
    letters = sum(n for t, n in counts.items() if t.isalpha())
    if bad > 0.05 * total or alnum < 0.5 * total:
        return True
    polish = sum(n for t, n in counts.items() if t in POLISH)
    mojibake = sum(n for t, n in counts.items() if t in MOJIBAKE)
    if mojibake > max(3, 0.01 * letters) and mojibake > polish:
        return True
    if garbled_words(page) > max(4, 0.05 * letters / 6):  # > 5 % of the words
        return True
    return letters >= 300 and polish == 0


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


def _is_garbage(ch: str) -> bool:
    return ch == "\ufffd" or unicodedata.category(ch) in {"Co", "Cn", "Cc", "Cs"}
