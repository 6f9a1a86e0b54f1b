"""Tables without full ruling, read from text alignment (layout.borderless and friends).

Each test draws one small page with reportlab (plain Helvetica, one behaviour per
page) and reads it back through the PDF reader and `page_tables`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from extractor.layout.captions import LogicalTable, layouts_to_logical_tables
from extractor.layout.chunks import page_lines
from extractor.layout.lines import chars_to_lines
from extractor.layout.page import page_tables, pages_to_layouts
from extractor.layout.ruled import Table, find_tables
from extractor.layout.settings import LayoutSettings
from extractor.read.pdf import Char, PageContent, open_document, read_pages

WIDTH, HEIGHT = A4
SIZE = 9.0
LEAD = 11.0
PAD = 3.0


@dataclass
class Col:
    x: float  # left edge
    w: float
    align: str = "left"  # left | right | center


class Pen:
    """Drawing in top-down coordinates (y grows downwards, like the reader's)."""

    def __init__(self, c: canvas.Canvas) -> None:
        self.c = c

    def text(self, x: float, base: float, s: str, size: float = SIZE, bold: bool = False,
             align: str = "left", w: float = 0.0) -> None:  # fmt: skip
        font = "Helvetica-Bold" if bold else "Helvetica"
        self.c.setFont(font, size)
        width = self.c.stringWidth(s, font, size)
        if align == "right":
            x = x + w - width
        elif align == "center":
            x = x + (w - width) / 2
        self.c.drawString(x, HEIGHT - base, s)

    def hline(self, x0: float, x1: float, y: float) -> None:
        self.c.setLineWidth(0.5)
        self.c.line(x0, HEIGHT - y, x1, HEIGHT - y)

    def rect(self, x: float, y: float, w: float, h: float, fill: bool = False) -> None:
        self.c.setLineWidth(0.5)
        if fill:
            self.c.setFillGray(0.9)
            self.c.rect(x, HEIGHT - y - h, w, h, stroke=0, fill=1)
            self.c.setFillGray(0)
        else:
            self.c.rect(x, HEIGHT - y - h, w, h, stroke=1, fill=0)

    def paragraph(self, x: float, top: float, w: float, text: str, justify: bool = True) -> float:
        style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12.5,
                               alignment=TA_JUSTIFY if justify else 0)  # fmt: skip
        p = Paragraph(text, style)
        _, h = p.wrap(w, 1000)
        p.drawOn(self.c, x, HEIGHT - top - h)
        return top + h

    def table(self, cols: Sequence[Col], rows: Sequence[Sequence[str]], top: float,
              valign: str = "top", bold_rows: Sequence[int] = ()) -> list[float]:  # fmt: skip
        """Rows of cells ("\\n" breaks a cell's lines; a cell "<-" is covered by the cell on
        its left); returns the row boundaries, top to bottom."""
        edges = [top]
        for r, row in enumerate(rows):
            height = max(len(cell.split("\n")) for cell in row) * LEAD + 2 * PAD
            for k, cell in enumerate(row):
                if cell == "<-":
                    continue
                span = 1
                while k + span < len(row) and row[k + span] == "<-":
                    span += 1
                col = cols[k] if span == 1 else Col(cols[k].x, cols[k].w)
                w = cols[k + span - 1].x + cols[k + span - 1].w - col.x
                lines = cell.split("\n")
                y = edges[-1] + PAD
                if valign == "middle":
                    y += (height - 2 * PAD - len(lines) * LEAD) / 2
                for i, line in enumerate(lines):
                    base = y + i * LEAD + 0.8 * LEAD
                    self.text(col.x + PAD, base, line, bold=r in bold_rows, align=col.align,
                              w=w - 2 * PAD)  # fmt: skip
            edges.append(edges[-1] + height)
        return edges


def make_page(tmp_path: Path, draw: Callable[[Pen], None]) -> PageContent:
    path = tmp_path / "page.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    draw(Pen(c))
    c.save()
    doc = open_document(path)
    try:
        return next(iter(read_pages(doc)))
    finally:
        doc.close()


def logical_tables(tmp_path: Path, draws: Sequence[Callable[[Pen], None]]) -> list[LogicalTable]:
    """The logical tables of a PDF of one page per drawing, read through
    `pages_to_layouts` and the caption stage (tables going on across pages)."""
    path = tmp_path / "doc.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for draw in draws:
        draw(Pen(c))
        c.showPage()
    c.save()
    doc = open_document(path)
    try:
        return layouts_to_logical_tables(pages_to_layouts(read_pages(doc)))
    finally:
        doc.close()


def cell_texts(table: Table) -> dict[tuple[int, int], str]:
    return {
        (c.row, c.col): " ".join(ln.text.strip() for ln in chars_to_lines(c.chars))
        for c in table.cells
    }


def rows_of(table: Table) -> list[list[str]]:
    texts = cell_texts(table)
    return [
        [texts[(r, c)] for c in range(table.n_cols) if (r, c) in texts] for r in range(table.n_rows)
    ]


