"""Text normalisation for comparing what reports print: folded, normalised, similar.

Checks and consolidation compare indicator names, column headers and footnote
texts across rows and reports that print them slightly differently ("Liczba
organizacji" / "liczba  organizacji,"): these helpers fold case, Polish letters
and exotic blanks, and measure similarity.  Cached: a batch asks about the same
few thousand texts again and again.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

_FOLD = str.maketrans({"ł": "l", "Ł": "l", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, Polish letters folded to ASCII, exotic blanks made plain; punctuation kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """`fold`, then every run of characters other than letters and digits one blank."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


@lru_cache(maxsize=1 << 16)
def similarity(a: str, b: str) -> float:
    """difflib ratio of the normalised texts (1.0: the same words)."""
    return difflib.SequenceMatcher(None, norm(a), norm(b)).ratio()


STOPWORDS = frozenset({"na", "w", "z", "i", "o", "do", "od", "oraz", "dla", "przez", "ktore"})


def content_words(text: str) -> set[str]:
    return {w for w in norm(text).split() if w not in STOPWORDS and not w.isdigit()}


def one_line(text: str) -> str:
    """Printed text quoted in a message: every run of blanks and line breaks one blank."""
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def matches(pattern: str, text: str) -> bool:
    """Does `pattern` (written for normalised text) occur in the normalised `text`?"""
    return re.search(pattern, norm(text)) is not None


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Printed ids in reading order: '1.2' < '1.2a' < '1.10'; '2' < '10'."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", text))
