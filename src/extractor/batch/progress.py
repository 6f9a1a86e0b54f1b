"""The batch progress bar: files and pages done, failures, time left; then a line
per later stage (writing the outputs, the dataset and checks, the exports)."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class BatchProgress:
    """A rich progress bar over the files of a batch (silent when `quiet`)."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(
                "{task.fields[unit]} · {task.fields[pages]} pages · {task.fields[failed]} failed"
            ),
            TimeElapsedColumn(),
            TextColumn("elapsed ·"),
            TimeRemainingColumn(),
            TextColumn("left"),
            disable=quiet,
            transient=True,
        )
        self.task: TaskID = self.progress.add_task(
            "reading reports", total=total, unit="files", pages=0, failed=0
        )
        self.pages = 0
        self.failed = 0

    def __enter__(self) -> BatchProgress:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def done(self, pages: int, failed: bool) -> None:
        """One more file done (read or found in the cache)."""
        self.pages += pages
        self.failed += int(failed)
        self.progress.update(self.task, advance=1, pages=self.pages, failed=self.failed)

    def stage(
        self, description: str, total: int | None, unit: str = "files"
    ) -> Callable[[int], None]:
        """A line for a later stage of the run (total None: not known); the function
        returned advances it by so many units."""
        task = self.progress.add_task(
            description, total=total, unit=unit, pages=self.pages, failed=self.failed
        )
        return lambda n: self.progress.update(task, advance=n)