def span_of(table: Table, text: str) -> tuple[int, int]:
    cell = next(c for c in table.cells if cell_texts(table)[(c.row, c.col)] == text)
    return cell.rowspan, cell.colspan


THREE = [Col(60, 220), Col(280, 90, "right"), Col(370, 90, "right")]
BODY = [
    ["Item", "2022", "2023"],
    ["Grants awarded", "12", "15"],
    ["Offers submitted", "40", "38"],
    ["Contracts signed", "11", "14"],
    ["Total", "63", "67"],
]


def test_tab_aligned_table_without_lines(tmp_path: Path) -> None:
    page = make_page(tmp_path, lambda pen: pen.table(THREE, BODY, 100))
    (table,) = page_tables(page)
    assert not table.ruled
    assert rows_of(table) == BODY


def test_right_aligned_amounts_stay_one_column(tmp_path: Path) -> None:
    rows = [
        ["Item", "Amount"],
        ["Small grant", "12,00"],
        ["Open competitions", "123 456,78"],
        ["Other tasks", "1 234,56"],
        ["Total", "124 703,34"],
    ]
    cols = [Col(60, 200), Col(260, 120, "right")]
    page = make_page(tmp_path, lambda pen: pen.table(cols, rows, 100))
    (table,) = page_tables(page)
    assert table.n_cols == 2
    assert rows_of(table) == rows


def test_wrapped_label_is_one_cell(tmp_path: Path) -> None:
    rows = [*BODY[:2], ["Offers submitted by associations\nand foundations", "40", "38"], *BODY[3:]]
    page = make_page(tmp_path, lambda pen: pen.table(THREE, rows, 100))
    (table,) = page_tables(page)
    assert table.n_rows == len(rows)
    assert rows_of(table)[2] == ["Offers submitted by associations and foundations", "40", "38"]


def test_middle_aligned_values_join_their_label(tmp_path: Path) -> None:
    rows = [
        *BODY[:2],
        ["Offers submitted by associations,\nfoundations and other\norganisations", "40", "38"],
        *BODY[3:],
    ]
    page = make_page(tmp_path, lambda pen: pen.table(THREE, rows, 100, valign="middle"))
    (table,) = page_tables(page)
    assert table.n_rows == len(rows)
    assert rows_of(table)[2] == [
        "Offers submitted by associations, foundations and other organisations", "40", "38"
    ]  # fmt: skip


def test_header_wrapped_over_lines_is_one_row(tmp_path: Path) -> None:
    cols = [Col(60, 200), Col(260, 70, "center"), Col(330, 70, "center"), Col(400, 70, "center")]
    rows = [
        ["Kind of support", "Number\nof\nactions", "Number\nof\npartners", "Amount\nspent"],
        ["Trainings", "3", "7", "1 200,00"],
        ["Consultations", "5", "2", "0,00"],
        ["Premises lent", "9", "5", "350,00"],
    ]
    page = make_page(tmp_path, lambda pen: pen.table(cols, rows, 100, valign="middle"))
    (table,) = page_tables(page)
    assert rows_of(table)[0] == [
        "Kind of support", "Number of actions", "Number of partners", "Amount spent"
    ]  # fmt: skip
    assert table.n_rows == 4


def test_group_header_spans_its_sub_columns(tmp_path: Path) -> None:
    cols = [Col(60, 200), Col(260, 60, "right"), Col(320, 60, "right"), Col(380, 60, "right")]

    def draw(pen: Pen) -> None:
        pen.text(60 + PAD, 112, "Item")  # spans both header lines, centred between them
        pen.text(260, 105, "Funds (thousands)", align="center", w=180)
        for k, year in enumerate(["2021", "2022", "2023"]):
            pen.text(cols[k + 1].x, 119, year, align="right", w=60 - PAD)
        pen.table(cols, BODY_FOUR, 128)

    page = make_page(tmp_path, draw)
    (table,) = page_tables(page)
    assert span_of(table, "Funds (thousands)") == (1, 3)
    assert span_of(table, "Item") == (2, 1)
    assert rows_of(table)[1] == ["2021", "2022", "2023"]
    assert rows_of(table)[2:] == BODY_FOUR


BODY_FOUR = [
    ["Grants", "251,3", "268,4", "296,7"],
    ["Small grants", "27,9", "31,5", "40,2"],
    ["Sport", "650,0", "700,0", "760,0"],
]


def test_section_row_spans_the_table(tmp_path: Path) -> None:
    cols = [Col(60, 30, "center"), Col(90, 190), Col(280, 90, "right"), Col(370, 90, "right")]
    rows = [
        ["No.", "Item", "2022", "2023"],
        ["A. Financial cooperation", "<-", "<-", "<-"],
        ["1.", "Grants awarded", "12", "15"],
        ["2.", "Offers submitted", "40", "38"],
        ["B. Other forms of cooperation", "<-", "<-", "<-"],
        ["3.", "Consultations", "3", "5"],
    ]
    page = make_page(tmp_path, lambda pen: pen.table(cols, rows, 100, bold_rows=(1, 4)))
    (table,) = page_tables(page)
    assert span_of(table, "A. Financial cooperation") == (1, 4)
    assert span_of(table, "B. Other forms of cooperation") == (1, 4)
    assert rows_of(table)[2] == ["1.", "Grants awarded", "12", "15"]


