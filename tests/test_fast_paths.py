"""The optimised hot paths give exactly what their plain originals give.

Line assembly (`textlines`) and the text-layer check (`textlayer`) run once per
glyph and were rewritten for speed.  Random pages of glyphs - lines of mixed
sizes, raised markers, blanks, near and far gaps, odd capitals - must come out
the same from the fast functions and from the plain ones kept in
`tests/reference`.
"""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.layout import lines as textlines
from extractor.read import textlayer
from extractor.read.pdf import Char, PageContent

from reference import textlayer_plain, textlines_plain

ALPHABET = "0123456789 ,.*)(%abcdefghijklmnoprstuwyząęłóśżABCDEFGHKLMNOPRSTŁŚŻ\\\u00a0ДЖ"
SIZES = (5.5, 6.0, 6.5, 8.0, 9.0, 10.0, 11.0, 12.0, 14.0)


@st.composite
def runs(draw: st.DrawFn) -> list[Char]:
    """One run of glyphs: a word or a marker, on one baseline, in one size."""
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=8))
    size = draw(st.sampled_from(SIZES))
    x = draw(st.integers(0, 400)) + draw(st.sampled_from((0.0, 0.25, 0.5)))
    baseline = draw(st.integers(20, 60)) * 4.0 + draw(st.sampled_from((0.0, -0.5, -2.5, -4.0)))
    gap = size * draw(st.sampled_from((0.0, 0.05, 0.1, 0.125, 0.2, 0.5, 2.0)))  # around thresholds
    chars = []
    for ch in text:
        width = 0.5 * size
        chars.append(Char(ch, x, x + width, baseline - 0.7 * size, baseline, baseline, size))
        x += width + gap
    return chars


pages = st.lists(runs(), min_size=0, max_size=30).map(lambda rs: [c for r in rs for c in r])


@settings(max_examples=400, deadline=None)
@given(pages)
def test_line_assembly_matches_the_plain_original(chars: list[Char]) -> None:
    assert textlines.chars_to_lines(chars) == textlines_plain.chars_to_lines(chars)


@settings(max_examples=400, deadline=None)
@given(pages, st.randoms(use_true_random=False))
def test_line_assembly_matches_on_glyphs_in_any_order(chars: list[Char], rnd: object) -> None:
    shuffled = list(chars)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert textlines.chars_to_lines(shuffled) == textlines_plain.chars_to_lines(shuffled)


@settings(max_examples=400, deadline=None)
@given(pages)
def test_text_layer_check_matches_the_plain_original(chars: list[Char]) -> None:
    page = PageContent(number=1, width=595, height=842, chars=tuple(chars), segments=())
    assert textlayer.garbled_words(page) == textlayer_plain.garbled_words(page)
    assert textlayer.page_needs_ocr(page) == textlayer_plain.page_needs_ocr(page)


def test_pages_are_laid_out_one_at_a_time_and_not_kept(extracted: object) -> None:
    """A long document is never held whole: once laid out, a page's characters can go."""
    import gc
    import weakref

    from extractor.layout.page import pages_to_layouts
    from extractor.read.document import iter_contents
    from extractor.read.pdf import open_document

    from conftest import INPUT

    doc = open_document(INPUT / "kp-2023.pdf")
    seen: list[weakref.ref[object]] = []

    def pages() -> Iterator[object]:
        for page in iter_contents(doc):
            assert all(ref() is None for ref in seen[:-1])  # the ones before are gone
            seen.append(weakref.ref(page))
            yield page

    try:
        layouts = pages_to_layouts(pages())  # type: ignore[arg-type]
    finally:
        doc.close()
    gc.collect()
    assert len(seen) == len(layouts) > 3
    assert all(ref() is None for ref in seen)
