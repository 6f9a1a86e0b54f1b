"""HTML + CSS producer printed by headless Chromium.  One fixed-size
<div class=page> per layout page (page-break-after), blocks absolutely placed at
the layout's positions, tables as real <table>s split by the layout; landscape
pages as a named @page (MediaBox), or as content rotated by a CSS transform on a
portrait page (text drawn with a rotated matrix), optionally marked /Rotate 90
afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from html import escape

from . import fonts
from .layout import A4, PAD, Item, Layout, Page, wrap_runs
from .model import ReportSpec
from .render_rl import page_label

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--hide-scrollbars",
    "--run-all-compositor-stages-before-draw",
    "--virtual-time-budget=5000",
]


def chromium_path() -> str:
    for p in (
        os.environ.get("LAYOUTGEN_CHROMIUM", ""),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        shutil.which("chromium") or "",
        shutil.which("google-chrome") or "",
    ):
        if p and os.path.exists(p):
            return p
    raise RuntimeError("Chromium not found (set LAYOUTGEN_CHROMIUM)")


def _runs(runs) -> str:
    out = []
    for text, st in runs:
        t = escape(text)
        if st == "sup":
            out.append(f'<span class="sup">{t}</span>')
        elif st == "b":
            out.append(f"<b>{t}</b>")
        else:
            out.append(t)
    return "".join(out)


def _pt(x: float) -> str:
    return f"{x:.2f}pt"


class HTML:
    def __init__(self, spec: ReportSpec, lay: Layout):
        self.spec = spec
        self.lay = lay
        self.fam = spec.style.font

    def css(self) -> str:
        f = self.fam
        W, H = A4
        return f"""
@font-face {{ font-family: "LG"; src: url("file://{fonts.path(f, "n")}"); font-weight: 400; }}
@font-face {{ font-family: "LG"; src: url("file://{fonts.path(f, "b")}"); font-weight: 700; }}
@page {{ size: {_pt(W)} {_pt(H)}; margin: 0; }}
@page land {{ size: {_pt(H)} {_pt(W)}; margin: 0; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "LG"; color: #000; -webkit-print-color-adjust: exact;
       print-color-adjust: exact; }}
.page {{ position: relative; width: {_pt(W)}; height: {_pt(H)}; overflow: hidden;
        break-after: page; }}
.page:last-child {{ break-after: auto; }}
.page.land {{ page: land; width: {_pt(H)}; height: {_pt(W)}; }}
.rot {{ position: absolute; left: 0; top: 0; width: {_pt(H)}; height: {_pt(W)};
       transform-origin: 0 0; transform: translate(0, {_pt(H)}) rotate(-90deg); }}
.it {{ position: absolute; margin: 0; }}
.ln {{ white-space: pre; }}
.sup {{ font-size: 62%; position: relative; top: -0.58em; line-height: 0; }}
b {{ font-weight: 700; }}
table.t {{ border-collapse: collapse; table-layout: fixed; border-spacing: 0; }}
table.t td {{ padding: 0 {_pt(PAD)}; white-space: nowrap; overflow: visible;
             box-sizing: border-box; }}
