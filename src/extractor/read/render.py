"""A page as an image (pypdfium2 stays inside `extractor.read`)."""

from __future__ import annotations

from typing import Any

from PIL import Image

from extractor.model.errors import DamagedPdfError


def render_page(doc: Any, number: int, scale: float) -> Image.Image:
    """Page `number` (1-based) of an open document as an RGB image (pypdfium2 errors are
    a damaged page: an input error)."""
    pdf_page = doc[number - 1]
    try:
        image: Image.Image = pdf_page.render(scale=scale).to_pil().convert("RGB")
    except RuntimeError as exc:  # pypdfium2.PdfiumError
        raise DamagedPdfError(f"page {number} cannot be rendered ({exc})") from exc
    finally:
        pdf_page.close()
    return image