def test_numbered_section_row_over_the_value_columns_keeps_one_table(tmp_path: Path) -> None:
    """A section's number set apart at the labels' left edge and its title running over
    the value columns: a row of two chunks that shares no gutter with the rows around
    it, while they share theirs; the table goes on past it."""
    cols = [Col(60, 30), Col(90, 190), Col(280, 90, "right"), Col(370, 90, "right")]
    title = (
        "Other forms of cooperation with the organisations of the region and the neighbouring towns"
    )
    rows = [
        ["Item", "<-", "2022", "2023"],
        ["I.", "Financial cooperation", "<-", "<-"],
        ["Grants awarded", "<-", "12", "15"],
        ["Offers submitted", "<-", "40", "38"],
        ["Contracts signed", "<-", "11", "14"],
        ["II.", title, "<-", "<-"],
        ["Consultations", "<-", "3", "5"],
        ["Meetings", "<-", "7", "9"],
    ]
    page = make_page(tmp_path, lambda pen: pen.table(cols, rows, 100))
    (table,) = page_tables(page)
    assert rows_of(table)[-3:] == [
        [f"II. {title}"],
        ["Consultations", "3", "5"],
        ["Meetings", "7", "9"],
    ]


PROSE = (
    "The programme was carried out as planned. The office published every call on its "
    "website and in the public information bulletin, and all grants were settled on time."
)


def test_prose_above_and_below_is_not_absorbed(tmp_path: Path) -> None:
    def draw(pen: Pen) -> None:
        end = pen.paragraph(60, 80, 400, PROSE)
        edges = pen.table(THREE, BODY, end + 6)
        pen.paragraph(60, edges[-1] + 4, 400, PROSE)

    page = make_page(tmp_path, draw)
    (table,) = page_tables(page)
    assert rows_of(table) == BODY


def test_prose_line_with_a_wide_gap_stays_out_of_the_table_below(tmp_path: Path) -> None:
    """A prose line read with one wide word gap (as OCR measures gaps) has two chunks.
    The table's first line fills only its right columns, so the gap lies beyond that
    line's text: it tells nothing of the table's columns and links nothing."""
    header = ["Kind of activity", "Number\nof actions", "Number\nof bodies"]

    def draw(pen: Pen) -> None:
        pen.text(60, 80, "The office supported the organisations in other ways as well,", 11)
        pen.text(60, 93, "by consulting drafts.", 11)
        pen.text(180, 93, "The council met six times and gave its opinion", 11)
        pen.text(60, 106, "on every draft resolution.", 11)
        pen.table(THREE, [header, *BODY[1:]], 118, valign="middle")

    (table,) = page_tables(make_page(tmp_path, draw))
    assert rows_of(table) == [[ln.replace("\n", " ") for ln in header], *BODY[1:]]


def test_larger_prose_with_a_gap_over_a_gutter_stays_out_of_the_table(tmp_path: Path) -> None:
    """The paragraph's next-to-last line has one wide word gap right over the table's
    gutter, so it links to the header; set larger than the table and crossing its
    columns, it goes again, and the paragraph's last line with it."""

    def draw(pen: Pen) -> None:
        pen.text(60, 80, "The committees assessed the offers of the organisations in", 11)
        pen.text(60, 93, "the open competitions and", 11)
        pen.text(262, 93, "signed the grant agreements for every", 11)
        pen.text(60, 106, "all of the public tasks.", 11)
        pen.table(THREE, BODY, 118)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert rows_of(table) == BODY


def test_a_group_header_over_a_narrow_gap_keeps_its_sub_headers_apart(tmp_path: Path) -> None:
    """Values right-aligned leave a wide gap between two columns; the right sub-header
    reaches into it, the group header over both spans the narrow gap between the
    sub-headers.  Each stretch is crossed once: the boundary goes where most lines,
    the sub-headers' too, leave a gap, never through "organisations"."""
    cols = [Col(60, 220), Col(280, 60, "right"), Col(340, 60, "right")]
    rows = [
        ["Training", "7", "8"], ["Premises lent", "15", "3"], ["Council meetings", "8", "12"],
        ["Promotion", "14", "14"],
    ]  # fmt: skip

    def draw(pen: Pen) -> None:
        pen.text(63, 100, "Area", align="center", w=214)
        pen.text(283, 100, "Number", align="center", w=114)
        pen.text(283, 111, "actions", align="right", w=54)
        pen.text(343, 111, "organisations", align="right", w=54)
        pen.table(cols, rows, 116)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert rows_of(table)[1:] == [["", "actions", "organisations"], *rows]
    assert span_of(table, "Number") == (1, 2)