"""

    def build(self) -> str:
        out = [
            '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">',
            f"<title>{escape(self.spec.title)}</title><style>{self.css()}</style></head><body>",
        ]
        total = len(self.lay.pages)
        mode = self.spec.style.landscape_mode
        for p in self.lay.pages:
            self.W, self.H = p.size
            if p.landscape and mode == "mediabox":
                out.append('<div class="page land">')
                out.append(self.page(p, total))
                out.append("</div>")
            elif p.landscape:
                out.append('<div class="page"><div class="rot">')
                out.append(self.page(p, total))
                out.append("</div></div>")
            else:
                out.append('<div class="page">')
                out.append(self.page(p, total))
                out.append("</div>")
        out.append("</body></html>")
        return "".join(out)

    def lines(self, lines, x, y, w, size, lead, align) -> str:
        body = "".join(f'<div class="ln">{_runs(ln) or "&#8203;"}</div>' for ln in lines)
        return (
            f'<div class="it" style="left:{_pt(x)};top:{_pt(y)};width:{_pt(w)};'
            f'font-size:{_pt(size)};line-height:{_pt(lead)};text-align:{align}">{body}</div>'
        )

    def page(self, p: Page, total: int) -> str:
        st = self.spec.style
        t, r, b, l_ = st.margins
        if p.landscape:
            t, r, b, l_ = min(t, 50), min(r, 50), min(b, 50), min(l_, 50)
        out = []
        if st.running_header:
            out.append(
                self.lines([[(st.running_header, "n")]], l_, t - 16, self.W - l_ - r, 8, 10, "left")
            )
            out.append(
                f'<div class="it" style="left:{_pt(l_)};top:{_pt(t - 3)};'
                f'width:{_pt(self.W - l_ - r)};border-top:0.4pt solid #000"></div>'
            )
        lab = page_label(st.page_number, p.number, total)
        if lab:
            out.append(
                self.lines(
                    [[(lab, "n")]],
                    l_,
                    self.H - b / 2 - 5,
                    self.W - l_ - r,
                    9,
                    11,
                    st.page_number_pos,
                )
            )
        if st.bip_footer:
            out.append(
                self.lines(
                    [[(st.bip_footer, "n")]], l_, self.H - b - 10, self.W - l_ - r, 7.5, 9, "left"
                )
            )
        for it in p.items:
            out.append(getattr(self, "item_" + it.kind)(it))
        if p.notes:
            out.append(
                self.page_notes(p, l_, self.W - r, self.H - b - (12 if st.bip_footer else 0))
            )
        return "".join(out)

    def page_notes(self, p: Page, x0, x1, bottom) -> str:
        from .layout import Pager

        ns = self.spec.style.note_size
        wrapped = [wrap_runs(Pager._note_runs(m), self.fam, ns, x1 - x0 - 4) for m in p.notes]
        h = 10.0 + sum(len(w) * ns * 1.2 + 1 for w in wrapped)
        y = bottom - h
        out = [
            f'<div class="it" style="left:{_pt(x0)};top:{_pt(y + 4)};'
            f'width:{_pt((x1 - x0) / 3)};border-top:0.5pt solid #000"></div>'
        ]
        y += 10
        for w in wrapped:
            out.append(self.lines(w, x0, y, x1 - x0, ns, ns * 1.2, "left"))
            y += len(w) * ns * 1.2 + 1
        return "".join(out)

    def item_lines(self, it: Item) -> str:
        d = it.data
        return self.lines(d["lines"], it.x, it.y, it.w, d["size"], d["lead"], d["align"])

    def item_para(self, it: Item) -> str:
        d = it.data
        parts = []
        for s in d["segs"]:
            if s.text:
                parts.append(escape(s.text))
            if s.marker:
                if s.marker.kind == "star":
                    parts.append(escape(s.marker.printed))
                else:
                    parts.append(f'<span class="sup">{escape(s.marker.printed)}</span>')
        ind = f"text-indent:{_pt(2 * d['size'])};" if d["indent"] else ""
        return (
            f'<p class="it" style="left:{_pt(it.x)};top:{_pt(it.y)};width:{_pt(it.w)};'
            f"font-size:{_pt(d['size'])};line-height:{_pt(d['lead'])};{ind}"
            f'text-align:{"justify" if d["justify"] else "left"}">{"".join(parts)}</p>'
        )

    def item_table(self, it: Item) -> str:
        t, g = it.data["table"], it.data["geom"]
        style = t.style
        bd = "0.5pt solid #000"
        tstyle = (
            f"left:{_pt(it.x)};top:{_pt(it.y)};width:{_pt(sum(g.col_w))};"
            f"font-size:{_pt(g.size)};line-height:{_pt(g.lead)};"
        )
        if style == "frame":
            tstyle += f"outline:{bd};outline-offset:-0.25pt;"
        out = [f'<table class="it t" style="{tstyle}"><colgroup>']
        out += [f'<col style="width:{_pt(w)}">' for w in g.col_w]
        out.append("</colgroup>")
        nh = len(g.header_h)

        def cell(gc, h, head, k, last_head_row):
            css = [f"text-align:{gc.align}"]
            if t.valign == "top" and not head:
                css.append(f"vertical-align:top;padding-top:{_pt(PAD)}")
            else:
                css.append("vertical-align:middle")
            if style == "ruled":
                css.append(f"border:{bd}")
            elif style == "hrules":
                css.append(f"border-top:{bd};border-bottom:{bd}")
            elif style in ("frame", "borderless_headrule") and head and last_head_row:
                css.append(f"border-bottom:{bd}")
            fill = None
            if head and (style == "zebra" or t.header_fill):
                fill = "#d1d1d1" if style == "zebra" else "#e6e6e6"
            elif style == "zebra" and not head and k % 2 == 1 and gc.kind != "category":
                fill = "#ededed"
            if fill:
                css.append(f"background:{fill}")
            span = ""
            if gc.colspan > 1:
                span += f' colspan="{gc.colspan}"'
            if gc.rowspan > 1:
                span += f' rowspan="{gc.rowspan}"'
            body = "<br>".join(_runs(ln) for ln in gc.lines)
            return f'<td{span} style="{";".join(css)}">{body}</td>'

        if it.data["header"]:
            for hr in range(nh):
                out.append(f'<tr style="height:{_pt(g.header_h[hr])}">')
                for gc in sorted((c for c in g.header if c.row == hr), key=lambda c: c.col):
                    out.append(cell(gc, g.header_h[hr], True, -1, hr + gc.rowspan == nh))
                out.append("</tr>")
        for k, (ri, cells) in enumerate(g.part_cells(it.data["rows"])):
            h = g.body[ri][1]
            out.append(f'<tr style="height:{_pt(h)}">')
            for gc in sorted(cells, key=lambda c: c.col):
                out.append(cell(gc, h, False, k, False))
            out.append("</tr>")
        out.append("</table>")
        return "".join(out)


def render(spec: ReportSpec, lay: Layout, path: str, keep_html: str | None = None) -> None:
    html = HTML(spec, lay).build()
    with tempfile.TemporaryDirectory(prefix="layoutgen-") as tmp:
        src = os.path.join(tmp, "report.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(html)
        if keep_html:
            shutil.copy(src, keep_html)
        out = os.path.join(tmp, "out.pdf")
        cmd = [
            chromium_path(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp}/profile",
            f"--print-to-pdf={out}",
            f"file://{src}",
        ]
        subprocess.run(
            cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120
        )
        rot = [
            p.number - 1
            for p in lay.pages
            if p.landscape and spec.style.landscape_mode == "rotate90"
        ]
        if rot:
            from pypdf import PdfReader, PdfWriter

            rd = PdfReader(out)
            wr = PdfWriter()
            for i, pg in enumerate(rd.pages):
                if i in rot:
                    pg.rotate(90)
                wr.add_page(pg)
            wr.add_metadata({"/Title": spec.title, "/Subject": "synthetic test document"})
            with open(path, "wb") as f:
                wr.write(f)
        else:
            shutil.copy(out, path)
