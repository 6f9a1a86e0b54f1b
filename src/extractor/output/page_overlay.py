"""Page overlays: one PDF page rendered with what the extractor read drawn over it.

Like pdfplumber's debug images: ruling lines (light blue), table cells (blue,
translucent), table outlines (red; borderless tables orange) labelled with
their caption's table number, caption lines (green), footnote markers
(magenta: superscripts as `extractor.layout.lines` sets them apart, and stars)
and, on scanned pages, the OCR words (outlined by confidence: green >= 90,
orange >= 70, red below).  A legend is drawn in a band under the page.

The data comes from the pipeline's own stages (`extractor.read`: the page, OCR
when it has no usable text layer, and its image; `layout.pages_to_layouts`,
`captions`), read for this one page alone (running headers repeated on other
pages are therefore not recognised as page furniture here).  OCR boxes are in the deskewed frame
the OCR works in, so on a skewed scan they may sit slightly off the image.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from extractor.layout.captions import assign_captions
from extractor.layout.lines import TextLine, chars_to_lines, is_superscript
from extractor.layout.page import PageLayout, pages_to_layouts
from extractor.layout.ruled import BBox
from extractor.layout.settings import DEFAULT_SETTINGS, table_id
from extractor.model.errors import UsageError
from extractor.output.atomic import create_temporary
from extractor.read.pdf import Char, PageContent, open_document, read_pages
from extractor.read.render import render_page

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points
SEGMENT: RGB = (0, 170, 255)
CELL: RGB = (30, 60, 220)
TABLE: RGB = (220, 0, 0)
BORDERLESS: RGB = (255, 140, 0)
CAPTION: RGB = (0, 150, 0)
MARKER: RGB = (220, 0, 220)
OCR_GOOD, OCR_FAIR, OCR_POOR = (0, 170, 0), (255, 140, 0), (220, 0, 0)
LEGEND = (
    ("ruling line", SEGMENT), ("cell", CELL), ("table", TABLE), ("borderless table", BORDERLESS),
    ("caption", CAPTION), ("footnote marker", MARKER), ("OCR word", OCR_GOOD),
)  # fmt: skip


@dataclass
class Overlay:
    """What was read on one page, in points (top-down)."""

    page: PageContent
    layout: PageLayout
    table_labels: list[str] = field(default_factory=list)
    captions: list[tuple[str, Box]] = field(default_factory=list)
    markers: list[Box] = field(default_factory=list)
    ocr_words: list[tuple[Box, float]] = field(default_factory=list)

    def summary(self) -> str:
        cells = sum(len(t.cells) for t in self.layout.tables)
        text = f"{len(self.layout.tables)} table(s), {cells} cell(s), "
        text += f"{len(self.captions)} caption line(s), {len(self.markers)} footnote marker(s)"
        return text + (f", {len(self.ocr_words)} OCR word(s)" if self.ocr_words else "")


def inspect_page(path: Path, page_number: int, output: Path, dpi: int = 144) -> Overlay:
    """Render page `page_number` of `path` with its overlay into the PNG `output`."""
    from extractor.read.document import maybe_ocr

    if not 36 <= dpi <= 600:
        raise UsageError("--dpi must be between 36 and 600")
    doc = open_document(path)
    try:
        if not 1 <= page_number <= len(doc):
            raise UsageError(f"no page {page_number}: the PDF has {len(doc)} page(s)")
        content = maybe_ocr(doc, next(read_pages(doc, [page_number])))
        image = render_page(doc, page_number, dpi / 72)
    finally:
        doc.close()
    overlay = read_overlay(content)
    save_png(draw_overlay(image, overlay, dpi / 72), output)
    return overlay


def read_overlay(page: PageContent) -> Overlay:
    layout = pages_to_layouts([page])[0]
    overlay = Overlay(page=page, layout=layout)
    captions, claimed = assign_captions(layout)
    for index, table in enumerate(layout.tables):
        caption = captions.get(index)
        name = f"Tab. {caption.table_id or caption.title[:20]}" if caption else "no caption"
        overlay.table_labels.append(f"{name} ({table.n_rows}x{table.n_cols})")
    for line in layout.lines:
        if id(line) in claimed:
            match = DEFAULT_SETTINGS.caption_match(line.text, line.read_by_ocr)
            overlay.captions.append((table_id(match) if match else "", line_box(line)))
    free = [c for c in page.chars if not any(t.bbox.contains(*centre(c)) for t in layout.tables)]
    groups = [list(cell.chars) for t in layout.tables for cell in t.cells] + [free]
    overlay.markers = [box for chars in groups for box in marker_boxes(chars)]
    if page.source == "ocr":
        overlay.ocr_words = ocr_words(page.chars)
    return overlay


def centre(char: Char) -> tuple[float, float]:
    return (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2


def line_box(line: TextLine) -> Box:
    return (line.x0, line.top, line.x1, line.bottom)


def char_box(char: Char) -> Box:
    return (char.x0, char.top, char.x1, char.bottom)


def in_line(char: Char, line: TextLine, slack: float = 0.5) -> bool:
    return (
        line.x0 - slack <= char.x0
        and char.x1 <= line.x1 + slack
        and line.top - slack <= char.top
        and char.bottom <= line.bottom + slack
    )


def marker_boxes(chars: Sequence[Char]) -> list[Box]:
    """Boxes of footnote markers: superscript runs of each line, and stars."""
    boxes: list[Box] = []
    for line in chars_to_lines(chars):
        marks = [c for c in chars if in_line(c, line) and c.text == "*"]
        if line.markers:
            marks += [
                c for c in chars if in_line(c, line) and is_superscript(c, line.size, line.baseline)
            ]
        boxes.extend(merge_runs(marks))
    return boxes


def merge_runs(chars: Sequence[Char], gap: float = 1.0) -> list[Box]:
    """Adjacent glyphs (same line, gap <= `gap` pt) as one box."""
    boxes: list[Box] = []
    for char in sorted(set(chars), key=lambda c: (c.top, c.x0)):
        if boxes and 0 <= char.x0 - boxes[-1][2] <= gap and abs(char.top - boxes[-1][1]) < 2:
            x0, top, _, bottom = boxes[-1]
            boxes[-1] = (x0, min(top, char.top), char.x1, max(bottom, char.bottom))
        else:
            boxes.append(char_box(char))
    return boxes


def ocr_words(chars: Sequence[Char]) -> list[tuple[Box, float]]:
    """OCR glyphs grouped into words (split at spaces and jumps), with their confidence."""
    words: list[list[Char]] = [[]]
    for char in chars:
        word = words[-1]
        if char.text.isspace():
            words.append([])
            continue
        if word and new_word(word[-1], char):
            words.append([])
        words[-1].append(char)
    return [(union([char_box(c) for c in w]), min(c.conf for c in w)) for w in words if w]


def new_word(prev: Char, char: Char) -> bool:
    """True when `char` cannot continue the word ending in `prev` (jump back, gap, new line)."""
    if char.x0 < prev.x0 or char.x0 - prev.x1 > 0.5 * char.size:
        return True
    return abs(char.baseline - prev.baseline) > 0.5 * max(char.size, prev.size)


def union(boxes: Sequence[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def ocr_colour(conf: float) -> RGB:
    return OCR_GOOD if conf >= 90 else OCR_FAIR if conf >= 70 else OCR_POOR


# ------------------------------------------------------------------ drawing


def scaled(box: Box | BBox, scale: float) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = (box.x0, box.top, box.x1, box.bottom) if isinstance(box, BBox) else box
    return (x0 * scale, top * scale, max(x1, x0) * scale, max(bottom, top) * scale)


def draw_overlay(image: Image.Image, overlay: Overlay, scale: float) -> Image.Image:
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font = ImageFont.load_default(size=max(10, round(6 * scale)))
    for seg in overlay.page.segments:
        draw.line(scaled((seg.x0, seg.top, seg.x1, seg.bottom), scale), fill=(*SEGMENT, 200))
    for table, label in zip(overlay.layout.tables, overlay.table_labels, strict=True):
        colour = TABLE if table.ruled else BORDERLESS
        for cell in table.cells:
            draw.rectangle(scaled(cell.bbox, scale), fill=(*CELL, 28), outline=(*CELL, 220))
        box = scaled(table.bbox, scale)
        draw.rectangle(box, outline=(*colour, 255), width=3)
        draw.text((box[2], box[3] + 2), label, fill=(*colour, 255), font=font, anchor="rt")
    for number, line in overlay.captions:
        box = scaled(line, scale)
        draw.rectangle(box, fill=(*CAPTION, 40), outline=(*CAPTION, 255), width=2)
        if number:
            draw.text((box[2] + 4, box[3]), number, fill=(*CAPTION, 255), font=font, anchor="ld")
    for word, conf in overlay.ocr_words:
        draw.rectangle(scaled(word, scale), outline=(*ocr_colour(conf), 230), width=1)
    for mark in overlay.markers:
        x0, top, x1, bottom = scaled(mark, scale)
        draw.rectangle((x0 - 1, top - 1, x1 + 1, bottom + 1), fill=(*MARKER, 90), outline=MARKER)
    page = Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")
    return with_legend(page, font)


def with_legend(
    page: Image.Image, font: ImageFont.FreeTypeFont | ImageFont.ImageFont
) -> Image.Image:
    size = int(font.size) if isinstance(font, ImageFont.FreeTypeFont) else 10
    band = size * 2
    image = Image.new("RGB", (page.width, page.height + band), "white")
    image.paste(page, (0, 0))
    draw = ImageDraw.Draw(image)
    x, y = size, page.height + band // 2
    for name, colour in LEGEND:
        draw.rectangle((x, y - size // 2, x + size, y + size // 2), outline=colour, width=2)
        draw.text((x + size + 4, y), name, fill=(0, 0, 0), font=font, anchor="lm")
        x += size + 4 + int(draw.textlength(name, font=font)) + size
    return image


def save_png(image: Image.Image, output: Path) -> None:
    """Write the PNG atomically (temporary file beside it, then rename)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = create_temporary(output)  # the usual permissions (mkstemp: owner only)
    os.close(fd)
    try:
        image.save(tmp, format="PNG")
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
