"""OCR words mended: numbers split and joined where the glyphs' spacing says, and
careful character repair.

Tesseract drops the blank of a thousands separator ("38523" for "38 523") and
splits numbers whose glyphs are narrow ("1 1" for "11": the ink of two ones is
far apart, though they are one advance apart like any two digits).  Digits are
set on a fixed advance in every common typeface, so the distance between the
centres of two neighbouring digits tells: one advance within a number, an
advance and a blank (1.3-1.7 advances) across a separator.  The page's own
advance is the median distance of neighbouring digits Tesseract read in one
word.  Repair changes O/0 and l/1 only inside digit runs; a digit is never
invented.
"""

from __future__ import annotations

import math
import re
import statistics

from extractor.read.ocr.grid import Box
from extractor.read.ocr.runs import Glyph, Line, Run, Word, raised_size

DASHES = set("-–—")
DIGIT_LIKE = {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1"}
DIGIT_RUN = re.compile(r"[0-9OoDlI|]+")
CLOSING_L = re.compile(r"(?<!\w)\d{3,}L(?!\w)")  # three digits and an L: a number
DEFAULT_ADVANCE = 0.55  # em: a digit's advance when the page has too few to measure
MIN_PAIRS = 8  # neighbouring digit pairs the page needs to measure its advance
SPLIT_PITCH = 1.22  # advances between digit centres above which a blank separates them
LETTER_GAP = 0.3  # em of blank between exactly boxed letters that separates words
COMMA_DESCENT = 0.06  # em below the baseline a comma's tail reaches (commas: 0.08-0.15)
PERIOD_DESCENT = 0.02  # em from the baseline a period's bottom lies within (periods: 0.0)
MIN_INK = 0.3  # em: the least ink height of a glyph of full or x-height (not "." or "'")
SPECK_CONF = 40.0  # a lone dot or quote read with less confidence than this is dirt
SPECKLIKE = set(".,:;'\"`´‘’‚„“”^~°")  # what Tesseract reads a speck of dirt as
QUOTES = set("'\"`´‘’‚„“”")
MIN_QUOTE = 0.1  # em: the least ink height of a quote mark (quotes: 0.2-0.3 em)
MIN_DASH = 0.15  # em: the least ink width of a dash (a hyphen's ink: 0.22-0.3 em)
SMALL = set(".,:;'\"`´‘’‚„“”-‐–—_·•*^~°¹²³⁰⁴⁵⁶⁷⁸⁹⁾")  # glyphs that may be this small
LONE_DIRT = set(",;`´^~_") | QUOTES  # alone in a run (a cell's line): never text, "." may be
DIRT = SPECKLIKE | {"_"}  # punctuation that never opens a number nor stands alone
BLANK = 0.18  # em of paper between two words that a blank puts there (ink to ink)
CLOSING = {".", ",", ":", ";", ")", "?", "!"}  # punctuation set close after a word
MIN_TEXT = 4.0  # pt: a run set smaller is specks of dirt read as letters (notes are 6 pt and up)
MIN_MARK = 3.0  # pt: ... and so is a raised glyph smaller than this
MIN_DOT = 0.09  # em: a period's ink is at least this wide and high (seen: 0.09-0.18)
OVERLAP = 0.1  # em: words of one line overlapping this much are one word read in two
NUMBER_REST = re.compile(r"\d[\d.,\s%]*")  # what follows dirt glued to a number


def join_overlapping(lines: list[Line]) -> list[Line]:
    """Two words overlapping by `OVERLAP` em or more side by side (and by half in
    height), of one line or two, are one word whose ink was read twice where they
    meet ("Przyzi" + "nana" for "Przyznana": the piece of unread ink "Przyz" read
    again took in the first "n", as "i"): the less sure word loses the glyphs that
    lie in the other's box, and the two are joined in the surer one's line.  A word
    of letters and a number are two words however their boxes overlap ("nr" boxed
    over the "5" of "Tabela nr 5", both read surely)."""
    placed = sorted(((w, line) for line in lines for w in line.words), key=lambda p: p[0].extent.x0)
    gone: set[int] = set()
    for i, (word, line) in enumerate(placed):
        for other, other_line in placed[i + 1 :]:
            if other.extent.x0 >= word.extent.x1:
                break
            if id(other) in gone or id(word) in gone:
                continue
            em = max(line.height, other_line.height)
            if _overlap(word, other) >= OVERLAP * em and not _letters_and_number(word, other):
                keep, lose = (word, other) if word.conf >= other.conf else (other, word)
                _absorb(keep, lose)
                gone.add(id(lose))
    kept = [Line([w for w in ln.words if id(w) not in gone], ln.baseline, ln.height, ln.runs)
            for ln in lines]  # fmt: skip
    return [ln for ln in kept if ln.words]


def _letters_and_number(a: Word, b: Word) -> bool:
    """One word is letters only, the other digits (and their punctuation) only."""
    kinds = {_kind("".join(g.text for g in w.glyphs)) for w in (a, b)}
    return kinds == {"letters", "number"}


def _kind(text: str) -> str:
    if text.isalpha():
        return "letters"
    if any(ch.isdigit() for ch in text) and re.fullmatch(r"[\d.,:;()/%-]+", text):
        return "number"
    return ""


def _overlap(left: Word, right: Word) -> float:
    """How far two words overlap side by side, when they overlap by half in height."""
    a, b = left.extent, right.extent
    high = min(a.bottom, b.bottom) - max(a.top, b.top)
    if high <= 0.5 * min(a.bottom - a.top, b.bottom - b.top):
        return 0.0
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _absorb(keep: Word, lose: Word) -> None:
    """`keep` takes the glyphs of `lose` that lie outside its box, and its extent."""
    box = keep.extent
    taken = [g for g in lose.glyphs if not box.x0 <= (g.box.x0 + g.box.x1) / 2 <= box.x1]
    conf = min(keep.conf, lose.conf)
    for g in taken + keep.glyphs:
        g.conf = conf
    keep.glyphs = sorted(keep.glyphs + taken, key=lambda g: (g.box.x0 + g.box.x1) / 2)
    keep.conf = conf
    b = lose.extent
    keep.bbox = Box(
        min(box.x0, b.x0), min(box.top, b.top), max(box.x1, b.x1), max(box.bottom, b.bottom)
    )


def drop_specks(run: Run) -> None:
    """Specks of dirt read as text go: a quote at either end of a word thinner than
    `MIN_QUOTE` em (a quote is a quarter em high), a dash there narrower than
    `MIN_DASH` em; words whose every glyph is a
    letter, digit or "|" of less than `MIN_INK` em of ink (a stray dot read as "|",
    "l" or "1" beside a line); a lone dot or quote read with less than
    `SPECK_CONF`; a run of one comma, quote or such (`LONE_DIRT`) at all.  Dirt
    glued before a number (".89.600,00", "__57", "„23": a Polish number never
    opens with a dot, an underscore or a quote) goes, and so does a word of dirt
    alone between blanks before another word (", 10").  Other punctuation, which
    may be that small, stays."""
    for word in run.words:
        glyphs = word.glyphs
        while glyphs and _thin_mark(glyphs[0], run.size):
            glyphs = glyphs[1:]
        while glyphs and _thin_mark(glyphs[-1], run.size):
            glyphs = glyphs[:-1]
        word.glyphs = _number_opened(glyphs)
    words = [w for w in run.words if w.glyphs and not _speck(w, run.size)]
    if len(words) == 1 and "".join(g.text for g in words[0].glyphs) in LONE_DIRT:
        words = []
    run.words = [w for i, w in enumerate(words) if not _loose_dirt(words, i, run.size)]


def drop_tiny(run: Run, scale: float) -> None:
    """Dirt read as text too small to print: a whole run under `MIN_TEXT`, raised
    glyphs under `MIN_MARK`."""
    if run.size / scale < MIN_TEXT:
        run.words = []
        return
    for word in run.words:
        word.glyphs = [
            g for g in word.glyphs if not g.raised or raised_size(g.box, scale) >= MIN_MARK
        ]
    run.words = [w for w in run.words if w.glyphs]


def join_closing(run: Run) -> None:
    """Punctuation read as a word of its own ("Państwa" "."), joined to the word it
    closes: a lone period, comma, colon or such with less than a blank (`BLANK`) of
    paper before it (a space typed before it stays: "Państwa .")."""
    words: list[Word] = []
    for word in run.words:
        text = "".join(g.text for g in word.glyphs)
        previous = words[-1] if words else None
        if (
            previous is not None
            and text in CLOSING
            and not (previous.marker or word.marker)
            and word.box.x0 - previous.box.x1 < BLANK * run.size
        ):
            previous.glyphs = previous.glyphs + word.glyphs
            previous.exact = previous.exact and word.exact
        else:
            words.append(word)
    run.words = words


def _number_opened(glyphs: list[Glyph]) -> list[Glyph]:
    """The glyphs without the dirt before a number they end in."""
    start = 0
    while start < len(glyphs) and glyphs[start].text in DIRT and not glyphs[start].raised:
        start += 1
    rest = "".join(g.text for g in glyphs[start:])
    return glyphs[start:] if start and NUMBER_REST.fullmatch(rest) else glyphs


def _loose_dirt(words: list[Word], index: int, size: float) -> bool:
    """A word of dirt with a blank on each side before another word (", 10",
    "_ Zadanie"); a word alone in its run may be a cell's "." and one ending the
    run a sentence's detached period ("Państwa ."): `_speck` judges those, but a
    dot ending the run half an em or more from its word, smaller than any period
    (`MIN_DOT` em a side), is a speck ("2021 .")."""
    word = words[index]
    if len(words) < 2 or not all(g.text in DIRT and not g.raised for g in word.glyphs):
        return False
    blank = BLANK * size
    left = words[index - 1].box.x1 if index > 0 else -math.inf
    if index + 1 == len(words):
        box = word.box
        small = max(box.x1 - box.x0, box.bottom - box.top) < MIN_DOT * size
        return small and box.x0 - left >= 0.5 * size
    right = words[index + 1].box.x0
    return word.box.x0 - left >= blank and right - word.box.x1 >= blank


def _thin_mark(glyph: Glyph, size: float) -> bool:
    """A quote shorter than `MIN_QUOTE` em or a dash narrower than `MIN_DASH` em: a speck."""
    if glyph.text in DASHES:
        return glyph.box.x1 - glyph.box.x0 < MIN_DASH * size
    return glyph.text in QUOTES and glyph.box.bottom - glyph.box.top < MIN_QUOTE * size


def _speck(word: Word, size: float) -> bool:
    if len(word.glyphs) == 1 and word.glyphs[0].text in SPECKLIKE:
        return word.conf < SPECK_CONF and not word.glyphs[0].raised
    return size > 0 and all(
        not g.raised and g.text not in SMALL and g.box.bottom - g.box.top < MIN_INK * size
        for g in word.glyphs
    )


def digit_advance(lines: list[Line]) -> float:
    """The page's digit advance as a share of the em: the median distance between
    the centres of neighbouring digits in one word (at most an em apart)."""
    pitches = []
    for line in lines:
        for run in line.runs:
            for word in run.words:
                for left, right in zip(word.glyphs, word.glyphs[1:], strict=False):
                    if _digits(left, right) and run.size > 0:
                        pitch = _pitch(left, right) / run.size
                        if 0.3 <= pitch <= 1.0:
                            pitches.append(pitch)
    return statistics.median(pitches) if len(pitches) >= MIN_PAIRS else DEFAULT_ADVANCE


def split_gaps(run: Run, advance: float = DEFAULT_ADVANCE) -> None:
    """Words re-cut where the glyphs' spacing says: between two digits by their
    distance (`SPLIT_PITCH` advances: within a word it splits a dropped thousands
    blank, between two words it joins a number Tesseract split; within a word, also
    `SPLIT_PITCH` times the word's own digit pitch), between letters at a blank of
    `LETTER_GAP` em when the word's glyph boxes are exact blobs."""
    pitch = SPLIT_PITCH * advance * run.size
    words: list[Word] = []
    for word in run.words:
        previous = words[-1] if words else None
        if (
            previous is not None
            and _digits(previous.glyphs[-1], word.glyphs[0])
            and _pitch(previous.glyphs[-1], word.glyphs[0]) <= pitch
        ):
            current = previous.glyphs
            words[-1] = Word(
                current, min(previous.conf, word.conf), exact=previous.exact and word.exact
            )
        else:
            current = []
            words.append(Word(current, word.conf, exact=word.exact))
        own = max(pitch, SPLIT_PITCH * _own_pitch(word))
        for glyph in word.glyphs:
            left = current[-1] if current else None
            if left is not None and _blank_between(left, glyph, word.exact, run.size, own):
                current = []
                words.append(Word(current, word.conf, exact=word.exact))
            current.append(glyph)
    run.words = [w for w in words if w.glyphs]


def _own_pitch(word: Word) -> float:
    """The median distance of the word's neighbouring digits, when it has three pairs
    or more (a bold run's digits stand wider apart than the page's); else 0."""
    pairs = [
        _pitch(a, b) for a, b in zip(word.glyphs, word.glyphs[1:], strict=False) if _digits(a, b)
    ]
    return statistics.median(pairs) if len(pairs) >= 3 else 0.0


def _digits(left: Glyph, right: Glyph) -> bool:
    return left.text.isdigit() and right.text.isdigit() and not (left.raised or right.raised)


def _pitch(left: Glyph, right: Glyph) -> float:
    return (right.box.x0 + right.box.x1 - left.box.x0 - left.box.x1) / 2


def _blank_between(left: Glyph, right: Glyph, exact: bool, size: float, pitch: float) -> bool:
    if left.raised or right.raised or not (left.text.isalnum() and right.text.isalnum()):
        return False
    if left.text.isdigit() and right.text.isdigit():
        return _pitch(left, right) > pitch
    return exact and right.box.x0 - left.box.x1 > LETTER_GAP * size


def decimal_marks(glyphs: list[Glyph], size: float, baseline: float) -> None:
    """A "." or "," between two digits told by its shape: a comma's tail reaches
    below the baseline (`COMMA_DESCENT` em or more), a period sits on it (within
    `PERIOD_DESCENT`); in between, Tesseract's reading stands."""
    for left, mark, right in zip(glyphs, glyphs[1:], glyphs[2:], strict=False):
        if mark.text in ".," and left.text.isdigit() and right.text.isdigit():
            descent = (mark.box.bottom - baseline) / size
            if descent >= COMMA_DESCENT:
                mark.text = ","
            elif abs(descent) <= PERIOD_DESCENT:
                mark.text = "."


def repair_number(text: str) -> str:
    """Fix O/0 and l/I/|/1 confusions in numbers, only where unambiguous.

    A confusable letter becomes a digit when the whole token is digits and
    confusables (with number punctuation) and has a real digit, or when it
    stands inside a run of digits and confusables with real digits on both
    sides of it; a lower-case l opening a token before "/" is a 1 ("l/rok"); a
    capital L closing three digits or more, no letter after it, is a 1 ("202L r.").
    Nothing is ever added or removed.
    """
    core = re.sub(r"[.,\s]", "", text.strip(".,;:%)("))
    if DIGIT_RUN.fullmatch(core) and any(ch.isdigit() for ch in core):
        return "".join(DIGIT_LIKE.get(ch, ch) if ch in core else ch for ch in text)
    chars = list(text)
    for match in DIGIT_RUN.finditer(text):
        run = match.group()
        for i, ch in enumerate(run):
            if ch in DIGIT_LIKE and any(c.isdigit() for c in run[:i]):
                if any(c.isdigit() for c in run[i + 1 :]):
                    chars[match.start() + i] = DIGIT_LIKE[ch]
    if text.startswith("l/"):
        chars[0] = "1"
    for match in CLOSING_L.finditer(text):  # "202L": a serif 1 read as a capital L
        chars[match.end() - 1] = "1"
    return "".join(chars)


def repair_word(word: Word, size: float, baseline: float | None = None) -> None:
    """Number repair, and a dash standing alone read by its length: a hyphen
    (up to 0.4 em of ink), an en dash (up to 0.8 em) or an em dash."""
    if len(word.glyphs) == 1 and word.glyphs[0].text in DASHES:
        width = word.glyphs[0].box.x1 - word.glyphs[0].box.x0
        word.glyphs[0].text = "-" if width <= 0.4 * size else "–" if width <= 0.8 * size else "—"
    plain = [g for g in word.glyphs if not g.raised]
    if baseline is not None and word.exact:
        decimal_marks(plain, size, baseline)
    fixed = repair_number("".join(g.text for g in plain))
    for glyph, ch in zip(plain, fixed, strict=True):
        glyph.text = ch