@pytest.mark.parametrize("caption", ["Table 1: Grants awarded", ""])
def test_a_captioned_header_and_one_row_at_a_pages_foot_is_a_table(
    tmp_path: Path, caption: str
) -> None:
    """A table's first part, its header and one row, at the foot of a page: too few rows
    for alignment alone, but its numbered caption says it is a table."""

    def draw(pen: Pen) -> None:
        pen.text(60, 700, caption)
        pen.table(THREE, BODY[:2], 706)

    tables = page_tables(make_page(tmp_path, draw))
    assert [rows_of(t) for t in tables] == ([BODY[:2]] if caption else [])


def test_specks_in_a_gutter_open_no_column(tmp_path: Path) -> None:
    """Lone dots (specks a scan reads as periods) in the gap between the labels and
    the values neither split the gutter nor make a column of their own."""

    def draw(pen: Pen) -> None:
        pen.table(THREE, BODY, 100)
        pen.text(240, 128.8, ".")
        pen.text(205, 145.8, ".")

    (table,) = page_tables(make_page(tmp_path, draw))
    assert [[text.strip(" .") for text in row] for row in rows_of(table)] == BODY


def test_header_of_single_words_stacked_over_two_columns(tmp_path: Path) -> None:
    """No header line has two word groups: "Number" / "of offers" centred over
    right-aligned values, "Area" centred between those lines.  The three lines are the
    header all the same: between them they fill both columns."""
    cols = [Col(60, 220), Col(280, 90, "right")]
    rows = [["Culture", "12"], ["Sport and recreation", "30"], ["Health", "7"], ["Total", "49"]]

    def draw(pen: Pen) -> None:
        pen.text(283, 108, "Number", align="center", w=84)
        pen.text(63, 113.5, "Area", align="center", w=214)
        pen.text(283, 119, "of offers", align="center", w=84)
        pen.table(cols, rows, 126)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert rows_of(table) == [["Area", "Number of offers"], *rows]


def word_chars(text: str, x: float, base: float, size: float, conf: float) -> list[Char]:
    step = 0.55 * size
    return [
        Char(
            text=ch,
            x0=x + k * step,
            x1=x + (k + 1) * step,
            top=base - 0.7 * size,
            bottom=base,
            baseline=base,
            size=size,
            conf=conf,
        )  # fmt: skip
        for k, ch in enumerate(text)
    ]


@pytest.mark.parametrize(("conf", "joined"), [(90.0, True), (100.0, False)])
def test_a_label_centred_beside_two_header_lines_joins_within_ocr_size_noise(
    conf: float, joined: bool
) -> None:
    """OCR measured "Area" at 9.8 pt, "Number" beside it at 9 pt: one size as OCR
    measures it, so the label joins the header line it overlaps.  A text layer's
    sizes are exact: 9 and 9.8 pt are two sizes."""
    chars = word_chars("Number", 300, 108, 9, conf) + word_chars("Area", 150, 113, 9.8, conf)
    lines = page_lines(chars, LayoutSettings())
    assert [len(ln.chunks) for ln in lines] == ([2] if joined else [1, 1])


def words_line(
    words: Sequence[str], gaps: Sequence[float], conf: float, size: float = 10
) -> list[Char]:
    """Words on one baseline, `gaps` em apart (between their glyph boxes, in turn), a
    blank between them as OCR gives it."""
    chars: list[Char] = []
    x = 60.0
    for k, word in enumerate(words):
        if chars:
            chars.append(chars[-1]._replace(text=" ", x0=chars[-1].x1, x1=x))
        chars += word_chars(word, x, 100, size, conf)
        x = chars[-1].x1 + gaps[k % len(gaps)] * size
    return chars


@pytest.mark.parametrize(("conf", "chunks"), [(90.0, 1), (100.0, 2)])
def test_an_ocr_word_gap_of_half_an_em_joins_the_words(conf: float, chunks: int) -> None:
    """OCR's word boxes hug the ink, so its word spaces run wider than a text layer's
    glyph gaps: half an em between two words OCR read is a word space, in a text layer
    a cell gap."""
    (line,) = page_lines(words_line(["Organizing", "events"], [0.5], conf), LayoutSettings())
    assert len(line.chunks) == chunks


@pytest.mark.parametrize(
    ("words", "chunks"),
    [
        (["physical", "-", "sports"], 1),  # a dash between words: its ink sits narrow
        (["physical", "-"], 1),  # ... or ending a wrapped label's line
        (["95", "-10,4"], 2),  # a negative number's sign: its own cell
        (["-", "396"], 2),  # a dash for a missing value beside a number
        (["art.", "19a"], 1),  # after a short word's period: "art.  19a", "tj. 90%"
        (["164,", "tj.", "90,61%"], 1),  # after a comma
        (["Lp.", "Name"], 2),  # a capital after the period: the next cell
        (["Totals.", "12"], 2),  # a longer word's period ends a sentence or a cell
        (["12,5", "13,4"], 2),  # decimal commas are no trailing commas
    ],
)
def test_an_ocr_gap_beside_a_dash_or_after_a_stop_is_a_word_space(
    words: list[str], chunks: int
) -> None:
    (line,) = page_lines(words_line(words, [0.7], 90.0), LayoutSettings())
    assert len(line.chunks) == chunks


