"""The output formats a run may write (`--format`, `--excel`), named without importing
their writers (pyarrow, DuckDB, XlsxWriter: `extractor.output.exports`)."""

from __future__ import annotations

from extractor.model.errors import UsageError

FORMATS = ("csv", "json", "parquet", "duckdb", "datapackage", "xlsx")
NAMED_ONLY = ("excel-csv",)  # formats that "all" leaves out


def parse_formats(formats: str) -> set[str]:
    """'all' or a comma-separated subset of `FORMATS`, and any of `NAMED_ONLY`."""
    names = {f.strip().lower() for f in formats.split(",") if f.strip()}
    choices = f"{','.join(FORMATS)} or all; {','.join(NAMED_ONLY)}"
    if not names:
        raise UsageError(f"no output format given (use {choices})")
    unknown = sorted(names - {*FORMATS, *NAMED_ONLY, "all"})
    if unknown:
        raise UsageError(f"unknown format '{unknown[0]}' (use {choices})")
    return (names - {"all"}) | set(FORMATS) if "all" in names else names


def chosen_formats(formats: str, excel: bool = False) -> set[str]:
    """The formats of a run: `formats` parsed, and the workbook with `excel`."""
    return parse_formats(formats) | ({"xlsx"} if excel else set())
