"""Pagination shared by both producers.

The layout decides every page break itself: blocks are placed top-down with
measured heights (reportlab metrics of the same TTF fonts both producers embed),
tables are split between rows, footnote texts go to the bottom of the page whose
rows or text reference them.  Renderers then draw each page's items at the
positions given here, so the page of every cell is known by construction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import fonts
from .model import Block, Marker, ReportSpec, Seg, TableSpec

A4 = (595.2756, 841.8898)
PAD = 3.0  # cell padding (pt)


@dataclass
class Item:
    kind: str  # lines | para | table | rule | notes
    x: float
    y: float
    w: float
    h: float
    data: dict = field(default_factory=dict)


@dataclass
class Page:
    number: int
    landscape: bool
    items: list[Item] = field(default_factory=list)
    notes: list[Marker] = field(default_factory=list)  # page-bottom footnotes

    @property
    def size(self):
        return (A4[1], A4[0]) if self.landscape else A4


@dataclass
class Layout:
    pages: list[Page]
    table_pages: dict  # uid -> list of pages
    table_start: dict  # uid -> (page, y, x)
    caption_page: dict  # uid -> page
    row_page: dict  # (uid, row index) -> page
    block_page: dict  # block index -> page
    mode: str  # producer measure mode


# ------------------------------------------------------------------ text
def runs_width(runs, family, size):
    w = 0.0
    for text, st in runs:
        if st == "sup":
            w += fonts.width(text, family, size * 0.62)
        else:
            w += fonts.width(text, family, size, "b" if st == "b" else "n")
    return w


def wrap_runs(runs: list, family: str, size: float, width: float) -> list[list]:
    """Greedy word wrap of styled runs [(text, style)]; a run without a leading space
    sticks to the previous word (markers glued to numbers)."""
    words: list[list] = []  # each word: list of runs
    glue = False  # the next text continues the last word
    for text, st in runs:
        if st == "sup":
            if words:
                words[-1].append((text, st))
            else:
                words.append([(text, st)])
            glue = True
            continue
        parts = text.split(" ")
        for i, p in enumerate(parts):
            if i == 0 and words and glue and p:
                words[-1].append((p, st))
            elif p:
                words.append([(p, st)])
        glue = not text.endswith(" ")
    lines: list[list] = []
    cur: list = []
    cur_w = 0.0
    for wd in words:
        ww = runs_width(wd, family, size)
        sp = fonts.width(" ", family, size) if cur else 0.0
        if cur and cur_w + sp + ww > width:
            lines.append(cur)
            cur, cur_w = [], 0.0
            sp = 0.0
        if cur:
            cur.append((" ", wd[0][1] if wd[0][1] != "sup" else "n"))
        cur.extend(wd)
        cur_w += sp + ww
    if cur:
        lines.append(cur)
    return [_merge(ln) for ln in lines] or [[("", "n")]]


def _merge(line):
    out = []
    for t, s in line:
        if out and out[-1][1] == s:
            out[-1] = (out[-1][0] + t, s)
        else:
            out.append((t, s))
    return out


def marker_runs(markers: list[Marker]) -> list:
    out = []
    for m in markers:
        if m.kind == "star":
            out.append((m.printed, "n"))
        else:
            out.append((m.printed, "sup"))
    return out


# ------------------------------------------------------------------ tables
@dataclass
class GCell:
    row: int  # grid row within the part (header rows first)
    col: int
    rowspan: int
    colspan: int
    lines: list  # list of run lists
    align: str
    kind: str  # head | lp | label | text | value | group | total | category | colnum
    bold: bool = False


@dataclass
class TableGeom:
    col_w: list
    size: float
    lead: float
    header: list  # GCells of header rows (row indices 0..nh-1)
    header_h: list  # heights of header rows
    body: list  # per table row: (list of GCell with row=0 relative, height)
    units: list  # list of lists of row indices that must stay together
    cat_col: int | None = None
    spans: list = field(default_factory=list)  # row-spanning category cells (first, last, lines)

    def part_cells(self, rows: list[int]):
        """Body cells of a table part: per row (index, [GCell]); a category cell spans
        the rows of its span that are in this part (text only where the span starts)."""
        out = []
        inpart = set(rows)
        for ri in rows:
            cells = list(self.body[ri][0])
            for a, b, lines in self.spans:
                if a <= ri <= b and (ri == a or ri - 1 not in inpart):
                    n = sum(1 for k in range(ri, b + 1) if k in inpart)
                    cells.append(
                        GCell(
                            0,
                            self.cat_col,
                            n,
                            1,
                            lines if ri == a else [[("", "n")]],
                            "left",
                            "category",
                        )
                    )
            out.append((ri, cells))
        return out


def _text_lines(text: str, family, size, width, bold=False):
    return wrap_runs([(text, "b" if bold else "n")], family, size, width)


def table_geom(t: TableSpec, family: str, width: float) -> TableGeom:
    size = t.font_size
    while True:
        g = _try_geom(t, family, width, size)
        if g is not None or size <= 6.0:
            return g or _try_geom(t, family, width, size, force=True)
        size -= 0.5


def _try_geom(t: TableSpec, family, width, size, force=False):
    lead = size * 1.22
    cols = t.columns
    n = len(cols)
    hb = "b" if t.header_bold else "n"
    minw = [0.0] * n
    for i, c in enumerate(cols):
        words = (c.header + " " + (c.group or "") if c.group is None else c.header).split()
        head_word = max((fonts.width(wd, family, size, hb) for wd in words), default=0)
        if c.kind in ("value", "lp"):
            vals = [0.0]
            for r in t.rows:
                if c.kind == "lp" and r.lp:
                    vals.append(fonts.width(r.lp, family, size))
                cell = r.cells.get(i)
                if cell:
                    mw = max(runs_width([(ln, "n")], family, size) for ln in cell.lines)
                    mw += runs_width(marker_runs(cell.markers), family, size)
                    vals.append(mw)
                if r.kind == "total" and i in r.cells:
                    vals[-1] = max(
                        vals[-1],
                        fonts.width(r.cells[i].lines[0], family, size, "b")
                        + runs_width(marker_runs(r.cells[i].markers), family, size),
                    )
            full = fonts.width(c.header, family, size, hb)
            minw[i] = max(max(vals), head_word, min(full, max(vals) * 1.6, full / 2.2)) + 2 * PAD
        else:
            longest = head_word
            for r in t.rows:
                txt = (
                    r.category
                    if c.kind == "category"
                    else (r.label if c.kind == "label" else r.texts.get(i, ""))
                )
                for wd in (txt or "").split():
                    longest = max(longest, fonts.width(wd, family, size))
            minw[i] = longest + 2 * PAD
    fixed = sum(minw[i] for i, c in enumerate(cols) if c.kind in ("value", "lp"))
    flex = [i for i, c in enumerate(cols) if c.kind not in ("value", "lp")]
    rest = width - fixed
    wsum = sum(cols[i].weight for i in flex) or 1
    col_w = list(minw)
    if flex:
        share = {i: rest * cols[i].weight / wsum for i in flex}
        if any(share[i] < minw[i] for i in flex) and not force:
            return None
        for i in flex:
            col_w[i] = max(minw[i], share[i])
    else:
        extra = (width - fixed) / n
        if extra < 0 and not force:
            return None
        col_w = [w + max(0, extra) for w in minw]
    if sum(col_w) > width + 0.5 and not force:
        return None
    inner = [w - 2 * PAD for w in col_w]

    # header
    header: list[GCell] = []
    grouped = any(c.group for c in cols)
    i = 0
    while i < n:
        c = cols[i]
        if c.group:
            j = i
            while j + 1 < n and cols[j + 1].group == c.group:
                j += 1
            gw = sum(inner[i : j + 1]) + 2 * PAD * (j - i)
            header.append(
                GCell(
                    0,
                    i,
                    1,
                    j - i + 1,
                    _text_lines(c.group, family, size, gw, t.header_bold),
                    "center",
                    "head",
                    t.header_bold,
                )
            )
            for k in range(i, j + 1):
                header.append(
                    GCell(
                        1,
                        k,
                        1,
                        1,
                        _text_lines(cols[k].header, family, size, inner[k], t.header_bold),
                        "center",
                        "head",
                        t.header_bold,
                    )
                )
            i = j + 1
        else:
            header.append(
                GCell(
                    0,
                    i,
                    2 if grouped else 1,
                    1,
                    _text_lines(c.header, family, size, inner[i], t.header_bold),
                    "center",
                    "head",
                    t.header_bold,
                )
            )
            i += 1
    nh = 2 if grouped else 1
    if t.numbered_cols:
        for k in range(n):
            header.append(GCell(nh, k, 1, 1, [[(str(k + 1), "n")]], "center", "colnum"))
        nh += 1
    hh = [0.0] * nh
    for gc in header:
        if gc.rowspan == 1:
            hh[gc.row] = max(hh[gc.row], len(gc.lines) * lead + 2 * PAD)
    for gc in header:
        if gc.rowspan > 1:
            need = len(gc.lines) * lead + 2 * PAD
            have = sum(hh[gc.row : gc.row + gc.rowspan])
            if need > have:
                hh[gc.row + gc.rowspan - 1] += need - have
    hh = [max(h, lead + 2 * PAD) for h in hh]

    # body
    lp_i = next((k for k, c in enumerate(cols) if c.kind == "lp"), None)
    next((k for k, c in enumerate(cols) if c.kind == "label"), None)
    cat_i = next((k for k, c in enumerate(cols) if c.kind == "category"), None)
    body = []
    for r in t.rows:
        cells: list[GCell] = []
        if r.kind == "group":
            numbered = re.match(r"^(?:\d{1,2}|[IVXL]{1,6}|[A-H])[.)]\s", r.label)
            if t.group_lp_col and lp_i == 0 and numbered:
                num, _, rest_ = r.label.partition(" ")
                cells.append(GCell(0, 0, 1, 1, [[(num, "b")]], "center", "group", True))
                w_ = sum(inner[1:]) + 2 * PAD * (n - 2)
                cells.append(
                    GCell(
                        0,
                        1,
                        1,
                        n - 1,
                        _text_lines(rest_, family, size, w_, True),
                        "left",
                        "group",
                        True,
                    )
                )
            else:
                w_ = sum(inner) + 2 * PAD * (n - 1)
                cells.append(
                    GCell(
                        0,
                        0,
                        1,
                        n,
                        _text_lines(r.label, family, size, w_, True),
                        "left",
                        "group",
                        True,
                    )
                )
        else:
            bold = r.kind == "total" and r.bold
            first_val = min((k for k, c in enumerate(cols) if c.kind == "value"), default=n)
            for k, c in enumerate(cols):
                if r.kind == "total" and t.total_span and k < first_val and k > 0:
                    continue
                if c.kind == "category":
                    if r.kind == "total":
                        pass
                    else:
                        continue  # placed per span below
                if r.kind == "total" and t.total_span and k == 0:
                    span = first_val
                    w_ = sum(inner[:span]) + 2 * PAD * (span - 1)
                    cells.append(
                        GCell(
                            0,
                            0,
                            1,
                            span,
                            _text_lines(r.label, family, size, w_, bold),
                            "left",
                            "total",
                            bold,
                        )
                    )
                    continue
                if c.kind == "lp":
                    cells.append(
                        GCell(
                            0, k, 1, 1, [[(r.lp, "n")]] if r.lp else [[("", "n")]], "center", "lp"
                        )
                    )
                elif c.kind == "label":
                    if r.label_lines:
                        lines = []
                        for ln in r.label_lines:
                            lines += _text_lines(ln, family, size, inner[k], bold)
                    else:
                        lines = _text_lines(r.label, family, size, inner[k], bold)
                    cells.append(GCell(0, k, 1, 1, lines, "left", "label", bold))
                elif c.kind == "text":
                    cells.append(
                        GCell(
                            0,
                            k,
                            1,
                            1,
                            _text_lines(r.texts.get(k, ""), family, size, inner[k]),
                            "left",
                            "text",
                        )
                    )
                elif c.kind == "category":
                    cells.append(GCell(0, k, 1, 1, [[("", "n")]], "left", "category"))
                else:
                    vc = r.cells.get(k)
                    if vc is None:
                        cells.append(GCell(0, k, 1, 1, [[("", "n")]], c.align, "value"))
                        continue
                    lines = [[(ln, "b" if bold else "n")] for ln in vc.lines]
                    if vc.markers:
                        lines[-1] = lines[-1] + marker_runs(vc.markers)
                    if (
                        len(lines) == 1
                        and lines[0][0][0]
                        and runs_width(lines[0], family, size) > inner[k] + 0.01
                    ):
                        return None if not force else None
                    cells.append(GCell(0, k, 1, 1, lines, c.align, "value", bold))
        h = max(len(gc.lines) for gc in cells) * lead + 2 * PAD
        body.append([cells, h])
    # category spans and units
    units = []
    spans = []
    ri = 0
    rows = t.rows
    while ri < len(rows):
        r = rows[ri]
        if cat_i is not None and r.kind == "data" and r.category:
            j = ri
            while (
                j + 1 < len(rows)
                and rows[j + 1].kind == "data"
                and rows[j + 1].category == r.category
            ):
                j += 1
            lines = _text_lines(r.category, family, size, inner[cat_i])
            need = len(lines) * lead + 2 * PAD
            have = sum(body[k][1] for k in range(ri, j + 1))
            if need > have:
                body[j][1] += need - have
            spans.append((ri, j, lines))
            units.append(list(range(ri, j + 1)))
            ri = j + 1
            continue
        if r.kind == "group" and ri + 1 < len(rows):
            units.append([ri, ri + 1])
            ri += 2
            continue
        units.append([ri])
        ri += 1
    return TableGeom(col_w, size, lead, header, hh, body, units, cat_i, spans)


# ------------------------------------------------------------------ paragraphs
def para_runs(segs: list[Seg]) -> list:
    runs = []
    for s in segs:
        if s.text:
            runs.append((s.text, "n"))
        if s.marker:
            runs += marker_runs([s.marker])
    return runs


class Measure:
    """Paragraph heights: reportlab's own Paragraph for the reportlab producer, a greedy
    estimate (narrowed, so it errs on the tall side) for Chromium."""

    def __init__(self, producer: str):
        self.producer = producer

    def para(self, segs, family, size, lead, width, justify, indent) -> float:
        if self.producer == "reportlab":
            from .render_rl import rl_paragraph

            p = rl_paragraph(segs, family, size, lead, justify, indent)
            _, h = p.wrap(width, 1e6)
            return h
        lines = wrap_runs(
            para_runs(segs if not indent else [Seg("\u2003\u2003")] + segs),
            family,
            size,
            width * 0.955,
        )
        return len(lines) * lead


# ------------------------------------------------------------------ pager
class Pager:
    def __init__(self, spec: ReportSpec, producer: str):
        self.spec = spec
        self.st = spec.style
        self.fam = spec.style.font
        self.measure = Measure(producer)
        self.pages: list[Page] = []
        self.table_pages: dict = {}
        self.table_start: dict = {}
        self.caption_page: dict = {}
        self.row_page: dict = {}
        self.block_page: dict = {}
        self.slack = 0.0 if producer == "reportlab" else 6.0
        self.new_page(False)

    # geometry
    @property
    def page(self) -> Page:
        return self.pages[-1]

    def box(self, landscape=None):
        land = self.page.landscape if landscape is None else landscape
        W, H = (A4[1], A4[0]) if land else A4
        t, r, b, l_ = self.st.margins
        if land:
            t, r, b, l_ = min(t, 50), min(r, 50), min(b, 50), min(l_, 50)
        top = t + (14 if self.st.running_header else 0)
        bottom = H - b - (12 if self.st.bip_footer else 0)
        return l_, top, W - r, bottom

    def new_page(self, landscape: bool):
        self.pages.append(Page(len(self.pages) + 1, landscape))
        self.y = self.box()[1]

    def notes_h(self, notes: list[Marker]) -> float:
        if not notes:
            return 0.0
        x0, _, x1, _ = self.box()
        ns = self.st.note_size
        h = 10.0
        for m in notes:
            h += len(self._note_lines(m, x1 - x0)) * ns * 1.2 + 1
        return h

    def _note_lines(self, m: Marker, width: float):
        ns = self.st.note_size
        return wrap_runs(self._note_runs(m), self.fam, ns, width - 4)

    @staticmethod
    def _note_runs(m: Marker):
        if m.kind == "star":
            return [(m.printed + " " + m.text, "n")]
        if m.kind == "paren":
            return [(m.printed + " " + m.text, "n")]
        return [(m.printed, "sup"), (" " + m.text, "n")]

    def avail(self, extra_notes=()) -> float:
        _, _, _, bottom = self.box()
        return bottom - self.notes_h(self.page.notes + list(extra_notes)) - self.y - self.slack

    def page_notes(self, markers):
        return [m for m in markers if m.dest == "page"]

    def add(self, item: Item):
        self.page.items.append(item)

    # blocks
    def lines_item(self, runs_lines, x, w, size, lead, align="left", bold=False) -> Item:
        h = len(runs_lines) * lead
        return Item(
            "lines",
            x,
            self.y,
            w,
            h,
            {"lines": runs_lines, "size": size, "lead": lead, "align": align},
        )

    def place_lines(self, lines, size, lead, align="left", space_after=0.0, indent=0.0, notes=()):
        x0, _, x1, _ = self.box()
        h = len(lines) * lead
        if h > self.avail(notes) and self.page.items:
            self.new_page(False)
        it = Item(
            "lines",
            x0 + indent,
            self.y,
            x1 - x0 - indent,
            h,
            {"lines": lines, "size": size, "lead": lead, "align": align},
        )
        self.add(it)
        self.page.notes += list(notes)
        self.y += h + space_after
        return it

    def run(self) -> Layout:
        st = self.st
        blocks = self.spec.blocks
        x0, _, x1, _ = self.box()
        W = x1 - x0
        size, lead = st.size, st.size * st.leading
        for bi, b in enumerate(blocks):
            if self.page.landscape:
                self.new_page(False)
                x0, _, x1, _ = self.box()
                W = x1 - x0
            nxt = blocks[bi + 1] if bi + 1 < len(blocks) else None
            if b.kind in ("annex", "placedate", "signature"):
                sz = size - (1.5 if b.kind == "annex" else 0)
                lines = []
                for ln in b.lines:
                    lines += wrap_runs([(ln, "n")], self.fam, sz, W * 0.55)
                if b.kind == "signature":
                    self.y += lead * 2
                self.block_page[bi] = self.page.number
                self.place_lines(lines, sz, sz * 1.25, b.align, space_after=lead * 0.8)
            elif b.kind == "title":
                self.y += lead * 0.5
                lines = []
                for k, ln in enumerate(b.lines):
                    sz = size + (3 if (k == 0 and len(b.lines) > 1) else 1)
                    ll = wrap_runs([(ln, "b")], self.fam, sz, W * 0.85)
                    self.place_lines(ll, sz, sz * 1.3, "center", space_after=lead * 0.4)
                self.block_page[bi] = self.page.number
                self.y += lead
            elif b.kind == "heading":
                runs = []
                for s in b.segs:
                    if s.text:
                        runs.append((s.text, "b"))
                    if s.marker:
                        runs += marker_runs([s.marker])
                lines = wrap_runs(runs, self.fam, size + 0.5, W)
                h = len(lines) * lead
                nxt_h = self._first_h(nxt, W)
                notes = self.page_notes([s.marker for s in b.segs if s.marker])
                if h + lead * 0.6 + nxt_h > self.avail(notes):
                    self.new_page(False)
                self.y += lead * 0.6 if self.y > self.box()[1] + 1 else 0
                self.block_page[bi] = self.page.number
                self.place_lines(
                    lines, size + 0.5, lead, "left", space_after=lead * 0.35, notes=notes
                )
            elif b.kind == "para":
                notes = self.page_notes([s.marker for s in b.segs if s.marker])
                h = self.measure.para(b.segs, self.fam, size, lead, W, st.justify, st.para_indent)
                if h > self.avail(notes):
                    self.new_page(False)
                self.block_page[bi] = self.page.number
                self.add(
                    Item(
                        "para",
                        x0,
                        self.y,
                        W,
                        h,
                        {
                            "segs": b.segs,
                            "size": size,
                            "lead": lead,
                            "justify": st.justify,
                            "indent": st.para_indent,
                        },
                    )
                )
                self.page.notes += notes
                self.y += h + st.para_space
            elif b.kind == "list":
                for k, txt in enumerate(b.items, 1):
                    bullet = f"{k})" if b.numbered else "–"
                    lines = wrap_runs([(txt, "n")], self.fam, size, W - 24)
                    h = len(lines) * lead
                    if h > self.avail():
                        self.new_page(False)
                    self.add(
                        Item(
                            "lines",
                            x0 + 6,
                            self.y,
                            18,
                            lead,
                            {
                                "lines": [[(bullet, "n")]],
                                "size": size,
                                "lead": lead,
                                "align": "left",
                            },
                        )
                    )
                    self.add(
                        Item(
                            "lines",
                            x0 + 24,
                            self.y,
                            W - 24,
                            h,
                            {"lines": lines, "size": size, "lead": lead, "align": "left"},
                        )
                    )
                    self.y += h + 1
                self.block_page[bi] = self.page.number
                self.y += st.para_space
            elif b.kind == "notes":
                ms = [
                    m
                    for bb in blocks
                    if bb.section == b.section
                    for m in _markers(bb)
                    if m.dest == "section"
                ]
                if not ms:
                    continue
                ns = st.note_size
                self.block_page[bi] = self.page.number
                for m in ms:
                    lines = wrap_runs(self._note_runs(m), self.fam, ns, W)
                    self.place_lines(lines, ns, ns * 1.25, "left", space_after=1)
                self.y += st.para_space
            elif b.kind == "table":
                self.place_table(b.tables[0])
            elif b.kind == "pair":
                self.place_pair(b.tables)
        return Layout(
            self.pages,
            self.table_pages,
            self.table_start,
            self.caption_page,
            self.row_page,
            self.block_page,
            "",
        )

    def _first_h(self, b: Block | None, W: float) -> float:
        lead = self.st.size * self.st.leading
        if b is None:
            return 0
        if b.kind == "para":
            return lead * 3
        if b.kind in ("table", "pair"):
            return lead * 5
        return lead * 2

    # tables
    def caption_lines(self, t: TableSpec, width: float, size: float):
        if t.caption_kind == "none":
            return []
        txt = t.caption_text
        runs = []
        if t.caption_kind == "bold_heading":
            runs.append((txt, "b"))
        elif t.caption_kind == "tab_dotted":
            head = f"Tab. {t.caption_id} "
            runs += [(head, "n"), (t.caption_title, "b")]
        else:
            runs.append((txt, "n"))
        runs += marker_runs(t.caption_markers)
        return wrap_runs(runs, self.fam, size, width)

    def tail_items(self, t: TableSpec, width: float):
        """Notes under the table and the source line: list of (lines, size)."""
        out = []
        ns = self.st.note_size
        for row in t.rows:
            for _ci, c in sorted(row.cells.items()):
                for m in c.markers:
                    if m.dest == "table":
                        out.append(wrap_runs(self._note_runs(m), self.fam, ns, width))
        if t.source_line:
            out.append(wrap_runs([(t.source_line, "n")], self.fam, ns, width))
        return out

    def place_table(self, t: TableSpec):
        st = self.st
        if t.landscape:
            self.new_page(True)
        x0, _, x1, _ = self.box()
        W = (x1 - x0) * t.width_frac
        g = table_geom(t, self.fam, W)
        W = sum(g.col_w)
        tx = x0
        csize = max(g.size, min(st.size, g.size + 1))
        cap = self.caption_lines(t, W, csize)
        cap_h = len(cap) * csize * 1.25
        tail = self.tail_items(t, W)
        ns = st.note_size
        tail_h = sum(len(x) * ns * 1.2 for x in tail) + (4 if tail else 0)
        if t.caption_pos == "below":
            tail_h += cap_h + 4
        head_h = sum(g.header_h)
        cap_notes = self.page_notes(t.caption_markers)

        def unit_h(u):
            return sum(g.body[i][1] for i in u)

        def unit_notes(u):
            return self.page_notes(
                [m for i in u for c in t.rows[i].cells.values() for m in c.markers]
            )

        first = g.units[0]
        if t.caption_pos == "above" and cap:
            if t.caption_prev_page:
                if cap_h + 4 > self.avail(cap_notes):
                    self.new_page(t.landscape)
                self._place_caption(t, cap, tx, W, csize, cap_notes)
                self.new_page(t.landscape)
            else:
                need = cap_h + 4 + head_h + unit_h(first) + (tail_h if len(g.units) == 1 else 0)
                if need > self.avail(cap_notes + unit_notes(first)):
                    self.new_page(t.landscape)
                self._place_caption(t, cap, tx, W, csize, cap_notes)
        else:
            need = head_h + unit_h(first) + (tail_h if len(g.units) == 1 else 0)
            if need > self.avail(unit_notes(first)):
                self.new_page(t.landscape)
            if t.caption_kind == "none":
                pass
        # parts
        part_rows: list[int] = []
        part_y = self.y
        with_header = True
        self.y += head_h
        self.table_start[t.uid] = (self.page.number, part_y, tx)
        pages = [self.page.number]

        def close_part():
            h = self.y - part_y
            self.add(
                Item(
                    "table",
                    tx,
                    part_y,
                    W,
                    h,
                    {"table": t, "geom": g, "rows": list(part_rows), "header": with_header},
                )
            )

        _, top_, _, bot_ = self.box()
        units = []
        for u in g.units:
            if len(u) > 1 and unit_h(u) > 0.5 * (bot_ - top_):
                units += [[i] for i in u]
            else:
                units.append(u)
        for k, u in enumerate(units):
            last = k == len(units) - 1
            need = unit_h(u) + (tail_h if last else 0)
            notes = unit_notes(u)
            if part_rows and need > self.avail(notes):
                close_part()
                self.new_page(t.landscape)
                pages.append(self.page.number)
                part_rows = []
                part_y = self.y
                with_header = t.repeat_header
                if with_header:
                    self.y += head_h
            for i in u:
                part_rows.append(i)
                self.row_page[(t.uid, i)] = self.page.number
                self.y += g.body[i][1]
            self.page.notes += notes
        close_part()
        self.y += 3
        for lines in tail:
            self.add(
                Item(
                    "lines",
                    tx,
                    self.y,
                    W,
                    len(lines) * ns * 1.2,
                    {"lines": lines, "size": ns, "lead": ns * 1.2, "align": "left"},
                )
            )
            self.y += len(lines) * ns * 1.2
        if tail:
            self.y += 4
        if t.caption_pos == "below" and cap:
            self.y += 2
            self._place_caption(t, cap, tx, W, csize, cap_notes)
        self.table_pages[t.uid] = pages
        self.y += st.size * st.leading * 0.8

    def _place_caption(self, t, cap, x, W, csize, notes):
        self.caption_page[t.uid] = self.page.number
        self.add(
            Item(
                "lines",
                x,
                self.y,
                W,
                len(cap) * csize * 1.25,
                {
                    "lines": cap,
                    "size": csize,
                    "lead": csize * 1.25,
                    "align": "center"
                    if t.caption_kind == "bold_heading" and t.width_frac == 1
                    else "left",
                },
            )
        )
        self.page.notes += notes
        self.y += len(cap) * csize * 1.25 + 4

    def place_pair(self, tabs: list[TableSpec]):
        x0, _, x1, _ = self.box()
        W = x1 - x0
        gap = 0.06 * W
        tw = (W - gap) / 2
        geoms = [table_geom(t, self.fam, tw) for t in tabs]
        st = self.st
        caps = [
            self.caption_lines(t, tw, max(g.size, st.size - 1))
            for t, g in zip(tabs, geoms, strict=False)
        ]
        heights = []
        for t, g, cap in zip(tabs, geoms, caps, strict=False):
            cs = max(g.size, st.size - 1)
            heights.append(
                len(cap) * cs * 1.25
                + 4
                + sum(g.header_h)
                + sum(h for _, h in g.body)
                + 8
                + sum(len(x) * st.note_size * 1.2 for x in self.tail_items(t, tw))
            )
        notes = [
            m
            for t in tabs
            for m in self.page_notes(
                [m for r in t.rows for c in r.cells.values() for m in c.markers] + t.caption_markers
            )
        ]
        if max(heights) > self.avail(notes):
            self.new_page(False)
        y_top = self.y
        ends = []
        for k, (t, g, cap) in enumerate(zip(tabs, geoms, caps, strict=False)):
            self.y = y_top
            tx = x0 + k * (tw + gap)
            cs = max(g.size, st.size - 1)
            if t.caption_pos == "above" and cap:
                self._place_caption(t, cap, tx, tw, cs, [])
            part_y = self.y
            self.table_start[t.uid] = (self.page.number, y_top, tx)
            self.y += sum(g.header_h)
            rows = list(range(len(t.rows)))
            for i in rows:
                self.row_page[(t.uid, i)] = self.page.number
                self.y += g.body[i][1]
            self.add(
                Item(
                    "table",
                    tx,
                    part_y,
                    sum(g.col_w),
                    self.y - part_y,
                    {"table": t, "geom": g, "rows": rows, "header": True},
                )
            )
            self.y += 3
            ns = st.note_size
            for lines in self.tail_items(t, tw):
                self.add(
                    Item(
                        "lines",
                        tx,
                        self.y,
                        tw,
                        len(lines) * ns * 1.2,
                        {"lines": lines, "size": ns, "lead": ns * 1.2, "align": "left"},
                    )
                )
                self.y += len(lines) * ns * 1.2
            if t.caption_pos == "below" and cap:
                self.y += 4
                self._place_caption(t, cap, tx, tw, cs, [])
            self.table_pages[t.uid] = [self.page.number]
            ends.append(self.y)
        self.page.notes += notes
        self.y = max(ends) + st.size * st.leading * 0.8


def _markers(b: Block) -> list[Marker]:
    out = [s.marker for s in b.segs if s.marker]
    for t in b.tables:
        if t.caption_pos == "above":
            out += t.caption_markers
        out += [m for r in t.rows for _, c in sorted(r.cells.items()) for m in c.markers]
        if t.caption_pos == "below":
            out += t.caption_markers
    return out


def layout(spec: ReportSpec, producer: str) -> Layout:
    lay = Pager(spec, producer).run()
    lay.mode = producer
    return lay
