"""A document's pages as `PageContent`, through OCR where a page has no usable text layer.

Takes an open pypdfium2 document; gives each page's characters and ruling segments,
read from the text layer or, for an image-only page, by OCR (when the OCR extras are
installed).
"""

from __future__ import annotations

from collections.abc import Iterator

import pypdfium2 as pdfium

from extractor.model.errors import DamagedPdfError
from extractor.read.pdf import PageContent, read_pages
from extractor.read.textlayer import page_needs_ocr


def iter_contents(doc: pdfium.PdfDocument, pages: list[int] | None = None) -> Iterator[PageContent]:
    """The given pages' content, through OCR where a page has no usable text layer."""
    return (maybe_ocr(doc, page) for page in read_pages(doc, pages))


def read_contents(doc: pdfium.PdfDocument, pages: list[int] | None = None) -> list[PageContent]:
    return list(iter_contents(doc, pages))


def maybe_ocr(doc: pdfium.PdfDocument, page: PageContent) -> PageContent:
    if not page_needs_ocr(page):
        return page
    try:
        from extractor.read.ocr import page as ocr
    except ImportError:  # OCR extras not installed
        return page
    try:
        pdf_page = doc[page.number - 1]
    except pdfium.PdfiumError as exc:
        raise DamagedPdfError(f"damaged PDF: page {page.number} cannot be loaded ({exc})") from exc
    try:
        return ocr.ocr_page(pdf_page, page.number)
    finally:
        pdf_page.close()
