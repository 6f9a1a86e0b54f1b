"""Fonts with Polish glyphs (DejaVu TTFs), registered in reportlab; their metrics are
what the layout measures text with, for both producers."""

from __future__ import annotations

import functools
import glob
import os

FILES = {
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    "serif_cond": (
        "DejaVuSerifCondensed.ttf",
        "DejaVuSerifCondensed-Bold.ttf",
        "DejaVuSerifCondensed-Italic.ttf",
    ),
    "sans_cond": (
        "DejaVuSansCondensed.ttf",
        "DejaVuSansCondensed-Bold.ttf",
        "DejaVuSansCondensed-Oblique.ttf",
    ),
}
LABEL = {
    "serif": "DejaVu Serif",
    "sans": "DejaVu Sans",
    "serif_cond": "DejaVu Serif Condensed",
    "sans_cond": "DejaVu Sans Condensed",
}


@functools.cache
def font_dir() -> str:
    for base in (
        os.environ.get("LAYOUTGEN_FONTS", ""),
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts",
    ):
        if base and os.path.isdir(base):
            hits = glob.glob(os.path.join(base, "**", "DejaVuSans.ttf"), recursive=True)
            if hits:
                return os.path.dirname(hits[0])
    raise RuntimeError(
        "DejaVu fonts not found (apt-get install fonts-dejavu-core "
        "fonts-dejavu-extra, or set LAYOUTGEN_FONTS)"
    )


def path(family: str, weight: str = "n") -> str:
    i = {"n": 0, "b": 1, "i": 2}[weight]
    return os.path.join(font_dir(), FILES[family][i])


def rl_name(family: str, weight: str = "n") -> str:
    return f"LG-{family}-{weight}"


@functools.cache
def register(family: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for w in "nbi":
        pdfmetrics.registerFont(TTFont(rl_name(family, w), path(family, w)))
    from reportlab.lib.fonts import addMapping

    addMapping(rl_name(family), 0, 0, rl_name(family, "n"))
    addMapping(rl_name(family), 1, 0, rl_name(family, "b"))
    addMapping(rl_name(family), 0, 1, rl_name(family, "i"))
    addMapping(rl_name(family), 1, 1, rl_name(family, "b"))


def width(text: str, family: str, size: float, weight: str = "n") -> float:
    from reportlab.pdfbase import pdfmetrics

    register(family)
    return pdfmetrics.stringWidth(text, rl_name(family, weight), size)
