"""Scanned reports: OCR gives the same observations as the text-layer twin."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from extractor.model.records import ReportResult

from conftest import FIXTURES, INPUT
from truthcompare import compare, load_truth

SCAN = FIXTURES / "kp-2021-scan.pdf"
TWIN = INPUT / "kp-2021.pdf"


def test_scan_reaches_98_percent_of_cells_exact(extracted: Callable[[Path], ReportResult]) -> None:
    result = extracted(SCAN)
    comparison = compare(result, load_truth("kp-2021-scan"))
    wrong = len(comparison.missing) + len(comparison.wrong_values)
    assert wrong <= 0.02 * comparison.cells, comparison.wrong_values + comparison.missing
    assert comparison.spurious == []
    assert len(comparison.wrong_footnotes) <= 0.02 * comparison.cells
    assert comparison.wrong_texts == []


def test_scan_observations_agree_with_text_twin(extracted: Callable[[Path], ReportResult]) -> None:
    def keyed(result: ReportResult) -> dict[tuple[str, str, str, str], object]:
        return {(o.table_id, o.section, o.row, o.column): o.value for o in result.observations}

    scan, twin = keyed(extracted(SCAN)), keyed(extracted(TWIN))
    assert scan.keys() == twin.keys()
    agree = sum(scan[k] == twin[k] for k in twin)
    assert agree >= 0.98 * len(twin)


def test_scan_observations_say_they_were_read_by_ocr(
    extracted: Callable[[Path], ReportResult],
) -> None:
    result = extracted(SCAN)
    assert {o.source for o in result.observations} == {"ocr"}
    assert all(0 <= o.confidence <= 1 for o in result.observations)
    assert all(o.source == "text" and o.confidence == 1 for o in extracted(TWIN).observations)


def test_low_confidence_cell_is_an_issue(extracted: Callable[[Path], ReportResult]) -> None:
    result = extracted(SCAN)
    low = [o for o in result.observations if o.confidence < 0.6]
    issues = [i for i in result.info.issues if "low OCR confidence" in i.message]
    assert len(issues) >= len({(o.table_id, o.row, o.column) for o in low}) > 0
    assert all(i.page for i in issues)


def scan_copy(target: Path, turns: Sequence[int]) -> Path:
    """The bundled scan's first pages, rendered again, each turned counter-clockwise by
    the given degrees (0: upright), as pages fed into a scanner turned come out."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(SCAN))
    try:
        pages = [doc[i].render(scale=200 / 72, grayscale=True).to_pil() for i in range(len(turns))]
    finally:
        doc.close()
    images = [page.rotate(degrees, expand=True) for page, degrees in zip(pages, turns, strict=True)]
    images[0].save(target, save_all=True, append_images=images[1:], resolution=200)
    return target


def test_pages_scanned_sideways_or_upside_down_read_like_upright_ones(tmp_path: Path) -> None:
    from extractor.report.pipeline import extract

    def observed(path: Path) -> list[tuple[object, ...]]:
        result = extract(path)
        return sorted(  # values and markers (a header's text may differ by a stray glyph)
            (o.page, o.table_id, o.section, o.row, o.period, o.value, o.footnotes)
            for o in result.observations
        )

    upright = observed(scan_copy(tmp_path / "upright.pdf", (0, 0, 0)))
    turned = observed(scan_copy(tmp_path / "turned.pdf", (90, 180, 270)))
    assert len(upright) > 20
    assert turned == upright
