"""Generators of hostile and broken PDFs, made at test time (nothing binary is committed).

`pdf_bytes` is a minimal PDF writer (classic xref table, Helvetica text and
ruled lines), enough to build documents of any shape; the other functions
write one kind of bad input each and return its path.  The `slow_*` and
`crash_*` targets stand in for a pipeline that hangs, crashes or blows up on
a file, to test the isolation of a batch.
"""

from __future__ import annotations

import ctypes
import io
import os
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

from extractor.model.records import ReportResult
from extractor.report.pipeline import extract_safely, failed_result

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "input_pdfs" / "kp-2023.pdf"
A4 = (595, 842)


# ------------------------------------------------------------- a tiny writer


def pdf_bytes(objects: Sequence[bytes], root: int = 1) -> bytes:
    """A PDF whose object n (1-based) has the body objects[n-1]."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def document(contents: Sequence[bytes], page_extra: bytes = b"") -> bytes:
    """Pages with the given content streams; font F1 is Helvetica."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >>%s >>" % (*A4, 5 + 2 * i, page_extra)
        )
        objects.append(stream(content))
    return pdf_bytes(objects)


def text(lines: Sequence[str], size: int = 11, top: int = 800, left: float = 50) -> bytes:
    """Text lines (Windows-1252 characters only) from the top of the page down."""
    ops = []
    for i, line in enumerate(lines):
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        y = top - i * (size + 4)
        body = escaped.encode("cp1252")
        ops.append(b"BT /F1 %d Tf %.1f %d Td (%s) Tj ET" % (size, left, y, body))
    return b"\n".join(ops)


def grid(
    rows: Sequence[Sequence[str]], top: int = 700, width: int = 480, height: int = 22
) -> bytes:
    """A ruled table, one text per cell."""
    cols = max(len(r) for r in rows)
    cell_w = width / cols
    ops = [b"0.5 w"]
    for r, row in enumerate(rows):
        y = top - (r + 1) * height
        for c, cell in enumerate(row):
            x = 50 + c * cell_w
            ops.append(b"%.1f %d %.1f %d re S" % (x, y, cell_w, height))
            ops.append(text([cell], size=9, top=y + 7, left=x + 3))
    return b"\n".join(ops)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# ------------------------------------------------------------ the bad inputs


def not_a_pdf(folder: Path) -> Path:
    return write(folder / "notes.pdf", b"Sprawozdanie\njust some text, no PDF at all\n" * 20)


def zero_bytes(folder: Path) -> Path:
    return write(folder / "empty.pdf", b"")


def truncated(folder: Path, fraction: float) -> Path:
    data = GOOD.read_bytes()
    return write(folder / f"cut-{int(fraction * 100):02d}.pdf", data[: int(len(data) * fraction)])


def encrypted(folder: Path, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(GOOD))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    kind = "user" if user_password else "owner-only"
    return write(folder / f"encrypted-{kind}.pdf", buffer.getvalue())


def broken_xref(folder: Path) -> Path:
    """A good report whose xref offsets and startxref all point to the wrong place."""
    data = bytearray(GOOD.read_bytes())
    start = data.rfind(b"startxref")
    data[start:] = b"startxref\n999999999\n%%EOF\n"
    head = data.find(b"xref\n0 ")
    if head > 0:
        data[head : head + 4] = b"xre!"
    return write(folder / "broken-xref.pdf", bytes(data))


def many_pages(folder: Path, pages: int = 2000) -> Path:
    line = "Strona %d. Sprawozdanie z realizacji programu, tekst bez tabel."
    contents = [text([line % (i + 1)]) for i in range(pages)]
    return write(folder / f"pages-{pages}.pdf", document(contents))


