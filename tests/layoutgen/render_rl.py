"""reportlab producer: canvas drawing of the layout's pages (platypus Paragraph for
justified prose)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from . import fonts
from .layout import A4, PAD, Item, Layout, Page, runs_width
from .model import ReportSpec

GREY_HEAD = 0.82
GREY_ZEBRA = 0.93
GREY_FILL = 0.9


def rl_paragraph(segs, family, size, lead, justify, indent):
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    fonts.register(family)
    parts = []
    for s in segs:
        if s.text:
            parts.append(escape(s.text))
        if s.marker:
            if s.marker.kind == "star":
                parts.append(escape(s.marker.printed))
            else:
                parts.append(f"<super>{escape(s.marker.printed)}</super>")
    style = ParagraphStyle(
        "p",
        fontName=fonts.rl_name(family),
        fontSize=size,
        leading=lead,
        alignment=TA_JUSTIFY if justify else TA_LEFT,
        firstLineIndent=2 * size if indent else 0,
    )
    return Paragraph("".join(parts), style)


def page_label(kind: str, n: int, total: int) -> str | None:
    return {
        "str_slash": f"str. {n}/{total}",
        "strona_z": f"Strona {n} z {total}",
        "dash": f"- {n} -",
        "bare": str(n),
        "none": None,
    }[kind]


class RL:
    def __init__(self, spec: ReportSpec, lay: Layout, path: str):
        from reportlab.pdfgen import canvas

        self.spec = spec
        self.lay = lay
        self.fam = spec.style.font
        fonts.register(self.fam)
        self.c = canvas.Canvas(path, pagesize=A4, invariant=1, pageCompression=1)
        self.c.setTitle(spec.title)
        self.c.setSubject("synthetic test document")
        self.c.setAuthor(spec.office)
        self.c.setCreator("layoutgen (reportlab)")

    def font(self, st: str, size: float):
        self.c.setFont(fonts.rl_name(self.fam, "b" if st == "b" else "n"), size)

    def draw_runs(self, runs, x, baseline, size):
        for text, st in runs:
            if st == "sup":
                sz = size * 0.62
                self.font("n", sz)
                self.c.drawString(x, baseline + size * 0.36, text)
                x += fonts.width(text, self.fam, sz)
            else:
                self.font(st, size)
                self.c.drawString(x, baseline, text)
                x += fonts.width(text, self.fam, size, "b" if st == "b" else "n")
        return x

    def draw_lines(self, lines, x, y, w, size, lead, align):
        for i, ln in enumerate(lines):
            lw = runs_width(ln, self.fam, size)
            xx = x if align == "left" else (x + (w - lw) / 2 if align == "center" else x + w - lw)
            base = self.H - (y + i * lead + (lead - size) / 2 + size * 0.8)
            self.draw_runs(ln, xx, base, size)

    def run(self):
        total = len(self.lay.pages)
        st = self.spec.style
        for p in self.lay.pages:
            c = self.c
            rotate = p.landscape and st.landscape_mode == "rotate90"
            if p.landscape and st.landscape_mode == "mediabox":
                c.setPageSize((A4[1], A4[0]))
                c.setPageRotation(0)
            else:
                # reportlab swaps the mediabox of a page rotated 90: given the landscape
                # size, the page is portrait with /Rotate 90 and the sideways content on it
                c.setPageSize((A4[1], A4[0]) if rotate else A4)
                c.setPageRotation(90 if rotate else 0)
            if p.landscape and st.landscape_mode != "mediabox":
                c.translate(A4[0], 0)
                c.rotate(90)
            self.W, self.H = p.size
            self.page(p, total)
            c.showPage()
        self.c.save()

    def page(self, p: Page, total: int):
        st = self.spec.style
        c = self.c
        c.setStrokeGray(0)
        c.setFillGray(0)
        t, r, b, l_ = st.margins
        if p.landscape:
            t, r, b, l_ = min(t, 50), min(r, 50), min(b, 50), min(l_, 50)
        if st.running_header:
            self.draw_lines(
                [[(st.running_header, "n")]], l_, t - 16, self.W - l_ - r, 8, 10, "left"
            )
            c.setLineWidth(0.4)
            c.line(l_, self.H - (t - 3), self.W - r, self.H - (t - 3))
        lab = page_label(st.page_number, p.number, total)
        if lab:
            self.draw_lines(
                [[(lab, "n")]], l_, self.H - b / 2 - 5, self.W - l_ - r, 9, 11, st.page_number_pos
            )
        if st.bip_footer:
            self.draw_lines(
                [[(st.bip_footer, "n")]], l_, self.H - b - 10, self.W - l_ - r, 7.5, 9, "left"
            )
        for it in p.items:
            getattr(self, "item_" + it.kind)(it)
        if p.notes:
            self.page_notes(p, l_, self.W - r, self.H - b - (12 if st.bip_footer else 0))

    def page_notes(self, p: Page, x0, x1, bottom):
        from .layout import Pager

        st = self.spec.style
        ns = st.note_size
        blocks = [Pager._note_runs(m) for m in p.notes]
        from .layout import wrap_runs

        wrapped = [wrap_runs(r, self.fam, ns, x1 - x0 - 4) for r in blocks]
        h = 10.0 + sum(len(w) * ns * 1.2 + 1 for w in wrapped)
        y = bottom - h
        self.c.setLineWidth(0.5)
        self.c.line(x0, self.H - (y + 4), x0 + (x1 - x0) / 3, self.H - (y + 4))
        y += 10
        for w in wrapped:
            self.draw_lines(w, x0, y, x1 - x0, ns, ns * 1.2, "left")
            y += len(w) * ns * 1.2 + 1

    def item_lines(self, it: Item):
        d = it.data
        self.draw_lines(d["lines"], it.x, it.y, it.w, d["size"], d["lead"], d["align"])

    def item_para(self, it: Item):
        d = it.data
        p = rl_paragraph(d["segs"], self.fam, d["size"], d["lead"], d["justify"], d["indent"])
        _, h = p.wrap(it.w, 1e6)
        p.drawOn(self.c, it.x, self.H - it.y - h)

    def item_table(self, it: Item):
        t, g = it.data["table"], it.data["geom"]
        c = self.c
        xs = [it.x]
        for w in g.col_w:
            xs.append(xs[-1] + w)
        rects = []  # (x, y, w, h, gcell, is_header, row index)
        y = it.y
        if it.data["header"]:
            hy = [y]
            for h in g.header_h:
                hy.append(hy[-1] + h)
            for gc in g.header:
                rects.append(
                    (
                        xs[gc.col],
                        hy[gc.row],
                        xs[gc.col + gc.colspan] - xs[gc.col],
                        hy[gc.row + gc.rowspan] - hy[gc.row],
                        gc,
                        True,
                        -1,
                    )
                )
            y = hy[-1]
        head_bottom = y
        row_y = {}
        for ri in it.data["rows"]:
            row_y[ri] = y
            y += g.body[ri][1]
        for k, (ri, cells) in enumerate(g.part_cells(it.data["rows"])):
            for gc in cells:
                hh = sum(g.body[ri + j][1] for j in range(gc.rowspan))
                rects.append(
                    (xs[gc.col], row_y[ri], xs[gc.col + gc.colspan] - xs[gc.col], hh, gc, False, k)
                )
        bottom = y
        style = t.style
        # fills
        if style == "zebra" or t.header_fill:
            for x, yy, w, h, gc, head, k in rects:
                grey = None
                if head:
                    grey = GREY_HEAD if style == "zebra" else GREY_FILL
                elif style == "zebra" and k % 2 == 1 and gc.kind != "category":
                    grey = GREY_ZEBRA
                if grey is not None:
                    c.setFillGray(grey)
                    c.rect(x, self.H - yy - h, w, h, stroke=0, fill=1)
            c.setFillGray(0)
        c.setLineWidth(0.5)
        if style == "ruled":
            for x, yy, w, h, *_ in rects:
                c.rect(x, self.H - yy - h, w, h, stroke=1, fill=0)
        elif style == "hrules":
            for x, yy, w, h, *_ in rects:
                c.line(x, self.H - yy, x + w, self.H - yy)
                c.line(x, self.H - yy - h, x + w, self.H - yy - h)
        elif style == "frame":
            c.rect(it.x, self.H - bottom, xs[-1] - it.x, bottom - it.y, stroke=1, fill=0)
            if it.data["header"]:
                c.line(it.x, self.H - head_bottom, xs[-1], self.H - head_bottom)
        elif style == "borderless_headrule" and it.data["header"]:
            c.line(it.x, self.H - head_bottom, xs[-1], self.H - head_bottom)
        # text
        for x, yy, w, h, gc, head, _k in rects:
            n = len(gc.lines)
            if t.valign == "top" and not head:
                ty = yy + PAD
            else:
                ty = yy + (h - n * g.lead) / 2
            self.draw_lines(gc.lines, x + PAD, ty, w - 2 * PAD, g.size, g.lead, gc.align)


def render(spec: ReportSpec, lay: Layout, path: str) -> None:
    RL(spec, lay, path).run()
