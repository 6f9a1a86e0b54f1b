"""output: results, dataset and findings -> files; and files back to data.

Takes: `ReportResult`s, dataset rows, findings; an output folder.
Gives: the result, dataset and check files (CSV, JSON, checks.md), written
atomically and deterministically; Parquet, DuckDB, Data Package and Excel CSV
(`exports`); JSON Schemas (`schemas`); an output folder read back as typed
tables (`read_tables`, the pandas API) or as results (`folder_results`); the
HTML report and page overlays.
Imports: `model`, `read`, `layout`, `text`, `report` (the indicator vocabulary) and
`checks`; pyarrow, duckdb, ijson, Pillow, pydantic (pandas when a frame is built).
"""
