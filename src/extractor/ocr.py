"""OCR backend: a scanned (image-only) page -> the same `PageContent` as a text layer.

`ocr_page` renders the page with pypdfium2, deskews it, finds the ruling lines
with OpenCV (`extractor.ocr_grid`), erases them and runs Tesseract's Polish
model once (hOCR with character boxes).  Characters come out with glyph boxes,
the baseline and font size of their text run and the word's confidence, in
points in the deskewed page frame, so every later stage is shared with text
PDFs.  Superscript footnote markers are found in the image (small raised
glyphs with nothing under them), read again in one small Tesseract call and
emitted with their own (smaller) size and raised baseline.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import pypdfium2 as pdfium
import pytesseract

from extractor.ocr_grid import (
    Box,
    Grey,
    Rule,
    Stats,
    binarize,
    blobs_in,
    components,
    estimate_skew,
    find_cells,
    find_rules,
    ink_box,
    raised_marks,
    rotate,
    stack_cells,
    stack_marks,
)
from extractor.pdfread import Char, PageContent, Segment

LANG = "pol"
PSM = 6
POLISH = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
MOJIBAKE = set("ÃÅÄÂ¹³¿œŸæñêãšžè")  # UTF-8 read as Latin-1, CP1250 read as Latin-1
TALL = set("0123456789ABCDEFGHIKLMNOPRSTUVWXYZbdfhklł")  # cap/ascender height
SHORT = set("acemnorsuvwxz")  # x-height
CAP_RATIO, X_RATIO = 0.67, 0.47  # of the em (Times/Liberation Serif-like fonts)
LINE_CLASSES = {"ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"}
DIGIT_LIKE = {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1"}


# --- text-layer check ------------------------------------------------------


def page_needs_ocr(page: PageContent) -> bool:
    """True when the page has no usable text layer (none, too little, or not Polish)."""
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
    return len(letters) >= 300 and polish == 0


def _is_garbage(ch: str) -> bool:
    return ch == "\ufffd" or unicodedata.category(ch) in {"Co", "Cn", "Cc", "Cs"}


# --- hOCR ------------------------------------------------------------------


@dataclass
class Glyph:
    text: str
    box: Box
    conf: float
    raised: bool = False  # a superscript marker


@dataclass
class Word:
    glyphs: list[Glyph]
    conf: float
    bbox: Box | None = None  # Tesseract's word box

    @property
    def box(self) -> Box:
        return union(g.box for g in self.glyphs)


@dataclass
class Line:
    words: list[Word]
    baseline: float  # px, from Tesseract (fallback)
    height: float  # Tesseract's x_size (about the em)
    runs: list[Run] = field(default_factory=list)


@dataclass
class Run:
    """Words of one line inside one table cell / column: one baseline, one size."""

    words: list[Word]
    baseline: float = 0.0
    size: float = 0.0  # em in px


def union(boxes: Iterator[Box] | Sequence[Box]) -> Box:
    items = list(boxes)
    return Box(
        min(b.x0 for b in items),
        min(b.top for b in items),
        max(b.x1 for b in items),
        max(b.bottom for b in items),
    )


def _title(element: ET.Element) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for part in element.get("title", "").split(";"):
        key, *values = part.split()
        fields[key] = values
    return fields


def _box(values: list[str]) -> Box:
    x0, y0, x1, y1 = (float(v) for v in values[:4])
    return Box(x0, y0, x1, y1)


def parse_hocr(hocr: bytes) -> list[Line]:
    """Lines of words of glyphs from Tesseract's hOCR (with `hocr_char_boxes=1`)."""
    root = ET.fromstring(hocr)
    lines: list[Line] = []
    for element in root.iter():
        if element.get("class") not in LINE_CLASSES:
            continue
        title = _title(element)
        box = _box(title["bbox"])
        slope, offset = (float(v) for v in title.get("baseline", ["0", "0"])[:2])
        baseline = box.bottom + offset + slope * (box.x1 - box.x0) / 2
        height = float(title.get("x_size", [str(box.bottom - box.top)])[0])
        words = [w for w in map(_word, element.iter()) if w is not None]
        if words:
            lines.append(Line(words, baseline, height))
    return lines


