"""Text patterns the layout stage uses: signature ids in margins, typed star markers.

Kept apart from the report vocabulary so that `layout` imports nothing above it.
"""

from __future__ import annotations

import re

IC = re.IGNORECASE

# An electronic signature's id printed in a margin ("Id: 5A1B2C3D-...").
SIGNATURE_ID = re.compile(r"^\s*Id:\s*[0-9A-F-]{8,}", IC)

# A line opening like a note or footnote: "1) ...", "12. ...", "* ...", "** ...".
NOTE_OPENING = re.compile(r"^\s*(?:\*{1,4}|\d{1,3}[.)])\s*\S")

# Stars typed after a number or a word ("23 412,56*", "6 w roku*") are footnote markers.
STAR_MARKER = re.compile(r"(?<=\S)\s?(\*{1,4})(?=\s|$)")
