"""Words of lines run together, read again, each block of ink around them on its own.

Tesseract reads the page body as sparse text (psm 11) and finds its lines across
the whole page.  In a header of centred cells stacked over several lines, lines
of neighbouring cells at different heights run together: their words come back
garbled with a low confidence ("oka rzyzn ain ej PZYJ" for "Kwota / dotacji /
przyznanej / (zł)"), or a word is cut in two whose parts go to two lines and
touch ("WYKO" + "rzystana" for "wykorzystana", both read sure).  The same cell
cut out alone reads right.  So after the page is read, each word under `DOUBT`
confidence or cut so gives its *block*: the ink around it, glyphs less than
`ACROSS` em apart side by side and lines less than `DOWN` em apart (one cell,
one paragraph; a neighbouring column an em away stays out).  Blocks of more
than one line are cut out, stacked in one image and read in one more call, each
as a uniform block (psm 6); a block of one line is left as read (a second
reading of a lone unsure word is no surer: "III." came back "NI.").  A block's
new reading replaces the words that lie in it by half (and the doubtful words
that gave it) when it reads about as many glyphs, its glyphs' mean confidence
is as high, and its least sure word is surer by `GAIN` than the old one's or,
where a word was cut, it cuts none.
"""

from __future__ import annotations

import cv2

from extractor.read.ocr.grid import Box, Grey
from extractor.read.ocr.recover import read_apart
from extractor.read.ocr.runs import Line, Word

DOUBT = 70.0  # a word under this confidence is read again in its block
GAIN = 10.0  # the new reading's least sure word must be this much surer
ACROSS = 0.5  # em: glyphs closer than this side by side are one block
DOWN = 0.6  # em: lines closer than this one above the other are one block
MAX_BLOCK = 12.0  # em: a block taller than this (a page of prose run together) is left
ONE_LINE = 1.6  # em: a block this high or less is one line
TOUCH = 0.15  # em: words of two lines closer than this side by side are one word cut
GLYPHS = (0.7, 1.4)  # the new reading's glyph count over the old one's, within this
REREAD_PSM = 6


def reread(lines: list[Line], ink: Grey, em: float) -> list[Line]:
    """The lines with each doubtful word's block read again where that reads better
    (see the module docstring)."""
    cut = cut_words(lines, em)
    cut_ids = {id(w) for w in cut}
    doubtful = [w for line in lines for w in line.words if w.conf < DOUBT] + cut
    if not doubtful:
        return lines
    blocks = doubtful_blocks(ink, doubtful, em)
    if not blocks:
        return lines
    new = read_apart(ink, [block for block, _ in blocks], em, REREAD_PSM)
    words = [w for line in lines for w in line.words]
    replaced: set[int] = set()
    added: list[Line] = []
    for block, seeds in blocks:
        seeded = {id(w) for w in seeds}
        old = seeds + [w for w in words if id(w) not in seeded and inside(w.box, block)]
        fresh = [ln for ln in new if inside(ln.words[0].box, block)]
        if better(fresh, old, any(id(w) in cut_ids for w in old), em):
            replaced.update(id(w) for w in old)
            added += fresh
    if not replaced:
        return lines
    kept = [Line([w for w in ln.words if id(w) not in replaced], ln.baseline, ln.height)
            for ln in lines]  # fmt: skip
    return [ln for ln in kept if ln.words] + added


def cut_words(lines: list[Line], em: float) -> list[Word]:
    """Words that touch a word of another line beside them (less than `TOUCH` em
    apart, overlapping it in height by half): a word cut in two whose parts went to
    two lines ("WYKO" + "rzystana" for "wykorzystana")."""
    out = []
    placed = [(k, w.extent, w) for k, line in enumerate(lines) for w in line.words]
    for k, a, word in placed:
        for j, b, _ in placed:
            if j == k:
                continue
            overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
            apart = max(a.x0 - b.x1, b.x0 - a.x1)
            if apart < TOUCH * em and overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top):
                out.append(word)
                break
    return out


def doubtful_blocks(ink: Grey, words: list[Word], em: float) -> list[tuple[Box, list[Word]]]:
    """The blocks (see the module docstring) holding the centre of a doubtful word,
    each once, with those words (a word's box may reach out of its block: a speck
    under it)."""
    across, down = max(1, int(ACROSS * em)), max(1, int(DOWN * em))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (across, down))
    joined = cv2.dilate(ink, kernel)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    found: dict[int, tuple[Box, list[Word]]] = {}
    height, width = ink.shape
    for word in words:
        box = word.extent
        cx = min(width - 1, max(0, int((box.x0 + box.x1) / 2)))
        cy = min(height - 1, max(0, int((box.top + box.bottom) / 2)))
        label = int(labels[cy, cx])
        if label in found:
            found[label][1].append(word)
        if not label or label in found:
            continue
        x, y, w, h, _ = (int(v) for v in stats[label])
        if not ONE_LINE * em < h - down <= MAX_BLOCK * em:
            continue
        half_x, half_y = across // 2, down // 2
        block = Box(float(x + half_x), float(y + half_y),
                    float(x + w - half_x), float(y + h - half_y))  # fmt: skip
        found[label] = (block, [word])
    return list(found.values())


def better(fresh: list[Line], old: list[Word], cut: bool, em: float) -> bool:
    """The new reading reads about as many glyphs, is as sure on average and its
    least sure word surer by `GAIN` (the old reading's doubt lies in a word or two);
    when the old one cut a word, as sure and cutting none."""
    new_glyphs = [g for ln in fresh for w in ln.words for g in w.glyphs]
    old_glyphs = [g for w in old for g in w.glyphs]
    if not new_glyphs or not old_glyphs:
        return False
    ratio = len(new_glyphs) / len(old_glyphs)
    if not GLYPHS[0] <= ratio <= GLYPHS[1]:
        return False
    new_conf = sum(g.conf for g in new_glyphs) / len(new_glyphs)
    old_conf = sum(g.conf for g in old_glyphs) / len(old_glyphs)
    if new_conf < old_conf:
        return False
    if cut and not cut_words(fresh, em):
        return True
    least = min(w.conf for ln in fresh for w in ln.words)
    return least >= min(w.conf for w in old) + GAIN


def inside(box: Box, block: Box) -> bool:
    """Half the box or more lies in the block (a word box may take in a speck
    below it, so its centre may fall out)."""
    width = min(box.x1, block.x1) - max(box.x0, block.x0)
    height = min(box.bottom, block.bottom) - max(box.top, block.top)
    area = (box.x1 - box.x0) * (box.bottom - box.top)
    if area <= 0:
        cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
        return block.x0 <= cx <= block.x1 and block.top <= cy <= block.bottom
    return width > 0 and height > 0 and width * height >= 0.5 * area