@pytest.mark.parametrize(("conf", "runs"), [(90.0, [(0, 3)]), (100.0, [(2, 3)])])
def test_a_header_line_whose_size_ocr_misjudged_stays_in_the_table(
    conf: float, runs: list[tuple[int, int]]
) -> None:
    """The header's second line "dotacji (zł)" measured 12 pt among lines of 10: OCR
    misjudges one line's size by that much, so the header and the rows under it stay one
    run.  In a text layer 12 pt is another size, and the header is cut off."""
    from extractor.layout.regions import linked_runs

    def row(base: float, size: float, cells: list[tuple[float, str]]) -> list[Char]:
        return [ch for x, text in cells for ch in word_chars(text, x, base, size, conf)]

    chars = row(100, 10, [(60, "Lp"), (120, "Name"), (300, "Amount")])
    chars += row(113, 12, [(300, "total"), (340, "(PLN)")])  # under "Amount" alone
    chars += row(130, 10, [(60, "1."), (120, "Grants"), (300, "12")])
    chars += row(145, 10, [(60, "2."), (120, "Offers"), (300, "40")])
    lines = page_lines(chars, LayoutSettings())
    assert linked_runs(lines, LayoutSettings()) == runs


@pytest.mark.parametrize(
    ("source", "runs"),
    [("Źródło:", [(0, 2), (4, 6)]), ("Zródło:", [(0, 2), (4, 6)]), ("Zwykłe:", [(0, 6)])],
)
def test_an_ocr_source_line_without_its_accent_still_ends_the_table(
    source: str, runs: list[tuple[int, int]]
) -> None:
    """Tesseract read "Źródło:" as "Zródło:": still the source line ending the table
    above, so the table under it, in the same columns, is another one.  Any other line
    spanning the columns between them is a row spanning the table."""
    from extractor.layout.regions import linked_runs

    def row(base: float, cells: list[tuple[float, str]]) -> list[Char]:
        return [ch for x, text in cells for ch in word_chars(text, x, base, 10, 90.0)]

    chars = row(100, [(60, "Lp"), (120, "Name"), (300, "Amount")])
    chars += row(115, [(60, "1."), (120, "Grants"), (300, "12")])
    chars += row(130, [(60, "2."), (120, "Offers"), (300, "40")])
    chars += row(145, [(60, f"{source} dane Urzędu Gminy w Zielonce")])
    chars += row(160, [(60, "Lp"), (120, "Item"), (300, "Count")])
    chars += row(175, [(60, "1."), (120, "Calls"), (300, "7")])
    chars += row(190, [(60, "2."), (120, "Visits"), (300, "9")])
    lines = page_lines(chars, LayoutSettings())
    assert linked_runs(lines, LayoutSettings()) == runs


def test_a_justified_prose_line_with_one_wide_gap_stays_out_of_the_table_under_it() -> None:
    """A paragraph over a table, justified: OCR boxed one word gap of its third line
    wide enough for a gutter, so that line pairs with the table's header.  It and the
    line under it both run to the region's right edge crossing its gutters: prose, and
    the table starts at its header."""
    from extractor.layout.regions import find_regions

    def spread(text: str, x0: float, x1: float, base: float) -> list[Char]:
        """The text set from x0 to x1, a blank half as wide as a letter."""
        widths = [1.0 if ch == " " else 2.0 for ch in text]
        unit, out, x = (x1 - x0) / sum(widths), [], x0
        for ch, width in zip(text, widths, strict=True):
            out.append(Char(ch, x, x + width * unit, base - 7, base, base, 10, 90.0))
            x += width * unit
        return out

    chars = spread("Samorząd wspierał organizacje również w formach", 60, 460, 100)
    chars += spread("poprzez konsultowanie projektów uchwał udostępnianie", 60, 460, 114)
    chars += spread("działalności", 60, 115, 128) + spread(
        "organizacji. Gminna Rada", 125, 460, 128
    )
    chars += spread("posiedzenia. Konsultacjom poddano pięć projektów", 60, 460, 142)
    chars += spread("zgłoszono 15 uwag.", 60, 150, 156)
    chars += spread("Forma współpracy", 150, 260, 180) + spread("Liczba", 360, 400, 180)
    chars += spread("Liczba", 420, 460, 180)
    for k, label in enumerate(["Promocja działalności", "Konsultacje projektów", "Szkolenia"]):
        base = 198 + 18 * k
        chars += spread(label, 60, 60 + 9 * len(label), base)
        chars += spread(str(k + 5), 392, 400, base) + spread(str(2 * k + 1), 452, 460, base)
    [region] = find_regions(page_lines(chars, LayoutSettings()), LayoutSettings())
    assert region.lines[0].chunks[0].text.startswith("Forma")
    assert len(region.lines) == 4


