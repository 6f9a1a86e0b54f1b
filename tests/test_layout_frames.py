"""`layout.frames`: a framed table's top edge parts it from a borderless table above."""

from __future__ import annotations

from extractor.layout.chunks import Chunk, Line
from extractor.layout.frames import bands, frame_tops
from extractor.read.pdf import Segment


def h(x0: float, x1: float, y: float) -> Segment:
    return Segment(orientation="h", x0=x0, x1=x1, top=y, bottom=y)


def v(x: float, top: float, bottom: float) -> Segment:
    return Segment(orientation="v", x0=x, x1=x, top=top, bottom=bottom)


def box(x0: float, x1: float, top: float, bottom: float) -> list[Segment]:
    return [h(x0, x1, top), h(x0, x1, bottom), v(x0, top, bottom), v(x1, top, bottom)]


def test_a_frame_s_top_edge_is_found() -> None:
    assert frame_tops(box(60, 545, 636, 722)) == [(636, 60, 545, 722)]


def test_cells_drawn_box_by_box_and_short_bands_are_no_frames() -> None:
    rows = box(60, 300, 100, 140) + box(300, 545, 100, 140) + box(60, 545, 140, 180)
    assert frame_tops(rows) == []  # boxes meet side by side, or end where the next begin
    assert frame_tops(box(60, 545, 300, 317)) == []  # a filled band of one row


def line(x0: float, x1: float, baseline: float) -> Line:
    chunk = Chunk(x0=x0, x1=x1, top=baseline - 8, bottom=baseline + 2, chars=(), bold=False,
                  size=10)  # fmt: skip
    return Line(chunks=(chunk,), baseline=baseline, size=10, x0=x0, x1=x1, top=chunk.top,
                bottom=chunk.bottom)  # fmt: skip


def test_lines_are_cut_at_a_frame_spanning_the_text_not_at_one_beside_it() -> None:
    lines = [line(60, 545, 600 + 15 * k) for k in range(3)] + [
        line(62, 540, 650 + 15 * k) for k in range(3)
    ]
    assert [len(b) for b in bands(lines, [(636.0, 60.0, 545.0, 700.0)])] == [3, 3]
    beside = [line(60, 290, 600 + 15 * k) for k in range(6)]  # text left of a framed table
    assert [len(b) for b in bands(beside, [(636.0, 317.0, 542.0, 700.0)])] == [6]


def test_lines_are_cut_at_a_narrow_frame_with_no_text_beside_it() -> None:
    """A framed table half the width of the table above it: nothing beside the frame,
    so its top edge parts the two."""
    lines = [line(60, 545, 600 + 15 * k) for k in range(3)] + [
        line(62, 290, 650 + 15 * k) for k in range(3)
    ]
    assert [len(b) for b in bands(lines, [(636.0, 60.0, 300.0, 700.0)])] == [3, 3]
