"""report: one report's meaning: laid-out pages -> a `ReportResult`.

Takes: a PDF path (read by `read`, laid out by `layout`).
Gives: the report's observations (every number of every indicator table, with
its unit, footnotes and page), footnotes, figures in prose and title block, as
one `ReportResult` with a status and issues (`pipeline.extract`).
Imports: `model`, `read`, `layout` and `text`; pydantic.
"""