def test_a_justified_ocr_line_is_one_chunk() -> None:
    """Justification stretches OCR's word spaces past half an em, some more than others
    as OCR boxes them: still prose."""
    words = "the office published every call on its website".split()
    (line,) = page_lines(words_line(words, [0.5, 0.6], 90.0), LayoutSettings())
    assert len(line.chunks) == 1


def test_justified_paragraph_is_no_table(tmp_path: Path) -> None:
    text = " ".join([PROSE] * 4)
    page = make_page(tmp_path, lambda pen: pen.paragraph(60, 80, 300, text) and None)
    assert page_tables(page) == []


def test_numbered_list_is_no_table(tmp_path: Path) -> None:
    items = [
        "commissioning public tasks to organisations in open competitions;",
        "consulting draft resolutions with the organisations concerned;",
        "informing each other about planned directions of activity;",
        "making premises and equipment available for meetings.",
    ]

    def draw(pen: Pen) -> None:
        for k, item in enumerate(items):
            pen.text(72, 100 + 14 * k, f"{k + 1})")
            pen.text(90, 100 + 14 * k, item, size=10)

    assert page_tables(make_page(tmp_path, draw)) == []


LEFT = [Col(50, 150), Col(200, 50, "right")]
RIGHT = [Col(300, 170), Col(470, 80, "right")]
LEFT_ROWS = [
    ["Area", "Offers"], ["Culture", "12"], ["Sport", "30"], ["Health", "7"],
    ["Ecology", "4"], ["Total", "53"],
]  # fmt: skip
RIGHT_ROWS = [
    ["Item", "Value"],
    ["Budget spending,\nall tasks", "80 313 828,22"],
    ["Grants to\norganisations", "355 380,00"],
    ["Share of\nspending", "0,44 %"],
]


def test_two_tables_side_by_side_stay_two(tmp_path: Path) -> None:

    def draw(pen: Pen) -> None:
        pen.table(LEFT, LEFT_ROWS, 100)
        pen.table(RIGHT, RIGHT_ROWS, 100, valign="middle")

    tables = page_tables(make_page(tmp_path, draw))
    assert len(tables) == 2
    by_x = sorted(tables, key=lambda t: t.bbox.x0)
    assert rows_of(by_x[0]) == LEFT_ROWS
    assert [r[1] for r in rows_of(by_x[1])] == [r[1] for r in RIGHT_ROWS]


def test_a_rule_under_the_whole_width_keeps_one_table_whose_sides_break_apart(
    tmp_path: Path,
) -> None:
    """The two sides' rows do not end together (a category column's long text beside
    rows of single lines), but the header's rules run under both sides: one table, as
    ruled tables set side by side rule only their own width."""

    def draw(pen: Pen) -> None:
        edges = pen.table(LEFT, LEFT_ROWS, 100)
        pen.table(RIGHT, RIGHT_ROWS, 100, valign="middle")
        for y in (edges[0], edges[1]):
            pen.hline(50, 550, y)

    assert len(page_tables(make_page(tmp_path, draw))) == 1


def test_labels_set_apart_from_their_values_keep_their_column(tmp_path: Path) -> None:
    """Every label wraps over two lines with its row's values centred between them, so
    the label column's text stands on lines of its own and only its header shares a
    line with other columns: that column is no header artefact beside its values."""
    cols = [Col(60, 20), Col(80, 260), Col(340, 40, "right"), Col(380, 40, "right"),
            Col(420, 60, "right")]  # fmt: skip
    rows = [
        ["Lp.", "Task", "Offers", "Contracts", "Grant"],
        ["1.", "Supporting and spreading physical culture -\nsport and leisure for seniors",
         "5", "1", "36.000,00"],
        ["2.", "Supporting and spreading physical culture -\nspreading table tennis",
         "2", "2", "28.300,00"],
        ["3.", "Culture, art, protection of the heritage -\nworkshops for children",
         "1", "1", "26.100,00"],
    ]  # fmt: skip

    (table,) = page_tables(make_page(tmp_path, lambda pen: pen.table(cols, rows, 100, "middle")))
    assert table.n_cols == 5
    assert rows_of(table)[1:] == [[text.replace("\n", " ") for text in row] for row in rows[1:]]


def test_a_source_line_ends_a_table_set_right_over_the_next(tmp_path: Path) -> None:
    """Two tables a source line apart, the second's columns within the first's: the
    source line ends the first table (it is never a row), so they stay two tables."""
    second = [
        ["Item", "Value"], ["Budget spending", "81390612,38"], ["Grants", "326110,10"],
        ["Share", "0,40 %"],
    ]  # fmt: skip

    def draw(pen: Pen) -> None:
        edges = pen.table(THREE, BODY, 100)
        pen.text(60, edges[-1] + 10, "Source: office data.", size=8)
        pen.table([Col(60, 220), Col(280, 90, "right")], second, edges[-1] + 16)

    assert [rows_of(t) for t in page_tables(make_page(tmp_path, draw))] == [BODY, second]


