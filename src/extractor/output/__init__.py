"""output: results, dataset and findings -> files; and files back to data.

Takes: `ReportResult`s, dataset rows, findings; an output folder.
Gives: the result, dataset and check files (CSV, JSON, checks.md), written
atomically and deterministically; the dataset's wide view (`indicators`,
`wide_view`); Parquet, DuckDB, Data Package, the Excel workbook (`workbook`, its
findings linked by `finding_links`) and Polish-locale CSV (`exports`); JSON Schemas
(`schemas`); an output folder read back as typed
tables (`read_tables`, the pandas API) or as results (`folder_results`); the
HTML report and page overlays.
Imports: `model`, `read`, `layout`, `text`, `report` (the indicator vocabulary) and
`checks`; pyarrow, duckdb, ijson, XlsxWriter, Pillow, pydantic (pandas when a frame is
built).
"""
