"""Text patterns the layout stage uses: caption lines, page furniture, typed star markers.

Kept apart from the report vocabulary so that `layout` imports nothing above it.
"""

from __future__ import annotations

import re

IC = re.IGNORECASE

# Page furniture (besides lines repeated on every page).
FURNITURE = [
    re.compile(r"^\s*Strona\s+\d+\s*(?:z|/)\s*\d+\s*$", IC),
    re.compile(r"^\s*[-–]?\s*\d{1,4}\s*[-–]?\s*$"),
    re.compile(r"^\s*Id:\s*[0-9A-F-]{8,}", IC),
    re.compile(r"^\s*BIP\b", IC),
]

# Stars typed after a number ("23 412,56*") are footnote markers.
STAR_MARKER = re.compile(r"(?<=[\d%])\s?(\*{1,4})(?=\s|$)")
