"""The text-layer check as it was written first, plainly: the oracle for the fast one.

`extractor.read.textlayer` counts distinct glyph texts and finds garbled words with a
regular expression; these per-glyph loops are the original.  One deliberate
difference: the fast scan looks for odd capitals only in Latin (basic, Latin-1,
Extended-A), Greek and Cyrillic, what broken font encodings print.
"""

from __future__ import annotations

import unicodedata

from extractor.read.pdf import PageContent
from extractor.read.textlayer import MOJIBAKE, POLISH


def page_needs_ocr(page: PageContent) -> bool:
    text = [c.text for c in page.chars if not c.text.isspace()]
    if len(text) < 20:
        return True
    bad = sum(1 for t in text if _is_garbage(t))
    alnum = sum(1 for t in text if t.isalnum())
    letters = [t for t in text if t.isalpha()]
    if bad > 0.05 * len(text) or alnum < 0.5 * len(text):
        return True
    polish = sum(1 for t in letters if t in POLISH)
    mojibake = sum(1 for t in letters if t in MOJIBAKE)
    if mojibake > max(3, 0.01 * len(letters)) and mojibake > polish:
        return True
    if garbled_words(page) > max(4, 0.05 * len(letters) / 6):
        return True
    return len(letters) >= 300 and polish == 0


def garbled_words(page: PageContent) -> int:
    count = 0
    prev: tuple[str, float, float, float] | None = None  # text, x1, baseline, size
    run = ""
    for char in page.chars:
        joined = (
            prev is not None
            and abs(char.baseline - prev[2]) < 0.3 * prev[3]
            and char.x0 - prev[1] < 0.1 * prev[3]
        )
        run = run + char.text if joined else char.text
        if len(run) >= 3 and run[-1].islower() and run[-3].islower():
            if run[-2] == "\\" or run[-2].isupper():
                count += 1
        prev = (char.text, char.x1, char.baseline, char.size)
    return count


def _is_garbage(ch: str) -> bool:
    return ch == "\ufffd" or unicodedata.category(ch) in {"Co", "Cn", "Cc", "Cs"}
