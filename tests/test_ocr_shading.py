"""Filled boxes of a scanned page as ruling segments (read.ocr.shading, ocr.page)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2")

from extractor.read.ocr.grid import Box, Grey  # noqa: E402
from extractor.read.ocr.page import with_fill_edges  # noqa: E402
from extractor.read.ocr.shading import fill_boxes  # noqa: E402
from extractor.read.pdf import Segment  # noqa: E402

SCALE = 300 / 72  # px per pt


def page(fills: list[tuple[float, float, float, float, int]], seed: int = 1) -> Grey:
    """A noisy scan of white paper (about 248) with grey boxes (x0, top, x1, bottom in
    pt, and their level) and a line of black "text" strokes in each."""
    rng = np.random.default_rng(seed)
    grey = np.full((int(400 * SCALE), int(595 * SCALE)), 248.0)
    for x0, top, x1, bottom, level in fills:
        grey[int(top * SCALE) : int(bottom * SCALE), int(x0 * SCALE) : int(x1 * SCALE)] = level
        for x in np.arange(x0 + 5, x1 - 5, 7.0):  # strokes 1 pt wide, 6 pt high
            y = (top + bottom) / 2
            grey[
                int((y - 3) * SCALE) : int((y + 3) * SCALE), int(x * SCALE) : int((x + 1) * SCALE)
            ] = 20
    grey += rng.normal(0, 2.5, grey.shape)
    return np.asarray(np.clip(grey, 0, 255), dtype=np.uint8)


def in_points(boxes: list[Box]) -> list[tuple[int, ...]]:
    return [tuple(round(v / SCALE) for v in (b.x0, b.top, b.x1, b.bottom)) for b in boxes]


def test_a_light_zebra_row_and_a_darker_header_band_are_filled_boxes() -> None:
    grey = page([(70, 50, 540, 80, 205), (70, 110, 540, 126, 231)])
    found = in_points(fill_boxes(grey, SCALE))
    assert len(found) == 2
    for (x0, top, x1, bottom), want in zip(found, [(70, 50, 540, 80), (70, 110, 540, 126)],
                                           strict=True):  # fmt: skip
        assert all(abs(a - b) <= 3 for a, b in zip((x0, top, x1, bottom), want, strict=True))


def test_white_paper_a_small_patch_and_a_picture_are_no_fill() -> None:
    assert fill_boxes(page([]), SCALE) == []
    small = page([(70, 50, 110, 66, 231)])  # 40 pt wide: a stamp, a highlighted word
    assert fill_boxes(small, SCALE) == []
    picture = page([(70, 50, 300, 330, 180)])  # 280 pt high
    assert fill_boxes(picture, SCALE) == []


def test_a_fill_gives_its_top_and_bottom_as_rules_where_no_rule_runs_along_them() -> None:
    grey = page([(70, 110, 540, 126, 231)])
    ruled = [Segment(orientation="h", x0=70, x1=540, top=110.5, bottom=110.5)]
    segments = with_fill_edges(ruled, grey, SCALE)
    tops = sorted(round(s.top) for s in segments if s.orientation == "h")
    assert len(tops) == 2 and abs(tops[0] - 110) <= 3 and abs(tops[1] - 126) <= 3
    assert not any(s.orientation == "v" for s in segments)  # a row's sides make no frame
