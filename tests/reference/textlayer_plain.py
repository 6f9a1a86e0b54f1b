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
    """No longer sends a page to OCR for having no Polish letters: text that is
    not Polish (an English page) is sound; only a missing or broken layer goes."""
    text = [c.text for c in page.chars if not c.text.isspace()]
    blanks = sum(1 for c in page.chars if c.text.isspace())
    if len(text) < 20 or blanks > 2 * len(text):
        return True
    bad = sum(1 for t in text if _is_garbage(t))
    alnum = sum(1 for t in text if t.isalnum())
    letters = [t for t in text if t.isalpha()]
    if bad > 0.05 * len(text) or alnum < 0.5 * len(text):
        return True
    foreign = sum(1 for t in letters if not all(_plausible(c) for c in t if c.isalpha()))
    if foreign > max(3, 0.05 * len(letters)):
        return True
    polish = sum(1 for t in letters if t in POLISH)
    mojibake = mojibake_in_words(page)
    if mojibake > max(3, 0.01 * len(letters)) and mojibake > polish:
        return True
    return garbled_words(page) > max(4, 0.05 * len(letters) / 6)


def _plausible(c: str) -> bool:
    code = ord(c)
    return (
        code <= 0x17F
        or 0x370 <= code <= 0x4FF
        or 0x1D2C <= code <= 0x1DBF
        or 0x2070 <= code <= 0x209F
        or 0xFB00 <= code <= 0xFB06
    )


def mojibake_in_words(page: PageContent) -> int:
    text = "".join(c.text for c in page.chars)
    count = 0
    k = 0
    while k < len(text) - 1:
        if text[k] in "ÃÄÅĂĹ":
            for codepage in ("cp1252", "latin-1", "cp1250"):
                try:
                    if text[k : k + 2].encode(codepage).decode("utf-8") in POLISH:
                        count += 1
                        break
                except UnicodeError:
                    pass
            k += 2
        else:
            k += 1
    for k in range(1, len(text) - 1):
        if text[k] not in MOJIBAKE:
            continue
        before, after = text[k - 1], text[k + 1]
        if (before.isalpha() or before in MOJIBAKE) and (after.isalpha() or after in MOJIBAKE):
            count += 1
    return count


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
