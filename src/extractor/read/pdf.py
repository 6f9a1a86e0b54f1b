"""PDF reading: a PDF file -> pages of characters and ruling lines.

This is the only module that talks to a PDF library.  Every later stage sees
`PageContent`: characters (with font size, glyph box and baseline), ruling
segments and the page size, in a top-down coordinate system (points, origin
at the top-left corner, like pdfplumber).  A different backend (OCR, another
PDF library) only has to produce the same models.
"""

from __future__ import annotations

import ctypes
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pydantic import BaseModel, ConfigDict, SkipValidation

from extractor.model.errors import DamagedPdfError, EncryptedPdfError, NotAPdfError

try:  # the compiled bulk reader (setup.py); without it, ctypes gives the same chars
    from extractor.read import _pdfium_fast
except ImportError:  # pragma: no cover - depends on the install
    _pdfium_fast = None  # type: ignore[assignment]

Orientation = Literal["h", "v"]
THIN = 2.0  # a filled rectangle thinner than this (pt) is a drawn rule


class Char(NamedTuple):
    """One printed character; boxes in points, top-down.

    A named tuple rather than a model: pages hold tens of thousands of them,
    and they are read, never validated (they come straight from the backend).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    conf: float = 100.0  # OCR confidence (0-100); 100 for a text layer
    bold: bool = False  # set in a bold face (by the font's name)


# Characters come straight from a backend: models holding them do not re-validate
# (and so rebuild) thousands of tuples per page.
Chars = SkipValidation[tuple[Char, ...]]


class Segment(BaseModel):
    """A horizontal or vertical ruling line (from a stroke or a thin fill)."""

    model_config = ConfigDict(frozen=True)

    orientation: Orientation
    x0: float
    x1: float
    top: float
    bottom: float


class PageContent(BaseModel):
    """Everything later stages need from one page."""

    model_config = ConfigDict(frozen=True)

    number: int  # 1-based
    width: float
    height: float
    chars: Chars
    segments: tuple[Segment, ...]
    source: Literal["text", "ocr"] = "text"


class DocumentInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    pages: int
    title: str = ""
    subject: str = ""
    producer: str = ""


def check_signature(path: Path) -> None:
    """Raise `NotAPdfError` unless the file starts like a PDF."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise NotAPdfError("empty file (0 bytes)")
    if b"%PDF-" not in head:
        raise NotAPdfError("not a PDF (no %PDF- signature)")


def open_document(path: Path) -> pdfium.PdfDocument:
    """Open a PDF, turning library errors into `InputError`s."""
    check_signature(path)
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower() or "security" in message.lower():
            raise EncryptedPdfError("encrypted PDF (password required)") from exc
        raise DamagedPdfError(f"damaged or truncated PDF ({message})") from exc


def document_info(doc: pdfium.PdfDocument) -> DocumentInfo:
    try:
        meta = doc.get_metadata_dict(skip_empty=True)
    except (UnicodeDecodeError, pdfium.PdfiumError):
        meta = {}  # unreadable metadata is no reason to give up the document
    return DocumentInfo(
        pages=len(doc),
        title=str(meta.get("Title", "")),
        subject=str(meta.get("Subject", "")),
        producer=str(meta.get("Producer", "")),
    )


def read_pages(doc: pdfium.PdfDocument, pages: list[int] | None = None) -> Iterator[PageContent]:
    """Yield the content of the given 1-based pages (all by default)."""
    numbers = pages if pages is not None else list(range(1, len(doc) + 1))
    for number in numbers:
        try:
            page = doc[number - 1]
        except pdfium.PdfiumError as exc:
            raise DamagedPdfError(f"damaged PDF: page {number} cannot be loaded ({exc})") from exc
        try:
            yield page_to_content(page, number)
        finally:
            page.close()


def page_to_content(page: pdfium.PdfPage, number: int) -> PageContent:
    textpage = page.get_textpage()
    try:
        quadrant = text_direction(textpage)
        if quadrant:
            textpage.close()
            turn_upright(page, quadrant)
            textpage = page.get_textpage()
        width, height = page.get_size()
        chars = tuple(textpage_to_chars(textpage, height))
    finally:
        textpage.close()
    segments = tuple(page_to_segments(page, height))
    return PageContent(number=number, width=width, height=height, chars=chars, segments=segments)


SAMPLED_CHARS = 48  # characters whose direction is sampled to tell a page's reading direction
UPRIGHT_SHARE = 0.6  # a page is turned when this share of the sampled characters runs one way