def test_centred_section_row_spans_the_table(tmp_path: Path) -> None:
    def draw(pen: Pen) -> None:
        edges = pen.table(THREE, BODY[:3], 100)
        pen.text(60, edges[-1] + PAD + 0.8 * LEAD, "Other forms", bold=True, align="center", w=400)
        pen.table(THREE, BODY[3:], edges[-1] + LEAD + 2 * PAD)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert span_of(table, "Other forms") == (1, 3)
    assert rows_of(table)[4] == BODY[3]


def test_caption_between_tables_keeps_them_apart(tmp_path: Path) -> None:
    def draw(pen: Pen) -> None:
        edges = pen.table(THREE, BODY, 100)
        pen.text(60, edges[-1] + 14, "Table 2. Offers by year")
        pen.table(THREE, BODY, edges[-1] + 20)

    tables = page_tables(make_page(tmp_path, draw))
    assert [rows_of(t) for t in tables] == [BODY, BODY]


def test_caption_set_with_a_tab_opens_no_table(tmp_path: Path) -> None:
    """A caption whose number is set off by a tab has two chunks, like a row: it is
    still the caption, never the table's first line."""

    def draw(pen: Pen) -> None:
        pen.text(60, 100, "Tab.")
        pen.text(90, 100, "1.2a Grants awarded to organisations in 2025")
        pen.table(THREE, BODY, 106)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert rows_of(table) == BODY


def test_category_printed_once_spans_its_rows(tmp_path: Path) -> None:
    cols = [Col(60, 120), Col(180, 160), Col(340, 90, "right")]
    rows = [
        ["Area", "Organisation", "Grant"],
        ["Culture", "Choir of the Valley", "1 200,00"],
        ["", "Folk Dance Group", "2 500,00"],
        ["", "Friends of Music", "900,00"],
        ["Sport", "Table Tennis Club", "3 000,00"],
        ["", "Cycling Club", "1 100,00"],
    ]
    page = make_page(tmp_path, lambda pen: pen.table(cols, rows, 100))
    (table,) = page_tables(page)
    assert span_of(table, "Culture") == (3, 1)
    assert span_of(table, "Sport") == (2, 1)


@pytest.mark.parametrize("every_row", [False, True], ids=["booktabs", "rule_per_row"])
def test_horizontal_rules_only(tmp_path: Path, every_row: bool) -> None:
    rows = [*BODY[:2], ["Offers submitted by associations\nand foundations", "40", "38"], *BODY[3:]]

    def draw(pen: Pen) -> None:
        edges = pen.table(THREE, rows, 100)
        for k, y in enumerate(edges):
            if every_row or k in (0, 1, len(edges) - 1):
                pen.hline(60, 460, y)

    page = make_page(tmp_path, draw)
    assert find_tables(page) == []
    (table,) = page_tables(page)
    assert rows_of(table)[2] == ["Offers submitted by associations and foundations", "40", "38"]
    assert table.n_rows == len(rows)


def test_frame_only_table(tmp_path: Path) -> None:
    def draw(pen: Pen) -> None:
        edges = pen.table(THREE, BODY, 100)
        pen.rect(60, edges[0], 400, edges[-1] - edges[0])
        pen.hline(60, 460, edges[1])

    (table,) = page_tables(make_page(tmp_path, draw))
    assert rows_of(table) == BODY


@pytest.mark.parametrize("per_cell", [False, True], ids=["row_fill", "cell_fill"])
def test_zebra_table(tmp_path: Path, per_cell: bool) -> None:
    def draw(pen: Pen) -> None:
        edges = [100.0 + k * (LEAD + 2 * PAD) for k in range(len(BODY) + 1)]
        for k in range(0, len(BODY), 2):
            top, h = edges[k], edges[k + 1] - edges[k]
            if per_cell:
                for col in THREE:
                    pen.rect(col.x, top, col.w, h, fill=True)
            else:
                pen.rect(60, top, 400, h, fill=True)
        pen.table(THREE, BODY, 100)

    (table,) = page_tables(make_page(tmp_path, draw))
    assert not table.ruled
    assert rows_of(table) == BODY


def test_zebra_table_whose_white_row_wraps_its_label(tmp_path: Path) -> None:
    """Cells filled one by one: the header and its column numbers make a lattice of two
    rows, each grey body row one of its own; the white row between them wraps its label,
    so one of its lines prints in one column only.  Still one table."""
    rows = [
        ["Item", "2022", "2023"], ["1", "2", "3"],
        ["Grants awarded\nto organisations", "12", "15"], ["Offers submitted", "40", "38"],
        ["Contracts signed", "11", "14"], ["Total", "63", "67"],
    ]  # fmt: skip

    def draw(pen: Pen) -> None:
        edges = [100.0]
        for row in rows:
            edges.append(edges[-1] + max(len(t.split("\n")) for t in row) * LEAD + 2 * PAD)
        for k in (0, 1, 3, 5):
            for col in THREE:
                pen.rect(col.x, edges[k], col.w, edges[k + 1] - edges[k], fill=True)
        pen.table(THREE, rows, 100)

    tables = page_tables(make_page(tmp_path, draw))
    assert [r for t in tables for r in rows_of(t)] == [
        [text.replace("\n", " ") for text in row] for row in rows
    ]
    assert len(tables) == 1


