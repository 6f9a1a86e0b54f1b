"""The generic layer as JSON: every table found, its cells and continuations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractor.layout.captions import layouts_to_logical_tables
from extractor.layout.cells import cell_to_text
from extractor.layout.page import PageLayout
from extractor.layout.ruled import Table


def table_to_dict(table: Table) -> dict[str, Any]:
    rows: dict[int, list[dict[str, Any]]] = {}
    for cell in table.cells:
        text = cell_to_text(cell, table.page)
        rows.setdefault(cell.row, []).append(
            {
                "col": cell.col,
                "rowspan": cell.rowspan,
                "colspan": cell.colspan,
                "text": text.raw,
                "markers": list(text.markers),
                "bbox": [round(v, 2) for v in bbox_tuple(cell.bbox)],
            }
        )
    return {
        "page": table.page,
        "bbox": [round(v, 2) for v in bbox_tuple(table.bbox)],
        "ruled": table.ruled,
        "n_rows": table.n_rows,
        "n_cols": table.n_cols,
        "rows": [rows[k] for k in sorted(rows)],
    }


def bbox_tuple(bbox: Any) -> tuple[float, float, float, float]:
    return (bbox.x0, bbox.top, bbox.x1, bbox.bottom)


def layouts_to_json(layouts: Sequence[PageLayout]) -> list[dict[str, Any]]:
    """Tables in page order; `continued_by` names the next page's table that continues it."""
    logical = layouts_to_logical_tables(layouts)
    continuation: dict[tuple[int, int], tuple[int, int]] = {}
    caption: dict[tuple[int, int], str] = {}
    for lt in logical:
        keys = [(p.page, index_on_page(layouts, p)) for p in lt.parts]
        for a, b in zip(keys, keys[1:], strict=False):
            continuation[a] = b
        if lt.caption:
            caption[keys[0]] = lt.caption.text
    out = []
    for layout in layouts:
        for index, table in enumerate(layout.tables):
            item = table_to_dict(table)
            item["index"] = index
            item["caption"] = caption.get((layout.number, index), "")
            nxt = continuation.get((layout.number, index))
            item["continued_by"] = {"page": nxt[0], "index": nxt[1]} if nxt else None
            out.append(item)
    return out


def index_on_page(layouts: Sequence[PageLayout], table: Table) -> int:
    for layout in layouts:
        if layout.number == table.page:
            return list(layout.tables).index(table)
    return -1