def many_objects(folder: Path, count: int = 100_000) -> Path:
    """One page with `count` tiny filled rectangles, each its own path object."""
    ops = [b"%d %d 0.3 0.3 re f" % (20 + (i % 550), 20 + (i // 550) % 800) for i in range(count)]
    content = text(["Strona z bardzo wieloma drobnymi obiektami graficznymi."]) + b"\n"
    return write(folder / "objects.pdf", document([content + b"\n".join(ops)]))


def decompression_bomb(folder: Path, megabytes: int = 1024) -> Path:
    """A content stream of a few hundred KB that inflates to `megabytes` of blanks."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        content + body + b"\nendstream",
    ]
    return write(folder / "bomb.pdf", pdf_bytes(objects))


def deeply_nested(folder: Path, depth: int = 100_000) -> Path:
    """Arrays nested `depth` deep in the page dictionary and in the content stream."""
    nested = b"[" * depth + b"]" * depth
    content = text(["Dokument z gleboko zagniezdzonymi obiektami."]) + b"\n" + nested
    return write(folder / "nested.pdf", document([content], page_extra=b" /Junk " + nested))


def other_kind(folder: Path) -> Path:
    """A text document of another kind: a council resolution, no tables at all."""
    lines = [
        "UCHWALA NR XII/123/2023 RADY MIEJSKIEJ",
        "z dnia 12 maja 2023 r.",
        "w sprawie zmiany budzetu gminy na rok 2023",
        "Na podstawie art. 18 ust. 2 pkt 4 ustawy o samorzadzie gminnym",
        "Rada Miejska uchwala, co nastepuje:",
        "Par. 1. Zwieksza sie dochody budzetu o kwote 125 000,00 zl.",
        "Par. 2. Wykonanie uchwaly powierza sie Burmistrzowi.",
        "Par. 3. Uchwala wchodzi w zycie z dniem podjecia. Wójt Gminy Kraków, ogólnie.",
    ]
    return write(folder / "uchwala.pdf", document([text(lines)]))


def tables_without_indicators(folder: Path) -> Path:
    """A ruled table of names and addresses: a table, but no indicators."""
    rows = [["Nazwa organizacji", "Adres", "Telefon"]]
    rows += [
        [f"Stowarzyszenie Ogólne nr {i}", f"ul. Góralska {i}, Kraków", f"12 345 67 {i:02d}"]
        for i in range(12)
    ]
    content = text(["Wykaz organizacji (stan na 31 grudnia)"], top=730) + b"\n" + grid(rows)
    return write(folder / "wykaz.pdf", document([content]))


def same_file_twice(folder: Path) -> tuple[Path, Path]:
    data = GOOD.read_bytes()
    return write(folder / "a-copy.pdf", data), write(folder / "z-copy.pdf", data)


# ------------------------------------------- stand-ins for a misbehaving pipeline


def misbehaving(path: Path) -> ReportResult:
    """Hangs, crashes or blows up on files named so; reads every other file."""
    if "hang" in path.name:
        time.sleep(3600)
    if "segfault" in path.name:
        ctypes.string_at(0)
    if "exit" in path.name:
        os._exit(3)
    if "balloon" in path.name:
        hog = [bytearray(1 << 20) for _ in range(100_000)]
        return ReportResult.model_validate({"info": {"len": len(hog)}})
    return extract_safely(path)


def formula_report(folder: Path) -> Path:
    """An indicator table whose texts a spreadsheet would run as formulas."""
    rows = [
        ["L.p.", "Wskaznik", "2023 r."],
        ["1.", '=HYPERLINK("http://x")', "12"],
        ["2.", "+SUM(A1:A9) organizacji", "5"],
        ["3.", "@cmd liczba ofert", "-7"],
        ["4.", "-2+3 liczba umow", "=1+1"],
    ]
    title = "Sprawozdanie z realizacji programu wspolpracy Gminy Kraków za rok 2023"
    content = text([title], top=780) + b"\n"
    content += text(["Tab. 1 Wskazniki realizacji programu w 2023 r."], top=730) + b"\n"
    return write(folder / "formulas.pdf", document([content + grid(rows)]))


def report_pid(path: Path) -> ReportResult:
    """A failed result whose message names the process that read the file."""
    if "segfault" in path.name:
        ctypes.string_at(0)
    return failed_result(path, f"pid {os.getpid()}")


def surrogate_text(folder: Path) -> Path:
    """Text beyond the BMP (an emoji), which pdfium hands out as two UTF-16 halves."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Broken def 1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"1 beginbfchar <41> <D83DDE00> endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    rows = [["L.p.", "Wskaznik", "2023 r."], ["1.", "Liczba ofert A", "12"]]
    content = text(["Sprawozdanie z realizacji programu, Kraków."], top=780) + b"\n"
    content += (
        text(["Tab. 1 Wskazniki realizacji programu w 2023 r. A"], top=730) + b"\n" + grid(rows)
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding"
        b" /ToUnicode 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
        b" /Resources << /Font << /F1 3 0 R >> >> >>",
        stream(content),
        stream(cmap),
    ]
    return write(folder / "surrogates.pdf", pdf_bytes(objects))


# ------------------------------------------------- structural extremes (issue 16)


def with_extra_page(folder: Path, name: str, width: float, height: float) -> Path:
    """The good report with one blank page of `width` x `height` points appended (a
    scanned map, an oversized annex page)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(GOOD))
    writer.add_blank_page(width=width, height=height)
    buffer = io.BytesIO()
    writer.write(buffer)
    return write(folder / name, buffer.getvalue())
