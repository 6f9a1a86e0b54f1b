"""A text layer with a broken font encoding is sent to OCR; a sound one is not."""

from __future__ import annotations

import pytest

from extractor.read.pdf import PageContent, open_document, read_pages
from extractor.read.textlayer import garbled_words, page_needs_ocr

from conftest import INPUT

BROKEN = {"ł": "B", "ś": "\\", "—": "4", "„": ">", "”": "="}


def pages(name: str) -> list[PageContent]:
    doc = open_document(INPUT / name)
    try:
        return list(read_pages(doc))
    finally:
        doc.close()


@pytest.mark.parametrize("name", sorted(p.name for p in INPUT.glob("*.pdf")))
def test_sound_text_layers_are_read_as_text(name: str) -> None:
    assert all(garbled_words(p) == 0 and not page_needs_ocr(p) for p in pages(name))


def test_wrongly_encoded_text_layer_goes_to_ocr() -> None:
    page = pages("gm-2023-web.pdf")[0]
    chars = tuple(c._replace(text=BROKEN.get(c.text, c.text)) for c in page.chars)
    broken = page.model_copy(update={"chars": chars})
    assert garbled_words(broken) > 10
    assert page_needs_ocr(broken)
