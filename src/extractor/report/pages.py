"""Page-level isolation: a page that cannot be read, rendered, OCRed or laid out costs
that page alone.

`read_layouts(doc, pages)` lays out the pages of an open document, one page at a time
as before, but reads each page on its own (`extractor.read.document.iter_contents`
for that one page): whatever a page raises (a damaged page object, a render or
Tesseract error, a page over the memory limit, a bug in a stage) becomes an
error-level `Issue` on that page, the page is laid out as a blank page of the
same place in the document (so no table is continued across it), and every other
page is kept.  A report with such an issue is `partial`.

A page whose layout raises is found when `pages_to_layouts` fails right after
taking it (layout works page by page); the document is then laid out again with
that page blank, at most `MAX_LAYOUT_RETRIES` times (a bug that hits every page
fails the file, as before).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from extractor.layout.page import PageLayout, pages_to_layouts
from extractor.model.errors import ExtractorError
from extractor.model.records import Issue
from extractor.read.document import iter_contents
from extractor.read.pdf import PageContent

MAX_LAYOUT_RETRIES = 5
A4 = (595.0, 842.0)  # the size of a blank stand-in when no page before it gives one


def page_issue(number: int, exc: BaseException) -> Issue:
    """What went wrong on a page, in one line."""
    if isinstance(exc, MemoryError):
        reason = "over the memory limit"
    elif isinstance(exc, ExtractorError):
        reason = str(exc)
    else:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    reason = " ".join(reason.split())[:300]
    return Issue(page=number, message=f"page {number} skipped: {reason}", severity="error")


class PageFeed:
    """The given pages of `doc` (1-based numbers) as `PageContent`, each read on its own:
    a page that raises is recorded in `issues` and given as a blank page, as are the
    pages already in `issues` (their layout failed before)."""

    def __init__(self, doc: Any, pages: Sequence[int], issues: dict[int, Issue]) -> None:
        self.doc, self.pages, self.issues = doc, pages, issues
        self.current = 0  # the page last handed out
        self.exhausted = False  # every page handed out, and the next one asked for
        self.size = A4

    def __iter__(self) -> Iterator[PageContent]:
        for number in self.pages:
            self.current = number
            yield self.read(number)
        self.exhausted = True

    def read(self, number: int) -> PageContent:
        if number not in self.issues:
            try:
                content = next(iter_contents(self.doc, [number]))
            except Exception as exc:  # noqa: BLE001 - whatever a page raises costs that page only
                self.issues[number] = page_issue(number, exc)
            else:
                self.size = (content.width, content.height)
                return content
        return blank_page(number, self.size)


def blank_page(number: int, size: tuple[float, float]) -> PageContent:
    return PageContent(number=number, width=size[0], height=size[1], chars=(), segments=())


def read_layouts(doc: Any, pages: Sequence[int]) -> tuple[list[PageLayout], list[Issue]]:
    """The layout of each of the given pages (1-based numbers), and an issue for each page
    skipped."""
    issues: dict[int, Issue] = {}
    for _ in range(MAX_LAYOUT_RETRIES + 1):
        feed = PageFeed(doc, pages, issues)
        try:
            layouts = pages_to_layouts(feed)
        except Exception as exc:
            page = feed.current
            if feed.exhausted or not page or page in issues:
                raise  # not a page's own layout (before the first, after the last page)
            issues[page] = page_issue(page, exc)
            continue
        return layouts, [issues[n] for n in sorted(issues)]
    raise RuntimeError(f"layout failed on more than {MAX_LAYOUT_RETRIES} pages")
