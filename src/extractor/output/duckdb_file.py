"""extractor.duckdb: one table per output table (read from its Parquet file), with the
table's and its columns' comments, written in one transaction into a temporary
folder beside the file and renamed into place when whole.

A `DuckdbFile` can be opened before its tables are known (`open`): a run opens it
while its files are read, so that DuckDB's start (some 15 ms) is not on the way
to the outputs.  This module imports neither DuckDB nor the tables' definitions
until a database is opened: the batch engine imports it before it forks.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

DUCKDB_FILE = "extractor.duckdb"


class DuckdbFile:
    """extractor.duckdb of `out_dir`, being written: `open()` (at once, or when the first
    table is added), `add()` each table, then `close()` to put it in place, or
    `discard()` to leave nothing behind (harmless after `close`)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.folder: Path | None = None
        self.con: Any = None

    def open(self) -> None:
        """A new database in a temporary folder beside the target, a transaction begun (one
        commit: each statement's own would sync the file).  Opened already: nothing."""
        if self.con is not None:
            return
        import duckdb

        self.folder = Path(tempfile.mkdtemp(dir=self.out_dir, prefix=f".{DUCKDB_FILE}."))
        try:
            self.con = duckdb.connect(str(self.folder / DUCKDB_FILE), config=duckdb_config())
            self.con.execute("BEGIN TRANSACTION")
        except BaseException:
            self.discard()
            raise

    def add(self, name: str, parquet: Path) -> None:
        """The table `name` from its Parquet file, and its comments: one call."""
        from extractor.model.tables import TABLES
        from extractor.output.read_tables import file_columns

        self.open()
        spec = TABLES[name]
        source = f"read_parquet({sql_text(str(parquet))})"
        statements = [
            f"CREATE TABLE {sql_name(name)} AS SELECT * FROM {source}",
            f"COMMENT ON TABLE {sql_name(name)} IS {sql_text(spec.title)}",
        ]
        for column in file_columns(self.out_dir, spec):
            target = f"{sql_name(name)}.{sql_name(column.name)}"
            statements.append(f"COMMENT ON COLUMN {target} IS {sql_text(column.description)}")
        self.con.execute(";\n".join(statements))

    def close(self) -> Path:
        """Committed, written whole and renamed into place: its path."""
        self.open()
        assert self.folder is not None
        target = self.out_dir / DUCKDB_FILE
        try:
            self.con.execute("COMMIT")
            self.con.execute("CHECKPOINT")
            self.con.close()
            self.con = None
            os.replace(self.folder / DUCKDB_FILE, target)
        finally:
            self.discard()
        return target

    def discard(self) -> None:
        """Closed, and its temporary folder removed."""
        con, self.con = self.con, None
        try:
            if con is not None:
                con.close()
        finally:
            if self.folder is not None:
                shutil.rmtree(self.folder, ignore_errors=True)
                self.folder = None


def duckdb_config() -> dict[str, str | bool | int | float | list[str]]:
    """DuckDB spills to its file beyond its memory limit: a large archive never fills the RAM."""
    from extractor.output import settings

    memory = settings.OUTPUT.duckdb_memory_limit_mb
    return {"memory_limit": f"{memory}MB", "threads": settings.OUTPUT.duckdb_threads}


def sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