def test_fully_ruled_table_is_read_by_lattice_unchanged(tmp_path: Path) -> None:
    def draw(pen: Pen) -> None:
        edges = pen.table(THREE, BODY, 100)
        for y in edges:
            pen.hline(60, 460, y)
        for x in (60, 280, 370, 460):
            pen.c.line(x, HEIGHT - edges[0], x, HEIGHT - edges[-1])

    page = make_page(tmp_path, draw)
    assert page_tables(page) == find_tables(page)
    (table,) = page_tables(page)
    assert table.ruled and rows_of(table) == BODY


def test_columns_under_a_ruled_header_come_from_the_body() -> None:
    """A scanned header over right-aligned counts: "Liczba" centred over "ofert" and
    "zawartych umów", "umów" centred over its column, whose values stand right.  Taken
    with the body the header words put a gutter between "umów" and its own values; the
    body alone places it between the two columns, and the header takes those."""
    from extractor.read.pdf import Segment

    def at(text: str, x0: float, x1: float, base: float) -> list[Char]:
        step = (x1 - x0) / len(text)
        return [Char(ch, x0 + k * step, x0 + (k + 1) * step, base - 7, base, base, 10, 90.0)
                for k, ch in enumerate(text)]  # fmt: skip

    chars = at("Liczba", 535, 566, 62) + at("Wysokość", 651, 733, 62)
    chars += at("L.p.", 53, 70, 77) + at("Zadanie", 228, 300, 77) + at("zawartych", 541, 589, 79)
    chars += at("ofert", 512, 535, 85) + at("umów", 551, 579, 85) + at("przyznane", 603, 651, 85)
    chars += at("wykorzystane", 666, 730, 85) + at("zwrócone", 740, 785, 85)
    for k in range(6):
        base = 114 + 23 * k
        chars += at(f"{k + 1}.", 58, 66, base) + at("Zadanie gminy " + "abcdef"[k], 78, 160, base)
        chars += at(str(k + 3), 530, 535, base) + at(str(k + 1), 584, 589, base)  # two counts
        chars += at("36100,00", 607, 660, base) + at("35999,47", 678, 730, base)
        chars += at("100,53", 750, 789, base)
    rule = Segment(orientation="h", x0=49, x1=793, top=97, bottom=97)
    page = PageContent(number=1, width=842, height=595, chars=tuple(chars), segments=(rule,),
                       source="ocr")  # fmt: skip
    [table] = page_tables(page)
    columns = {
        "".join(ch.text for ch in cell.chars): cell.col for cell in table.cells if cell.chars
    }
    texts = [("".join(ch.text for ch in c.chars), c) for c in table.cells if c.row > 1]
    counts = {c.col for text, c in texts if text.isdigit() and c.col > 0}
    assert len(counts) == 2
    assert columns["ofert"] in counts and columns["zawartychumów"] in counts


def test_a_header_boxed_between_two_rules_joins_its_table() -> None:
    """A two-column table with its header between a top rule and a rule under it, over
    rows with wrapped labels: the lines between the two rules are its header (they were
    looked for only between the nearest rule and the first row, where there are none)."""
    from extractor.read.pdf import Segment

    def at(text: str, x0: float, x1: float, base: float, size: float = 10.5) -> list[Char]:
        """The text set from x0 to x1, a blank half as wide as a letter."""
        widths = [1.0 if ch == " " else 2.0 for ch in text]
        unit, out, x = (x1 - x0) / sum(widths), [], x0
        for ch, width in zip(text, widths, strict=True):
            out.append(Char(ch, x, x + width * unit, base - 7, base, base, size, 90.0))
            x += width * unit
        return out

    chars = at("Liczba", 256, 285, 591, 9) + at("Obszar", 148, 180, 596)
    chars += at("ofert", 260, 281, 602, 9)
    base = 619.0
    rows = [("Wspieranie kultury", "fizycznej", "64"), ("Ratownictwo", "", "28"),
            ("Działalność na rzecz", "seniorów", "32"), ("Razem", "", "133")]  # fmt: skip
    for label, more, n in rows:
        chars += at(label, 78, 78 + 6 * len(label), base) + at(n, 285 - 5 * len(n), 285, base)
        if more:
            chars += at(more, 78, 78 + 6 * len(more), base + 11.3)
        base += 28.5 if more else 17.5
    rules = tuple(Segment(orientation="h", x0=75, x1=288, top=y, bottom=y) for y in (580, 608, 735))
    page = PageContent(number=1, width=595, height=842, chars=tuple(chars), segments=rules,
                       source="ocr")  # fmt: skip
    [table] = page_tables(page)
    texts = {"".join(ch.text for ch in c.chars) for c in table.cells if c.row == 0}
    assert "Obszar" in texts and any("Liczba" in t and "ofert" in t for t in texts)
