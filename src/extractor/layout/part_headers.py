"""Does a table's part on a new page open with a header of its own?

Takes: `ruled.Table` parts.  Gives: whether a part's first row is a header that
differs from the table's first row (a new table, not a continuation), and whether
it is a group row (which never is).  Imports: `layout.ruled`.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from extractor.layout.ruled import Table


def first_row_text(table: Table) -> str:
    cells = sorted((c for c in table.cells if c.row == 0), key=lambda c: c.col)
    return " | ".join("".join(ch.text for ch in cell.chars).strip() for cell in cells)


def is_header_text(text: str) -> bool:
    """A row printing no number but years ("2021 r."): a header, not data."""
    return not re.search(r"(?<![\d])(?!(?:19|20)\d\d(?!\d))\d", text) and bool(
        re.search(r"[^\W\d_]", text)
    )


def opens_with_other_header(first_part: Table, table: Table) -> bool:
    """The new part starts with a header row that differs from the table's first row."""
    new = first_row_text(table)
    if not is_header_text(new) or opens_with_group_row(table):
        return False
    old = first_row_text(first_part)
    return SequenceMatcher(None, "".join(old.split()), "".join(new.split())).ratio() < 0.8


def opens_with_group_row(table: Table) -> bool:
    """The first row is a group row: one cell spanning the table, or alone in the first
    column (a section label whose span a scan's fill band hid), or a short label ("B.",
    "II.") and one cell spanning the rest."""
    filled = sorted((c for c in table.cells if c.row == 0 and c.chars), key=lambda c: c.col)
    wide = max(2, table.n_cols - 1)
    if len(filled) == 1:
        return filled[0].colspan >= wide or (filled[0].col == 0 and table.n_cols > 2)
    label = "".join(ch.text for ch in filled[0].chars).strip() if len(filled) == 2 else ""
    return bool(label) and len(label) <= 4 and filled[1].colspan >= wide - 1
