"""`extractor inspect`: a page rendered with tables, cells, captions, markers, OCR words."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from typer.testing import CliRunner

import extractor.cli.inspect_report  # noqa: F401  (registers the commands)
from extractor.cli.main import app
from extractor.output.page_overlay import (
    CAPTION,
    MARKER,
    TABLE,
    inspect_page,
    marker_boxes,
    ocr_words,
)
from extractor.read.pdf import Char

from conftest import FIXTURES, INPUT

runner = CliRunner()


def char(text: str, x0: float, size: float = 10.0, baseline: float = 100.0, **kw: float) -> Char:
    width = 0.5 * size
    return Char(text=text, x0=x0, x1=x0 + width, top=baseline - 0.7 * size, bottom=baseline,
                baseline=baseline, size=size, **kw)  # fmt: skip


def near(pixel: object, colour: tuple[int, int, int], tolerance: int = 60) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def test_overlay_draws_tables_captions_and_markers(tmp_path: Path) -> None:
    out = tmp_path / "p3.png"
    overlay = inspect_page(INPUT / "kp-2023.pdf", 3, out, dpi=72)
    assert overlay.table_labels == ["Tab. 1.2 (6x4)", "Tab. 1.2a (11x4)"]
    assert {table_id for table_id, _ in overlay.captions} >= {"1.2", "1.2a"}
    assert len(overlay.markers) >= 6  # the superscripts 4-9 of Tab. 1.2 and its caption
    doc = pdfium.PdfDocument(str(INPUT / "kp-2023.pdf"))
    width, height = doc[2].get_size()
    doc.close()
    image = Image.open(out).convert("RGB")
    assert abs(image.width - width) <= 1 and image.height > height + 10  # legend band below
    table = overlay.layout.tables[0].bbox
    mid = round((table.top + table.bottom) / 2)
    assert any(near(image.getpixel((round(table.x0) + dx, mid)), TABLE) for dx in (-1, 0, 1))
    x0, top, x1, bottom = overlay.markers[0]
    centre = (round((x0 + x1) / 2), round((top + bottom) / 2))
    assert near(image.getpixel(centre), MARKER, 120)
    _, (cx0, ctop, _, cbottom) = overlay.captions[0]
    assert near(image.getpixel((round(cx0), round((ctop + cbottom) / 2))), CAPTION, 90)


def test_marker_boxes_find_superscripts_and_stars() -> None:
    line = [char(d, 10 + 5 * i) for i, d in enumerate("38,25")]
    sup = char("6", 36, size=6, baseline=96)
    star = [char("1", 100), char("2", 105), char("*", 110)]
    boxes = marker_boxes([*line, sup, *star])
    assert (sup.x0, sup.top, sup.x1, sup.bottom) in boxes
    assert any(b[0] == 110 for b in boxes)
    assert len(boxes) == 2
    assert marker_boxes(line) == []


def test_ocr_words_split_at_spaces_and_line_breaks() -> None:
    chars = [char("A", 10, conf=95), char("b", 15, conf=60), char(" ", 20),
             char("c", 25, conf=90), char("d", 10, baseline=120, conf=80)]  # fmt: skip
    words = ocr_words(chars)
    assert [conf for _, conf in words] == [60, 90, 80]
    assert words[0][0][0] == 10 and words[0][0][2] == 20


def test_cli_inspect_writes_the_default_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["inspect", str(INPUT / "gm-2022.pdf"), "--page", "2", "--dpi", "50"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("gm-2022-p2.png: 1 table(s)")
    assert abs(Image.open(tmp_path / "gm-2022-p2.png").width - 595 * 50 / 72) <= 1


def test_cli_inspect_errors(tmp_path: Path) -> None:
    pdf = str(INPUT / "kp-2021.pdf")
    out = str(tmp_path / "x.png")
    cases = [
        (
            ["inspect", pdf, "--page", "99", "-o", out],
            2,
            "Error: no page 99: the PDF has 6 page(s)",
        ),
        (["inspect", str(tmp_path / "nope.pdf"), "-o", out], 2, "Error: no such file"),
        (["inspect", pdf, "--dpi", "5", "-o", out], 2, "Error: --dpi must be between"),
    ]
    (tmp_path / "fake.pdf").write_text("hello")
    cases.append(
        (["inspect", str(tmp_path / "fake.pdf"), "-o", out], 1, "Error: fake.pdf: not a PDF")
    )
    for args, code, message in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == code, result.output
        assert result.output.startswith(message) and result.output.count("\n") == 1
    assert not (tmp_path / "x.png").exists()


@pytest.mark.slow
def test_scanned_page_shows_ocr_words(tmp_path: Path) -> None:
    overlay = inspect_page(FIXTURES / "kp-2021-scan.pdf", 2, tmp_path / "scan.png", dpi=72)
    assert overlay.page.source == "ocr"
    assert len(overlay.ocr_words) > 100
    assert overlay.table_labels and overlay.layout.tables[0].n_cols == 5
    assert "OCR word(s)" in overlay.summary()
