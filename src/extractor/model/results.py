"""Results kept out of memory: a sequence of `ReportResult`s whose infos are in memory
and whose whole results are read (`load`) only when asked for.  The run's cache
(`extractor.batch.result_store`) and an output folder read back
(`extractor.output.folder_results`) both are one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from extractor.model.records import ReportInfo, ReportResult


class LazyResults(Sequence[ReportResult]):
    """Results kept on disk: each `ReportInfo` in memory (`infos`), a whole result read
    (`load`) only when asked for."""

    infos: list[ReportInfo]

    def load(self, i: int) -> ReportResult:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self.infos)

    @overload
    def __getitem__(self, index: int) -> ReportResult: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ReportResult]: ...
    def __getitem__(self, index: int | slice) -> ReportResult | Sequence[ReportResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return self.load(range(len(self))[index])

    def __iter__(self) -> Iterator[ReportResult]:
        return (self[i] for i in range(len(self)))
