"""One file through every stage: PDF -> pages -> tables -> observations.

`extract(path)` is the library entry point; it returns a `ReportResult`
whose `info.status` says ok / partial / failed, with the issues found (page
and message).  Bad input never raises out of `extract_safely`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from extractor.layout.captions import layouts_to_logical_tables
from extractor.layout.page import PageLayout
from extractor.model.errors import InputError
from extractor.model.records import Issue, Observation, ReportInfo, ReportResult, Status
from extractor.read.pdf import document_info, open_document
from extractor.report.figures import extract_figures
from extractor.report.footnote_links import link_footnotes
from extractor.report.footnotes import layouts_to_footnotes
from extractor.report.observations import Context, read_table
from extractor.report.pages import read_layouts
from extractor.report.results import (
    encodable,
    failed_result,
    file_sha256,
    report_id_for,
    transliterated,
)
from extractor.report.title_block import read_title_block

__all__ = [  # the helpers of `extractor.report.results` are given here too
    "encodable", "extract", "extract_safely", "failed_result", "file_sha256", "read_document",
    "report_id_for", "transliterated",
]  # fmt: skip


def read_document(path: Path) -> tuple[list[PageLayout], str, int, list[Issue]]:
    """The layout of every page (OCR where a page has no usable text layer), the PDF
    title and page count, and an issue for each page that could not be read (it is
    skipped, every other page kept: `extractor.report.pages`).  Pages are read and
    laid out one at a time."""
    doc = open_document(path)
    try:
        info = document_info(doc)
        layouts, page_issues = read_layouts(doc, range(1, info.pages + 1))
        return layouts, info.title, info.pages, page_issues
    finally:
        doc.close()


def extract(path: Path) -> ReportResult:
    """Read one report.  Raises `InputError` for files that are no readable PDF."""
    sha = file_sha256(path)
    layouts, pdf_title, n_pages, issues = read_document(path)
    tables = layouts_to_logical_tables(layouts)
    ctx = Context(report_id=report_id_for(path), source_file=path.name, source=ocr_source(layouts))
    observations: list[Observation] = []
    for table in tables:
        table_obs, table_issues = read_table(table, ctx)
        observations.extend(table_obs)
        issues.extend(table_issues)
    notes = layouts_to_footnotes(layouts)
    footnotes, note_issues = link_footnotes(
        notes, observations, tables, layouts, ctx.report_id, path.name
    )
    issues.extend(note_issues)
    info = build_info(path, sha, n_pages, pdf_title, layouts, observations, issues)
    figures = extract_figures(layouts, observations, ctx.report_id, path.name, info.report_year)
    result = ReportResult(
        info=info,
        observations=tuple(observations),
        footnotes=tuple(footnotes),
        figures=tuple(figures),
    )
    return encodable(result)


def ocr_source(layouts: Sequence[PageLayout]) -> str:
    return "ocr" if any(p.source == "ocr" for p in layouts) else "text"


def build_info(
    path: Path,
    sha: str,
    n_pages: int,
    pdf_title: str,
    layouts: Sequence[PageLayout],
    observations: Sequence[Observation],
    issues: list[Issue],
) -> ReportInfo:
    block = read_title_block(layouts, pdf_title)
    if not observations:
        issues.append(Issue(message="no table with numbers found", severity="error"))
    status = Status.partial if any(i.severity != "info" for i in issues) else Status.ok
    if not observations:
        status = Status.failed
    return ReportInfo(
        report_id=report_id_for(path),
        file=path.name,
        sha256=sha,
        pages=n_pages,
        title=block.title,
        issuer=block.issuer,
        programme=block.programme,
        programme_period=block.programme_period,
        report_year=block.report_year,
        baseline_year=baseline_year(observations),
        resolution_number=block.resolution_number,
        resolution_date=block.resolution_date,
        status=status,
        issues=tuple(issues),
    )


def baseline_year(observations: Sequence[Observation]) -> int | None:
    years = [
        int(o.period) for o in observations if o.period and re.search(r"wyjściow", o.column, re.I)
    ]
    return min(years) if years else None


def extract_safely(path: Path) -> ReportResult:
    """Like `extract`, but every failure becomes a failed result with a message."""
    try:
        return extract(path)
    except InputError as exc:
        return failed_result(path, str(exc))
    except OSError as exc:
        return failed_result(path, f"cannot read file: {exc.strerror or exc}")
    except MemoryError:
        return failed_result(path, "out of memory (over the memory limit for one file)")
    except Exception as exc:  # noqa: BLE001 - a bug must not stop a batch
        return failed_result(path, f"internal error ({type(exc).__name__}: {exc})")