def _word(element: ET.Element) -> Word | None:
    if element.get("class") != "ocrx_word":
        return None
    conf = float(_title(element).get("x_wconf", ["0"])[0])
    glyphs = []
    for span in element.iter():
        if span.get("class") != "ocrx_cinfo" or not span.text:
            continue
        box = _box(_title(span)["x_bboxes"])
        for ch in span.text.strip():
            glyphs.append(Glyph(ch, box, conf))
    return Word(glyphs, conf, _box(_title(element)["bbox"])) if glyphs else None


# --- glyph geometry ----------------------------------------------------------


def fit_word(word: Word, stats: Stats, ink: Grey) -> None:
    """Glyph boxes from the image: Tesseract's own character boxes are rough.

    When the word's ink splits into as many blobs as it has characters, each
    character gets its blob; otherwise the characters keep Tesseract's left
    edges (made increasing) and get the ink extent of their columns.
    """
    box = word.bbox or word.box
    blobs = blobs_in(stats, box, 4)
    glyphs = word.glyphs
    if len(blobs) == len(glyphs):
        for glyph, blob in zip(glyphs, blobs, strict=True):
            glyph.box = blob
        return
    lefts: list[float] = []
    for glyph in glyphs:
        left = min(max(glyph.box.x0, box.x0), box.x1 - 1)
        lefts.append(max(left, lefts[-1] + 1) if lefts else box.x0)
    for i, glyph in enumerate(glyphs):
        right = lefts[i + 1] if i + 1 < len(glyphs) else box.x1
        glyph.box = ink_box(ink, lefts[i], max(right, lefts[i] + 1), box)


# --- runs and their metrics ------------------------------------------------


def split_runs(line: Line) -> list[Run]:
    """Split a line at gaps wider than two ems (columns of a borderless table)."""
    runs: list[Run] = [Run([line.words[0]])]
    for word in line.words[1:]:
        if word.box.x0 - runs[-1].words[-1].box.x1 > 2 * line.height:
            runs.append(Run([word]))
        else:
            runs[-1].words.append(word)
    return runs


def measure(run: Run, fallback: tuple[float, float]) -> None:
    """Set the run's baseline (median bottom of glyphs sitting on it) and em size."""
    glyphs = [g for w in run.words for g in w.glyphs if not g.raised]
    bottoms = [g.box.bottom for g in glyphs if g.text in TALL or g.text in SHORT]
    tall = [g.box.bottom - g.box.top for g in glyphs if g.text in TALL]
    short = [g.box.bottom - g.box.top for g in glyphs if g.text in SHORT]
    estimates: list[float] = []
    if tall:
        estimates += [statistics.median(tall) / CAP_RATIO] * len(tall)
    if short:
        estimates += [statistics.median(short) / X_RATIO] * len(short)
    run.baseline = statistics.median(bottoms) if bottoms else fallback[0]
    run.size = statistics.fmean(estimates) if estimates else fallback[1]


def line_metrics(line: Line) -> tuple[float, float]:
    whole = Run(list(line.words))
    measure(whole, (line.baseline, line.height * 0.8))
    return whole.baseline, whole.size


# --- superscript markers ---------------------------------------------------


def find_marks(lines: list[Line], stats: Stats, ink: Grey) -> list[tuple[Run, Box]]:
    """Raised marker groups per run (image evidence, not Tesseract's reading)."""
    found: list[tuple[Run, Box]] = []
    for line in lines:
        for run in line.runs:
            span = (run.words[0].box.x0, run.words[-1].box.x1)
            for box in raised_marks(stats, ink, span, run.baseline, run.size):
                found.append((run, box))
    return found


