"""`read.ocr.commas` and `runs.apart_on_baselines`: marks Tesseract skipped between
digits, and a row number read with another row's line."""

from __future__ import annotations

import numpy as np
import pytest

from extractor.read.ocr.commas import with_lost_marks
from extractor.read.ocr.grid import Box
from extractor.read.ocr.runs import (
    ASC_RATIO,
    DEFAULT_RATIOS,
    Glyph,
    Run,
    Word,
    apart_on_baselines,
    measure,
)

EM, BASE = 40.0, 200.0  # px


def digit(text: str, x: float, base: float = BASE, em: float = EM) -> Glyph:
    height = ASC_RATIO * em * DEFAULT_RATIOS["digit"]
    return Glyph(text, Box(x, base - height, x + 0.5 * em, base), 90)


def blobs(*boxes: tuple[float, float, float, float]) -> np.ndarray:
    """Connected-component stats (x, y, w, h, area) of the given boxes."""
    return np.array(
        [
            [x0, top, x1 - x0, bottom - top, (x1 - x0) * (bottom - top)]
            for x0, top, x1, bottom in boxes
        ],
        dtype=np.int32,
    )


def read(stats: np.ndarray, gap: float = 14) -> str:
    five, one = digit("5", 100), digit("1", 100 + 0.5 * EM + gap)
    run = Run([Word([five, one, Glyph("%", Box(150, 170, 170, 200), 90)], 90)], BASE, EM)
    with_lost_marks(run, stats)
    return "".join(g.text for g in run.words[0].glyphs)


@pytest.mark.parametrize(
    ("mark", "text"),
    [
        ((123, 194, 129, 205), "5,1%"),  # a tail 5 px below the baseline: a comma
        ((123, 194, 129, 200), "5.1%"),  # sitting on it: a period
        ((123, 182, 129, 188), "51%"),  # at mid-height: a hyphen's place, no decimal mark
        ((121, 172, 133, 200), "51%"),  # a digit's height: no mark
    ],
)
def test_a_decimal_mark_skipped_between_two_digits_is_put_back_from_its_ink(
    mark: tuple[float, float, float, float], text: str
) -> None:
    stats = blobs((100, 173, 120, 200), (134, 173, 154, 200), mark)
    assert read(stats) == text


def test_digits_set_close_or_an_empty_gap_get_no_mark() -> None:
    assert read(blobs((123, 194, 129, 205)), gap=2) == "51%"
    assert read(blobs((100, 173, 120, 200))) == "51%"


def word(text: str, x: float, base: float, em: float = EM) -> Word:
    return Word([digit(ch, x + k * 0.5 * em, base, em) for k, ch in enumerate(text)], 90)


def test_a_row_number_on_a_baseline_of_its_own_is_a_run_of_its_own() -> None:
    """ "1." centred beside a label's two lines, read with the first: 0.55 em lower."""
    label = Word([Glyph(ch, Box(200 + 20 * k, BASE - ASC_RATIO * EM, 215 + 20 * k, BASE), 90)
                  for k, ch in enumerate("bdhkl")], 90)  # fmt: skip
    run = Run([word("1", 100, BASE + 0.55 * EM), label])
    measure(run, (BASE, EM), 0.0)
    parts = apart_on_baselines(run, (BASE, EM), 0.0, dict(DEFAULT_RATIOS))
    assert [len(p.words) for p in parts] == [1, 1]
    assert parts[0].baseline == pytest.approx(BASE + 0.55 * EM)
    assert parts[1].baseline == pytest.approx(BASE)


def test_a_superscript_read_inline_stays_in_its_run() -> None:
    label = Word([Glyph(ch, Box(200 + 20 * k, BASE - ASC_RATIO * EM, 215 + 20 * k, BASE), 90)
                  for k, ch in enumerate("bdhkl")], 90)  # fmt: skip
    marker = word("3", 300, BASE - 0.4 * EM, em=0.6 * EM)  # smaller and higher
    run = Run([label, marker])
    measure(run, (BASE, EM), 0.0)
    assert apart_on_baselines(run, (BASE, EM), 0.0, dict(DEFAULT_RATIOS)) == [run]


def test_no_mark_before_a_group_of_thousands_nor_from_a_speck() -> None:
    five, one = digit("5", 100), digit("1", 134)
    rest = [digit("0", 154), digit("0", 174)]  # "5 100": a blank before three digits
    run = Run([Word([five, one, *rest], 90)], BASE, EM)
    with_lost_marks(run, blobs((100, 173, 120, 200), (123, 194, 129, 205)))
    assert "".join(g.text for g in run.words[0].glyphs) == "5100"
    assert read(blobs((125, 198, 127, 203))) == "51%"  # 2 px of dirt
