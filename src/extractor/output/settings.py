"""Tuning parameters of the output stage, in one validated object (like pdfplumber's
`TableSettings`): how much of a table is held in memory at a time.

`OUTPUT` is read when a file is written, so a caller (or a test) may replace it:
``settings.OUTPUT = settings.OUTPUT.model_copy(update={"parquet_row_group": 7})``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class OutputSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    parquet_row_group: int = Field(default=10_000, gt=0)  # rows per Parquet row group / batch
    duckdb_memory_limit_mb: int = Field(default=64, gt=0)  # DuckDB spills to its file beyond
    duckdb_threads: int = Field(default=1, gt=0)
    sort_run_rows: int = Field(default=20_000, gt=0)  # dataset rows sorted in memory at a time
    index_batch_rows: int = Field(default=10_000, gt=0)  # records indexed at a time (check)
    json_buffer_bytes: int = Field(default=1 << 16, gt=0)  # a JSON table is read so much at a time
    # rows of a workbook sheet (Excel's limit, less the header); more go on to "NAME (2)"
    xlsx_sheet_rows: int = Field(default=1_048_575, gt=0, le=1_048_575)


OUTPUT = OutputSettings()
