"""layout: pages -> tables, text lines and captions, with no domain meaning.

Takes: `PageContent` pages from `read`.
Gives: `PageLayout`s (tables of cells with text and footnote markers, text lines
outside them, page furniture removed) and logical tables (captioned, continued
across pages) (`page`, `captions`); their JSON for `extractor tables`.
Imports: `model` and `read`; pdfplumber's table functions, pydantic.
"""
