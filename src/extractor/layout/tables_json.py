"""The generic layer as JSON, CSV or Markdown: every table found, with its cells,
caption and continuation; what `extractor tables` prints.  No domain meaning.

JSON: a list of tables (page, index on the page, id, bbox, `ruled` or borderless,
caption, `continued_by`, rows of cells with text, markers, spans and bbox).  CSV:
one row per cell.  Markdown: one grid per table, merged cells repeated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from extractor.layout.captions import layouts_to_logical_tables
from extractor.layout.cells import cell_to_text
from extractor.layout.page import PageLayout
from extractor.layout.ruled import Table

FORMATS = ("json", "csv", "md")
CSV_COLUMNS = [
    "table", "page", "index", "ruled", "caption", "row", "col", "rowspan", "colspan", "text",
    "markers",
]  # fmt: skip


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
    """Tables in page order; `continued_by` names the next page's table that continues
    it; `table` is the logical table's id (its caption's number, or `p<page>.<k>`)."""
    logical = layouts_to_logical_tables(layouts)
    continuation: dict[tuple[int, int], tuple[int, int]] = {}
    caption: dict[tuple[int, int], str] = {}
    table_id: dict[tuple[int, int], str] = {}
    for lt in logical:
        keys = [(p.page, index_on_page(layouts, p)) for p in lt.parts]
        for a, b in zip(keys, keys[1:], strict=False):
            continuation[a] = b
        for key in keys:
            table_id[key] = lt.table_id
        if lt.caption:
            caption[keys[0]] = lt.caption.text
    out = []
    for layout in layouts:
        for index, table in enumerate(layout.tables):
            key = (layout.number, index)
            item = {"table": table_id.get(key, ""), "index": index, **table_to_dict(table)}
            item["caption"] = caption.get(key, "")
            nxt = continuation.get(key)
            item["continued_by"] = {"page": nxt[0], "index": nxt[1]} if nxt else None
            out.append(item)
    return out


def index_on_page(layouts: Sequence[PageLayout], table: Table) -> int:
    for layout in layouts:
        if layout.number == table.page:
            return list(layout.tables).index(table)
    return -1


def tables_to_csv(tables: Sequence[dict[str, Any]]) -> str:
    """One row per cell of every table (`layouts_to_json` items)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for table in tables:
        for r, row in enumerate(table["rows"]):
            for cell in row:
                writer.writerow(
                    {
                        "table": table["table"], "page": table["page"], "index": table["index"],
                        "ruled": table["ruled"], "caption": table["caption"], "row": r,
                        "col": cell["col"], "rowspan": cell["rowspan"], "colspan": cell["colspan"],
                        "text": cell["text"], "markers": ";".join(cell["markers"]),
                    }
                )  # fmt: skip
    return out.getvalue()


def tables_to_markdown(tables: Sequence[dict[str, Any]]) -> str:
    """One Markdown grid per table, merged cells repeated over the columns they span."""
    parts = []
    for table in tables:
        kind = "ruled" if table["ruled"] else "borderless"
        title = f"## {table['table']} (page {table['page']}, {kind})"
        if table["caption"]:
            title += f": {table['caption']}"
        parts.append(title + "\n\n" + markdown_grid(table) + "\n")
    return "\n".join(parts)


def markdown_grid(table: dict[str, Any]) -> str:
    n_cols = table["n_cols"]
    grid = []
    for row in table["rows"]:
        line = [""] * n_cols
        for cell in row:
            text = cell["text"].replace("\n", " ").replace("|", "\\|")
            if cell["markers"]:
                text += " [" + ",".join(cell["markers"]) + "]"
            for col in range(cell["col"], min(n_cols, cell["col"] + cell["colspan"])):
                line[col] = text
        grid.append("| " + " | ".join(line) + " |")
    if not grid:
        return ""
    rule = "| " + " | ".join("---" for _ in range(n_cols)) + " |"
    return "\n".join([grid[0], rule, *grid[1:]])
