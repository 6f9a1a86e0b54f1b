"""The spec model: plain dataclasses, JSON-serialisable through ``to_json``."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any

from .polish import slug


@dataclass
class Marker:
    """A footnote marker and its text.  ``kind``: sup (superscript digits glued to the
    text), star (typed "*" after the number), paren (superscript "1)"), letter
    (superscript a, b).  ``dest``: where the text is printed: page (page bottom),
    table (notes under the table), section (list at the end of the section)."""

    kind: str
    text: str
    dest: str
    key: str = ""
    anchor: dict = field(default_factory=dict)

    @property
    def printed(self) -> str:
        return self.key + (")" if self.kind == "paren" else "")


@dataclass
class VCell:
    """A value cell: the printed lines (no markers) and the numbers they state."""

    lines: list[str]
    values: list
    markers: list[Marker] = field(default_factory=list)
    code: str | None = None
    features: list[str] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Column:
    kind: str  # lp | category | label | text | value
    header: str
    group: str | None = None
    key: Any = None  # truth column key for value columns
    align: str = "left"  # left | right | center
    weight: float = 1.0


@dataclass
class Row:
    kind: str  # data | group | total
    key: str = ""
    lp: str = ""
    label: str = ""
    label_lines: list[str] | None = None  # forced line breaks (a) / b) parts)
    texts: dict = field(default_factory=dict)  # column index -> text
    cells: dict = field(default_factory=dict)  # column index -> VCell
    category: str | None = None
    section: str = ""
    bold: bool = False


@dataclass
class TableSpec:
    uid: int
    template: str
    columns: list[Column]
    rows: list[Row]
    caption_kind: str = "none"  # see CAPTION_KINDS
    caption_id: str | None = None
    caption_title: str = ""
    caption_markers: list[Marker] = field(default_factory=list)
    caption_pos: str = "above"
    caption_prev_page: bool = False
    style: str = "ruled"
    repeat_header: bool = True
    numbered_cols: bool = False
    source_line: str | None = None
    unit: str | None = None
    scale: int | None = None
    consistent: bool = True
    font_size: float = 9.0
    width_frac: float = 1.0
    landscape: bool = False
    features: list[str] = field(default_factory=list)
    total_span: bool = True
    group_lp_col: bool = False  # group row: number in the L.p. column, text merged over rest
    valign: str = "middle"
    header_bold: bool = True
    header_fill: bool = False

    @property
    def caption_text(self) -> str:
        k, i, t = self.caption_kind, self.caption_id, self.caption_title
        return {
            "tabela_dot": f"Tabela {i}. {t}",
            "tabela_nr": f"Tabela nr {i} {t}",
            "tabela_colon": f"Tabela {i}: {t}",
            "tabela_dash": f"Tabela {i} – {t}",
            "tab_dotted": f"Tab. {i} {t}",
            "zestawienie": f"Zestawienie nr {i}. {t}",
            "wykaz": f"Wykaz nr {i} – {t}",
            "zalacznik": f"Załącznik nr {i} – {t}",
            "bold_heading": t,
            "none": "",
        }[k]

    def full_header(self, ci: int) -> str:
        c = self.columns[ci]
        return f"{c.group} {c.header}" if c.group else c.header

    def value_cols(self) -> list[int]:
        return [i for i, c in enumerate(self.columns) if c.kind == "value"]


@dataclass
class Seg:
    text: str
    marker: Marker | None = None


@dataclass
class Figure:
    id: str
    text: str
    values: list
    refs: list
    codes: list


@dataclass
class Block:
    kind: str  # annex | placedate | title | heading | para | list | table | pair | notes |
    #            signature
    segs: list[Seg] = field(default_factory=list)  # para / heading text
    lines: list[str] = field(default_factory=list)  # title, placedate, signature, annex
    items: list[str] = field(default_factory=list)  # list items
    numbered: bool = True
    tables: list[TableSpec] = field(default_factory=list)
    level: int = 1
    figures: list[str] = field(default_factory=list)
    section: int = 0
    align: str = "left"
    keep_with_next: bool = False
    notes: list[Marker] = field(default_factory=list)  # for kind == notes

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segs)


@dataclass
class Style:
    font: str  # serif | sans | serif_cond | sans_cond
    size: float
    leading: float
    note_size: float
    margins: tuple  # top, right, bottom, left (pt)
    heading_numbering: str  # roman | arabic | plain
    heading_upper: bool
    justify: bool
    footnote_mode: str  # page | section
    landscape_mode: str  # mediabox | rotate90 | matrix
    page_number: str  # str_slash | strona_z | dash | bare | none
    page_number_pos: str  # center | right
    running_header: str | None
    bip_footer: str | None
    para_indent: bool
    para_space: float


@dataclass
class ReportSpec:
    seed: int
    report_id: str
    jst: str
    jst_kind: str
    jst_gen: str
    office: str
    programme: str
    title: str
    report_year: int
    baseline_year: int | None
    periods: list[int]
    style: Style
    blocks: list[Block]
    figures: list[Figure]
    findings: list[dict]
    features: list[str]
    footnotes: dict  # key -> text (filled by numbering)

    def tables(self) -> list[TableSpec]:
        return [t for b in self.blocks for t in b.tables]

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True, indent=1)


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def column_key(full_header: str):
    """The truth column key of a value column, from its full header (group words then
    sub-header words): the year when it names exactly one year, "target" / "actual" for
    Wartość docelowa / Wartość wskaźnika, else the slug of the full header."""
    years = set(_YEAR.findall(full_header))
    if len(years) == 1:
        return int(years.pop())
    low = full_header.lower()
    if "docelow" in low:
        return "target"
    if "wskaźnik" in low or "wskaznik" in low:
        return "actual"
    return slug(full_header)
