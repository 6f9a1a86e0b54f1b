"""The batch progress bar: files and pages done, failures, time left; then a line
per later stage (writing the outputs, the dataset and checks, the exports)."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # rich is imported for a bar that shows (not with --quiet)
    from rich.progress import Progress, TaskID


class BatchProgress:
    """A rich progress bar over the files of a batch (nothing at all when `quiet`)."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.progress: Progress | None = None if quiet else progress_bar()
        self.pages = 0
        self.failed = 0
        self.task = self.add_task("reading reports", total, "files")

    def __enter__(self) -> BatchProgress:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.progress is not None:
            self.progress.stop()

    def done(self, pages: int, failed: bool) -> None:
        """One more file done (read or found in the cache)."""
        self.pages += pages
        self.failed += int(failed)
        self.advance(self.task, 1)

    def stage(
        self, description: str, total: int | None, unit: str = "files"
    ) -> Callable[[int], None]:
        """A line for a later stage of the run (total None: not known); the function
        returned advances it by so many units."""
        task = self.add_task(description, total, unit)
        return lambda n: self.advance(task, n)

    def add_task(self, description: str, total: int | None, unit: str) -> TaskID:
        if self.progress is None:
            return cast("TaskID", 0)
        return self.progress.add_task(
            description, total=total, unit=unit, pages=self.pages, failed=self.failed
        )

    def advance(self, task: TaskID, n: int) -> None:
        if self.progress is not None:
            self.progress.update(task, advance=n, pages=self.pages, failed=self.failed)


def progress_bar() -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
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
        transient=True,
    )