def read_marks(grey: Grey, boxes: list[Box]) -> list[tuple[str, float]]:
    """Read marker crops again, stacked in one image: digits (and ')') only."""
    if not boxes:
        return []
    canvas, slot = stack_marks(grey, boxes, 48)
    config = "--psm 6 -c tessedit_char_whitelist=0123456789)"
    data = pytesseract.image_to_data(canvas, lang=LANG, config=config, output_type="dict")
    texts: list[list[tuple[int, str, float]]] = [[] for _ in boxes]
    for text, left, top, height, conf in zip(
        data["text"], data["left"], data["top"], data["height"], data["conf"], strict=True
    ):
        index = int((top + height / 2) // slot)
        if text.strip() and 0 <= index < len(boxes):
            texts[index].append((int(left), text.strip(), float(conf)))
    return [
        ("".join(t for _, t, _ in sorted(ws)), min(c for _, _, c in ws)) if ws else ("", 0.0)
        for ws in texts
    ]


def place_mark(run: Run, box: Box, text: str, conf: float) -> None:
    """Replace whatever Tesseract read at a marker by the marker's glyphs."""
    for word in run.words:
        word.glyphs = [g for g in word.glyphs if not _inside(g.box, box)]
    run.words = [w for w in run.words if w.glyphs]
    width = (box.x1 - box.x0) / len(text)
    glyphs = [
        Glyph(
            ch, Box(box.x0 + i * width, box.top, box.x0 + (i + 1) * width, box.bottom), conf, True
        )
        for i, ch in enumerate(text)
    ]
    before = [w for w in run.words if w.box.x1 <= box.x0 + 1]
    if before and box.x0 - before[-1].box.x1 <= 0.3 * run.size:
        before[-1].glyphs += glyphs
    else:
        run.words.insert(len(before), Word(glyphs, conf))


def _inside(glyph: Box, mark: Box) -> bool:
    cx, cy = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
    return mark.x0 - 2 <= cx <= mark.x1 + 2 and mark.top - 4 <= cy <= mark.bottom + 4


# --- numbers ----------------------------------------------------------------


def split_digit_gaps(run: Run) -> None:
    """Split words where two digits are a blank apart (thousands separators)."""
    words: list[Word] = []
    for word in run.words:
        current: list[Glyph] = []
        for glyph in word.glyphs:
            prev = current[-1] if current else None
            if (
                prev is not None
                and prev.text.isdigit()
                and glyph.text.isdigit()
                and not glyph.raised
                and glyph.box.x0 - prev.box.x1 > 0.2 * run.size
            ):
                words.append(Word(current, word.conf))
                current = []
            current.append(glyph)
        words.append(Word(current, word.conf))
    run.words = words


DIGIT_RUN = re.compile(r"[0-9OoDlI|]+")


def repair_number(text: str) -> str:
    """Fix O/0 and l/I/|/1 confusions inside digit runs, only where unambiguous.

    A confusable letter becomes a digit when it stands in a run of digits and
    confusables that has a real digit on both sides of it, or when the token
    is nothing but such a run (plus number punctuation) with at least one real
    digit.  Nothing is ever added or removed.
    """
    core = text.strip(".,;:%)(")
    whole = bool(core) and DIGIT_RUN.fullmatch(core.replace(",", "").replace(".", "")) is not None
    chars = list(text)
    for match in DIGIT_RUN.finditer(text):
        run = match.group()
        if not any(ch.isdigit() for ch in run):
            continue
        for i, ch in enumerate(run):
            if ch not in DIGIT_LIKE:
                continue
            inner = any(c.isdigit() for c in run[:i]) and any(c.isdigit() for c in run[i + 1 :])
            if inner or (whole and len(run) >= 2):
                chars[match.start() + i] = DIGIT_LIKE[ch]
    return "".join(chars)


def repair_word(word: Word) -> None:
    plain = [g for g in word.glyphs if not g.raised]
    fixed = repair_number("".join(g.text for g in plain))
    for glyph, ch in zip(plain, fixed, strict=True):
        glyph.text = ch


# --- output -------------------------------------------------------------------


def run_chars(run: Run, scale: float) -> Iterator[Char]:
    size = round(run.size / scale, 1)
    baseline = run.baseline / scale
    previous: Word | None = None
    for word in run.words:
        if previous is not None:
            x0, x1 = previous.box.x1 / scale, max(previous.box.x1, word.box.x0) / scale
            yield Char(
                text=" ",
                x0=x0,
                x1=x1,
                top=baseline,
                bottom=baseline,
                baseline=baseline,
                size=size,
                conf=word.conf,
            )
        for g in word.glyphs:
            top, bottom = g.box.top / scale, g.box.bottom / scale
            if g.raised:
                mark = round((bottom - top) / CAP_RATIO, 1)
                yield Char(
                    text=g.text,
                    x0=g.box.x0 / scale,
                    x1=g.box.x1 / scale,
                    top=top,
                    bottom=bottom,
                    baseline=bottom,
                    size=mark,
                    conf=g.conf,
                )
            else:
                yield Char(
                    text=g.text,
                    x0=g.box.x0 / scale,
                    x1=g.box.x1 / scale,
                    top=top,
                    bottom=bottom,
                    baseline=baseline,
                    size=size,
                    conf=g.conf,
                )
        previous = word


def rule_segment(rule: Rule, scale: float) -> Segment:
    pos, start, end = rule.pos / scale, rule.start / scale, rule.end / scale
    if rule.orientation == "h":
        return Segment(orientation="h", x0=start, x1=end, top=pos, bottom=pos)
    return Segment(orientation="v", x0=pos, x1=pos, top=start, bottom=end)


# --- the page -------------------------------------------------------------------


def render(pdf_page: pdfium.PdfPage, scale: float) -> Grey:
    """The page as a greyscale image, deskewed."""
    image = pdf_page.render(scale=scale, grayscale=True).to_pil().convert("L")
    grey = np.asarray(image, dtype=np.uint8)
    return rotate(grey, estimate_skew(binarize(grey), scale))


def recognise(ink: Grey, rules: list[Rule], scale: float) -> list[Line]:
    """One Tesseract call: the page with its table cells blanked and the cells
    stacked below it; lines come back in page pixels."""
    canvas, slots = stack_cells(255 - ink, find_cells(rules, 4 * scale), 3, int(15 * scale))
    config = f"--psm {PSM} -c hocr_char_boxes=1"
    hocr = pytesseract.image_to_pdf_or_hocr(canvas, lang=LANG, extension="hocr", config=config)
    lines = parse_hocr(hocr)
    for line in lines:
        middle = (line.words[0].box.top + line.words[0].box.bottom) / 2
        shift = next((dy for top, bottom, dy in slots if top <= middle <= bottom), 0)
        if shift:
            line.baseline += shift
            for word in line.words:
                word.bbox = _shifted(word.bbox or word.box, shift)
                for glyph in word.glyphs:
                    glyph.box = _shifted(glyph.box, shift)
    return lines


def _shifted(box: Box, dy: float) -> Box:
    return Box(box.x0, box.top + dy, box.x1, box.bottom + dy)


def layout(lines: list[Line], ink: Grey, grey: Grey) -> None:
    """Glyph boxes from the image, runs with their metrics, superscript markers."""
    stats = components(ink)
    for line in lines:
        for word in line.words:
            fit_word(word, stats, ink)
        fallback = line_metrics(line)
        line.runs = split_runs(line)
        for run in line.runs:
            measure(run, fallback)
    marks = find_marks(lines, stats, ink)
    for (run, box), (text, conf) in zip(
        marks, read_marks(grey, [b for _, b in marks]), strict=True
    ):
        if text and text[0].isdigit():
            place_mark(run, box, text, conf)


def ocr_page(pdf_page: pdfium.PdfPage, number: int, dpi: int = 300) -> PageContent:
    """OCR one page into `PageContent` (points, top-down, in the deskewed page frame)."""
    width, height = pdf_page.get_size()
    scale = dpi / 72
    grey = render(pdf_page, scale)
    ink = binarize(grey)
    rules, rule_mask = find_rules(ink, scale)
    ink[rule_mask > 0] = 0
    lines = recognise(ink, rules, scale)
    layout(lines, ink, grey)
    chars: list[Char] = []
    for line in lines:
        for run in line.runs:
            split_digit_gaps(run)
            for word in run.words:
                repair_word(word)
            chars.extend(run_chars(run, scale))
    return PageContent(
        number=number,
        width=width,
        height=height,
        chars=tuple(chars),
        segments=tuple(rule_segment(r, scale) for r in rules),
        source="ocr",
    )