def turn_upright(page: pdfium.PdfPage, quadrant: int) -> None:
    """Turn a page whose text runs `quadrant` quarter turns (counter-clockwise) from
    upright so that it reads upright.

    Landscape pages come as a portrait page stored with /Rotate, or as landscape
    content drawn with a rotated text matrix; either way most characters run in one
    direction other than left to right.  Every page object is then rotated (and the
    page's boxes swapped), so that every later stage sees an ordinary upright page.
    """
    width, height = page.get_size()
    matrix = {1: (0, -1, 1, 0, 0, width), 2: (-1, 0, 0, -1, width, height)}.get(
        quadrant, (0, 1, -1, 0, height, 0)
    )
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        pdfium_c.FPDFPageObj_Transform(pdfium_c.FPDFPage_GetObject(page.raw, index), *matrix)
    new_width, new_height = (width, height) if quadrant == 2 else (height, width)
    pdfium_c.FPDFPage_SetMediaBox(page.raw, 0, 0, new_width, new_height)
    pdfium_c.FPDFPage_SetCropBox(page.raw, 0, 0, new_width, new_height)
    page.set_rotation(0)
    pdfium_c.FPDFPage_GenerateContent(page.raw)


def text_direction(textpage: pdfium.PdfTextPage) -> int:
    """The quarter turns (counter-clockwise) of most of the page's text: 0 when upright."""
    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    step = max(1, count // SAMPLED_CHARS)
    votes = [0, 0, 0, 0]
    matrix = pdfium_c.FS_MATRIX()
    for index in range(0, max(count, 0), step):
        if pdfium_c.FPDFText_GetMatrix(textpage.raw, index, matrix):
            votes[round(math.degrees(math.atan2(matrix.b, matrix.a)) / 90) % 4] += 1
    best = max(range(4), key=votes.__getitem__)
    return best if votes[best] > UPRIGHT_SHARE * sum(votes) else 0


def address(pointer: object) -> int:
    """The address of a ctypes pointer or foreign function, for the compiled reader."""
    return int(ctypes.cast(pointer, ctypes.c_void_p).value or 0)  # type: ignore[arg-type]


CHAR_FUNCTIONS = tuple(
    address(fn)
    for fn in (
        pdfium_c.FPDFText_CountChars,
        pdfium_c.FPDFText_IsGenerated,
        pdfium_c.FPDFText_GetUnicode,
        pdfium_c.FPDFText_GetCharBox,
        pdfium_c.FPDFText_GetLooseCharBox,
        pdfium_c.FPDFText_GetCharOrigin,
        pdfium_c.FPDFText_GetMatrix,
        pdfium_c.FPDFText_GetFontSize,
        pdfium_c.FPDFText_GetFontInfo,
    )
)
BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
FORCE_BOLD = 1 << 18  # PDF font flag


def is_bold(name: bytes, flags: int) -> bool:
    """A bold face, told by the font's name ("LiberationSerif-Bold", "Arial,Bold") or its
    ForceBold flag (weights are unreliable: LibreOffice writes 400 for its bold faces)."""
    lower = name.split(b"\0", 1)[0].decode("latin-1").lower()
    return any(mark in lower for mark in BOLD_NAMES) or bool(flags & FORCE_BOLD)


PATH_FUNCTIONS = tuple(
    address(fn)
    for fn in (
        pdfium_c.FPDFPage_CountObjects,
        pdfium_c.FPDFFormObj_CountObjects,
        pdfium_c.FPDFPage_GetObject,
        pdfium_c.FPDFFormObj_GetObject,
        pdfium_c.FPDFPageObj_GetType,
        pdfium_c.FPDFPageObj_GetBounds,
    )
)
FORM_DEPTH = 3  # form XObjects nested deeper than this are not searched for rules


def compiled_reader() -> bool:
    """True when the compiled bulk reader is in use (EXTRACTOR_READER=ctypes turns it off)."""
    return _pdfium_fast is not None and os.environ.get("EXTRACTOR_READER") != "ctypes"


def textpage_to_chars(textpage: pdfium.PdfTextPage, height: float) -> Iterator[Char]:
    """Printed characters, through the compiled reader when it is built."""
    if compiled_reader():
        return iter(textpage_to_chars_bulk(textpage, height))
    return textpage_to_chars_ctypes(textpage, height)


def textpage_to_chars_bulk(textpage: pdfium.PdfTextPage, height: float) -> list[Char]:
    """The same characters as `textpage_to_chars_ctypes`, read by one compiled call."""
    assert _pdfium_fast is not None
    raw = address(textpage.raw)
    return _pdfium_fast.read_chars(raw, CHAR_FUNCTIONS, height, Char, char_size)


def char_size(font_size: float, c: float, d: float) -> float:
    """Font size times the text matrix's vertical scale, in points."""
    return round(font_size * (math.hypot(c, d) or 1.0), 2)


def textpage_to_chars_ctypes(textpage: pdfium.PdfTextPage, height: float) -> Iterator[Char]:
    """Printed characters; characters pdfium generated (spaces, line ends) are skipped.

    The tight box gives a glyph's ink (top, bottom), the loose box its advance
    (x0, x1: no side bearings), the origin its baseline, and font size times the
    text matrix's vertical scale its size in points.  A character outside the
    basic plane comes as two UTF-16 halves, which are joined.
    """
    raw = textpage.raw
    ox, oy = ctypes.c_double(), ctypes.c_double()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    loose, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    is_generated, get_unicode = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetUnicode
    char_box, loose_box = pdfium_c.FPDFText_GetCharBox, pdfium_c.FPDFText_GetLooseCharBox
    origin, text_matrix = pdfium_c.FPDFText_GetCharOrigin, pdfium_c.FPDFText_GetMatrix
    font_size, font_info = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_GetFontInfo
    name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
    count = pdfium_c.FPDFText_CountChars(raw)
    i = -1
    while i + 1 < count:
        i += 1
        if is_generated(raw, i) == 1:
            continue
        code = get_unicode(raw, i)
        if code in (0, 10, 13, 0xFFFE, 0xFFFF):
            continue
        low = get_unicode(raw, i + 1) if 0xD800 <= code <= 0xDBFF and i + 1 < count else 0
        text = char_text(code, low)
        char_box(raw, i, left, right, bottom, top)
        loose_box(raw, i, loose)
        origin(raw, i, ox, oy)
        text_matrix(raw, i, matrix)
        flags.value = 0
        length = font_info(raw, i, name, 128, ctypes.byref(flags))
        bold = 0 < length <= 128 and is_bold(name.raw[:length], flags.value)
        if ord(text) > 0xFFFF:
            i += 1  # the low half of the pair was consumed
        elif 0xD800 <= code <= 0xDFFF:
            text = "\ufffd"  # a lone surrogate half
        yield Char(
            text,
            loose.left,
            max(loose.right, loose.left),
            height - top.value,
            height - bottom.value,
            height - oy.value,
            char_size(font_size(raw, i), matrix.c, matrix.d),
            100.0,
            bold,
        )


def char_text(code: int, next_code: int) -> str:
    """One character: a surrogate pair joined, U+0002 (pdfium's line-end hyphen) as "-"."""
    if code == 2:
        return "-"
    if 0xD800 <= code <= 0xDBFF and 0xDC00 <= next_code <= 0xDFFF:
        return chr(0x10000 + ((code - 0xD800) << 10) + (next_code - 0xDC00))
    return chr(code)


def page_to_segments(page: pdfium.PdfPage, height: float) -> Iterator[Segment]:
    """Ruling lines: thin filled rectangles, stroked lines and rectangle outlines."""
    for left, bottom, right, top in path_bounds(page):
        yield from box_to_segments(left, height - top, right, height - bottom)


def path_bounds(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every path object, in PDF coordinates."""
    if compiled_reader():
        assert _pdfium_fast is not None
        blob = _pdfium_fast.read_path_bounds(address(page.raw), PATH_FUNCTIONS, FORM_DEPTH)
        if blob is not None:  # None: pdfium reported an error, which the slow path raises
            v = memoryview(blob).cast("d")
            return list(zip(v[0::4], v[1::4], v[2::4], v[3::4], strict=True))
    paths = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=FORM_DEPTH)
    return [obj.get_bounds() for obj in paths]


def box_to_segments(x0: float, top: float, x1: float, bottom: float) -> Iterator[Segment]:
    """A path's bounding box as ruling segments: one rule if thin, else its four edges."""
    w, h = x1 - x0, bottom - top
    if w < THIN and h < THIN:
        return
    if h < THIN:
        mid = (top + bottom) / 2
        yield Segment(orientation="h", x0=x0, x1=x1, top=mid, bottom=mid)
    elif w < THIN:
        mid = (x0 + x1) / 2
        yield Segment(orientation="v", x0=mid, x1=mid, top=top, bottom=bottom)
    else:
        yield Segment(orientation="h", x0=x0, x1=x1, top=top, bottom=top)
        yield Segment(orientation="h", x0=x0, x1=x1, top=bottom, bottom=bottom)
        yield Segment(orientation="v", x0=x0, x1=x0, top=top, bottom=bottom)
        yield Segment(orientation="v", x0=x1, x1=x1, top=top, bottom=bottom)
